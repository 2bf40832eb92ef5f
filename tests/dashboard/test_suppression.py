"""Small-count suppression: no count below the threshold can be worked out from what is
published, totals included. Checked against an independent brute-force search: every table
consistent with the published cells, markers and totals is enumerated, and each small cell must
take at least two values among them."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twincity.dashboard.suppression import State, suppress

T = 3  # small enough for the brute force to be quick; the page uses 5


def show(table) -> list[list]:
    def text(cell):
        return cell.value if cell.shown else cell.state.value

    rows = [[text(cell) for cell in row] for row in table.cells]
    if table.row_totals is not None:
        rows = [[*row, text(total)] for row, total in zip(rows, table.row_totals, strict=True)]
    if table.column_totals is not None:
        bottom = [text(cell) for cell in table.column_totals]
        if table.row_totals is not None:
            bottom.append(text(table.total))
        rows.append(bottom)
    return rows


def believable(value: int, cell, threshold: int) -> bool:
    """What a reader knows of a cell from the page alone."""
    if cell.state is State.SHOWN:
        return value == cell.value
    if cell.state is State.SMALL:
        return 0 < value < threshold
    return value >= threshold


def consistent_tables(table, shape, threshold: int, ceiling: int):
    """Every table of counts (each inner count at most `ceiling`) that would publish the same
    page: same shown values, same markers, and totals that agree."""
    rows, columns = shape
    hidden = [(r, c) for r in range(rows) for c in range(columns) if not table.cells[r][c].shown]
    ranges = []
    for r, c in hidden:
        cell = table.cells[r][c]
        ranges.append(
            range(1, threshold) if cell.state is State.SMALL else range(threshold, ceiling + 1)
        )
    for guess in itertools.product(*ranges):
        values = [[cell.value for cell in row] for row in table.cells]
        for (r, c), value in zip(hidden, guess, strict=True):
            values[r][c] = value
        if agrees(values, table, threshold):
            yield values


def agrees(values, table, threshold: int) -> bool:
    if table.row_totals is not None:
        for row, total in zip(values, table.row_totals, strict=True):
            if not believable(sum(row), total, threshold):
                return False
    if table.column_totals is not None:
        for column, total in zip(zip(*values, strict=True), table.column_totals, strict=True):
            if not believable(sum(column), total, threshold):
                return False
    return table.total is None or believable(sum(map(sum, values)), table.total, threshold)


def assert_nothing_small_recoverable(values, table, threshold, ceiling):
    rows, columns = len(values), len(values[0])
    candidates = list(consistent_tables(table, (rows, columns), threshold, ceiling))
    assert values in candidates
    small = [
        (r, c)
        for r in range(rows)
        for c in range(columns)
        if table.cells[r][c].state is State.SMALL
    ]
    for r, c in small:
        found = {candidate[r][c] for candidate in candidates}
        assert len(found) >= 2, f"cell {(r, c)} can only be {found}: {show(table)}"
    # The totals too: a small total must not be worked out from the cells.
    for r in range(rows):
        if table.row_totals is not None and table.row_totals[r].state is State.SMALL:
            sums = {sum(candidate[r]) for candidate in candidates}
            assert len(sums) >= 2, f"row total {r} can only be {sums}: {show(table)}"
    for c in range(columns):
        if table.column_totals is not None and table.column_totals[c].state is State.SMALL:
            sums = {sum(row[c] for row in candidate) for candidate in candidates}
            assert len(sums) >= 2, f"column total {c} can only be {sums}: {show(table)}"


tables = st.integers(1, 3).flatmap(
    lambda rows: st.integers(1, 3).flatmap(
        lambda columns: st.lists(
            st.lists(st.sampled_from([0, 1, 2, 3, 4, 6, 9]), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=120, deadline=None)
@given(values=tables, row_totals=st.booleans(), column_totals=st.booleans())
def test_no_small_count_can_be_worked_out(values, row_totals, column_totals):
    table = suppress(values, T, row_totals=row_totals, column_totals=column_totals)
    ceiling = max(max(map(max, values)), T) + 1
    assert_nothing_small_recoverable(values, table, T, ceiling)


@settings(max_examples=120, deadline=None)
@given(values=tables, row_totals=st.booleans(), column_totals=st.booleans())
def test_shown_cells_are_true_and_small_ones_are_hidden(values, row_totals, column_totals):
    table = suppress(values, T, row_totals=row_totals, column_totals=column_totals)
    for row, cells in zip(values, table.cells, strict=True):
        for value, cell in zip(row, cells, strict=True):
            if cell.shown:
                assert cell.value == value and (value == 0 or value >= T)
            else:
                assert cell.value is None
                assert (cell.state is State.SMALL) == (0 < value < T)


def test_a_table_without_small_counts_is_published_whole():
    table = suppress([[10, 20], [30, 40]], 5)
    assert show(table) == [[10, 20, 30], [30, 40, 70], [40, 60, 100]]


def test_zeros_are_shown():
    table = suppress([[0, 20], [30, 40]], 5)
    assert table.cells[0][0].value == 0


def test_one_small_cell_takes_three_more_cells_with_it():
    """3 alone in its row and column would be the row total minus 17: a rectangle of cells is
    withheld (the cheapest one), so that the totals still add up in more than one way."""
    table = suppress([[3, 17, 20], [11, 12, 30], [40, 50, 60]], 5)
    assert show(table) == [
        ["small", "withheld", 20, 40],
        ["withheld", "withheld", 30, 53],
        [40, 50, 60, 150],
        [54, 79, 110, 243],
    ]


def test_a_small_total_is_suppressed_like_a_cell():
    table = suppress([[1, 2], [30, 40]], 5)
    assert table.row_totals[0].state is State.SMALL
    assert_nothing_small_recoverable([[1, 2], [30, 40]], table, 5, 50)


def test_without_totals_only_small_cells_are_hidden():
    table = suppress([[1, 20], [30, 4]], 5, row_totals=False, column_totals=False)
    assert show(table) == [["small", 20], [30, "small"]]
    assert table.total is None


def test_a_threshold_below_two_publishes_everything():
    assert show(suppress([[1, 0]], 0, column_totals=False)) == [[1, 0, 1]]


def test_a_ragged_table_is_refused():
    with pytest.raises(ValueError):
        suppress([[1, 2], [3]], 5)
