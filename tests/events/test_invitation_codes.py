"""Ticket types by invitation (press, speakers): a registration needs one of the ticket type's
invitation codes with a use left; a wrong or used-up code is refused at the form's code field
and registers nothing. The form asks for a code only where such a ticket type is on sale. Staff
make the codes in the admin, for their own events only."""

import re

import pytest

from tests.talent.factories import english_url
from twincity.events import services
from twincity.events.errors import RegistrationError
from twincity.events.models import InvitationCode, Registration, TicketType
from twincity.events.permissions import grant_event_admin

from . import factories
from .test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return factories.event(capacity=50)


@pytest.fixture
def speakers(conference):
    return factories.speaker_tickets(conference, capacity=10)


def admin_staff(page):
    """Staff of one of the event's organisers, let into the admin as adding them there does."""
    staff = factories.organiser_staff(page)
    grant_event_admin(staff)
    return staff


def refusal_of(ticket_type: TicketType, **fields) -> RegistrationError:
    with pytest.raises(RegistrationError) as refusal:
        factories.register(ticket_type, **fields)
    return refusal.value


# --- The service -------------------------------------------------------------------------------------


def test_a_right_code_registers_and_is_remembered(speakers):
    code = factories.invitation_code(speakers, "SPEAK-2031")

    registration = factories.register(speakers, invitation_code="SPEAK-2031")

    assert registration.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=registration.pk).invitation_code == code


@pytest.mark.parametrize("typed", ["speak-2031", " SPEAK2031 ", "speak 2031", "SPEAK–2031"])
def test_a_code_is_read_in_any_case_with_or_without_its_dash(speakers, typed):
    factories.invitation_code(speakers, "SPEAK-2031")

    assert factories.register(speakers, invitation_code=typed).invitation_code_id


def test_look_alike_characters_of_a_made_up_code_are_read_as_meant(speakers):
    code = factories.invitation_code(speakers, "K0L1-9XD2")  # stored as typed by staff

    typed = "kol1-9xd2".replace("l", "I")  # O for 0, I for 1: what a reader may type

    assert factories.register(speakers, invitation_code=typed).invitation_code == code


def test_a_made_up_code_uses_the_readable_alphabet(speakers):
    code = factories.invitation_code(speakers)

    assert len(code.code) == 9 and code.code[4] == "-"
    assert not set(code.code) & set("OILU")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This ticket type is by invitation: type the invitation code you were sent."),
        ("WRONG-CODE", "This invitation code is not valid for this ticket type."),
    ],
)
def test_a_missing_or_wrong_code_is_refused_at_its_field(speakers, typed, message):
    factories.invitation_code(speakers, "SPEAK-2031")

    refusal = refusal_of(speakers, invitation_code=typed)

    assert refusal.field == "invitation_code" and refusal.message.startswith(message)
    assert not speakers.registrations.exists()


def test_a_code_of_another_ticket_type_is_wrong(conference, speakers):
    press = factories.speaker_tickets(conference, name_en="Press", kind="press")
    factories.invitation_code(press, "PRESS-1")

    refusal = refusal_of(speakers, invitation_code="PRESS-1")

    assert refusal.field == "invitation_code"


def test_a_used_up_code_is_refused_and_registers_nothing(speakers):
    factories.invitation_code(speakers, "ONCE", max_uses=1)
    factories.register(speakers, invitation_code="ONCE")

    refusal = refusal_of(speakers, invitation_code="ONCE")

    assert refusal.field == "invitation_code"
    assert refusal.message == (
        "This invitation code has been used up. Ask the organisers for another one."
    )
    assert speakers.registrations.count() == 1


def test_a_code_for_several_people_takes_that_many(speakers):
    factories.invitation_code(speakers, "PANEL", max_uses=3)

    for _ in range(3):
        factories.register(speakers, invitation_code="PANEL")

    assert refusal_of(speakers, invitation_code="PANEL").field == "invitation_code"
    assert speakers.registrations.count() == 3


def test_a_cancelled_registration_gives_its_use_back(speakers):
    factories.invitation_code(speakers, "ONCE")
    first = factories.register(speakers, invitation_code="ONCE")

    services.cancel(first.access_token)

    assert factories.register(speakers, invitation_code="ONCE").status == "confirmed"


def test_a_waitlisted_registration_uses_the_code_too(conference):
    full = factories.speaker_tickets(conference, capacity=1)
    factories.invitation_code(full, "TWICE", max_uses=2)
    factories.register(full, invitation_code="TWICE")

    waiting = factories.register(full, invitation_code="TWICE")

    assert waiting.status == Registration.Status.WAITLISTED
    assert refusal_of(full, invitation_code="TWICE").field == "invitation_code"


def test_a_ticket_type_made_by_invitation_after_the_form_was_read_still_needs_a_code(conference):
    visitors = conference.ticket_types.get()
    factories.register(visitors)  # the form rules of the ticket type are now remembered
    TicketType.objects.filter(pk=visitors.pk).update(by_invitation=True)  # no new generation

    refusal = refusal_of(visitors)

    assert refusal.field == "invitation_code"
    assert visitors.registrations.count() == 1


def test_an_open_ticket_type_ignores_a_code(conference):
    registration = factories.register(conference.ticket_types.get(), invitation_code="ANY")

    assert registration.invitation_code is None


