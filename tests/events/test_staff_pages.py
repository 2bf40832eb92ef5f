"""The staff pages with the test client: who gets in, the figures (in a fixed number of
queries), the downloads, booth applications from both sides."""

import csv
import io
import uuid

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events import factories
from tests.events.test_booths import stale_booth_check
from tests.talent import factories as talent
from tests.talent.factories import english_url, sent_mail
from twincity.events import booths, checkin, figures
from twincity.events.models import BoothApplication, Registration

pytestmark = pytest.mark.django_db

REFUSAL = "Only the staff of this event&#x27;s organisers may do this."
STAFF_PAGES = [
    "events:event-manage",
    "events:checkin",
    "events:booth-applications",
    "events:event-export",
]


@pytest.fixture
def expo():
    page = factories.event(capacity=2)
    factories.ticket_type(page, name_en="Press", name_zh="媒体", kind="press", capacity=5)
    factories.booth_spaces(page, count=2)
    return page


@pytest.fixture
def staff(expo, client):
    user = factories.organiser_staff(expo)
    client.force_login(user)
    return user


def visitor_ticket(expo):
    return expo.ticket_types.get(name_en="Visitor")


# --- Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*STAFF_PAGES, "events:booth-apply"])
def test_anonymous_visitors_are_sent_to_sign_in(client, expo, name):
    response = client.get(english_url(name, expo.pk))

    assert response.status_code == 302
    assert response["Location"].startswith(english_url("talent:login"))


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_of_other_organisers_and_recruiters_get_a_403_saying_why(client, expo, name):
    for user in (factories.organiser_staff(factories.event()), talent.recruiter().user):
        client.force_login(user)

        response = client.get(english_url(name, expo.pk))

        assert response.status_code == 403
        assert REFUSAL in response.text


def test_the_refusal_is_translated(client, expo):
    client.force_login(talent.recruiter().user)

    response = client.get(english_url("events:event-manage", expo.pk).replace("/en/", "/zh-hans/"))

    assert response.status_code == 403
    assert '<html lang="zh-hans">' in response.text
    assert "Only the staff" not in response.text


@pytest.mark.parametrize(
    "name", ["events:event-manage", "events:checkin", "events:booth-applications"]
)
def test_the_events_staff_and_site_managers_get_in(client, expo, staff, name):
    assert client.get(english_url(name, expo.pk)).status_code == 200
    client.force_login(factories.event_manager())
    assert client.get(english_url(name, expo.pk)).status_code == 200


def test_an_unknown_event_is_a_404(client, staff):
    assert client.get(english_url("events:event-manage", 999_999)).status_code == 404


def test_booth_apply_refuses_who_is_no_enterprise(client, expo):
    client.force_login(talent.graduate(with_cv=False).user)

    response = client.get(english_url("events:booth-apply", expo.pk))

    assert response.status_code == 403
    assert "Booths are for enterprises" in response.text


# --- Figures -------------------------------------------------------------------------------------


@pytest.fixture
def busy_expo(expo):
    """Two seats for visitors: two confirmed (one checked in, one cancelled later), one waiting;
    one press ticket from Chengdu."""
    visitor = visitor_ticket(expo)
    first = factories.register(visitor, city_of_origin="chengdu")
    second = factories.register(visitor)
    factories.register(visitor)
    factories.register(expo.ticket_types.get(name_en="Press"), city_of_origin="chengdu")
    checkin.check_in(first.secret, "Gate A", factories.event_manager(), expo)
    Registration.objects.filter(pk=second.pk).update(status=Registration.Status.CANCELLED)
    return expo


def test_figures_count_by_status_ticket_type_and_city(busy_expo):
    result = figures.event_figures(busy_expo)

    assert result.total.values() == [2, 1, 0, 1, 0, 0, 0, 1]
    by_type = {row.label: row.values() for row in result.by_ticket_type}
    assert by_type == {"Visitor": [1, 1, 0, 1, 0, 0, 0, 1], "Press": [1, 0, 0, 0, 0, 0, 0, 0]}
    by_city = {row.label: row.values() for row in result.by_city}
    assert by_city["Chengdu"] == [2, 0, 0, 0, 0, 0, 0, 1]
    assert by_city["Chongqing"] == [0, 1, 0, 1, 0, 0, 0, 0]
    assert result.booth_spaces == 2 and result.booths_given == 0


