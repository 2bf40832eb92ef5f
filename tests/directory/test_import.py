"""Bulk import of organisations, from CSV or Excel: every bad row reported, nothing saved until
the file is clean; exports in both formats import again unchanged."""

import pytest
from django.db import IntegrityError, transaction

from tests.directory.conftest import read_workbook, workbook
from twincity.directory import services
from twincity.directory.models import Organisation
from twincity.directory.services import (
    COLUMNS,
    CSV,
    XLSX,
    ImportRejected,
    export_organisations,
    export_organisations_xlsx,
    format_of,
    import_organisations,
)

pytestmark = pytest.mark.django_db

HEADER = (
    "name_en,name_zh,kind,city,district,industry,website,contact_email,contact_phone,credit_code\n"
)
SF = "SF Express (Chengdu),顺丰速运成都公司,enterprise,chengdu,Shuangliu,logistics,,,,914403001922038216\n"
SCHOOL = "Chengdu Polytechnic,成都职业技术学院,school,chengdu,Chenghua,education,https://www.cdp.edu.cn,,,\n"


def rows_of(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.splitlines()]


def directory_as_rows() -> set[tuple]:
    return set(Organisation.objects.values_list(*COLUMNS))


def rejection(data: bytes, file_format: str = CSV) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRejected) as rejected:
        import_organisations(data, file_format)
    return [(p.row, p.column, p.message) for p in rejected.value.problems]


def test_a_clean_file_is_imported_whole():
    before = Organisation.objects.count()
    assert import_organisations((HEADER + SF + SCHOOL).encode()) == 2
    assert Organisation.objects.count() == before + 2
    assert Organisation.objects.filter(name_zh="顺丰速运成都公司", district="Shuangliu").exists()


def test_a_clean_workbook_is_imported_whole():
    before = Organisation.objects.count()
    data = workbook(rows_of(HEADER + SF + SCHOOL))
    assert import_organisations(data, XLSX) == 2
    assert Organisation.objects.count() == before + 2
    assert Organisation.objects.filter(name_zh="顺丰速运成都公司", district="Shuangliu").exists()


@pytest.mark.parametrize(
    ("export", "file_format"),
    [(lambda: export_organisations().encode("utf-8"), CSV), (export_organisations_xlsx, XLSX)],
    ids=["csv", "xlsx"],
)
def test_an_export_imports_again_unchanged(export, file_format):
    import_organisations((HEADER + SF + SCHOOL).encode())
    # Text a spreadsheet would take for a formula or a number must come back as it was.
    Organisation.objects.filter(name_en="Chengdu Polytechnic").update(
        contact_phone="+86-028-00000000", district="=1+1", industry="'=quoted"
    )
    Organisation.objects.filter(name_en="SF Express (Chengdu)").update(industry="0123")
    before = directory_as_rows()
    exported = export()
    Organisation.objects.all().delete()
    assert import_organisations(exported, file_format) == len(before)
    assert directory_as_rows() == before


def test_the_csv_export_quotes_what_a_spreadsheet_would_compute():
    Organisation.objects.create(
        name_en="Plus Ltd", name_zh="加号", kind="school", city="chengdu", contact_phone="+86-1"
    )
    assert ",'+86-1," in export_organisations()


def test_the_excel_export_keeps_text_as_text():
    import_organisations((HEADER + SF).encode())
    Organisation.objects.filter(name_en="SF Express (Chengdu)").update(district="=1+1")
    exported = export_organisations_xlsx(
        Organisation.objects.filter(name_en="SF Express (Chengdu)")
    )
    header, row = read_workbook(exported)
    assert header == list(COLUMNS)
    assert row[COLUMNS.index("credit_code")] == "914403001922038216"  # not 9.14e17
    assert row[COLUMNS.index("district")] == "=1+1"  # not a formula
    assert row[COLUMNS.index("website")] is None  # an empty cell, not an empty string


