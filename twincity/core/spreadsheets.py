"""Tables written as CSV or as an Excel workbook, safe to open in a spreadsheet.

Text that people typed (a name, a product list, an event's own question in a header) may start
like a formula; a spreadsheet would run it (OWASP "CSV injection"). The CSV writer puts a quote
before such text, in titles, headers and rows alike; the Excel writer stores every text as text.
Numbers stay numbers.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpResponse
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Value = int | float | str | None

# A spreadsheet takes a text that starts with one of these for a formula (a tab or a carriage
# return before one is skipped by some of them, so those count too: OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The CSV writers put a quote before those, and before a quote, so an import can take it away.
ESCAPED_STARTS = (*FORMULA_STARTS, "'")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Value]]


def escape_formula(row: Iterable[Value]) -> list[Value]:
    """Quote text a spreadsheet would run as a formula (a telephone "+86-..." among them)."""
    return [
        f"'{value}" if isinstance(value, str) and value.startswith(ESCAPED_STARTS) else value
        for value in row
    ]


def as_csv(tables: list[Table]) -> bytes:
    """One file; several tables stand one after another, each under its title, a blank line
    apart. UTF-8 with a byte order mark, so that Excel opens Chinese names correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    titled = len(tables) > 1
    for number, table in enumerate(tables):
        if number:
            writer.writerow([])
        if titled:
            writer.writerow(escape_formula([table.title]))
        writer.writerow(escape_formula(table.header))
        for row in table.rows:
            writer.writerow(escape_formula("" if value is None else value for value in row))
    return out.getvalue().encode("utf-8-sig")


def download(tables: list[Table], kind: str, name: str) -> "HttpResponse":
    """The tables as an attachment, `kind` "csv" or "xlsx", named `<name>-<today>.<kind>`."""
    from django.http import HttpResponse
    from django.utils import timezone

    write = as_xlsx if kind == "xlsx" else as_csv
    response = HttpResponse(write(tables), content_type=CONTENT_TYPES[kind])
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_xlsx(tables: list[Table]) -> bytes:
    """One worksheet per table, named by its title, the header in bold and kept in view."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(table.title))
        sheet.freeze_panes = "A2"
        sheet.append([header_cell(sheet, heading) for heading in table.header])
        for row in table.rows:
            sheet.append([value_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def value_cell(sheet: "WriteOnlyWorksheet", value: Value):
    return text_cell(sheet, value) if isinstance(value, str) else value


def header_cell(sheet: "WriteOnlyWorksheet", heading: str) -> "WriteOnlyCell | None":
    from openpyxl.styles import Font

    cell = text_cell(sheet, heading)
    if cell is not None:
        cell.font = Font(bold=True)
    return cell


def text_cell(sheet: "WriteOnlyWorksheet", value: str) -> "WriteOnlyCell | None":
    """A cell that holds text as text: "=..." is no formula, a credit code no number."""
    from openpyxl.cell import WriteOnlyCell

    if not value:
        return None  # an empty cell rather than an empty text
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return "".join(" " if char in "[]:*?/\\" else char for char in title)[:31]