def test_figures_take_a_fixed_number_of_queries(busy_expo):
    with CaptureQueriesContext(connection) as few:
        figures.event_figures(busy_expo)
    for _ in range(20):
        factories.register(visitor_ticket(busy_expo), city_of_origin="other")
    factories.booth_application(busy_expo)

    with CaptureQueriesContext(connection) as many:
        figures.event_figures(busy_expo)

    assert len(many) == len(few) <= 6


def test_the_manage_page_shows_tables_charts_and_links(client, busy_expo, staff):
    response = client.get(english_url("events:event-manage", busy_expo.pk))

    text = response.text
    assert response.status_code == 200
    assert 'role="img"' in text and "Confirmed by ticket type" in text
    assert 'id="by-ticket-type"' in text and 'id="by-city"' in text
    assert "?gate=Gate%20A" in text  # check-in per gate used so far
    assert "what=attendees&amp;format=csv" in text and "what=exhibitors&amp;format=xlsx" in text
    assert english_url("events:booth-applications", busy_expo.pk) in text


def test_the_manage_page_in_chinese(client, busy_expo, staff):
    factories.chinese_event(busy_expo)

    response = client.get(
        english_url("events:event-manage", busy_expo.pk).replace("/en/", "/zh-hans/")
    )

    assert response.status_code == 200
    assert "测试博览会" in response.text and "观众" in response.text


# --- Exports -------------------------------------------------------------------------------------


def download(client, expo, what, kind):
    url = english_url("events:event-export", expo.pk)
    return client.get(url, {"what": what, "format": kind})


def test_the_attendee_csv_parses_with_one_column_per_question(client, expo, staff):
    question = factories.question(expo, text_en="Dietary needs?", required=False)
    first = factories.register(
        visitor_ticket(expo),
        name='=HYPERLINK("http://x")',
        organisation_name="+86 Tea House",
        answers={str(question.pk): "Vegetarian"},
    )
    checkin.check_in(first.secret, "Gate A", staff, expo)

    response = download(client, expo, "attendees", "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # a byte order mark, for Excel
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Name",
        "E-mail address",
        "Organisation",
        "Coming from",
        "Ticket type",
        "Status",
        "Registered at",
        "Checked in at",
        "Gate",
        "Dietary needs?",
    ]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == '\'=HYPERLINK("http://x")'  # never a formula
    assert row["Organisation"] == "'+86 Tea House"
    assert (row["Status"], row["Gate"], row["Dietary needs?"]) == (
        "Confirmed",
        "Gate A",
        "Vegetarian",
    )
    assert row["Checked in at"] and row["Coming from"] == "Chongqing"


def test_the_exhibitor_workbook_opens_with_text_cells(client, expo, staff):
    recruiter = talent.recruiter(talent.enterprise(name_en="Hotpot Co.", name_zh="火锅公司"))
    application = factories.booth_application(expo, recruiter, products="=1+1")
    booths.approve_and_assign_next_free(application.pk, staff)

    response = download(client, expo, "exhibitors", "xlsx")

    disposition = response["Content-Disposition"]
    assert f"event-{expo.pk}-exhibitors-" in disposition and disposition.endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)]
    record = dict(zip(header, row, strict=True))
    assert header[:3] == [
        "Organisation (English)",
        "Organisation (Chinese)",
        "Unified social credit code",
    ]
    assert (record["Organisation (English)"], record["Organisation (Chinese)"]) == (
        "Hotpot Co.",
        "火锅公司",
    )
    assert record["Unified social credit code"] == recruiter.organisation.credit_code
    assert record["Products and services shown"] == "=1+1"
    assert sheet["F2"].data_type == "s"  # stored as text: no formula runs
    assert (record["Status"], record["Booth"]) == ("Approved", "Hall 1 A01")


