"""Registration for events: seats counted from rows, the waiting list and its offers, refusals
that change nothing, e-mails with the .ics, the attendee's pages and the calendar feeds.

Runs on SQLite and on PostgreSQL (the concurrent race itself is in test_race.py).
"""

import uuid
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from tests.talent.factories import english_url, sent_mail
from twincity.events import calendar, codes, services
from twincity.events.dates import beijing_time
from twincity.events.errors import RegistrationError
from twincity.events.models import Question, Registration

from . import factories

pytestmark = pytest.mark.django_db
Status = Registration.Status


def statuses(ticket_type) -> list[str]:
    return list(
        ticket_type.registrations.order_by("created_at", "pk").values_list("status", flat=True)
    )


def parsed_ics(content) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


# --- Seats and the waiting list ---------------------------------------------------------------


def test_seats_are_counted_from_the_rows():
    ticket_type = factories.event(capacity=3).ticket_types.get()
    now = timezone.now()
    assert services.seats_taken(ticket_type.pk, now) == 0
    first, *_others = [factories.register(ticket_type) for _ in range(3)]
    assert services.seats_taken(ticket_type.pk, now) == 3
    services.cancel(first.access_token)
    assert services.seats_taken(ticket_type.pk, timezone.now()) == 2
    # Nothing in the ticket type stores a count: a row changed behind the service's back counts.
    Registration.objects.filter(pk=first.pk).update(status=Status.CONFIRMED)
    assert services.seats_taken(ticket_type.pk, timezone.now()) == 3


# Rows already there (status, offer expiring in hours) and the status a newcomer gets for the
# last of 3 seats: registering counts in SQL (events.registration_statement) what `seats_taken` counts.
@pytest.mark.parametrize(
    ("rows", "newcomer"),
    [
        ([("confirmed", None), ("confirmed", None)], Status.CONFIRMED),
        ([("confirmed", None)] * 3, Status.WAITLISTED),
        ([("confirmed", None), ("confirmed", None), ("offered", 2)], Status.WAITLISTED),
        ([("confirmed", None), ("confirmed", None), ("offered", -2)], Status.CONFIRMED),
        ([("confirmed", None), ("confirmed", None), ("cancelled", None)], Status.CONFIRMED),
        ([("confirmed", None), ("confirmed", None), ("expired", None)], Status.CONFIRMED),
        ([("confirmed", None), ("waitlisted", None)], Status.WAITLISTED),
    ],
)
def test_registering_counts_the_seats_that_seats_taken_counts(rows, newcomer):
    ticket_type = factories.event(capacity=3).ticket_types.get()
    now = timezone.now()
    for status, offer_hours in rows:
        registration = factories.register(ticket_type)
        expires = now + timedelta(hours=offer_hours) if offer_hours is not None else None
        Registration.objects.filter(pk=registration.pk).update(
            status=status, offer_expires_at=expires
        )
    free = services.seats_taken(ticket_type.pk, now) < ticket_type.capacity
    assert free == (newcomer == Status.CONFIRMED or ("waitlisted", None) in rows)
    assert factories.register(ticket_type).status == newcomer


def test_the_waiting_list_fills_after_the_last_seat():
    ticket_type = factories.event(capacity=2).ticket_types.get()
    made = [factories.register(ticket_type).status for _ in range(4)]
    assert made == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED, Status.WAITLISTED]
    assert services.seats_taken(ticket_type.pk, timezone.now()) == 2


def test_a_cancelled_seat_is_offered_to_the_next_and_held_for_them():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second, third = (factories.register(ticket_type) for _ in range(3))
    before = timezone.now()
    services.cancel(first.access_token)
    second.refresh_from_db()
    assert second.status == Status.OFFERED
    assert second.offer_expires_at >= before + timedelta(hours=ticket_type.offer_hours)
    # The offer holds the seat: a newcomer joins the queue behind the third person.
    assert services.seats_taken(ticket_type.pk, timezone.now()) == 1
    assert factories.register(ticket_type).status == Status.WAITLISTED
    third.refresh_from_db()
    assert third.status == Status.WAITLISTED
    assert services.accept_offer(second.access_token).status == Status.CONFIRMED
    assert statuses(ticket_type) == [
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]


