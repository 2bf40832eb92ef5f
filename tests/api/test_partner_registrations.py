"""registrations:write and registrations:read on a co-organised event: the site's registration
service decides (seats, waiting list, one registration per e-mail, questions), and its
refusals come back with its own translated words."""

import uuid

import pytest

from tests.events import factories as events
from twincity.api.models import Scope
from twincity.events.models import CheckIn, Registration

from .partner_setup import Api, attendee, co_organised_event, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    organisation, _row, text = partner(Scope.REGISTRATIONS_WRITE, Scope.REGISTRATIONS_READ)
    return organisation, Api(text)


def test_seats_then_the_waiting_list_as_on_the_site(organiser):
    organisation, api = organiser
    event = co_organised_event(organisation, capacity=2)
    ticket_type = event.ticket_types.get()
    statuses = [
        api.post(f"/events/{event.pk}/registrations/", attendee(ticket_type.pk, n))
        for n in range(3)
    ]
    assert [r.status_code for r in statuses] == [201, 201, 201]
    assert [r.json()["status"] for r in statuses] == ["confirmed", "confirmed", "waitlisted"]


def test_the_chinese_pages_id_finds_the_event(organiser):
    organisation, api = organiser
    event = co_organised_event(organisation)
    chinese = events.chinese_event(event)
    ticket_type = event.ticket_types.get()
    response = api.post(f"/events/{chinese.pk}/registrations/", attendee(ticket_type.pk))
    assert response.status_code == 201, response.content


def test_the_same_e_mail_twice_is_refused_with_the_sites_words(organiser):
    organisation, api = organiser
    event = co_organised_event(organisation)
    ticket_type = event.ticket_types.get()
    path = f"/events/{event.pk}/registrations/"
    assert api.post(path, attendee(ticket_type.pk, 1)).status_code == 201
    again = api.post(path, attendee(ticket_type.pk, 1, name="Someone else"))
    assert again.status_code == 409
    assert "already registered" in again.json()["detail"]
    api.headers["Accept-Language"] = "zh-hans"
    in_chinese = api.post(path, attendee(ticket_type.pk, 1))
    assert in_chinese.status_code == 409 and "已" in in_chinese.json()["detail"]
    assert ticket_type.registrations.count() == 1


def test_a_retry_with_the_same_submission_token_registers_once(organiser):
    organisation, api = organiser
    event = co_organised_event(organisation)
    body = attendee(event.ticket_types.get().pk, submission_token=str(uuid.uuid4()))
    first = api.post(f"/events/{event.pk}/registrations/", body)
    second = api.post(f"/events/{event.pk}/registrations/", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_a_closed_event_is_a_conflict_and_bad_answers_are_unprocessable(organiser):
    organisation, api = organiser
    closed = co_organised_event(organisation, registration_open=False)
    refused = api.post(
        f"/events/{closed.pk}/registrations/", attendee(closed.ticket_types.get().pk)
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == "This event does not take registrations."

    asking = co_organised_event(organisation)
    events.question(asking, required=True)
    ticket_type = asking.ticket_types.get()
    unanswered = api.post(f"/events/{asking.pk}/registrations/", attendee(ticket_type.pk))
    assert unanswered.status_code == 422
    nowhere = api.post(
        f"/events/{asking.pk}/registrations/", attendee(ticket_type.pk, city_of_origin="mars")
    )
    assert nowhere.status_code == 422
    assert not Registration.objects.filter(ticket_type__event__in=[closed, asking]).exists()


def test_a_ticket_type_of_another_event_is_refused(organiser):
    organisation, api = organiser
    mine = co_organised_event(organisation)
    theirs = events.event()
    response = api.post(f"/events/{mine.pk}/registrations/", attendee(theirs.ticket_types.get().pk))
    assert response.status_code in (409, 422)
    assert not theirs.ticket_types.get().registrations.exists()


def test_cancel_frees_the_seat_for_the_waiting_list(organiser):
    organisation, api = organiser
    event = co_organised_event(organisation, capacity=1)
    ticket_type = event.ticket_types.get()
    path = f"/events/{event.pk}/registrations/"
    first = api.post(path, attendee(ticket_type.pk, 1)).json()
    api.post(path, attendee(ticket_type.pk, 2))
    cancelled = api.delete(f"{path}{first['id']}/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    statuses = dict(ticket_type.registrations.values_list("email", "status"))
    assert statuses["partner-visitor2@example.org"] == "offered"
    # A registration of another event is not found under this one.
    other = co_organised_event(organisation)
    theirs = events.register(other.ticket_types.get())
    assert api.delete(f"{path}{theirs.pk}/").status_code == 404


def test_registrations_and_check_ins_are_read_page_by_page(organiser):
    organisation, api = organiser
    event = co_organised_event(organisation, capacity=10)
    ticket_type = event.ticket_types.get()
    made = [events.register(ticket_type) for _ in range(5)]
    CheckIn.objects.create(registration=made[0], gate="North")
    path = f"/events/{event.pk}/registrations/?limit=2"
    seen, pages = [], 0
    while path:
        page = api.get(path).json()
        seen += page["items"]
        pages += 1
        path = page["next"] and page["next"].split("/api/v1/partner", 1)[1]
    assert pages == 3
    assert [r["id"] for r in seen] == [r.pk for r in made]
    assert seen[0]["checked_in_at"] is not None and seen[1]["checked_in_at"] is None
    assert seen[0]["email"] == made[0].email
    check_ins = api.get(f"/events/{event.pk}/check-ins/").json()["items"]
    assert [(c["registration"], c["gate"]) for c in check_ins] == [(made[0].pk, "North")]
    # Another event's registrations are not among them.
    other = events.event()
    events.register(other.ticket_types.get())
    assert len(api.get(f"/events/{event.pk}/registrations/").json()["items"]) == 5
