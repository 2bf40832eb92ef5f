"""Bulk import of organisations: every bad row is reported, and nothing is saved until none is."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


class ImportRejected(Exception):
    """The file was not imported; `problems` says why, row by row."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def read_csv(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError as error:
        raise ImportRejected(
            [RowProblem(0, "", _("The file is not UTF-8 text. Save it as “CSV UTF-8”."))]
        ) from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        message = _("The first row must name the columns; missing: %(columns)s") % {
            "columns": ", ".join(missing)
        }
        raise ImportRejected([RowProblem(1, "", message)])
    rows = [{column: (row.get(column) or "").strip() for column in COLUMNS} for row in reader]
    if len(rows) > MAX_ROWS:
        raise ImportRejected(
            [RowProblem(0, "", _("At most %(limit)d rows per file.") % {"limit": MAX_ROWS})]
        )
    return rows


def check_rows(rows: list[dict[str, str]]) -> tuple[list[Organisation], list[RowProblem]]:
    problems: list[RowProblem] = []
    organisations = []
    seen_codes: dict[str, int] = {}
    existing_codes = set(
        Organisation.objects.exclude(credit_code="").values_list("credit_code", flat=True)
    )
    for number, row in enumerate(rows, start=2):
        organisation = Organisation(**row)
        try:
            organisation.full_clean(validate_constraints=False)
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                problems.extend(RowProblem(number, column, message) for message in messages)
        code = row["credit_code"]
        if code and code in seen_codes:
            message = _("Same credit code as row %(row)d.") % {"row": seen_codes[code]}
            problems.append(RowProblem(number, "credit_code", message))
        elif code and code in existing_codes:
            problems.append(RowProblem(number, "credit_code", _("Already in the directory.")))
        seen_codes.setdefault(code, number)
        organisations.append(organisation)
    return organisations, problems


def import_organisations(data: bytes) -> int:
    """Import a CSV file of organisations; returns how many were added, or raises ImportRejected."""
    organisations, problems = check_rows(read_csv(data))
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        Organisation.objects.bulk_create(organisations)
    return len(organisations)


def export_organisations() -> str:
    """All organisations as CSV text in the import's columns, so an export imports again."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for values in Organisation.objects.order_by("name_en").values(*COLUMNS):
        writer.writerow(values)
    return buffer.getvalue()
