"""The figures as open data: one CSV or JSON file per figure, suppressed exactly as the page.

How a count that is not published appears (documented in each file):
- JSON: {"value": null, "suppressed": true, "reason": "fewer-than-5"} for a small count, or
  "reason": "withheld" for one withheld so that a small count cannot be worked out; a
  published count is {"value": 12, "suppressed": false}.
- CSV: the text "<5" for a small count and "–" for a withheld one, in place of the number.
"""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twincity.core.spreadsheets import Table
from twincity.core.spreadsheets import as_csv as tables_as_csv

from .display import min_count, short_marker
from .figures import LICENCE_NAME, LICENCE_URL, Figure, FigureTable
from .selectors import Window
from .staff import StaffFigures
from .suppression import Cell, State


def licence_line() -> str:
    return _(
        "Licence: %(name)s (%(url)s). Source: Twin City, the portal of the Chengdu–Chongqing "
        "Economic Circle."
    ) % {"name": LICENCE_NAME, "url": LICENCE_URL}


def suppression_line() -> str:
    return _(
        "“<%(count)s”: fewer than %(count)s, not published so that nobody can be singled out; "
        "“–”: withheld so that such a count cannot be worked out from the totals."
    ) % {"count": min_count()}


def cell_json(cell: Cell | None) -> dict | None:
    if cell is None:
        return None
    if cell.shown:
        return {"value": cell.value, "suppressed": False}
    reason = f"fewer-than-{min_count()}" if cell.state is State.SMALL else "withheld"
    return {"value": None, "suppressed": True, "reason": reason}


def table_json(table: FigureTable) -> dict:
    body = []
    for key, label, cells, total in table.body():
        row = {"key": key, "label": label, "cells": [cell_json(cell) for cell in cells]}
        if table.table.row_totals is not None:
            row["total"] = cell_json(total)
        body.append(row)
    data = {
        "key": table.key,
        "title": table.title,
        "unit": table.unit,
        "row_heading": table.row_heading,
        "columns": [{"key": key, "label": label} for key, label in table.columns],
        "rows": body,
        "suppressed_below": min_count() if table.people else None,
    }
    if table.table.column_totals is not None:
        data["column_totals"] = [cell_json(cell) for cell in table.table.column_totals]
    if table.table.total is not None:
        data["total"] = cell_json(table.table.total)
    return data


def as_json(figure: Figure) -> dict:
    return {
        "figure": figure.key,
        "title": figure.title,
        "about": figure.about,
        "language": get_language(),
        "period": {"first_month": f"{figure.window.first:%Y-%m}", "last_month": f"{figure.window.last:%Y-%m}"},
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "source": _("Twin City, the portal of the Chengdu–Chongqing Economic Circle"),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "suppression": {
            "threshold": min_count(),
            "explanation": suppression_line(),
            "marker": {"value": None, "suppressed": True, "reason": f"fewer-than-{min_count()} | withheld"},
        },
        "notes": figure.notes,
        "facts": figure.facts,
        "tables": [table_json(table) for table in figure.tables],
    }  # fmt: skip


def text(cell: Cell | None):
    if cell is None:
        return ""
    return cell.value if cell.shown else short_marker(cell)


def months(window: Window) -> dict[str, str]:
    return {"first": f"{window.first:%Y-%m}", "last": f"{window.last:%Y-%m}"}


def csv_table(table: FigureTable) -> Table:
    header = [table.row_heading, *(label for _key, label in table.columns)]
    if table.table.row_totals is not None:
        header.append(_("Total"))
    rows = []
    for _key, label, cells, total in table.body():
        row = [label, *(text(cell) for cell in cells)]
        if table.table.row_totals is not None:
            row.append(text(total))
        rows.append(row)
    if table.table.column_totals is not None:
        bottom = [_("Total"), *(text(cell) for cell in table.table.column_totals)]
        if table.table.row_totals is not None:
            bottom.append(text(table.table.total))
        rows.append(bottom)
    return Table(
        title=f"{table.title} " + _("(%(unit)s)") % {"unit": table.unit}, header=header, rows=rows
    )


def as_csv(figure: Figure) -> bytes:
    """The licence and how to read the markers first, then each table under its title."""
    period = _("Period: %(first)s to %(last)s.") % months(figure.window)
    preamble = Table(
        title=figure.title,
        header=[licence_line()],
        rows=[[period], [suppression_line()], [figure.about], *([note] for note in figure.notes)],
    )
    return tables_as_csv([preamble, *(csv_table(table) for table in figure.tables)])


def staff_tables(found: StaffFigures) -> list[Table]:
    """The staff page's tables as a spreadsheet: what they cover first, then each table."""
    lines = [
        _("Events and attendance: %(first)s to %(last)s.") % months(found.window_scheduled),
        _("Placements and investment: %(first)s to %(last)s.") % months(found.window_past),
        suppression_line(),
    ]
    preamble = Table(
        title=_("Economic circle in figures, per organisation"),
        header=[_("For staff: not open data.")],
        rows=[[line] for line in lines],
    )
    tables = [preamble, *(csv_table(table) for table in found.tables)]
    if found.amounts:
        tables.append(
            Table(
                title=_("Contract value and funds arrived per office"),
                header=[_("Office"), _("Signed projects"), _("Formal contract value"),
                        _("Funds arrived")],
                rows=[list(row) for row in found.amounts],
            )
        )  # fmt: skip
    return tables