def test_an_expired_offer_passes_to_the_next():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second, third = (factories.register(ticket_type) for _ in range(3))
    services.cancel(first.access_token)
    later = timezone.now() + timedelta(hours=ticket_type.offer_hours, minutes=1)
    # Until the worker runs, the lapsed offer holds no seat, and it cannot be accepted.
    assert services.seats_taken(ticket_type.pk, later) == 0
    with pytest.raises(RegistrationError, match="offer expired"):
        services.accept_offer(second.access_token, now=later)
    second.refresh_from_db()
    assert second.status == Status.OFFERED
    assert services.expire_offers(later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (Status.EXPIRED, Status.OFFERED)
    assert third.offer_expires_at > later
    assert services.expire_offers(later) == 0  # the worker's next round changes nothing
    with pytest.raises(RegistrationError, match="offer expired"):
        services.accept_offer(second.access_token, now=later)


def test_an_offer_never_outlasts_the_start_of_the_event():
    page = factories.event(capacity=1, starts_at=timezone.now() + timedelta(hours=5))
    ticket_type = page.ticket_types.get()
    first, second = factories.register(ticket_type), factories.register(ticket_type)
    services.cancel(first.access_token)
    second.refresh_from_db()
    assert second.offer_expires_at == page.starts_at


def test_a_free_seat_goes_to_the_queue_before_a_newcomer():
    """A seat freed by a lapsed offer the worker has not seen yet is not taken by a newcomer."""
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second, third = (factories.register(ticket_type) for _ in range(3))
    services.cancel(first.access_token)
    later = timezone.now() + timedelta(hours=ticket_type.offer_hours, minutes=1)
    newcomer = factories.register(ticket_type, now=later)
    assert newcomer.status == Status.WAITLISTED
    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_cancelling_twice_changes_nothing_more():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second = factories.register(ticket_type), factories.register(ticket_type)
    sent_mail().clear()
    services.cancel(first.access_token)
    services.cancel(first.access_token)
    assert [message.to for message in sent_mail()] == [[first.email], [second.email]]
    assert statuses(ticket_type) == [Status.CANCELLED, Status.OFFERED]


def test_leaving_the_waiting_list_frees_no_seat():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second, third = (factories.register(ticket_type) for _ in range(3))
    services.cancel(second.access_token)
    assert statuses(ticket_type) == [Status.CONFIRMED, Status.CANCELLED, Status.WAITLISTED]


def test_a_double_submit_gives_one_registration():
    ticket_type = factories.event(capacity=5).ticket_types.get()
    token = uuid.uuid4()
    first = factories.register(ticket_type, submission_token=token, email="twice@example.org")
    again = factories.register(ticket_type, submission_token=token, email="twice@example.org")
    assert again.pk == first.pk
    assert ticket_type.registrations.count() == 1


# --- Refusals change nothing ------------------------------------------------------------------


def close_sale(ticket_type):
    ticket_type.sale_starts_at = timezone.now() - timedelta(days=3)
    ticket_type.sale_ends_at = timezone.now() - timedelta(days=1)
    ticket_type.save()


def open_later(ticket_type):
    ticket_type.sale_starts_at = timezone.now() + timedelta(days=1)
    ticket_type.sale_ends_at = timezone.now() + timedelta(days=3)
    ticket_type.save()


def withdraw(ticket_type):
    ticket_type.is_withdrawn = True
    ticket_type.save()


def stop_registrations(ticket_type):
    ticket_type.event.registration_open = False
    ticket_type.event.save()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (close_sale, "has closed"),
        (open_later, "opens on"),
        (withdraw, "withdrawn"),
        (stop_registrations, "does not take registrations"),
    ],
)
def test_a_ticket_type_off_sale_refuses_with_a_reason(spoil, message):
    ticket_type = factories.event().ticket_types.get()
    spoil(ticket_type)
    with pytest.raises(RegistrationError, match=message):
        factories.register(ticket_type)
    assert Registration.objects.filter(ticket_type=ticket_type).count() == 0