def test_every_bad_row_is_reported_and_nothing_is_saved():
    bad = (
        HEADER
        + SF
        + "No code Ltd,无代码公司,enterprise,chongqing,,,,,,\n"
        + "Typo Ltd,错码公司,enterprise,chongqing,,,,,,914403001922038217\n"
        + "Twin of SF,顺丰重复,enterprise,chengdu,,,,,,914403001922038216\n"
        + ",,planet,mars,,,not-a-url,not-an-email,,\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        import_organisations(bad.encode())
    problems = {(p.row, p.column) for p in rejected.value.problems}
    assert (3, "credit_code") in problems  # enterprise without a code
    assert (4, "credit_code") in problems  # check character
    assert (5, "credit_code") in problems  # same code as row 2
    assert {
        (6, "name_en"),
        (6, "kind"),
        (6, "city"),
        (6, "website"),
        (6, "contact_email"),
    } <= problems
    assert not Organisation.objects.filter(name_en__startswith="SF Express").exists()


def test_bad_rows_of_a_workbook_are_reported_by_their_row_in_the_sheet():
    data = workbook(
        [
            list(COLUMNS),
            SF.strip().split(","),
            [],  # a blank row: skipped, but counted as the spreadsheet counts it
            [
                "Typo Ltd",
                "错码公司",
                "enterprise",
                "chongqing",
                None,
                None,
                None,
                None,
                None,
                "914403001922038217",
            ],
            ["Phone Co", "电话公司", "school", "chengdu", None, None, None, None, 2389018888, None],
            [None, None, "planet", "mars"],
        ]
    )
    problems = {(row, column) for row, column, _message in rejection(data, XLSX)}
    assert problems == {
        (4, "credit_code"),
        (6, "name_en"),
        (6, "name_zh"),
        (6, "kind"),
        (6, "city"),
    }
    assert not Organisation.objects.filter(name_en="Phone Co").exists()


def test_numbers_and_dates_in_a_workbook_are_read_as_the_text_typed():
    from datetime import datetime

    row = [
        "Phone Co",
        "电话公司",
        "school",
        "chengdu",
        datetime(2020, 5, 15),
        12.0,
        None,
        None,
        2389018888,
        None,
    ]
    import_organisations(workbook([list(COLUMNS), row]), XLSX)
    phone_co = Organisation.objects.get(name_en="Phone Co")
    assert (phone_co.district, phone_co.industry, phone_co.contact_phone) == (
        "2020-05-15",
        "12",
        "2389018888",
    )


def test_wrong_columns_and_encoding_are_explained():
    [(row, _column, message)] = rejection(b"name,city\nx,y\n")
    assert row == 1 and "missing" in message
    [(_row, _column, message)] = rejection((HEADER + SCHOOL).encode("gbk"))
    assert "UTF-8" in message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (workbook([]), "empty"),
        (workbook([["name", "city"], ["x", "y"]]), "missing: name_en, name_zh, kind"),
        (b"PK\x03\x04 but not really a zip file", "could not be read as an Excel workbook"),
        (b"\xd0\xcf\x11\xe0 an old .xls file", "could not be read as an Excel workbook"),
    ],
    ids=["empty-file", "empty-sheet", "missing-columns", "damaged", "not-a-zip"],
)
def test_a_workbook_that_cannot_be_imported_is_explained(data, words):
    [(_row, _column, message)] = rejection(data, XLSX)
    assert words in message


def test_a_workbook_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(services, "MAX_UNPACKED_BYTES", 1000)
    [(_row, _column, message)] = rejection(workbook(rows_of(HEADER + SCHOOL)), XLSX)
    assert "too large once unpacked" in message


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_too_many_rows_are_refused(monkeypatch, file_format):
    monkeypatch.setattr(services, "MAX_ROWS", 2)
    rows = rows_of(HEADER + SCHOOL * 3)
    data = workbook(rows) if file_format == XLSX else (HEADER + SCHOOL * 3).encode()
    [(_row, _column, message)] = rejection(data, file_format)
    assert "At most 2 rows" in message
    assert not Organisation.objects.filter(
        name_en="Chengdu Polytechnic", district="Chenghua"
    ).exists()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("list.csv", b"name_en", CSV),
        ("LIST.XLSX", workbook([["name_en"]]), XLSX),
        ("list.xlsx", b"name_en,name_zh", "not an Excel workbook"),
        ("list.csv", workbook([["name_en"]]), "rename it to .xlsx"),
        ("list.xls", b"\xd0\xcf\x11\xe0", "Choose a .csv or an .xlsx file."),
        ("list", b"name_en", "Choose a .csv or an .xlsx file."),
    ],
)
def test_the_format_comes_from_the_name_and_must_match_the_content(name, data, expected):
    try:
        found = format_of(name, data)
    except ImportRejected as rejected:
        found = rejected.problems[0].message
    assert expected in found


def test_problems_are_translated():
    from django.utils import translation

    with translation.override("zh-hans"):
        [(_row, _column, message)] = rejection(b"PK\x03\x04", XLSX)
    assert "Excel" in message and "无法" in message


def test_the_database_refuses_an_enterprise_without_a_code_and_duplicate_codes():
    Organisation.objects.create(
        name_en="A",
        name_zh="甲",
        kind="enterprise",
        city="chengdu",
        credit_code="914403001922038216",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            name_en="B", name_zh="乙", kind="enterprise", city="chengdu", credit_code=""
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            name_en="C",
            name_zh="丙",
            kind="enterprise",
            city="chengdu",
            credit_code="914403001922038216",
        )
