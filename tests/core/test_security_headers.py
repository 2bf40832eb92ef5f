"""Every page carries a Content-Security-Policy and the other safety headers; the Wagtail admin
has its own policy; the camera is allowed only on the check-in page; behind TLS the site
redirects plain HTTP and sends HSTS; a body over the limit is refused before it is read."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/en/",
    "/zh-hans/",
    "/en/news/",
    "/en/events/",
    "/en/travel/",
    "/en/directory/",
    "/en/jobs/",
    "/en/search/?q=tea",
    "/en/trip-planner/",
    "/en/accounts/login/",
    "/zh-hans/accounts/register/",
    "/en/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_carries_a_strict_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_site_pages_carry_no_inline_script_or_style(client):
    """What the strict policy would block: the site's templates must not need it."""
    for path in PUBLIC_PAGES[:-1]:
        html = client.get(path).content.decode()
        assert "<script>" not in html and " style=" not in html, path


def test_the_admin_has_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "default-src 'self'" in policy


def test_a_view_may_allow_one_feature_and_the_rest_stay_off():
    """The check-in page's own test (tests/events/test_checkin.py) sees its camera allowed."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from twincity.core.security import PermissionsPolicyMiddleware, allow_features

    allowing = PermissionsPolicyMiddleware(allow_features(camera="self")(lambda r: HttpResponse()))
    header = allowing(RequestFactory().get("/"))["Permissions-Policy"]
    assert "camera=(self)" in header and "microphone=()" in header


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

    too_big = settings.TWINCITY_MAX_REQUEST_BYTES + 1
    response = client.generic(
        "POST",
        "/zh-hans/accounts/register/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(too_big),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "您提交的内容过大" in response.content.decode()


def test_an_https_address_turns_the_tls_settings_on():
    """Settings are read once per process: a fresh one, as production starts it."""
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"]
    script = (
        "from django.conf import settings;"
        f"print([getattr(settings, name, None) for name in {names!r}])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "twincity.settings"}
    env.pop("DJANGO_BEHIND_TLS_PROXY", None)
    for base_url, expected in [
        ("https://twincity.example.cn", "[True, 31536000, True]"),
        ("http://127.0.0.1:8000", "[False, 0, False]"),
    ]:
        env["TWINCITY_BASE_URL"] = base_url
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == expected


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_behind_tls_plain_http_is_redirected_and_https_gets_hsts():
    client = Client()  # a new handler: the security middleware reads the settings above
    plain = client.get("/en/news/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/en/news/"
    secure = client.get("/en/news/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_a_form_sent_without_its_csrf_token_is_refused_in_both_languages():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/zh-hans/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "表单未能提交" in html and "The form could not be sent" in html
    assert "Content-Security-Policy" in response


def test_a_request_django_will_not_read_gets_the_sites_own_page(client):
    fields = {f"field{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/zh-hans/accounts/login/", fields)
    assert response.status_code == 400
    assert "无法处理此请求" in response.content.decode()


def test_the_error_page_for_a_failure_needs_no_inline_style():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "<style" not in html and 'href="/static/portal/errors.css"' in html
