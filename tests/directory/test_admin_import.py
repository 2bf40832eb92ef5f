"""Staff import organisations from a CSV file in the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.directory.test_import import HEADER, SCHOOL, SF
from twincity.directory.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/admin/directory/import/"


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("importer", "i@example.cn", "pw-for-tests-only")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_organisation"),
    )
    client.force_login(user)
    return client


def upload(text: str, name="organisations.csv"):
    return {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}


def test_a_clean_file_is_imported(staff):
    response = staff.post(URL, upload(HEADER + SF + SCHOOL), follow=True)
    assert "2 organisations imported." in response.content.decode()
    assert Organisation.objects.filter(name_en="Chengdu Polytechnic").exists()


def test_a_bad_file_lists_every_problem_and_imports_nothing(staff):
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
    assert not Organisation.objects.exists()


def test_without_the_permission_there_is_no_import(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", "v@example.cn", "pw-for-tests-only")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code in {302, 403}
    client.post(URL, upload(HEADER + SCHOOL))
    assert not Organisation.objects.exists()