def test_a_closed_sale_says_so_before_asking_for_a_code(speakers):
    from .test_registration import close_sale

    close_sale(speakers)

    assert refusal_of(speakers).message == "Registration for this ticket type has closed."


# --- The form -------------------------------------------------------------------------------------------


def test_the_form_asks_for_a_code_only_where_a_ticket_type_needs_one(client, conference):
    plain = client.get(english_url("events:event-register", conference.pk)).content.decode()
    factories.speaker_tickets(conference)
    invited = client.get(english_url("events:event-register", conference.pk)).content.decode()

    assert 'name="invitation_code"' not in plain
    assert 'name="invitation_code"' in invited
    assert "Only for a ticket type by invitation" in invited  # the hint without JavaScript
    assert "Speaker (by invitation) · Free — 10 seats left" in invited
    assert invited.count("data-by-invitation") == 1
    assert "events/register" in invited and ".js" in invited


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This invitation code is not valid for this ticket type."),
        ("zh-hans", "这个邀请码不适用于该票种。"),
    ],
)
def test_a_wrong_code_is_shown_at_its_field_and_what_was_typed_stays(
    client, speakers, language, message
):
    factories.invitation_code(speakers, "SPEAK-2031")
    url = english_url("events:event-register", speakers.event_id).replace("/en/", f"/{language}/")

    response = client.post(url, form_data(speakers, name="Liu Yang", invitation_code="SPEAK-2013"))

    html = response.content.decode()
    assert response.status_code == 200
    error = html[html.index('id="id_invitation_code_error"') :][:300]
    assert message in error
    assert 'value="Liu Yang"' in html and 'value="SPEAK-2013"' in html
    chosen = rf'<input type="radio" name="ticket_type" value="{speakers.pk}"[^>]*checked'
    assert re.search(chosen, html)
    assert not speakers.registrations.exists()


def test_the_right_code_on_the_form_registers(client, speakers):
    factories.invitation_code(speakers, "SPEAK-2031")

    response = client.post(
        english_url("events:event-register", speakers.event_id),
        form_data(speakers, invitation_code="speak-2031"),
    )

    assert response.status_code == 302
    assert speakers.registrations.get().invitation_code.code == "SPEAK-2031"


# --- The admin ---------------------------------------------------------------------------------------------


def test_staff_create_a_code_for_their_ticket_type_and_one_is_made_up(client, speakers):
    staff = admin_staff(speakers.event)
    client.force_login(staff)

    response = client.post(
        "/admin/events/invitation-codes/new/",
        {"ticket_type": speakers.pk, "code": "", "max_uses": 2, "note": "Keynote panel"},
    )

    assert response.status_code == 302
    code = InvitationCode.objects.get(ticket_type=speakers)
    assert (code.max_uses, code.note, len(code.code)) == (2, "Keynote panel", 9)
    listing = client.get("/admin/events/invitation-codes/").content.decode()
    assert "<title>Invitation codes - Wagtail</title>" in listing
    assert code.code in listing and "0 / 2" in listing
    form = client.get("/admin/events/invitation-codes/new/").content.decode()
    assert "<title>New: Invitation code - Wagtail</title>" in form


def test_staff_cannot_make_codes_for_other_events_or_open_ticket_types(client, speakers):
    other = factories.speaker_tickets(factories.event())
    staff = admin_staff(speakers.event)
    client.force_login(staff)

    for ticket_type in (other, speakers.event.ticket_types.get(by_invitation=False)):
        response = client.post(
            "/admin/events/invitation-codes/new/",
            {"ticket_type": ticket_type.pk, "code": "X", "max_uses": 1},
        )
        assert response.status_code == 200
        assert "Choose a ticket type by invitation of an event of your organisation." in (
            response.content.decode()
        )
    assert not InvitationCode.objects.exists()


def test_the_same_code_twice_for_a_ticket_type_is_refused_at_its_field(client, speakers):
    factories.invitation_code(speakers, "SPEAK-2031")
    client.force_login(admin_staff(speakers.event))

    response = client.post(
        "/admin/events/invitation-codes/new/",
        {"ticket_type": speakers.pk, "code": "speak 2031", "max_uses": 1},
    )

    assert "This ticket type has this invitation code already." in response.content.decode()
    assert InvitationCode.objects.filter(ticket_type=speakers).count() == 1


def test_staff_see_only_their_own_events_codes(client, speakers):
    mine = factories.invitation_code(speakers, "MINE-1")
    theirs = factories.invitation_code(factories.speaker_tickets(factories.event()), "THEIRS-1")
    staff = admin_staff(speakers.event)
    client.force_login(staff)

    listing = client.get("/admin/events/invitation-codes/").content.decode()

    assert mine.code in listing and theirs.code not in listing
    edit = client.get(f"/admin/events/invitation-codes/edit/{theirs.pk}/")
    assert edit.status_code == 302  # refused: Wagtail sends them back with a message


def test_the_demo_press_and_speaker_tickets_are_by_invitation():
    demo = TicketType.objects.filter(event__is_demo=True)

    assert demo.filter(kind__in=["press", "speaker"]).exists()
    assert not demo.filter(kind__in=["press", "speaker"], by_invitation=False).exists()
    assert not demo.filter(kind="visitor", by_invitation=True).exists()
