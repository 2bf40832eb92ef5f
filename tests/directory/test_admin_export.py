"""Staff download the organisations listing as CSV or Excel, in columns the import reads."""

import pytest

from tests.directory.conftest import read_workbook
from twincity.directory.models import Organisation
from twincity.directory.services import COLUMNS, CSV, XLSX, import_organisations

pytestmark = pytest.mark.django_db
LISTING = "/admin/snippets/directory/organisation/"


def download(client, file_format: str, **filters) -> bytes:
    response = client.get(LISTING, {"export": file_format, **filters})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="organisations.{file_format}"'
    return response.content


def test_the_listing_offers_both_downloads(staff_with):
    html = staff_with("view_organisation").get(LISTING).content.decode()
    assert f'href="{LISTING}?export=csv"' in html and f'href="{LISTING}?export=xlsx"' in html


def test_the_csv_download_has_the_import_columns_and_what_the_listing_shows(staff_with):
    client = staff_with("view_organisation")
    text = download(client, CSV, city="chongqing").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 1 + Organisation.objects.filter(city="chongqing").count()
    assert "Chongqing Three Gorges Polytechnic College,重庆三峡职业学院,school,chongqing" in text
    assert "Chengdu Polytechnic" not in text


def test_the_excel_download_has_the_import_columns(staff_with):
    client = staff_with("view_organisation")
    rows = read_workbook(download(client, XLSX))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + Organisation.objects.count()


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_a_download_imports_again_unchanged(staff_with, file_format):
    client = staff_with("view_organisation")
    before = set(Organisation.objects.values_list(*COLUMNS))
    data = download(client, file_format)
    Organisation.objects.all().delete()
    import_organisations(data, file_format)
    assert set(Organisation.objects.values_list(*COLUMNS)) == before


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_without_a_right_on_organisations_there_is_no_download(staff_with, file_format):
    client = staff_with("view_group")  # in the admin, but not for organisations
    response = client.get(LISTING, {"export": file_format})
    assert response.status_code in {302, 403}
    assert "Content-Disposition" not in response


def test_signed_out_there_is_no_download(client):
    response = client.get(LISTING, {"export": CSV})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
