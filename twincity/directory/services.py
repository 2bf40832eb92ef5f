"""Bulk import and export of organisations, as CSV or Excel (.xlsx).

Each format has a reader that turns the file into numbered rows of text; one validator checks
every row, and nothing is saved until no row has a problem. Exports write the import's columns,
so an exported file imports again unchanged.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twincity.core.spreadsheets import ESCAPED_STARTS, escape_formula, text_cell

from .models import Organisation

COLUMNS = (
    "name_en",
    "name_zh",
    "kind",
    "city",
    "district",
    "industry",
    "website",
    "contact_email",
    "contact_phone",
    "credit_code",
)
MAX_ROWS = 20_000
# Columns an import reads at most: the known ones and room for notes staff keep beside them.
MAX_COLUMNS = 50
CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
# Every .xlsx file is a zip archive, and every zip archive starts with these bytes.
ZIP_MAGIC = b"PK\x03\x04"
# What the parts of an .xlsx file may add up to once unpacked; a 5 MB upload of real data
# unpacks to well under this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
EMPTY_FILE = gettext_lazy("The file is empty: its first row must name the columns.")
UNREADABLE_WORKBOOK = gettext_lazy(
    "This file could not be read as an Excel workbook (.xlsx); it may be damaged."
)


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet numbers it: the header is row 1; 0 for the file as a whole
    column: str
    message: str


@dataclass(frozen=True)
class SheetRow:
    number: int  # as a spreadsheet numbers it, blank rows counted
    values: dict[str, str]


class ImportRejected(Exception):
    """The file was not imported; `problems` says why, row by row."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def file_rejected(message: str, row: int = 0) -> ImportRejected:
    """A problem with the file as a whole (row 0) or with its header (row 1)."""
    return ImportRejected([RowProblem(row, "", str(message))])


def format_of(filename: str, data: bytes) -> str:
    """CSV or XLSX, from the file's name, checked against its content; raises ImportRejected."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    is_zip = data.startswith(ZIP_MAGIC)
    if extension == XLSX and not is_zip:
        raise file_rejected(
            _(
                "This file is named .xlsx but is not an Excel workbook. An old .xls file must be saved as .xlsx first."
            )
        )
    if extension == CSV and is_zip:
        raise file_rejected(
            _("This file is named .csv but holds an Excel workbook: rename it to .xlsx.")
        )
    if extension not in FORMATS:
        raise file_rejected(_("Choose a .csv or an .xlsx file."))
    return extension


def import_organisations(data: bytes, file_format: str = CSV) -> int:
    """Import a CSV or .xlsx file of organisations; returns how many were added, or raises
    ImportRejected listing every problem (and then nothing was saved)."""
    if not data:
        raise file_rejected(EMPTY_FILE)
    rows = read_xlsx(data) if file_format == XLSX else read_csv(data)
    organisations, problems = check_rows(rows)
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        Organisation.objects.bulk_create(organisations)
    return len(organisations)


def read_csv(data: bytes) -> list[SheetRow]:
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError as error:
        raise file_rejected(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from error
    # csv.reader (not DictReader) yields blank lines too, so row numbers match the spreadsheet's.
    records = csv.reader(io.StringIO(text))
    header = next(records, [])
    return table_rows(header, (unescape_formula(record) for record in records))


def read_xlsx(data: bytes) -> list[SheetRow]:
    """The first sheet of a workbook; formulas give the values Excel last computed."""
    from openpyxl import load_workbook

    check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # read every row, whatever size the file claims
            records = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            header = [cell_text(value) for value in next(records, ())]
            return table_rows(header, ([cell_text(value) for value in row] for row in records))
        finally:
            workbook.close()
    except ImportRejected:
        raise
    # A damaged or foreign file fails deep inside openpyxl (zip, XML, styles...) in ways too
    # many to list; all of them mean the same to the person who sent it.
    except Exception as error:
        raise file_rejected(UNREADABLE_WORKBOOK) from error


def check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook that would fill the memory once unpacked (a "zip bomb"): openpyxl
    holds all of a workbook's text in memory while it reads."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise file_rejected(UNREADABLE_WORKBOOK) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise file_rejected(
            _("This workbook is too large once unpacked; split it into several files.")
        )


def cell_text(value: object) -> str:
    """A cell's value as the text a person typed: 12.0 as "12", a date as 2020-05-15."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def table_rows(header: list[str], records: Iterable[list[str]]) -> list[SheetRow]:
    """Rows 2, 3, ... of a table whose row 1 names the columns; blank rows are left out."""
    if not any(header):
        raise file_rejected(EMPTY_FILE)
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip(), index)  # a repeated column: the first one counts
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        message = _("The first row must name the columns; missing: %(columns)s") % {
            "columns": ", ".join(missing)
        }
        raise file_rejected(message, row=1)
    rows = []
    for number, record in enumerate(records, start=2):
        values = {
            column: record[index].strip() if index < len(record) else ""
            for column, index in positions.items()
            if column in COLUMNS
        }
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise file_rejected(_("At most %(limit)d rows per file.") % {"limit": MAX_ROWS})
        rows.append(SheetRow(number, values))
    return rows


def check_rows(rows: list[SheetRow]) -> tuple[list[Organisation], list[RowProblem]]:
    problems: list[RowProblem] = []
    organisations = []
    seen_codes: dict[str, int] = {}
    existing_codes = set(
        Organisation.objects.exclude(credit_code="").values_list("credit_code", flat=True)
    )
    for row in rows:
        organisation = Organisation(**row.values)
        try:
            organisation.full_clean(validate_constraints=False)
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                problems.extend(RowProblem(row.number, column, message) for message in messages)
        code = row.values["credit_code"]
        if code and code in seen_codes:
            message = _("Same credit code as row %(row)d.") % {"row": seen_codes[code]}
            problems.append(RowProblem(row.number, "credit_code", message))
        elif code and code in existing_codes:
            problems.append(RowProblem(row.number, "credit_code", _("Already in the directory.")))
        seen_codes.setdefault(code, row.number)
        organisations.append(organisation)
    return organisations, problems


def organisation_rows(organisations: Iterable[Organisation] | None = None) -> Iterator[list[str]]:
    """The header, then one row per organisation, in the import's columns."""
    if organisations is None:
        organisations = Organisation.objects.order_by("name_en")
    yield list(COLUMNS)
    for organisation in organisations:
        yield [getattr(organisation, column) for column in COLUMNS]


def export_organisations(organisations: Iterable[Organisation] | None = None) -> str:
    """Organisations (all by default) as CSV text in the import's columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in organisation_rows(organisations):
        writer.writerow(escape_formula(row))
    return buffer.getvalue()


def export_organisations_xlsx(organisations: Iterable[Organisation] | None = None) -> bytes:
    """Organisations (all by default) as an Excel workbook in the import's columns."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Organisations")[:31])  # Excel's limit on names
    for row in organisation_rows(organisations):
        sheet.append([text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unescape_formula(row: list[str]) -> list[str]:
    """Undo `escape_formula`, so that an exported CSV imports unchanged."""
    return [
        value[1:] if value.startswith("'") and value[1:].startswith(ESCAPED_STARTS) else value
        for value in row
    ]
