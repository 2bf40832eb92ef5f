"""Bulk import of organisations: every bad row reported, nothing saved until the file is clean."""

import pytest
from django.db import IntegrityError, transaction

from twincity.directory.models import Organisation
from twincity.directory.services import ImportRejected, export_organisations, import_organisations

pytestmark = pytest.mark.django_db

HEADER = (
    "name_en,name_zh,kind,city,district,industry,website,contact_email,contact_phone,credit_code\n"
)
SF = "SF Express (Chengdu),顺丰速运成都公司,enterprise,chengdu,Shuangliu,logistics,,,,914403001922038216\n"
SCHOOL = "Chengdu Polytechnic,成都职业技术学院,school,chengdu,Chenghua,education,https://www.cdp.edu.cn,,,\n"


def test_a_clean_file_is_imported_whole_and_exports_back():
    assert import_organisations((HEADER + SF + SCHOOL).encode()) == 2
    assert Organisation.objects.filter(name_zh="成都职业技术学院").exists()
    exported = export_organisations()
    Organisation.objects.all().delete()
    assert import_organisations(exported.encode("utf-8")) == 2


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


def test_wrong_columns_and_encoding_are_explained():
    with pytest.raises(ImportRejected) as rejected:
        import_organisations(b"name,city\nx,y\n")
    assert "missing" in rejected.value.problems[0].message
    with pytest.raises(ImportRejected):
        import_organisations((HEADER + SCHOOL).encode("gbk"))


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
