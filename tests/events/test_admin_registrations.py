"""Registrations in the Wagtail admin: listed with their answers and check-ins, filtered, searched
and downloaded; staff of a co-organiser see their own events' registrations only; nothing there
adds, edits or deletes a registration."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from twincity.events import checkin
from twincity.events.models import PhoneQuestion, Registration
from twincity.events.permissions import grant_event_admin

from . import factories

pytestmark = pytest.mark.django_db
LIST = "/admin/events/registrations/"


def admin_staff(page):
    staff = factories.organiser_staff(page)
    grant_event_admin(staff)
    return staff


def event_manager():
    """The site's event manager (every event), who works in the admin."""
    manager = factories.event_manager()
    manager.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return manager


@pytest.fixture
def ours():
    """An event of organiser P with a question, three registrations (one checked in)."""
    page = factories.asking_phone(factories.event(capacity=5, title="Tea expo"), "optional")
    question = factories.question(page, text_en="Dietary needs?", required=False)
    visitors = page.ticket_types.get()
    staff = admin_staff(page)
    wang = factories.register(
        visitors, name="Wang Fang", answers={str(question.pk): "Vegetarian"}, phone="13800138000"
    )
    factories.register(visitors, name="Li Na")
    factories.register(factories.ticket_type(page, name_en="Student"), name="Chen Jing")
    checkin.check_in(wang.secret, "Gate A", staff, page)
    return page, staff


@pytest.fixture
def theirs():
    page = factories.event(title="Hotpot fair")
    factories.register(page.ticket_types.get(), name="Zhou Min")
    return page


def names(html: str) -> set[str]:
    return set(re.findall(r"(Wang Fang|Li Na|Chen Jing|Zhou Min)", html))


def test_staff_see_their_events_registrations_with_answers_and_check_ins(client, ours, theirs):
    page, staff = ours
    client.force_login(staff)

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Registrations - Wagtail</title>" in html
    assert names(html) == {"Wang Fang", "Li Na", "Chen Jing"}
    assert "Dietary needs?: Vegetarian" in html
    assert "Gate A" in html and "13800138000" in html
    assert "Tea expo" in html and "Hotpot fair" not in html


def test_an_event_manager_sees_every_event(client, ours, theirs):
    client.force_login(event_manager())

    html = client.get(LIST).content.decode()

    assert names(html) == {"Wang Fang", "Li Na", "Chen Jing", "Zhou Min"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda page: {"status": "confirmed"}, {"Wang Fang", "Li Na", "Chen Jing"}),
        (lambda page: {"checked_in": "true"}, {"Wang Fang"}),
        (lambda page: {"checked_in": "false"}, {"Li Na", "Chen Jing"}),
        (
            lambda page: {"ticket_type": page.ticket_types.get(name_en="Student").pk},
            {"Chen Jing"},
        ),
        (lambda page: {"event": page.pk}, {"Wang Fang", "Li Na", "Chen Jing"}),
        (lambda page: {"q": "wang"}, {"Wang Fang"}),
        (lambda page: {"q": "visitor"}, {"Wang Fang", "Li Na", "Chen Jing"}),  # e-mail
        (
            lambda page: {"created_at_from": timezone.localdate() + timedelta(days=1)},
            set(),
        ),
        (
            lambda page: {
                "created_at_from": timezone.localdate(),
                "created_at_to": timezone.localdate(),
            },
            {"Wang Fang", "Li Na", "Chen Jing"},
        ),
    ],
    ids=[
        "status",
        "checked in",
        "not checked in",
        "ticket type",
        "event",
        "name",
        "e-mail",
        "registered after today",
        "registered today",
    ],
)
def test_the_list_is_filtered_and_searched(client, ours, query, expected):
    page, staff = ours
    client.force_login(staff)

    html = client.get(LIST, query(page)).content.decode()

    assert names(html) == expected


def test_filters_offer_only_the_staffs_own_events(client, ours, theirs):
    _page, staff = ours
    client.force_login(staff)

    html = client.get(LIST).content.decode()
    assert "Tea expo" in html and "Hotpot fair" not in html  # the event filter's choices too
    html = client.get(LIST, {"event": theirs.pk}).content.decode()
    assert "Zhou Min" not in html


def test_staff_cannot_open_another_events_registration(client, ours, theirs):
    _page, staff = ours
    client.force_login(staff)
    stranger = Registration.objects.get(name="Zhou Min")

    response = client.get(f"{LIST}inspect/{stranger.pk}/")

    assert response.status_code == 302 and "Zhou Min" not in response.content.decode()


def test_a_registration_page_shows_its_answers_and_check_in(client, ours):
    page, staff = ours
    client.force_login(staff)
    wang = Registration.objects.get(name="Wang Fang")

    html = client.get(f"{LIST}inspect/{wang.pk}/").content.decode()

    assert re.search(r"<title>Inspect: Wang Fang \(Confirmed\) - Wagtail</title>", html)
    assert "Dietary needs?: Vegetarian" in html and "Gate A" in html


def test_nothing_in_the_admin_adds_edits_or_deletes_a_registration(client, ours, admin_user):
    client.force_login(admin_user)
    wang = Registration.objects.get(name="Wang Fang")

    html = client.get(LIST).content.decode()

    assert f"{LIST}new/" not in html and f"{LIST}edit/" not in html
    for path in ("new/", f"edit/{wang.pk}/", f"delete/{wang.pk}/"):
        assert client.get(LIST + path, follow=True).status_code == 404
    assert client.get(f"{LIST}inspect/{wang.pk}/").status_code == 200


def test_an_editor_without_rights_on_registrations_is_sent_away(client, ours):
    from tests.security.conftest import wagtail_editor

    client.force_login(wagtail_editor())

    assert client.get(LIST).status_code == 302


def test_the_csv_download_has_the_filtered_rows_a_column_per_question(client, ours):
    page, staff = ours
    client.force_login(staff)

    response = client.get(LIST, {"export": "csv", "event": page.pk, "checked_in": "true"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Name"] for row in rows] == ["Wang Fang"]
    (wang,) = rows
    assert wang["Dietary needs?"] == "Vegetarian"
    assert (wang["Gate"], wang["Mobile phone number"]) == ("Gate A", "13800138000")


def test_the_excel_download_names_each_event_when_there_are_several(client, ours, theirs):
    client.force_login(event_manager())

    response = client.get(LIST, {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[0] == "Event" and "Tea expo: Dietary needs?" in header
    by_name = {row[header.index("Name")]: row for row in rows}
    assert by_name["Zhou Min"][0] == "Hotpot fair"
    assert by_name["Wang Fang"][header.index("Tea expo: Dietary needs?")] == "Vegetarian"


def test_the_phone_column_is_left_out_where_no_event_asks(client, theirs):
    client.force_login(event_manager())

    response = client.get(LIST, {"export": "csv", "event": theirs.pk})

    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert "Mobile phone number" not in header and header.startswith("Name,")
    assert theirs.registration_phone == PhoneQuestion.OFF
