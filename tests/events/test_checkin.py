"""Check-in rules (checkin.check_in) and the check-in page: a ticket is let in once, with who, where
and when; anything else is refused with the reason, and a retried scan is no second entry."""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.templatetags.static import static
from django.utils import timezone

from tests.events import factories
from tests.talent.factories import english_url
from twincity.events import checkin, services
from twincity.events.errors import CheckInError, NotAllowed
from twincity.events.models import CheckIn, Registration

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def expo():
    return factories.event(capacity=2)


@pytest.fixture
def staff(expo):
    return factories.organiser_staff(expo)


@pytest.fixture
def ticket(expo):
    return factories.register(expo.ticket_types.get(), name="Zhang Wei")


def test_the_first_scan_lets_the_ticket_in_and_records_who_where_and_when(expo, staff, ticket):
    result = checkin.check_in(ticket.secret, "Gate A", staff, expo)

    assert (result.name, result.ticket_type, result.replayed) == ("Zhang Wei", "Visitor", False)
    entry = CheckIn.objects.get(registration=ticket)
    assert (entry.gate, entry.checked_in_by) == ("Gate A", staff)
    assert abs(entry.checked_in_at - timezone.now()) < timedelta(seconds=10)


def test_a_second_scan_is_refused_with_the_time_and_gate_of_the_first(expo, staff, ticket):
    first = timezone.now().astimezone(SHANGHAI).replace(hour=9, minute=12)
    checkin.check_in(ticket.secret, "Gate A", staff, expo, now=first)

    with pytest.raises(CheckInError) as refusal:
        checkin.check_in(ticket.secret, "Gate B", staff, expo)

    assert refusal.value.message == "Already checked in at 09:12 at Gate A."
    assert CheckIn.objects.filter(registration=ticket).count() == 1


def test_a_second_scan_on_another_day_names_the_day_too(expo, staff, ticket):
    yesterday = datetime(2021, 6, 11, 9, 12, tzinfo=SHANGHAI)
    checkin.check_in(ticket.secret, "Gate A", staff, expo, now=yesterday)

    with pytest.raises(CheckInError) as refusal:
        checkin.check_in(ticket.secret, "Gate A", staff, expo)

    assert refusal.value.message == "Already checked in at Fri 11 Jun 2021, 09:12 at Gate A."


def test_a_retried_scan_gets_the_first_answer_again_never_a_second_entry(expo, staff, ticket):
    scan_id = str(uuid.uuid4())
    first = checkin.check_in(ticket.secret, "Gate A", staff, expo, scan_id=scan_id)

    again = checkin.check_in(ticket.secret, "Gate A", staff, expo, scan_id=scan_id)

    assert again.replayed and again.check_in.pk == first.check_in.pk
    assert again.name == "Zhang Wei"
    with pytest.raises(CheckInError, match="Already checked in"):
        checkin.check_in(ticket.secret, "Gate A", staff, expo, scan_id=str(uuid.uuid4()))


def test_a_retried_scan_is_known_from_the_database_with_no_cache(expo, staff, ticket):
    scan_id = str(uuid.uuid4())
    checkin.check_in(ticket.secret, "Gate A", staff, expo, scan_id=scan_id)
    caches["shared"].clear()
    caches["default"].clear()

    again = checkin.check_in(ticket.secret, "Gate B", staff, expo, scan_id=f" {scan_id} ")

    assert again.replayed
    assert CheckIn.objects.get(registration=ticket).scan_id == scan_id


def test_a_check_in_without_a_scan_id_is_never_taken_for_a_retry(expo, staff, ticket):
    checkin.check_in(ticket.secret, "Gate A", staff, expo)

    with pytest.raises(CheckInError, match="Already checked in"):
        checkin.check_in(ticket.secret, "Gate A", staff, expo, scan_id="")


@pytest.mark.parametrize("secret", ["", "nonsense", "x" * 32, "y" * 500, "' OR 1=1 --"], ids=repr)
def test_an_unknown_or_forged_secret_is_not_a_ticket(expo, staff, ticket, secret):
    with pytest.raises(CheckInError) as refusal:
        checkin.check_in(secret, "Gate A", staff, expo)

    assert refusal.value.message == "This is not a ticket for this event."
    assert not CheckIn.objects.exists()


def test_a_ticket_of_another_event_is_refused(expo, staff):
    other = factories.event()
    stranger = factories.register(other.ticket_types.get())

    with pytest.raises(CheckInError, match="another event"):
        checkin.check_in(stranger.secret, "Gate A", staff, expo)

    assert not CheckIn.objects.exists()


def test_a_scanned_code_may_carry_blanks_and_a_line_break(expo, staff, ticket):
    assert checkin.check_in(f"  {ticket.secret}\n", "Gate A", staff, expo).name == "Zhang Wei"


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Registration.Status.CANCELLED, "Cancelled"),
        (Registration.Status.WAITLISTED, "On the waiting list"),
        (Registration.Status.EXPIRED, "Offer expired"),
        (Registration.Status.OFFERED, "Seat offered"),
    ],
)
def test_a_ticket_that_is_not_confirmed_is_refused_with_its_status(
    expo, staff, ticket, status, label
):
    Registration.objects.filter(pk=ticket.pk).update(status=status)

    with pytest.raises(CheckInError) as refusal:
        checkin.check_in(ticket.secret, "Gate A", staff, expo)

    assert refusal.value.message == f"Not admitted: this ticket is “{label}”."
    assert not CheckIn.objects.exists()


