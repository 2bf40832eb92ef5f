"""Small-count suppression: a table of counts of people made safe to publish.

A table is a grid of counts, optionally with a total per row (a total column) and a total per
column (a total row, with the grand total in its corner). Every cell below the threshold but
above zero, totals included, is shown only as "fewer than N" (SMALL); a zero is shown, since
it singles nobody out (so a reader knows a small cell is between 1 and N-1). A reader who knows the totals could
still work a small cell out by subtraction, so more cells are withheld (WITHHELD, "secondary
suppression") until every small cell could take at least two values consistent with
everything published.

Why that holds: think of the totals as cells too, with their sign flipped (b = -a for a row or
column total, +a for the grand total): then every row and column of the grid sums to zero. A
"move" adds +1/-1 at the four corners of a rectangle of that grid (or +1/-1 at two cells of a
row when only row totals are published, and so on); it keeps every published sum. If a move
touches only hidden cells and keeps each within what a reader knows of it (a small cell is in
[1, N-1], a withheld one is at least N, since smaller ones are shown as small), the table after
the move is as consistent with the page as the real one, and the small cell has another value.

A reader who also sees another table sharing these totals learns nothing more: each table is
safe even when all its totals are known exactly (tests/dashboard/test_suppression.py checks
this against a brute-force search).

Pure Python, no Django: values in, cells out.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # below the threshold: "fewer than N"
    WITHHELD = "withheld"  # not small, withheld so that a small one cannot be worked out


@dataclass(frozen=True)
class Cell:
    value: int | None  # None unless SHOWN
    state: State

    @property
    def shown(self) -> bool:
        return self.state is State.SHOWN


@dataclass(frozen=True)
class SafeTable:
    """The table as published. Totals asked for may be missing (None) when no withholding
    could protect a small count from them."""

    cells: list[list[Cell]]
    row_totals: list[Cell] | None  # the total column, when totals per row are published
    column_totals: list[Cell] | None  # the total row, when totals per column are published
    total: Cell | None  # the grand total, when either kind of total is published


Position = tuple[int, int]


@dataclass
class _Grid:
    """The table with its totals as one grid; the last row/column are the totals."""

    values: list[list[int]]
    total_row: bool
    total_column: bool

    @property
    def rows(self) -> int:
        return len(self.values)

    @property
    def columns(self) -> int:
        return len(self.values[0])

    def sign(self, position: Position) -> int:
        row, column = position
        flips = (self.total_row and row == self.rows - 1) + (
            self.total_column and column == self.columns - 1
        )
        return -1 if flips == 1 else 1

    def moves(self, position: Position) -> Iterator[dict[Position, int]]:
        """Every move through `position`, as the change of each cell it touches (in counts)."""
        row, column = position
        other_rows = [r for r in range(self.rows) if r != row]
        other_columns = [c for c in range(self.columns) if c != column]
        if self.total_row and self.total_column:
            shapes = [
                {position: 1, (row, c): -1, (r, column): -1, (r, c): 1}
                for r in other_rows
                for c in other_columns
            ]
        elif self.total_column:  # rows sum to zero
            shapes = [{position: 1, (row, c): -1} for c in other_columns]
        elif self.total_row:  # columns sum to zero
            shapes = [{position: 1, (r, column): -1} for r in other_rows]
        else:
            shapes = [{position: 1}]
        for shape in shapes:
            yield {cell: step * self.sign(cell) for cell, step in shape.items()}


def suppress(
    values: Sequence[Sequence[int]],
    threshold: int,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
) -> SafeTable:
    """The table as it may be published. `values` is a non-empty rectangle of counts; a
    threshold below 2 publishes everything, and 2 counts as 3 (with zeros shown, "fewer than
    2" could only be 1)."""
    grid = _grid(values, row_totals, column_totals)
    if threshold < 2:
        return _table(grid, set(), set())
    threshold = max(threshold, 3)
    positions = [(r, c) for r in range(grid.rows) for c in range(grid.columns)]
    small = {p for p in positions if 0 < grid.values[p[0]][p[1]] < threshold}
    withheld: set[Position] = set()
    for position in sorted(small):
        if not _safe(grid, position, small, withheld, threshold):
            withheld |= _cheapest_cover(grid, position, small, withheld, threshold)
    if all(_safe(grid, position, small, withheld, threshold) for position in small):
        return _table(grid, small, withheld)
    # Some small count is pinned by the totals whatever is withheld (a column of 1 and 1 whose
    # total is 2, both small): publish no totals at all. Each small cell alone can then be any
    # of 1..N-1 (N is at least 3).
    return suppress(values, threshold, row_totals=False, column_totals=False)


def _grid(values: Sequence[Sequence[int]], row_totals: bool, column_totals: bool) -> _Grid:
    rows = [list(row) for row in values]
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("A table is a non-empty rectangle of counts.")
    if any(value < 0 for row in rows for value in row):
        raise ValueError("Counts are not negative.")
    if row_totals:
        rows = [[*row, sum(row)] for row in rows]
    if column_totals:
        rows.append([sum(column) for column in zip(*rows, strict=True)])
    return _Grid(rows, total_row=column_totals, total_column=row_totals)


def _within(value: int, is_small: bool, threshold: int) -> bool:
    """Whether a reader would believe a hidden cell could hold `value`."""
    return 0 < value < threshold if is_small else value >= threshold


def _feasible(grid: _Grid, move: dict, small: set, threshold: int) -> bool:
    """The move, one way or the other, keeps every cell it touches believable."""
    for direction in (1, -1):
        if all(
            _within(grid.values[r][c] + direction * step, (r, c) in small, threshold)
            for (r, c), step in move.items()
        ):
            return True
    return False


def _safe(grid: _Grid, position: Position, small: set, withheld: set, threshold: int) -> bool:
    hidden = small | withheld
    return any(
        move.keys() <= hidden and _feasible(grid, move, small, threshold)
        for move in grid.moves(position)
    )


def _cheapest_cover(
    grid: _Grid, position: Position, small: set, withheld: set, threshold: int
) -> set[Position]:
    """The cells to withhold so that some move makes `position` safe, as few people as
    possible; none if no move can."""
    hidden = small | withheld
    best: tuple[int, int, set] | None = None
    for move in grid.moves(position):
        extra = {p for p in move if p not in hidden}
        if not _feasible(grid, move, small, threshold):
            continue
        cost = (sum(grid.values[r][c] for r, c in extra), len(extra))
        if best is None or cost < best[:2]:
            best = (*cost, extra)
    return best[2] if best else set()


def _table(grid: _Grid, small: set, withheld: set) -> SafeTable:
    def cell(position: Position) -> Cell:
        if position in small:
            return Cell(None, State.SMALL)
        if position in withheld:
            return Cell(None, State.WITHHELD)
        return Cell(grid.values[position[0]][position[1]], State.SHOWN)

    rows = len(grid.values) - grid.total_row
    columns = len(grid.values[0]) - grid.total_column
    cells = [[cell((r, c)) for c in range(columns)] for r in range(rows)]
    row_totals = [cell((r, columns)) for r in range(rows)] if grid.total_column else None
    column_totals = [cell((rows, c)) for c in range(columns)] if grid.total_row else None
    total = None
    if grid.total_row and grid.total_column:
        total = cell((rows, columns))
    elif grid.total_row or grid.total_column:
        # One kind of totals only: the grand total is their sum, published as a cell of its own
        # only when every one of them is (else it would give away their hidden sum).
        parts = row_totals if grid.total_column else column_totals
        if all(part.shown for part in parts):
            total = Cell(sum(part.value for part in parts), State.SHOWN)
    return SafeTable(cells, row_totals, column_totals, total)
