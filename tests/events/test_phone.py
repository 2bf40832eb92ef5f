"""The registration form's mobile phone number: organisers switch it on per event (off, optional,
required); a mainland mobile or an international number; staff see it in the export and at
check-in; it is in the attendee's data download and erased with it."""

import csv
import io
import json

import pytest

from tests.talent.factories import english_url
from twincity.events import checkin, personal_data, services
from twincity.events.errors import RegistrationError
from twincity.events.models import PhoneQuestion, Registration
from twincity.events.phones import normalised_phone

from . import factories
from .test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),  # full-width, as a Chinese keyboard types
        ("+86 138 0013 8000", "+8613800138000"),
        ("+44 (20) 7946 0958", "+442079460958"),
        ("＋852 9123 4567", "+85291234567"),
        ("", ""),
    ],
)
def test_mainland_and_international_numbers_are_kept_compact(typed, kept):
    assert normalised_phone(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "23800138000",  # a mainland mobile starts with 1
        "1380013800",  # ten digits
        "138001380001",  # twelve
        "028 8888 8888",  # a landline without its country
        "+0 123 456 789",
        "+12345",  # too short for any country
        "+1234567890123456",  # longer than E.164 allows
        "phone me",
        "١٣٨٠٠١٣٨٠٠٠",  # digits of another script are not read as numbers
    ],
)
def test_anything_else_is_refused(typed):
    assert normalised_phone(typed) is None


# --- The service --------------------------------------------------------------------------------------


def test_an_event_that_does_not_ask_keeps_no_number():
    page = factories.event()

    registration = factories.register(page.ticket_types.get(), phone="13800138000")

    assert registration.phone == ""


def test_an_optional_number_may_be_left_out_or_given():
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)
    ticket_type = page.ticket_types.get()

    assert factories.register(ticket_type).phone == ""
    assert factories.register(ticket_type, phone="138 0013 8000").phone == "13800138000"


def test_a_required_number_is_asked_for_at_its_field_and_nothing_is_saved():
    page = factories.asking_phone(factories.event(), PhoneQuestion.REQUIRED)
    ticket_type = page.ticket_types.get()

    with pytest.raises(RegistrationError) as refusal:
        factories.register(ticket_type)

    assert (refusal.value.field, refusal.value.message) == (
        "phone",
        "Please give your mobile phone number.",
    )
    assert not ticket_type.registrations.exists()


def test_a_malformed_number_is_refused_at_its_field():
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)

    with pytest.raises(RegistrationError) as refusal:
        factories.register(page.ticket_types.get(), phone="12345")

    assert refusal.value.field == "phone"
    assert "11 digits starting with 1" in refusal.value.message


# --- The form -------------------------------------------------------------------------------------------


def test_the_form_asks_for_the_number_only_where_the_event_does(client):
    quiet = factories.event()
    asking = factories.asking_phone(factories.event(), PhoneQuestion.REQUIRED)

    quiet_form = client.get(english_url("events:event-register", quiet.pk)).content.decode()
    asking_form = client.get(english_url("events:event-register", asking.pk)).content.decode()

    assert 'name="phone"' not in quiet_form
    assert 'type="tel"' in asking_form and 'name="phone"' in asking_form
    assert '<label for="id_phone">Mobile phone number</label>' in asking_form  # not "optional"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Please give your mobile phone number."),
        ("zh-hans", "请填写您的手机号码。"),
    ],
)
def test_a_missing_required_number_is_marked_at_its_field_and_the_rest_is_kept(
    client, language, message
):
    page = factories.asking_phone(factories.event(), PhoneQuestion.REQUIRED)
    ticket_type = page.ticket_types.get()
    url = english_url("events:event-register", page.pk).replace("/en/", f"/{language}/")

    response = client.post(url, form_data(ticket_type, name="Li Na"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<span class="error" id="id_phone_error">{message}</span>' in html
    assert 'value="Li Na"' in html and 'value="zhang.wei@example.org"' in html
    assert not ticket_type.registrations.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Give a mainland mobile number (11 digits starting with 1)"),
        ("zh-hans", "请填写中国大陆手机号码（以 1 开头的 11 位数字）"),
    ],
)
def test_a_malformed_number_is_explained_at_its_field(client, language, message):
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)
    ticket_type = page.ticket_types.get()
    url = english_url("events:event-register", page.pk).replace("/en/", f"/{language}/")

    html = client.post(url, form_data(ticket_type, phone="555-1234")).content.decode()

    error = html[html.index('id="id_phone_error"') :][:200]
    assert message in error
    assert 'value="555-1234"' in html
    assert not ticket_type.registrations.exists()


def test_the_form_registers_the_number(client):
    page = factories.asking_phone(factories.event(), PhoneQuestion.REQUIRED)
    ticket_type = page.ticket_types.get()

    response = client.post(
        english_url("events:event-register", page.pk),
        form_data(ticket_type, phone="+86 138 0013 8000"),
    )

    assert response.status_code == 302
    assert ticket_type.registrations.get().phone == "+8613800138000"


# --- Staff, and the attendee's own data ----------------------------------------------------------------


def test_the_attendee_export_has_the_number_where_the_event_asks(client):
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)
    factories.register(page.ticket_types.get(), name="Wang Fang", phone="13800138000")
    client.force_login(factories.organiser_staff(page))

    response = client.get(
        english_url("events:event-export", page.pk), {"what": "attendees", "format": "csv"}
    )

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Mobile phone number"] == "13800138000"
    assert rows[0]["Name"] == "Wang Fang"


def test_an_international_number_is_exported_as_text_not_a_formula(client):
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)
    factories.register(page.ticket_types.get(), phone="+8613800138000")
    client.force_login(factories.organiser_staff(page))

    response = client.get(
        english_url("events:event-export", page.pk), {"what": "attendees", "format": "csv"}
    )

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Mobile phone number"] == "'+8613800138000"


def test_the_check_in_shows_the_number_to_staff(client):
    page = factories.asking_phone(factories.event(), PhoneQuestion.REQUIRED)
    ticket = factories.register(page.ticket_types.get(), name="Zhou Min", phone="13912345678")
    staff = factories.organiser_staff(page)
    client.force_login(staff)

    response = client.post(
        english_url("events:checkin", page.pk) + "?gate=Gate+A", {"code": ticket.secret}
    )

    html = response.content.decode()
    assert "Zhou Min" in html and 'href="tel:13912345678"' in html
    assert checkin.CheckInResult(ticket, None, "", "").phone == "13912345678"


def test_the_number_is_in_the_data_download_and_erased_with_it(client):
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)
    registration = factories.register(page.ticket_types.get(), phone="13800138000")

    download = client.get(english_url("events:ticket-data-download", registration.access_token))
    (row,) = json.loads(download.content)["registrations"]
    assert row["phone"] == "13800138000"

    personal_data.erase_reachable_from(registration)

    erased = Registration.objects.get(pk=registration.pk)
    assert erased.phone == "" and erased.status == Registration.Status.CANCELLED
    assert not Registration.objects.filter(phone="13800138000").exists()


def test_the_service_never_keeps_a_number_for_an_event_that_switched_it_off():
    page = factories.asking_phone(factories.event(), PhoneQuestion.OPTIONAL)
    factories.asking_phone(page, PhoneQuestion.OFF)

    registration = services.register(
        page.ticket_types.get().pk,
        name="Xu Lei",
        email="xu.lei@example.org",
        city_of_origin="chengdu",
        answers={},
        language="en",
        submission_token="6c1f4a9e-3d2b-4e8f-9a7c-5b6d8e9f0a1b",
        phone="13800138000",
    )

    assert registration.phone == ""
