"""Private files (CVs): sent by Django, or behind nginx by X-Accel-Redirect after the same
permission check (core.private_files)."""

import pytest
from django.urls import reverse

from tests.support import real_pdf
from tests.talent import factories
from twincity.core.private_files import private_file_response, relative_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduate(client):
    profile = factories.graduate()
    client.force_login(profile.user)
    return profile


def test_without_the_prefix_django_sends_the_file(client, graduate):
    response = client.get(reverse("talent:my-cv"))
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == real_pdf()
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_with_the_prefix_nginx_is_told_which_file_and_the_body_is_empty(client, graduate, settings):
    settings.TWINCITY_PRIVATE_ACCEL_PREFIX = "/_private/"
    response = client.get(reverse("talent:my-cv"))
    path = relative_path(graduate.cv)
    assert response["X-Accel-Redirect"] == f"/_private/{path}"
    assert (settings.PRIVATE_MEDIA_ROOT / path).read_bytes() == real_pdf()
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_redirect_is_url_quoted(graduate, settings):
    settings.TWINCITY_PRIVATE_ACCEL_PREFIX = "/_private"
    graduate.cv.name = graduate.cv.name.replace("cv", "c v 简历", 1)
    response = private_file_response(graduate.cv, "cv.pdf")
    assert " " not in response["X-Accel-Redirect"]
    assert response["X-Accel-Redirect"].startswith("/_private/")
    assert "%E7%AE%80%E5%8E%86" in response["X-Accel-Redirect"]


def test_the_permission_check_comes_first(client, settings):
    settings.TWINCITY_PRIVATE_ACCEL_PREFIX = "/_private/"
    client.force_login(factories.graduate(with_cv=False).user)
    response = client.get(reverse("talent:my-cv"))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_file_outside_the_private_folder_is_refused(settings, tmp_path):
    class Outside:  # a file whose path nginx's private location does not cover
        path = str(tmp_path / "elsewhere.pdf")

    with pytest.raises(ValueError):
        relative_path(Outside())