def test_an_unknown_ticket_type_is_refused():
    ticket_type = factories.event().ticket_types.get()
    ticket_type.pk = 999_999_999
    with pytest.raises(RegistrationError, match="does not exist"):
        factories.register(ticket_type)


def test_a_blank_required_answer_names_the_question():
    page = factories.event()
    factories.question(page, text_en="Your company?", required=True)
    factories.question(page, text_en="Anything else?", required=False)
    with pytest.raises(RegistrationError, match="Your company"):
        factories.register(page.ticket_types.get(), answers={})
    assert Registration.objects.filter(ticket_type__event=page).count() == 0


def test_a_choice_must_be_one_of_the_answers_and_is_stored_in_english():
    page = factories.event()
    meal = factories.question(
        page,
        text_en="Lunch?",
        kind=Question.Kind.CHOICE,
        choices_en="Hotpot\nNoodles",
        choices_zh="火锅\n面条",
    )
    ticket_type = page.ticket_types.get()
    with pytest.raises(RegistrationError, match="Lunch"):
        factories.register(ticket_type, answers={str(meal.pk): "Pizza"})
    assert ticket_type.registrations.count() == 0
    made = factories.register(ticket_type, answers={str(meal.pk): "Noodles"}, language="zh-hans")
    assert made.answers == {str(meal.pk): "Noodles"}


def test_questions_added_changed_or_deleted_after_registrations_began_are_asked_at_once():
    """Registration keeps each event's questions in memory per content generation: a question's
    save or delete must start a new one, or the next registrant would not be asked."""
    page = factories.event(capacity=10)
    ticket_type = page.ticket_types.get()
    factories.register(ticket_type, answers={})  # the (empty) questions are now kept
    added = factories.question(page, text_en="Your company?", required=True)
    with pytest.raises(RegistrationError, match="Your company"):
        factories.register(ticket_type, answers={})

    added.text_en = "Your employer?"
    added.save()
    with pytest.raises(RegistrationError, match="Your employer"):
        factories.register(ticket_type, answers={})

    added.delete()
    assert factories.register(ticket_type, answers={}).status == Registration.Status.CONFIRMED


def test_a_yes_no_question_takes_yes_or_no():
    page = factories.event()
    parking = factories.question(page, text_en="Parking?", kind=Question.Kind.YES_NO)
    with pytest.raises(RegistrationError, match="Parking"):
        factories.register(page.ticket_types.get(), answers={str(parking.pk): "maybe"})


# --- E-mails ----------------------------------------------------------------------------------


def test_the_confirmation_carries_the_ticket_link_and_an_ics_that_parses():
    page = factories.event(capacity=1)
    registration = factories.register(page.ticket_types.get())
    (message,) = sent_mail()
    assert message.to == [registration.email]
    assert "confirmed" in message.subject
    assert english_url("events:ticket", registration.access_token) in message.body
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"{page.slug}.ics", "text/calendar")
    (event,) = parsed_ics(content).walk("VEVENT")
    assert event.decoded("dtstart") == page.starts_at
    assert event.decoded("dtend") == page.ends_at
    assert str(event["summary"]) == page.title
    assert str(event["uid"]) == calendar.uid(page)


def test_each_step_of_the_waiting_list_is_told_by_email():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second = factories.register(ticket_type), factories.register(ticket_type)
    sent_mail().clear()
    services.cancel(first.access_token)
    cancelled, offered = sent_mail()
    assert "cancelled" in cancelled.subject and cancelled.to == [first.email]
    assert "offered" in offered.subject and offered.to == [second.email]
    second.refresh_from_db()
    assert beijing_time(second.offer_expires_at) in offered.body
    assert not offered.attachments
    sent_mail().clear()
    services.accept_offer(second.access_token)
    (confirmed,) = sent_mail()
    assert "confirmed" in confirmed.subject and confirmed.attachments


