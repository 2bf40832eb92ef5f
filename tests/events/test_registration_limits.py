"""A script cannot take every seat or mail every address it knows: registrations are limited
per address and per e-mail. Past a limit the form comes back with what was typed, a translated
reason, status 429 and Retry-After; no seat is taken and no mail is sent."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import override

from . import factories
from .test_registration import form_data

pytestmark = pytest.mark.django_db


def register_url(page, language):
    with override(language):
        return reverse("events:event-register", args=[page.pk])


@pytest.mark.parametrize(
    "language, words", [("en", "Too many attempts"), ("zh-hans", "尝试次数过多")]
)
def test_one_address_past_its_limit_keeps_its_form_and_takes_no_seat(
    client, settings, language, words
):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "registration-address": "3/h"}
    page = factories.event(capacity=50)
    ticket_type = page.ticket_types.get()
    url = register_url(page, language)
    for number in range(3):
        assert (
            client.post(url, form_data(ticket_type, email=f"bot{number}@example.org")).status_code
            == 302
        )
    mail.outbox.clear()
    refused = client.post(url, form_data(ticket_type, email="bot99@example.org", name="Typed Name"))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert words in html and 'value="Typed Name"' in html and 'value="bot99@example.org"' in html
    assert ticket_type.registrations.count() == 3 and not mail.outbox
    other = client.post(
        url, form_data(ticket_type, email="someone@example.org"), REMOTE_ADDR="198.51.100.3"
    )
    assert other.status_code == 302


def test_one_e_mail_from_many_addresses_is_limited_too(client, settings):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "registration-email": "2/h"}
    events = [factories.event(capacity=5) for _ in range(3)]
    answers = [
        client.post(
            register_url(page, "en"),
            form_data(page.ticket_types.get(), email="Victim@Example.org "),
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        for number, page in enumerate(events)
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert events[2].ticket_types.get().registrations.count() == 0
