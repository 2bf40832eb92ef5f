"""Attendees without an account manage their data from their ticket link: download everything
held about their e-mail address, or erase it (upcoming registrations cancelled, the rest
anonymised, only anonymous counts kept). The whole address only when the link proves it (it
went by e-mail alone); otherwise the link opens its own registration and nothing more."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.personal_traces import tables_mentioning
from twincity.core.consent import record_consent
from twincity.core.models import Consent
from twincity.events.models import CheckIn, EventPage, Registration

from . import factories

pytestmark = pytest.mark.django_db
Status = Registration.Status
EMAIL = "mei.erasable@example.org"
NAME = "Mei Erasable"


def data_url(registration: Registration) -> str:
    return reverse("events:ticket-data", args=[registration.access_token])


def download_url(registration: Registration) -> str:
    return reverse("events:ticket-data-download", args=[registration.access_token])


@pytest.fixture
def attendee():
    """Mei registered for an upcoming expo (its one seat; someone waits behind her), with an
    answer and her company, and for a past one where she was checked in."""
    upcoming = factories.event(capacity=1)
    question = factories.question(upcoming, text_en="Which hall interests you?", required=False)
    ticket_type = upcoming.ticket_types.get()
    seat = factories.register(
        ticket_type,
        name=NAME,
        email=EMAIL,
        organisation_name="Zqxw Foods Ltd",
        answers={str(question.pk): "Hall 3, zqxw stand"},
    )
    record_consent("event_registration", "en", email=EMAIL)
    waiting = factories.register(ticket_type)
    past_event = factories.event()
    attended = factories.register(past_event.ticket_types.get(), name=NAME, email=EMAIL)
    CheckIn.objects.create(registration=attended, gate="East gate")
    starts = timezone.now() - timedelta(days=5)
    EventPage.objects.filter(pk=past_event.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=8)
    )
    someone_else = factories.register(ticket_type, name="Other Person")
    # Her links went by e-mail alone (events that confirm addresses): they prove the address.
    Registration.objects.filter(email=EMAIL).update(link_by_email_only=True)
    for registration in (seat, attended):
        registration.refresh_from_db()
    return {"seat": seat, "waiting": waiting, "attended": attended, "other": someone_else}


def test_a_link_shown_on_screen_opens_only_its_own_registration(client, attendee):
    """Anyone may type Mei's address into a form and be shown that registration's link: it
    must not open her other registrations, nor erase them."""
    impostor = factories.register(
        factories.event().ticket_types.get(), name="Impostor", email=EMAIL.upper()
    )
    assert not impostor.link_by_email_only
    data = json.loads(client.get(download_url(impostor)).content)
    assert [row["name"] for row in data["registrations"]] == ["Impostor"]
    assert data["consents"] == []
    page = client.get(data_url(impostor)).content.decode()
    assert "Other registrations made with the same e-mail address" in page
    client.post(data_url(impostor), {"confirm": "on"})
    for kept in (attendee["seat"], attendee["attended"]):
        kept.refresh_from_db()
        assert kept.name == NAME and kept.status != Status.CANCELLED
    assert Consent.objects.filter(email=EMAIL).exists()


def test_the_ticket_links_to_the_data_page(client, attendee):
    ticket = client.get(reverse("events:ticket", args=[attendee["seat"].access_token]))
    assert data_url(attendee["seat"]) in ticket.content.decode()
    page = client.get(data_url(attendee["seat"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert EMAIL in html and download_url(attendee["seat"]) in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_the_download_holds_everything_about_the_address(client, attendee):
    response = client.get(download_url(attendee["attended"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="twincity-my-data.json"'
    data = json.loads(response.content)
    assert data["email"] == EMAIL
    rows = {
        row["event_starts_at"] < timezone.now().isoformat(): row for row in data["registrations"]
    }
    assert len(data["registrations"]) == 2  # both of hers, nobody else's
    upcoming, past = rows[False], rows[True]
    assert upcoming["name"] == NAME and upcoming["organisation"] == "Zqxw Foods Ltd"
    assert upcoming["answers"] == [
        {"question": "Which hall interests you?", "answer": "Hall 3, zqxw stand"}
    ]
    assert past["check_in"]["gate"] == "East gate"
    assert [c["notice"] for c in data["consents"]] == ["event_registration"]
    assert "Other Person" not in response.content.decode()
    assert attendee["seat"].secret not in response.content.decode()  # no ticket to copy


def test_an_unknown_link_finds_nothing(client):
    assert client.get(reverse("events:ticket-data", args=["nothing-here"])).status_code == 404
    assert client.get(reverse("events:ticket-data-download", args=["x"])).status_code == 404


def test_erasing_needs_the_confirmation_and_changes_nothing_without_it(client, attendee):
    response = client.post(data_url(attendee["seat"]), {})
    assert response.status_code == 400
    assert "Tick the box to confirm the erasure." in response.content.decode()
    seat = Registration.objects.get(pk=attendee["seat"].pk)
    assert (seat.status, seat.name, seat.email) == (Status.CONFIRMED, NAME, EMAIL)
    assert Consent.objects.filter(email=EMAIL).exists()


def test_erasing_cancels_what_is_to_come_and_leaves_no_trace(
    client, attendee, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    assert tables_mentioning(NAME, EMAIL)  # the check finds them before
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(data_url(attendee["seat"]), {"confirm": "on"})
    assert response.status_code == 200
    assert "Your data is erased" in response.content.decode()

    assert tables_mentioning(NAME, EMAIL, "Zqxw Foods", "zqxw stand") == []
    seat = Registration.objects.get(pk=attendee["seat"].pk)
    assert seat.status == Status.CANCELLED
    # The freed seat went to the next in line, through the cancel service.
    assert Registration.objects.get(pk=attendee["waiting"].pk).status == Status.OFFERED
    # The past registration stays an anonymous check-in: the event's counts do not change.
    attended = Registration.objects.get(pk=attendee["attended"].pk)
    assert attended.status == Status.CONFIRMED and attended.answers == {}
    assert CheckIn.objects.filter(registration=attended, gate="East gate").exists()
    # Someone else's registration is untouched; no mail went to the erased address.
    assert Registration.objects.get(pk=attendee["other"].pk).name == "Other Person"
    assert EMAIL not in [address for message in mail.outbox for address in message.to]
    # The old links open nothing.
    assert client.get(data_url(attendee["seat"])).status_code == 404
    assert (
        client.get(reverse("events:ticket", args=[attendee["attended"].access_token])).status_code
        == 404
    )


def test_the_data_page_is_in_chinese_too(client, attendee):
    with_prefix = data_url(attendee["seat"]).replace("/en/", "/zh-hans/", 1)
    html = client.get(with_prefix).content.decode()
    assert "您的数据" in html