def test_a_chinese_registrant_gets_the_chinese_event_and_links():
    page = factories.event()
    factories.chinese_event(page, title="成渝测试博览会")
    registration = factories.register(page.ticket_types.get(), language="zh-hans")
    (message,) = sent_mail()
    assert "成渝测试博览会" in message.subject
    assert f"/zh-hans/events/tickets/{registration.access_token}/" in message.body
    ((_filename, content, _mimetype),) = message.attachments
    (event,) = parsed_ics(content).walk("VEVENT")
    assert str(event["summary"]) == "成渝测试博览会"
    assert str(event["uid"]) == calendar.uid(page)


def test_nothing_is_sent_for_a_refused_registration():
    ticket_type = factories.event().ticket_types.get()
    withdraw(ticket_type)
    with pytest.raises(RegistrationError):
        factories.register(ticket_type)
    assert sent_mail() == []


# --- Pages ------------------------------------------------------------------------------------


def form_data(ticket_type, **fields) -> dict:
    return {
        "submission_token": str(uuid.uuid4()),
        "ticket_type": str(ticket_type.pk),
        "name": "Zhang Wei",
        "email": "zhang.wei@example.org",
        "city_of_origin": "chengdu",
        "consent": "on",
        **fields,
    }


def test_the_form_shows_seats_left_and_registers(client):
    page = factories.event(capacity=3)
    ticket_type = page.ticket_types.get()
    factories.register(ticket_type)
    url = english_url("events:event-register", page.pk)
    form = client.get(url)
    assert "Visitor · Free — 2 seats left" in form.content.decode()
    assert 'name="submission_token"' in form.content.decode()
    response = client.post(url, form_data(ticket_type))
    made = ticket_type.registrations.get(email="zhang.wei@example.org")
    assert response.status_code == 302
    assert response["Location"] == english_url("events:ticket", made.access_token)
    assert made.status == Status.CONFIRMED and made.language == "en"


def test_the_form_in_chinese_asks_the_questions_in_chinese(client):
    page = factories.event(capacity=1)
    factories.chinese_event(page)
    factories.question(
        page,
        kind=Question.Kind.CHOICE,
        choices_en="Hotpot\nNoodles",
        choices_zh="火锅\n面条",
        required=False,
    )
    factories.register(page.ticket_types.get())
    html = client.get(f"/zh-hans/events/{page.pk}/register/").content.decode()
    assert "您的公司？" in html and "火锅" in html and 'value="Hotpot"' in html
    assert "测试博览会" in html and "您的姓名" in html


def test_a_double_submit_of_the_form_leads_to_the_same_ticket(client):
    page = factories.event()
    ticket_type = page.ticket_types.get()
    data = form_data(ticket_type)
    url = english_url("events:event-register", page.pk)
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert ticket_type.registrations.count() == 1


def test_a_refused_form_explains_and_keeps_what_was_typed(client):
    page = factories.event()
    ticket_type = page.ticket_types.get()
    url = english_url("events:event-register", page.pk)
    data = form_data(ticket_type, name="Li Na")
    withdraw(ticket_type)
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "withdrawn" in html and 'value="Li Na"' in html
    assert ticket_type.registrations.count() == 0


def test_a_ticket_type_of_another_event_is_refused_by_the_form(client):
    page, other = factories.event(), factories.event()
    data = form_data(other.ticket_types.get())
    response = client.post(english_url("events:event-register", page.pk), data)
    assert response.status_code == 200
    assert Registration.objects.filter(email=data["email"]).count() == 0


def test_a_blank_question_on_the_form_is_marked(client):
    page = factories.event()
    factories.question(page, text_en="Your company?")
    ticket_type = page.ticket_types.get()
    response = client.post(english_url("events:event-register", page.pk), form_data(ticket_type))
    assert "field--invalid" in response.content.decode()
    assert ticket_type.registrations.count() == 0


def test_registration_closed_says_so(client):
    page = factories.event()
    close_sale(page.ticket_types.get())
    html = client.get(english_url("events:event-register", page.pk)).content.decode()
    assert "Registration for this event has closed." in html and '<form class="form"' not in html


