"""Keys: stored hashed (the key's text is nowhere in the database), refused the request after
they are revoked, and issued and revoked in the admin by permitted staff only, shown once."""

import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse

from tests.talent import factories as talent
from twincity.api import keys
from twincity.api.models import PartnerKey, Scope

from .partner_setup import Api, partner

pytestmark = pytest.mark.django_db
KEY_TEXT = re.compile(r"tc_[0-9a-f]{8}_[A-Za-z0-9_-]{32}")


def database_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "api", "directory", "auth", stdout=out)
    return out.getvalue()


def test_the_key_text_is_stored_nowhere():
    _organisation, row, text = partner(Scope.REGISTRATIONS_READ)
    secret = text.split("_", 2)[2]
    dump = database_dump()
    assert row.prefix in dump  # the dump does hold the keys' rows
    assert text not in dump and secret not in dump
    assert keys.hash_secret(secret) == PartnerKey.objects.get(pk=row.pk).secret_hash


def test_a_revoked_key_is_refused_from_the_next_request():
    _organisation, row, text = partner(Scope.VACANCIES_WRITE)
    api = Api(text)
    assert api.get("/me/").status_code == 200
    keys.revoke(row)
    refused = api.get("/me/")
    assert refused.status_code == 401
    assert api.get("/vacancies/").status_code == 401


def test_a_made_up_or_altered_key_is_refused():
    _organisation, _row, text = partner()
    assert Api(text[:-1] + ("A" if text[-1] != "A" else "B")).get("/me/").status_code == 401
    assert Api("tc_00000000_" + "x" * 32).get("/me/").status_code == 401
    assert Api("not a key").get("/me/").status_code == 401


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("keeper@example.org", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_partner_access"),
    )
    client.force_login(User.objects.get(pk=user.pk))
    return client


def test_staff_issue_a_key_shown_once_then_revoke_it(staff_client):
    organisation = talent.enterprise()
    answer = staff_client.post(
        reverse("api_admin_key_issue"),
        {
            "organisation": organisation.pk,
            "name": "mini-program",
            "scopes": [Scope.REGISTRATIONS_WRITE, Scope.REGISTRATIONS_READ],
            "requests_per_minute": 60,
        },
    )
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    text = KEY_TEXT.search(answer.content.decode()).group(0)
    key = PartnerKey.objects.get(organisation=organisation)
    assert key.scopes == [Scope.REGISTRATIONS_READ, Scope.REGISTRATIONS_WRITE]
    assert key.requests_per_minute == 60
    assert Api(text).get("/me/").status_code == 200
    # The list shows the prefix, never the key again.
    listing = staff_client.get(reverse("api_admin_keys")).content.decode()
    assert key.prefix in listing and text not in listing
    # Revoking asks first (GET changes nothing), then a POST revokes.
    staff_client.get(reverse("api_admin_key_revoke", args=[key.pk]))
    assert Api(text).get("/me/").status_code == 200
    staff_client.post(reverse("api_admin_key_revoke", args=[key.pk]))
    assert Api(text).get("/me/").status_code == 401


def test_the_admin_is_in_chinese_too(staff_client):
    staff_client.cookies["django_language"] = "zh-hans"
    page = staff_client.get(reverse("api_admin_keys"), headers={"Accept-Language": "zh-hans"})
    assert page.status_code == 200
    assert "合作伙伴密钥" in page.content.decode()


def test_staff_without_the_permission_are_refused(client):
    user = User.objects.create_user("editor@example.org", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    organisation = talent.enterprise()
    for name, args in [
        ("api_admin_keys", []),
        ("api_admin_key_issue", []),
        ("api_admin_endpoints", []),
        ("api_admin_endpoint_add", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code in (302, 403), name
    client.post(
        reverse("api_admin_key_issue"),
        {"organisation": organisation.pk, "name": "x", "requests_per_minute": 5},
    )
    assert not PartnerKey.objects.filter(organisation=organisation).exists()


def test_staff_add_a_webhook_endpoint_and_read_its_log(staff_client, settings):
    settings.API_WEBHOOKS_ALLOW_HTTP = False
    organisation = talent.enterprise()
    refused = staff_client.post(
        reverse("api_admin_endpoint_add"),
        {"organisation": organisation.pk, "url": "http://x.example/", "events": ["vacancy.filled"]},
    )
    assert refused.status_code == 200 and "https://" in refused.content.decode()
    made = staff_client.post(
        reverse("api_admin_endpoint_add"),
        {
            "organisation": organisation.pk,
            "url": "https://x.example/hooks",
            "events": ["vacancy.filled", "news.published"],
        },
    )
    endpoint = organisation.webhook_endpoints.get()
    assert endpoint.secret in made.content.decode()
    assert endpoint.secret not in staff_client.get(reverse("api_admin_endpoints")).content.decode()
    log = staff_client.get(reverse("api_admin_deliveries", args=[endpoint.pk]))
    assert log.status_code == 200
    staff_client.post(reverse("api_admin_endpoint_toggle", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.is_active


def test_the_last_use_is_kept_to_the_minute():
    _organisation, row, text = partner()
    assert row.last_used_at is None
    Api(text).get("/me/")
    first = PartnerKey.objects.get(pk=row.pk).last_used_at
    assert first is not None
    Api(text).get("/me/")  # within the minute: no write
    assert PartnerKey.objects.get(pk=row.pk).last_used_at == first
