"""One registration per person: the same e-mail address (whatever its case and spaces) gets no
second seat of a ticket type. The registration it holds is mailed to it again, at most once per
settings.EVENTS_LINK_RESEND_MINUTES, and the page says so without showing the ticket; the
database refuses a second active registration by itself.

Runs on SQLite and on PostgreSQL (the concurrent same-address rush is in
test_race_same_email.py).
"""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.talent.factories import sent_mail
from twincity.events import services
from twincity.events.errors import AlreadyRegistered
from twincity.events.models import ACTIVE_STATUSES, Registration

from . import factories
from .test_registration import form_data

pytestmark = pytest.mark.django_db
Status = Registration.Status


def ticket_type_with_a_registration(capacity: int = 5, **fields):
    ticket_type = factories.event(capacity=capacity).ticket_types.get()
    first = factories.register(ticket_type, email="li.na@example.org", **fields)
    return ticket_type, first


def test_the_active_statuses_are_those_not_ended():
    assert set(ACTIVE_STATUSES) == set(Status.values) - set(services.ENDED)


@pytest.mark.parametrize(
    "again", ["li.na@example.org", "  Li.Na@Example.ORG ", "LI.NA@EXAMPLE.ORG"]
)
def test_the_same_address_gets_no_second_seat(again):
    ticket_type, first = ticket_type_with_a_registration()
    with pytest.raises(AlreadyRegistered, match="already registered for this ticket type"):
        factories.register(ticket_type, email=again, name="Somebody else")
    assert list(ticket_type.registrations.values_list("pk", flat=True)) == [first.pk]
    assert services.seats_taken(ticket_type.pk, timezone.now()) == 1


def test_a_place_on_the_waiting_list_counts_as_well():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    factories.register(ticket_type)
    waiting = factories.register(ticket_type, email="wait@example.org")
    assert waiting.status == Status.WAITLISTED
    with pytest.raises(AlreadyRegistered):
        factories.register(ticket_type, email="wait@example.org")
    assert ticket_type.registrations.filter(status=Status.WAITLISTED).count() == 1


def test_a_cancelled_registration_does_not_count():
    ticket_type, first = ticket_type_with_a_registration()
    services.cancel(first.access_token)
    again = factories.register(ticket_type, email="li.na@example.org")
    assert again.pk != first.pk and again.status == Status.CONFIRMED


def test_another_ticket_type_or_another_address_registers():
    ticket_type, _first = ticket_type_with_a_registration()
    press = factories.ticket_type(ticket_type.event, name_en="Press", name_zh="媒体")
    assert factories.register(press, email="li.na@example.org").status == Status.CONFIRMED
    assert factories.register(ticket_type, email="li.na2@example.org").status == Status.CONFIRMED


def test_the_database_refuses_a_second_active_registration_by_itself():
    """Without the service: the partial unique index on (ticket type, lower(e-mail))."""
    ticket_type, first = ticket_type_with_a_registration()
    copy = {"ticket_type": ticket_type, "name": "Copy", "city_of_origin": "other"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            **copy,
            email="LI.NA@example.org",
            status=Status.WAITLISTED,
            submission_token=uuid.uuid4(),
        )
    # Ended registrations of the address may be many.
    for status in services.ENDED:
        Registration.objects.create(
            **copy, email=first.email, status=status, submission_token=uuid.uuid4()
        )


# --- The link mailed again --------------------------------------------------------------------


def test_the_link_is_mailed_again_at_most_once_per_few_minutes(settings):
    settings.EVENTS_LINK_RESEND_MINUTES = 5
    start = timezone.now()
    ticket_type, first = ticket_type_with_a_registration(now=start)
    sent_mail().clear()

    def register_again(minutes_later: float) -> list:
        with pytest.raises(AlreadyRegistered):
            factories.register(
                ticket_type, email="li.na@example.org", now=start + timedelta(minutes=minutes_later)
            )
        mails = list(sent_mail())
        sent_mail().clear()
        return mails

    # The registration's own mail went a moment ago: nothing more yet.
    assert register_again(1) == []
    (again,) = register_again(6)
    assert again.to == [first.email] and "The link to your registration" in again.subject
    assert f"/en/events/tickets/{first.access_token}/" in again.body
    assert register_again(7) == [] and register_again(10.5) == []
    assert len(register_again(11.5)) == 1


def test_the_link_is_mailed_in_the_registrants_language():
    ticket_type = factories.event().ticket_types.get()
    factories.chinese_event(ticket_type.event, title="成渝测试博览会")
    first = factories.register(ticket_type, email="wang@example.org", language="zh-hans")
    sent_mail().clear()
    later = timezone.now() + timedelta(hours=1)
    with pytest.raises(AlreadyRegistered):
        factories.register(ticket_type, email="wang@example.org", language="en", now=later)
    (again,) = sent_mail()
    assert "成渝测试博览会" in again.subject and "再次报名" in again.body
    assert f"/zh-hans/events/tickets/{first.access_token}/" in again.body


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "This e-mail address is already registered for this ticket type."),
        ("/zh-hans", "该电子邮箱已报名此票种。我们已将报名链接再次发送到该邮箱"),
    ],
)
def test_the_page_says_so_without_showing_the_ticket(client, prefix, message):
    page = factories.event()
    factories.chinese_event(page)
    ticket_type = page.ticket_types.get()
    first = factories.register(ticket_type, email="zhang.wei@example.org")
    url = f"{prefix}/events/{page.pk}/register/"
    response = client.post(
        url, form_data(ticket_type, email="Zhang.Wei@example.org ", consent="on")
    )
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/events/{page.pk}/register/check-your-email/"
    html = client.get(response["Location"]).content.decode()
    assert message in html
    assert first.access_token not in html and first.secret not in html
    assert ticket_type.registrations.count() == 1


def test_the_check_your_email_page_is_in_chinese(client):
    page = factories.event()
    factories.chinese_event(page, title="成渝测试博览会")
    html = client.get(f"/zh-hans/events/{page.pk}/register/check-your-email/").content.decode()
    assert "请查收电子邮件" in html and "报名链接只通过电子邮件发送" in html
    assert "成渝测试博览会" in html