def test_the_ticket_shows_the_qr_code_and_is_never_cached(client):
    registration = factories.register(factories.event().ticket_types.get())
    response = client.get(english_url("events:ticket", registration.access_token))
    html = response.content.decode()
    assert "<svg" in html and codes.grouped(registration.secret) in html
    assert "no-store" in response["Cache-Control"]
    assert english_url("events:event-ics", registration.ticket_type.event_id) in html


def test_an_unknown_ticket_link_is_not_found(client):
    assert client.get(english_url("events:ticket", "not-a-real-token")).status_code == 404


def test_cancelling_on_the_ticket_page(client):
    ticket_type = factories.event(capacity=1).ticket_types.get()
    first, second = factories.register(ticket_type), factories.register(ticket_type)
    confirm = client.get(english_url("events:ticket-cancel", first.access_token))
    assert "Yes, cancel it" in confirm.content.decode()
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED  # asking is not cancelling
    response = client.post(english_url("events:ticket-cancel", first.access_token), follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Status.CANCELLED
    offered = client.get(english_url("events:ticket", second.access_token)).content.decode()
    assert "Accept the seat" in offered
    response = client.post(english_url("events:offer-accept", second.access_token), follow=True)
    assert "The seat is yours" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED


def test_accepting_an_offer_that_is_not_there_explains(client):
    registration = factories.register(factories.event(capacity=0).ticket_types.get())
    response = client.post(
        english_url("events:offer-accept", registration.access_token), follow=True
    )
    assert "No seat is offered" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.WAITLISTED


# --- Calendars --------------------------------------------------------------------------------


def test_the_event_calendar_in_each_language(client):
    page = factories.event(latitude="30.572800", longitude="104.066800")
    factories.chinese_event(page, title="成渝测试博览会")
    english = client.get(english_url("events:event-ics", page.pk))
    assert english["Content-Type"].startswith("text/calendar")
    (event,) = parsed_ics(english.content).walk("VEVENT")
    assert str(event["summary"]) == page.title
    assert event.decoded("dtstart") == page.starts_at
    assert "Century City" in str(event["location"])
    assert str(event["url"]).endswith(page.url)
    chinese = client.get(f"/zh-hans/events/{page.pk}/calendar.ics")
    (event_zh,) = parsed_ics(chinese.content).walk("VEVENT")
    assert str(event_zh["summary"]) == "成渝测试博览会"
    assert event_zh["uid"] == event["uid"]


def feed_titles(client, path: str) -> set[str]:
    response = client.get(path)
    assert response.status_code == 200
    return {str(event["summary"]) for event in parsed_ics(response.content).walk("VEVENT")}


def test_city_feeds_hold_the_events_of_both_cities_in_each(client):
    chengdu = factories.event(city="chengdu", title="Feed Chengdu fair")
    chongqing = factories.event(city="chongqing", title="Feed Chongqing fair", kind="seminar")
    both = factories.event(city="both", title="Feed twin festival", kind="festival")
    titles = {page.title for page in (chengdu, chongqing, both)}
    assert feed_titles(client, "/en/events/feeds/chengdu.ics") & titles == {
        chengdu.title,
        both.title,
    }
    assert feed_titles(client, "/en/events/feeds/chongqing.ics") & titles == {
        chongqing.title,
        both.title,
    }
    assert feed_titles(client, "/en/events/feeds/both.ics") & titles == {both.title}
    assert feed_titles(client, "/en/events/feeds/all.ics") & titles == titles
    assert feed_titles(client, "/en/events/feeds/all.ics?kind=seminar") & titles == {
        chongqing.title
    }


def test_a_feed_in_chinese_holds_the_chinese_pages(client):
    page = factories.event(title="Feed English only")
    translated = factories.event(title="Feed translated")
    factories.chinese_event(translated, title="已翻译的活动")
    titles = feed_titles(client, "/zh-hans/events/feeds/all.ics")
    assert "已翻译的活动" in titles
    assert page.title not in titles and translated.title not in titles


@pytest.mark.parametrize(
    "path", ["/en/events/feeds/beijing.ics", "/en/events/feeds/all.ics?kind=gala"]
)
def test_a_feed_that_does_not_exist_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "There is no calendar for this" in response.content.decode()