def test_a_ticket_cancelled_by_its_holder_cannot_be_checked_in(expo, staff, ticket):
    services.cancel(ticket.access_token)

    with pytest.raises(CheckInError, match="Cancelled"):
        checkin.check_in(ticket.secret, "Gate A", staff, expo)


def test_the_chinese_page_checks_in_for_the_same_event(expo, staff, ticket):
    chinese = factories.chinese_event(expo)

    assert checkin.check_in(ticket.secret, "Gate A", staff, chinese).name == "Zhang Wei"


def test_only_the_events_managers_may_check_in(expo, ticket):
    outsider = factories.organiser_staff(factories.event())

    with pytest.raises(NotAllowed):
        checkin.check_in(ticket.secret, "Gate A", outsider, expo)
    assert checkin.check_in(ticket.secret, "Gate A", factories.event_manager(), expo).name


def test_a_gate_must_be_named(expo, staff, ticket):
    with pytest.raises(CheckInError, match="Choose the gate"):
        checkin.check_in(ticket.secret, "  ", staff, expo)


def test_the_counts_are_checked_in_of_confirmed(expo, staff, ticket):
    factories.register(expo.ticket_types.get())
    factories.register(expo.ticket_types.get())  # the third of two seats waits
    checkin.check_in(ticket.secret, "Gate A", staff, expo)

    assert checkin.gate_counts(expo) == checkin.GateCounts(checked_in=1, registered=2)
    assert checkin.gates_of(expo) == ["Gate A"]


# --- The page ----------------------------------------------------------------------------------


def checkin_url(expo, gate_name="Gate A") -> str:
    return english_url("events:checkin", expo.pk) + (f"?gate={gate_name}" if gate_name else "")


def test_without_a_gate_the_page_asks_for_one(client, expo, staff):
    client.force_login(staff)

    response = client.get(checkin_url(expo, gate_name=""))

    assert response.status_code == 200
    assert "Which gate are you at?" in response.text
    assert 'name="gate"' in response.text


def test_the_page_checks_a_typed_code_in_and_shows_name_and_ticket_type(
    client, expo, staff, ticket
):
    client.force_login(staff)
    page = client.get(checkin_url(expo))
    assert "autofocus" in page.text and "0</strong> of 1 checked in" in page.text
    scan_id = page.context["form"].initial["scan_id"]

    response = client.post(checkin_url(expo), {"code": ticket.secret, "scan_id": scan_id})

    assert response.status_code == 200
    assert "checkin-result--admitted" in response.text
    assert "Zhang Wei" in response.text and "Visitor" in response.text
    assert "1</strong> of 1 checked in" in response.text
    assert response.context["form"].initial["scan_id"] != scan_id  # the next scan is a new one
    assert CheckIn.objects.get(registration=ticket).gate == "Gate A"


def test_a_reloaded_answer_is_the_same_success(client, expo, staff, ticket):
    client.force_login(staff)
    scan = {"code": ticket.secret, "scan_id": str(uuid.uuid4())}
    client.post(checkin_url(expo), scan)

    again = client.post(checkin_url(expo), scan)

    assert "checkin-result--admitted" in again.text
    assert "counted once already" in again.text
    assert CheckIn.objects.count() == 1


def test_a_second_scan_on_the_page_is_refused_in_red_with_the_time(client, expo, staff, ticket):
    client.force_login(staff)
    client.post(checkin_url(expo), {"code": ticket.secret, "scan_id": str(uuid.uuid4())})

    response = client.post(
        checkin_url(expo, "Gate B"), {"code": ticket.secret, "scan_id": str(uuid.uuid4())}
    )

    assert "checkin-result--refused" in response.text
    when = timezone.localtime(CheckIn.objects.get().checked_in_at).strftime("%H:%M")
    assert f"Already checked in at {when} at Gate A." in response.text
    assert response.context["form"]["code"].value() == ticket.secret  # what was typed stays


def test_a_forged_code_on_the_page_is_refused_and_kept(client, expo, staff, ticket):
    client.force_login(staff)

    response = client.post(checkin_url(expo), {"code": "forged-code", "scan_id": ""})

    assert "checkin-result--refused" in response.text
    assert "This is not a ticket for this event." in response.text
    assert 'value="forged-code"' in response.text


def test_the_page_offers_the_camera_only_through_its_script(client, expo, staff):
    client.force_login(staff)

    response = client.get(checkin_url(expo))
    # The browser lets this page, and no other (core/security.py), ask for the camera.
    assert "camera=(self)" in response["Permissions-Policy"]

    assert 'id="camera-start" hidden' in response.text
    assert f'src="{static("events/checkin.js")}"' in response.text  # the collected, hashed file