def test_a_download_of_something_unknown_is_refused(client, expo, staff):
    response = download(client, expo, "passwords", "pdf")

    assert response.status_code == 400
    assert "Choose attendees or exhibitors" in response.text


# --- Booth applications, both sides ---------------------------------------------------------------


def test_an_enterprise_applies_through_the_page_and_sees_its_status(client, expo):
    recruiter = talent.recruiter()
    client.force_login(recruiter.user)
    url = english_url("events:booth-apply", expo.pk)
    form = client.get(url)
    assert 'name="sector"' in form.text

    data = {
        "organisation": recruiter.organisation.pk,
        "size_sqm": 18,
        "sector": "Logistics",
        "products": "Cold chain",
    }
    response = client.post(url, data, follow=True)

    assert "Your application has been received" in response.text
    assert 'id="booth-application-status"' in response.text and "Received" in response.text
    assert 'name="sector"' not in response.text  # one application per enterprise
    again = client.post(url, data, follow=True)  # a double submit
    assert again.status_code == 200
    assert BoothApplication.objects.count() == 1


def test_a_bad_application_keeps_what_was_typed(client, expo):
    recruiter = talent.recruiter()
    client.force_login(recruiter.user)
    url = english_url("events:booth-apply", expo.pk)

    data = {"organisation": recruiter.organisation.pk, "size_sqm": 1, "sector": "Tea"}
    response = client.post(url, data)

    assert response.status_code == 200
    assert 'value="Tea"' in response.text and "field--invalid" in response.text
    assert not BoothApplication.objects.exists()


def test_an_organiser_approves_and_assigns_from_the_page_and_the_applicant_is_mailed(
    client, expo, staff
):
    application = factories.booth_application(expo)
    sent_mail().clear()
    decide = english_url("events:booth-decide", expo.pk)
    page = client.get(english_url("events:booth-applications", expo.pk))
    assert f'id="application-{application.pk}"' in page.text

    client.post(decide, {"application": application.pk, "action": "approved"})
    booth = expo.booth_spaces.get(number="A02")
    response = client.post(
        decide, {"application": application.pk, "action": "assign", "booth": booth.pk}, follow=True
    )

    assert "approved, booth Hall 1 A02" in response.text
    application.refresh_from_db()
    assert (application.status, application.booth) == ("approved", booth)
    assert len(sent_mail()) == 2


@pytest.mark.parametrize("caught_by", ["the check", "the database"])
def test_a_booth_taken_meanwhile_is_a_message_never_an_error_page(
    client, expo, staff, monkeypatch, caught_by
):
    first, second = factories.booth_application(expo), factories.booth_application(expo)
    for application in (first, second):
        booths.decide(application.pk, "approved", staff)
    booth = expo.booth_spaces.get(number="A01")
    booths.assign_booth(first.pk, booth.pk, staff)  # another organiser, a moment earlier
    asked = None
    if caught_by == "the database":  # the check saw the booth free, as it may without the lock
        asked = stale_booth_check(monkeypatch)

    response = client.post(
        english_url("events:booth-decide", expo.pk),
        {"application": second.pk, "action": "assign", "booth": booth.pk},
        follow=True,
    )

    assert response.status_code == 200
    assert "Booth Hall 1 A01 has just been given to another exhibitor" in response.text
    second.refresh_from_db()
    assert second.booth is None
    if asked is not None:
        assert asked == [booth.pk], "the stale check was not the one the view's service asks"


def test_a_forged_decision_is_a_message(client, expo, staff):
    response = client.post(
        english_url("events:booth-decide", expo.pk),
        {"application": "x", "action": "approved"},
        follow=True,
    )

    assert response.status_code == 200
    assert "no longer exists" in response.text


def test_the_check_in_page_counts_and_uses_a_fresh_scan_id_each_time(client, expo, staff):
    ticket = factories.register(visitor_ticket(expo))
    url = english_url("events:checkin", expo.pk) + "?gate=North"

    response = client.post(url, {"code": ticket.secret, "scan_id": str(uuid.uuid4())})

    assert "1</strong> of 1 checked in" in response.text
