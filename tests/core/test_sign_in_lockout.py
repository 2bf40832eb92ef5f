"""Passwords cannot be guessed without limit, on the site or in the admin (django-axes, with
the lockout answer of core/abuse.py): after the limit, the account and the address are locked,
the right password is refused without being checked, the page says when to try again, and the
lock ends by time or when staff lift it."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "right-horse-battery-staple"
SITE_LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def person():
    return get_user_model().objects.create_user("li.na@example.cn", "li.na@example.cn", PASSWORD)


def sign_in(client, username, password, url=SITE_LOGIN, address="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def guess_wrong(client, username, times, url=SITE_LOGIN, address="203.0.113.7"):
    """`times` wrong passwords, each refused as usual but the one that reaches the limit."""
    for attempt in range(1, times + 1):
        response = sign_in(client, username, f"wrong-{attempt}", url, address)
        expected = 429 if attempt == settings.AXES_FAILURE_LIMIT else 200
        assert response.status_code == expected, f"attempt {attempt}: {response.status_code}"


def test_the_right_password_is_refused_unchecked_once_the_account_is_locked(client, person):
    guess_wrong(client, "li.na@example.cn", settings.AXES_FAILURE_LIMIT)
    with mock.patch.object(ModelBackend, "authenticate", autospec=True) as checked:
        for password in ("wrong-again", PASSWORD):  # the 20th guess and the right one
            locked = sign_in(client, "LI.NA@example.cn ", password)
            assert locked.status_code == 429
    checked.assert_not_called()
    minutes = settings.AXES_COOLOFF_TIME * 60
    assert 0 < int(locked["Retry-After"]) <= minutes * 60
    page = locked.content.decode()
    assert "Too many attempts" in page and "Beijing time" in page


def test_the_lock_page_is_in_chinese_on_the_chinese_site(client, person):
    guess_wrong(client, "li.na@example.cn", settings.AXES_FAILURE_LIMIT)
    locked = sign_in(client, "li.na@example.cn", PASSWORD, url="/zh-hans/accounts/login/")
    assert locked.status_code == 429
    assert "尝试次数过多" in locked.content.decode() and "北京时间" in locked.content.decode()


def test_the_admin_login_counts_with_the_site_login(client, person):
    guess_wrong(client, "li.na@example.cn", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, "li.na@example.cn", "wrong", url=ADMIN_LOGIN)
    locked = sign_in(client, "li.na@example.cn", PASSWORD, url=ADMIN_LOGIN)
    assert locked.status_code == 429 and "Retry-After" in locked


def test_one_address_guessing_many_accounts_is_locked(client, person):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, f"someone{number}@example.cn", "guess", address="198.51.100.9")
    assert sign_in(client, "anyone@example.cn", "x", address="198.51.100.9").status_code == 429
    assert sign_in(client, "li.na@example.cn", PASSWORD, address="198.51.100.9").status_code == 429
    # The account itself is not locked: its owner, elsewhere, signs in.
    elsewhere = sign_in(Client(), "li.na@example.cn", PASSWORD, address="203.0.113.50")
    assert elsewhere.status_code == 302


def test_the_lock_ends_by_time(client, person):
    guess_wrong(client, "li.na@example.cn", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "li.na@example.cn", PASSWORD).status_code == 429
    over = timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - over)
    assert sign_in(client, "li.na@example.cn", PASSWORD).status_code == 302


def test_staff_lift_a_lock_in_the_admin(client, person):
    guess_wrong(client, "li.na@example.cn", settings.AXES_FAILURE_LIMIT)
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("desk", "desk@example.cn", "x"))
    listing = staff.get("/admin/sign-in-locks/")
    assert listing.status_code == 200 and "li.na@example.cn" in listing.content.decode()
    assert staff.post("/admin/sign-in-locks/", {"username": "li.na@example.cn"}).status_code == 302
    assert sign_in(client, "li.na@example.cn", PASSWORD).status_code == 302


def test_only_staff_allowed_to_unlock_see_the_locks(client, person):
    editor = get_user_model().objects.create_user("editor2", "e2@example.cn", "x", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other = Client()
    other.force_login(editor)
    assert other.get("/admin/sign-in-locks/").status_code in (302, 403)
    assert other.post("/admin/sign-in-locks/", {"username": "x"}).status_code in (302, 403)
