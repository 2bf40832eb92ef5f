"""Staff import organisations from a CSV file or an Excel workbook in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.directory.conftest import workbook
from tests.directory.test_import import HEADER, SCHOOL, SF, rows_of
from twincity.directory.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/admin/directory/import/"


@pytest.fixture
def staff(staff_with):
    return staff_with("add_organisation")


def upload(data: str | bytes, name="organisations.csv"):
    content = data.encode("utf-8") if isinstance(data, str) else data
    return {"file": SimpleUploadedFile(name, content)}


def test_a_clean_file_is_imported(staff):
    response = staff.post(URL, upload(HEADER + SF + SCHOOL), follow=True)
    assert "2 organisations imported." in response.content.decode()
    assert Organisation.objects.filter(name_en="SF Express (Chengdu)").exists()


def test_a_clean_workbook_is_imported(staff):
    data = workbook(rows_of(HEADER + SF + SCHOOL))
    response = staff.post(URL, upload(data, "organisations.xlsx"), follow=True)
    assert "2 organisations imported." in response.content.decode()
    assert Organisation.objects.filter(name_en="SF Express (Chengdu)").exists()


def test_a_bad_file_lists_every_problem_and_imports_nothing(staff):
    before = Organisation.objects.count()
    bad = (
        HEADER
        + SCHOOL
        + "Typo Ltd,错码公司,enterprise,chongqing,,,,,,914403001922038217\n"
        + ",,planet,mars,,,,,,\n"
    )
    html = staff.post(URL, upload(bad), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "problems; nothing was imported." in html
    assert "<td>3</td><td>credit_code</td>" in html
    assert "<td>4</td><td>kind</td>" in html
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("organisations.xlsx", HEADER + SCHOOL, "is not an Excel workbook"),
        ("organisations.csv", workbook([["name_en"]]), "rename it to .xlsx"),
        ("organisations.ods", b"PK\x03\x04", "Choose a .csv or an .xlsx file."),
    ],
)
def test_a_file_of_the_wrong_kind_is_explained_on_the_form(staff, name, data, words):
    before = Organisation.objects.count()
    response = staff.post(URL, upload(data, name))
    assert response.status_code == 200
    assert words in response.content.decode()
    assert Organisation.objects.count() == before


def test_a_damaged_workbook_is_explained_in_chinese(staff):
    response = staff.post(
        URL, upload(b"PK\x03\x04 damaged", "名单.xlsx"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "此文件无法作为 Excel 工作簿（.xlsx）读取" in response.content.decode()


def test_without_the_permission_there_is_no_import(staff_with):
    visitor = staff_with()
    before = Organisation.objects.count()
    assert visitor.get(URL).status_code in {302, 403}
    visitor.post(URL, upload(HEADER + SCHOOL))
    assert Organisation.objects.count() == before
