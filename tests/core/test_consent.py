"""Consent to each privacy notice is stored with its version, time and language: when a
graduate or a recruiter signs up and when someone registers for an event."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from tests.events import factories as events
from tests.talent import factories as talent
from twincity.core.consent import record_consent
from twincity.core.models import Consent
from twincity.events.models import Registration

pytestmark = pytest.mark.django_db


def english(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def graduate_sign_up(**changes) -> dict:
    return {
        "full_name": "Gao Consent",
        "email": "gao.consent@example.org",
        "password": talent.PASSWORD,
        "language": "zh-hans",
        "consent": "on",
        **changes,
    }


def test_a_graduate_sign_up_records_the_notice_and_its_version(client, settings):
    settings.TWINCITY_PRIVACY_NOTICES = {
        **settings.TWINCITY_PRIVACY_NOTICES,
        "graduate_account": "2026-2",
    }
    response = client.post(english("talent:register-graduate"), graduate_sign_up())
    assert response.status_code == 302
    user = User.objects.get(email="gao.consent@example.org")
    consent = Consent.objects.get(user=user)
    assert (consent.notice, consent.version, consent.language) == (
        "graduate_account",
        "2026-2",
        "zh-hans",
    )
    assert consent.given_at is not None


def test_no_graduate_account_without_consent(client):
    data = graduate_sign_up()
    del data["consent"]
    response = client.post(english("talent:register-graduate"), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not User.objects.filter(email="gao.consent@example.org").exists()
    assert not Consent.objects.exists()


def recruiter_sign_up(**changes) -> dict:
    return {
        "full_name": "Ren Consent",
        "email": "ren.consent@example.org",
        "password": talent.PASSWORD,
        "language": "en",
        "credit_code": talent.enterprise().credit_code,
        "city": "chengdu",
        "consent": "on",
        **changes,
    }


def test_a_recruiter_sign_up_records_consent(client):
    response = client.post(english("talent:register-recruiter"), recruiter_sign_up())
    assert response.status_code == 302
    consent = Consent.objects.get(user__email="ren.consent@example.org")
    assert (consent.notice, consent.version) == ("recruiter_account", "2025-1")


def test_no_recruiter_account_without_consent(client):
    data = recruiter_sign_up()
    del data["consent"]
    response = client.post(english("talent:register-recruiter"), data)
    assert response.status_code == 200
    assert not User.objects.filter(email="ren.consent@example.org").exists()
    assert not Consent.objects.exists()


def registration_form(ticket_type, **changes) -> dict:
    return {
        "submission_token": str(uuid.uuid4()),
        "ticket_type": ticket_type.pk,
        "name": "Xu Consent",
        "email": "xu.consent@example.org",
        "city_of_origin": "chengdu",
        "consent": "on",
        **changes,
    }


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_event_registration_records_consent_by_address(client, language):
    event = events.event()
    with translation.override(language):
        address = reverse("events:event-register", args=[event.pk])
    response = client.post(address, registration_form(event.ticket_types.get()))
    assert response.status_code == 302
    consent = Consent.objects.get(email="xu.consent@example.org")
    assert (consent.notice, consent.version, consent.language, consent.user) == (
        "event_registration",
        "2025-1",
        language,
        None,
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Please agree to the privacy notice."), ("zh-hans", "请同意隐私声明。")],
)
def test_an_event_registration_needs_consent(client, language, message):
    event = events.event()
    data = registration_form(event.ticket_types.get())
    del data["consent"]
    with translation.override(language):
        address = reverse("events:event-register", args=[event.pk])
    response = client.post(address, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.filter(email="xu.consent@example.org").exists()
    assert not Consent.objects.exists()


def test_a_consent_names_someone_and_a_known_notice():
    with pytest.raises(ValueError, match="account or an e-mail"):
        record_consent("event_registration", "en")
    with pytest.raises(ValueError, match="No privacy notice"):
        record_consent("newsletter", "en", email="a@example.org")
