"""The dashboard's figures equal counts taken straight from the database, in a fixed number of
queries. The test database holds the demo (events and their demo visitors, investment); each
test adds its own rows and compares the whole table with counts made here, independently."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from tests.events import factories as events
from tests.invest import factories as invest
from tests.talent import factories as talent
from twincity.dashboard import figures, selectors
from twincity.events import checkin
from twincity.events.models import EventPage, Registration
from twincity.invest.models import Enquiry, Project, ProjectStage
from twincity.talent.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_suppressed(settings):
    """Here every cell is compared; suppression has tests of its own."""
    settings.DASHBOARD_MIN_COUNT = 0


def published(table: figures.FigureTable) -> dict[tuple[str, str], int]:
    return {
        (row_key, column_key): cell.value
        for row_key, _label, cells, _total in table.body()
        for (column_key, _c), cell in zip(table.columns, cells, strict=True)
    }


def in_window(moment, window: selectors.Window) -> bool:
    start, end = window.bounds()
    return start <= moment < end


@pytest.fixture
def crossing_event():
    """A Chongqing expo this month: 3 from Chengdu, 2 from Chongqing, 1 from elsewhere; two of
    those from Chengdu checked in at the gate."""
    page = events.event(capacity=20, city="chongqing", starts_at=timezone.now() + timedelta(hours=2),
                        ends_at=timezone.now() + timedelta(hours=6))  # fmt: skip
    ticket = page.ticket_types.get()
    people = [
        events.register(ticket, city_of_origin=origin)
        for origin in ["chengdu"] * 3 + ["chongqing"] * 2 + ["other"]
    ]
    manager = events.event_manager()
    for registration in people[:2]:
        checkin.check_in(registration.secret, "Gate A", manager, page)
    return page


def expected_attendance(window: selectors.Window) -> Counter:
    """Per event, straight from the registrations: checked in where the gate scanned tickets,
    confirmed otherwise."""
    expected: Counter = Counter()
    for event in EventPage.objects.live().filter(locale__language_code="en"):
        if not in_window(event.starts_at, window):
            continue
        registrations = Registration.objects.filter(ticket_type__event=event)
        scanned = registrations.filter(check_in__isnull=False)
        counted = scanned if scanned.exists() else registrations.filter(status="confirmed")
        for origin in ("chengdu", "chongqing", "other"):
            expected[(origin, event.city)] += counted.filter(city_of_origin=origin).count()
    return expected


def test_attendance_equals_the_registrations_in_the_database(crossing_event):
    figure = figures.figure("attendance")

    expected = expected_attendance(figure.window)
    table = figure.table("by-origin")
    assert published(table) == {key: expected[key] for key in published(table)}
    # The Chongqing expo counts the two checked in only (both from Chengdu).
    assert expected[("chengdu", "chongqing")] >= 2
    by_month = figure.table("by-month")
    assert sum(cell.value for cell in by_month.table.row_totals) == sum(expected.values())


def test_the_share_that_crossed_is_taken_from_the_published_cells(crossing_event):
    figure = figures.figure("attendance")

    cells = published(figure.table("by-origin"))
    crossed = cells[("chengdu", "chongqing")] + cells[("chongqing", "chengdu")]
    of = crossed + cells[("chengdu", "chengdu")] + cells[("chongqing", "chongqing")]
    assert figure.facts == {"crossed": crossed, "of": of}
    assert f"{round(100 * crossed / of)}%" in figure.notes[0]


def test_events_by_kind_and_city_equal_the_published_events(crossing_event):
    figure = figures.figure("events")

    counts = Counter()
    for event in EventPage.objects.live().filter(locale__language_code="en"):
        if in_window(event.starts_at, figure.window):
            counts[(event.kind, event.city)] += 1
    table = figure.table("by-kind")
    assert published(table) == {key: counts[key] for key in published(table)}
    assert table.table.total.value == sum(counts.values())


@pytest.fixture
def placements():
    """Graduates of a Chengdu school: 3 hired in Chongqing, 1 with an offer in Chengdu, 1 still
    applying; and one hired at a vacancy outside any fair (not a job-fair placement)."""
    school = talent.school(city="chengdu")
    fair = talent.fair()
    recruiter = talent.recruiter()
    chongqing = talent.vacancy(recruiter, city="chongqing", fair=fair)
    chengdu = talent.vacancy(recruiter, city="chengdu", fair=fair)
    elsewhere = talent.vacancy(recruiter, city="chongqing")
    for vacancy, status in [
        (chongqing, "hired"), (chongqing, "hired"), (chongqing, "offer"),
        (chengdu, "offer"), (chengdu, "applied"), (elsewhere, "hired"),
    ]:  # fmt: skip
        Application.objects.create(vacancy=vacancy, school=school, status=status)
    return school


def test_placements_equal_the_applications_in_the_database(placements):
    figure = figures.figure("placements")

    rows = (
        Application.objects.filter(status__in=["offer", "hired"], vacancy__fair__isnull=False)
        .values("school__city", "vacancy__city")
        .annotate(n=Count("pk"))
    )
    expected = Counter(
        {(row["school__city"] or "other", row["vacancy__city"]): row["n"] for row in rows}
    )
    table = figure.table("by-city")
    assert published(table) == {key: expected[key] for key in published(table)}
    assert published(table)[("chengdu", "chongqing")] >= 3


def test_enquiries_and_signed_projects_equal_the_database():
    office = invest.office("chengdu")
    for sector in ("vehicles", "vehicles", "electronics"):
        invest.enquiry(offices=(office,), sector=sector)
    invest.enquiry(sector="food")  # not routed yet
    invest.project(office, stage=ProjectStage.SIGNED, signed_on=timezone.localdate(),
                   sector="electronics", contract_value_yuan=350_000_000)  # fmt: skip
    figure = figures.figure("investment")
    start, end = figure.window.bounds()

    enquiries = Counter(
        (row["sector"], row["lead_office__city"] or "not-routed")
        for row in Enquiry.objects.filter(created_at__gte=start, created_at__lt=end).values(
            "sector", "lead_office__city"
        )
    )
    table = figure.table("enquiries")
    assert published(table) == {key: enquiries[key] for key in published(table)}
    signed = Counter(
        (row["sector"], row["city"])
        for row in Project.objects.filter(
            stage__in=["signed", "construction", "production"],
            signed_on__gte=figure.window.first,
            signed_on__lte=timezone.localdate(),
        ).values("sector", "city")
    )
    table = figure.table("signed")
    assert published(table) == {key: signed[key] for key in published(table)}


@pytest.mark.parametrize("key", figures.FIGURE_KEYS)
def test_each_figure_takes_a_fixed_number_of_queries(
    key, django_assert_num_queries, crossing_event, placements
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        figures.figure(key)
    # More of everything: the queries stay the same.
    events.event(city="chengdu")
    invest.enquiry(offices=(invest.office("chongqing"),))
    Application.objects.create(
        vacancy=talent.vacancy(city="chengdu", fair=talent.fair()), status="hired"
    )
    with django_assert_num_queries(len(before.captured_queries)):
        figures.figure(key)
