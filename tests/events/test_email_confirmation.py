"""E-mail confirmation: for an event that requires it, a new registration holds its seat for
settings.EVENTS_CONFIRMATION_HOLD_MINUTES until the link mailed to the person is followed (GET
shows a button, POST confirms); a hold that runs out frees the seat for the waiting list (the
worker's periodic job), and the links are never shown on a page, only mailed.

Runs on SQLite and on PostgreSQL.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from tests.talent.factories import english_url, sent_mail
from twincity.core.hooks import PERIODIC_JOBS
from twincity.events import figures, services
from twincity.events.dates import beijing_time
from twincity.events.errors import AlreadyRegistered, RegistrationError
from twincity.events.models import EventPage, Registration

from . import factories
from .test_registration import form_data

pytestmark = pytest.mark.django_db
Status = Registration.Status
HOLD = timedelta(minutes=30)


@pytest.fixture(autouse=True)
def thirty_minutes(settings):
    settings.EVENTS_CONFIRMATION_HOLD_MINUTES = 30


def confirmed_by_email(capacity: int = 1):
    return factories.event(capacity=capacity, requires_email_confirmation=True).ticket_types.get()


def refreshed(registration: Registration) -> Registration:
    registration.refresh_from_db()
    return registration


def test_the_organisers_set_it_on_the_event_page_in_wagtail():
    form_class = EventPage.get_edit_handler().get_form_class()
    assert "requires_email_confirmation" in form_class.base_fields


def test_a_registration_holds_its_seat_until_confirmed():
    ticket_type = confirmed_by_email(capacity=1)
    now = timezone.now()
    held = factories.register(ticket_type, now=now)
    assert (held.status, held.link_by_email_only) == (Status.AWAITING, True)
    assert refreshed(held).offer_expires_at == now + HOLD
    # The held seat is taken: the next person waits, and the form says it is fully booked.
    assert services.seats_taken(ticket_type.pk, now) == 1
    assert factories.register(ticket_type, now=now).status == Status.WAITLISTED
    (on_sale,) = services.on_sale(ticket_type.event, now)
    assert on_sale.taken == 1
    assert services.confirm_email(held.access_token, now=now + HOLD / 2).status == Status.CONFIRMED
    assert refreshed(held).offer_expires_at is None
    assert services.seats_taken(ticket_type.pk, now + HOLD * 2) == 1


def test_the_mails_carry_the_confirmation_link_then_the_ticket():
    ticket_type = confirmed_by_email()
    held = factories.register(ticket_type)
    (asking,) = sent_mail()
    assert "Please confirm your registration" in asking.subject and asking.to == [held.email]
    assert f"/en/events/tickets/{held.access_token}/confirm/" in asking.body
    assert beijing_time(refreshed(held).offer_expires_at) in asking.body
    sent_mail().clear()
    services.confirm_email(held.access_token)
    services.confirm_email(held.access_token)  # a second click changes nothing
    (ticket,) = sent_mail()
    assert "is confirmed" in ticket.subject and ticket.attachments


def test_an_event_without_confirmation_confirms_at_once():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    registration = factories.register(ticket_type)
    assert (registration.status, registration.link_by_email_only) == (Status.CONFIRMED, False)
    with pytest.raises(RegistrationError, match="needs no confirmation"):
        services.confirm_email(factories.register(ticket_type).access_token)


def test_a_hold_not_confirmed_in_time_frees_the_seat_for_the_waiting_list():
    ticket_type = confirmed_by_email(capacity=1)
    now = timezone.now()
    held = factories.register(ticket_type, now=now)
    waiting = factories.register(ticket_type, now=now)
    later = now + HOLD + timedelta(minutes=1)
    assert services.seats_taken(ticket_type.pk, later) == 0
    with pytest.raises(RegistrationError, match="time to confirm"):
        services.confirm_email(held.access_token, now=later)
    assert refreshed(held).status == Status.AWAITING  # the refusal changed nothing
    assert services.expire_offers(later) == 1
    assert refreshed(held).status == Status.UNCONFIRMED
    assert refreshed(waiting).status == Status.OFFERED
    with pytest.raises(RegistrationError, match="time to confirm"):
        services.confirm_email(held.access_token, now=later)
    assert services.expire_offers(later) == 0


def test_the_workers_periodic_job_ends_lapsed_holds():
    ticket_type = confirmed_by_email(capacity=1)
    held = factories.register(ticket_type, now=timezone.now() - HOLD - timedelta(minutes=1))
    (job,) = [
        job
        for job in hooks.get_hooks(PERIODIC_JOBS)
        if job.__module__.endswith("events.wagtail_hooks")
    ]
    job()
    assert refreshed(held).status == Status.UNCONFIRMED


def test_the_organisers_figures_count_holds_and_lapsed_ones():
    ticket_type = confirmed_by_email(capacity=2)
    now = timezone.now()
    factories.register(ticket_type, now=now - HOLD - timedelta(minutes=1))
    factories.register(ticket_type, now=now)
    services.expire_offers(now)
    total = figures.event_figures(ticket_type.event).total
    assert (total.awaiting, total.unconfirmed, total.confirmed) == (1, 1, 0)


def test_cancelling_a_hold_gives_the_seat_to_the_next():
    ticket_type = confirmed_by_email(capacity=1)
    held, waiting = factories.register(ticket_type), factories.register(ticket_type)
    services.cancel(held.access_token)
    assert refreshed(waiting).status == Status.OFFERED


def test_the_address_of_a_lapsed_hold_may_register_again_before_the_worker_runs():
    ticket_type = confirmed_by_email(capacity=1)
    now = timezone.now()
    first = factories.register(ticket_type, email="chen@example.org", now=now)
    later = now + HOLD + timedelta(minutes=1)
    again = factories.register(ticket_type, email="chen@example.org", now=later)
    assert again.pk != first.pk and again.status == Status.AWAITING
    assert refreshed(first).status == Status.UNCONFIRMED


def test_registering_again_while_held_mails_the_confirmation_link_again(settings):
    settings.EVENTS_LINK_RESEND_MINUTES = 5
    ticket_type = confirmed_by_email()
    now = timezone.now()
    held = factories.register(ticket_type, email="chen@example.org", now=now)
    sent_mail().clear()
    with pytest.raises(AlreadyRegistered):
        factories.register(ticket_type, email="chen@example.org", now=now + timedelta(minutes=6))
    (again,) = sent_mail()
    assert f"/en/events/tickets/{held.access_token}/confirm/" in again.body
    assert ticket_type.registrations.count() == 1


# Rows already there (status, hold ending in minutes) and the status a newcomer gets for the
# last of 2 seats: the SQL of registering counts held seats as `seats_taken` does.
@pytest.mark.parametrize(
    ("rows", "newcomer"),
    [
        ([("confirmed", None), ("awaiting", 10)], Status.WAITLISTED),
        ([("confirmed", None), ("awaiting", -10)], Status.AWAITING),
        ([("confirmed", None), ("unconfirmed", None)], Status.AWAITING),
    ],
)
def test_registering_counts_held_seats_as_seats_taken_does(rows, newcomer):
    ticket_type = confirmed_by_email(capacity=2)
    now = timezone.now()
    for status, minutes in rows:
        registration = factories.register(ticket_type)
        until = now + timedelta(minutes=minutes) if minutes is not None else None
        Registration.objects.filter(pk=registration.pk).update(
            status=status, offer_expires_at=until
        )
    free = services.seats_taken(ticket_type.pk, now) < ticket_type.capacity
    assert free == (newcomer == Status.AWAITING)
    assert factories.register(ticket_type, now=now).status == newcomer


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "Almost done: a seat is held for you until"),
        ("/zh-hans", "即将完成：您的名额保留至"),
    ],
)
def test_the_form_says_where_the_link_went_and_never_shows_it(client, prefix, message):
    page = factories.event(requires_email_confirmation=True)
    factories.chinese_event(page)
    ticket_type = page.ticket_types.get()
    response = client.post(
        f"{prefix}/events/{page.pk}/register/", form_data(ticket_type, consent="on")
    )
    made = ticket_type.registrations.get()
    assert made.status == Status.AWAITING
    assert response["Location"] == f"{prefix}/events/{page.pk}/register/check-your-email/"
    html = client.get(response["Location"]).content.decode()
    assert message in html and made.access_token not in html


def test_a_double_submit_for_such_an_event_does_not_show_the_link_either(client):
    page = factories.event(requires_email_confirmation=True)
    ticket_type = page.ticket_types.get()
    data, url = form_data(ticket_type, consent="on"), english_url("events:event-register", page.pk)
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert "/tickets/" not in second["Location"] and ticket_type.registrations.count() == 1


@pytest.mark.parametrize(
    ("prefix", "heading", "button"),
    [
        ("/en", "Confirm your registration", "Confirm my registration"),
        ("/zh-hans", "确认您的报名", "确认我的报名"),
    ],
)
def test_following_the_link_shows_a_button_and_changes_nothing(client, prefix, heading, button):
    page = factories.event(requires_email_confirmation=True)
    factories.chinese_event(page)
    held = factories.register(page.ticket_types.get())
    response = client.get(f"{prefix}/events/tickets/{held.access_token}/confirm/")
    html = response.content.decode()
    assert response.status_code == 200 and heading in html and button in html
    assert refreshed(held).status == Status.AWAITING


def test_the_button_confirms_and_leads_to_the_ticket(client):
    held = factories.register(confirmed_by_email())
    url = english_url("events:email-confirm", held.access_token)
    response = client.post(url)
    assert response["Location"] == english_url("events:ticket", held.access_token)
    assert refreshed(held).status == Status.CONFIRMED
    html = client.get(response["Location"]).content.decode()
    assert "Your registration is confirmed" in html and "<svg" in html
    # Once confirmed, the link leads to the ticket.
    assert client.get(url)["Location"] == english_url("events:ticket", held.access_token)


def test_a_late_confirmation_is_refused_with_a_chinese_message(client):
    ticket_type = confirmed_by_email()
    factories.chinese_event(ticket_type.event)
    held = factories.register(ticket_type, now=timezone.now() - HOLD - timedelta(minutes=1))
    response = client.post(f"/zh-hans/events/tickets/{held.access_token}/confirm/", follow=True)
    html = response.content.decode()
    assert "该报名的确认时限已过，名额已释放。" in html
    assert "该报名未按时确认，名额已释放。" in html  # the ticket page says where it stands
    assert refreshed(held).status == Status.AWAITING


def test_the_ticket_page_of_a_hold_offers_the_confirmation(client):
    held = factories.register(confirmed_by_email())
    html = client.get(english_url("events:ticket", held.access_token)).content.decode()
    assert "Awaiting e-mail confirmation" in html
    assert english_url("events:email-confirm", held.access_token) in html
