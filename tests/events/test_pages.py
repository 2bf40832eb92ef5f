"""The event pages: the listing and its filters in both languages, an event's page, and the
co-organisers' rights in the admin (each organisation's staff edit their own events only)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.events import factories
from tests.talent import factories as talent
from twincity.events.models import EventPage, EventStaff, TicketType
from twincity.events.permissions import ORGANISERS_GROUP, grant_event_admin
from twincity.events.selectors import RELATED_NEWS_SHOWN, upcoming_events

pytestmark = pytest.mark.django_db

CHINA = ZoneInfo("Asia/Shanghai")
# A month no demo event falls in, so that the filters' answers are only the tests' events.
TEST_MONTH = "2031-03"


def in_test_month(day: int, hour: int = 9, **fields) -> EventPage:
    starts = datetime(2031, 3, day, hour, tzinfo=CHINA)
    return factories.event(starts_at=starts, ends_at=starts + timedelta(hours=8), **fields)


def listing(client, language: str = "en", **filters) -> str:
    response = client.get(f"/{language}/events/", filters)
    assert response.status_code == 200
    return response.content.decode()


def listed(html: str, *pages: EventPage) -> list[bool]:
    return [f">{escape(page.title)}</a>" in html for page in pages]


# --- The listing ---------------------------------------------------------------------------------


def test_a_city_also_lists_the_events_held_in_both_cities(client):
    chengdu = in_test_month(2, city="chengdu")
    chongqing = in_test_month(3, city="chongqing")
    both = in_test_month(4, city="both")

    assert listed(listing(client, city="chengdu", month=TEST_MONTH), chengdu, chongqing, both) == [
        True,
        False,
        True,
    ]
    assert listed(
        listing(client, city="chongqing", month=TEST_MONTH), chengdu, chongqing, both
    ) == [
        False,
        True,
        True,
    ]
    assert listed(listing(client, city="both", month=TEST_MONTH), chengdu, chongqing, both) == [
        False,
        False,
        True,
    ]


def test_the_kind_filter(client):
    expo = in_test_month(5, kind="expo")
    seminar = in_test_month(6, kind="seminar")

    assert listed(listing(client, kind="seminar", month=TEST_MONTH), expo, seminar) == [False, True]


def test_the_month_filter_takes_every_event_running_in_that_month(client):
    started_before = factories.event(
        starts_at=datetime(2031, 2, 27, 9, tzinfo=CHINA),
        ends_at=datetime(2031, 3, 1, 17, tzinfo=CHINA),
    )
    inside = in_test_month(15)
    # Beijing time decides: 1 April 00:30 in Beijing is still 31 March in UTC.
    next_month = factories.event(
        starts_at=datetime(2031, 4, 1, 0, 30, tzinfo=CHINA),
        ends_at=datetime(2031, 4, 1, 8, tzinfo=CHINA),
    )

    html = listing(client, month=TEST_MONTH)

    assert listed(html, started_before, inside, next_month) == [True, True, False]


def test_upcoming_events_come_first_soonest_first_then_past_ones_latest_first(client):
    now = timezone.now()
    later = factories.event(starts_at=now + timedelta(days=9), ends_at=now + timedelta(days=10))
    sooner = factories.event(starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=4))
    recent = factories.event(starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2))
    older = factories.event(starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=8))
    # Only this test's events are in the chosen city and kind.
    for page in (later, sooner, recent, older):
        EventPage.objects.filter(pk=page.pk).update(kind="campaign_launch", city="chongqing")

    html = listing(client, kind="campaign_launch", city="chongqing")

    positions = [html.index(f">{page.title}</a>") for page in (sooner, later, recent, older)]
    assert positions == sorted(positions)
    assert html.index("Upcoming events") < positions[0] < positions[1] < html.index("Past events")
    assert html.index("Past events") < positions[2]


def test_upcoming_or_past_only(client):
    now = timezone.now()
    coming = factories.event(starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=3))
    over = factories.event(starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2))
    # Still going on: upcoming, not past, until it ends.
    running = factories.event(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=5))

    assert listed(listing(client, when="upcoming"), coming, over, running) == [True, False, True]
    assert listed(listing(client, when="past"), coming, over, running) == [False, True, False]


def test_the_chinese_listing_shows_the_chinese_pages_with_the_same_filters(client):
    chongqing = in_test_month(7, city="chongqing", title="Hotpot expo")
    factories.chinese_event(chongqing, "火锅博览会")
    chengdu = in_test_month(8, city="chengdu", title="Tea expo")
    factories.chinese_event(chengdu, "茶博会")

    html = listing(client, "zh-hans", city="chongqing", month=TEST_MONTH)

    assert "火锅博览会" in html and "茶博会" not in html
    assert "Hotpot expo" not in html
    assert "即将举行的活动" in html and 'lang="zh-hans"' in html
    assert "/zh-hans/events/feeds/chongqing.ics" in html


def test_a_filter_not_understood_is_left_out_and_said_so(client):
    seminar = in_test_month(9, kind="seminar")

    html = listing(client, kind="seminar", month="March")

    assert "Some filters were not understood" in html
    assert listed(html, seminar) == [True]
    assert "seminar" in html  # the kind stays chosen in the form
    assert client.get("/en/events/", {"page": "999", "city": "nowhere"}).status_code == 200


def test_the_listing_pages_through_and_keeps_the_filters(client):
    for day in range(1, 15):
        in_test_month(day, kind="exhibition")

    html = listing(client, kind="exhibition", month=TEST_MONTH)

    assert "14 events" in html
    assert "?kind=exhibition&amp;month=2031-03&amp;page=2" in html
    second = listing(client, kind="exhibition", month=TEST_MONTH, page=2)
    assert second.count('class="card event-card"') == 2


def test_the_subscribe_links_follow_the_chosen_city_and_kind(client):
    html = listing(client, city="chengdu", kind="festival")

    assert f'href="{reverse("events:feed", args=["chengdu"])}?kind=festival"' in html
    assert f'href="{reverse("events:feed", args=["all"])}?kind=festival"' in html


def test_the_listing_takes_the_same_number_of_queries_for_few_or_many_events(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            listing(client, month=TEST_MONTH)
        return len(captured)

    # Each count is of a second request: the first after a publish looks the site up again
    # (a new content generation, core/generation.py), which is not what is measured here.
    in_test_month(1)
    queries()
    few = queries()
    for day in range(2, 10):
        in_test_month(day)
    queries()
    assert queries() == few


# --- An event's page ----------------------------------------------------------------------------


def session(title: str, starts: datetime, hours: int, room: str, speakers: list[str]) -> dict:
    return {
        "type": "session",
        "value": {
            "title": title,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=hours)).isoformat(),
            "room": room,
            "speakers": speakers,
            "description": "",
        },
    }


@pytest.fixture
def expo():
    """An upcoming two-day expo with a programme (given out of order) and two organisers."""
    first_day = datetime(2031, 5, 20, 9, tzinfo=CHINA)
    page = factories.event(
        title="Two-city tea expo",
        starts_at=first_day,
        ends_at=first_day + timedelta(days=1, hours=8),
        latitude="30.55",
        longitude="104.07",
        programme=[
            session("Closing talk", first_day + timedelta(days=1, hours=6), 1, "Hall B", ["Li"]),
            session("Opening", first_day, 1, "Hall A", ["Wang", "Zhang"]),
        ],
    )
    page.co_organisers.set([talent.school(name_en="Tea College"), talent.enterprise()])
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def test_the_event_page_shows_when_where_who_and_the_programme_by_day(client, expo):
    html = client.get(expo.url).content.decode()

    assert "Tue 20 May 2031, 09:00" in html and "(Beijing time)" in html
    assert 'href="geo:30.55,104.07"' in html and "<svg" in html
    for organiser in expo.co_organisers.all():
        assert f'href="{reverse("directory:organisation", args=[organiser.pk])}"' in html
    assert (
        html.index("Tue 20 May 2031</h3>")
        < html.index("Opening")
        < html.index("Wed 21 May 2031</h3>")
    )
    assert html.index("Wed 21 May 2031</h3>") < html.index("Closing talk")
    assert "Hall A" in html and "Wang, Zhang" in html


def test_an_organiser_awaiting_approval_is_not_named_on_the_event_page(client, expo):
    hidden = expo.co_organisers.first()
    type(hidden).objects.filter(pk=hidden.pk).update(listed=False)
    html = client.get(expo.url).content.decode()
    assert reverse("directory:organisation", args=[hidden.pk]) not in html
    shown = expo.co_organisers.exclude(pk=hidden.pk).get()
    assert reverse("directory:organisation", args=[shown.pk]) in html


def test_the_register_button_goes_to_registration_for_the_source_page(client, expo):
    chinese = factories.chinese_event(expo, "双城茶博会")
    register_url = reverse("events:event-register", args=[expo.pk])

    assert f'href="{register_url}"' in client.get(expo.url).content.decode()
    html = client.get(chinese.url).content.decode()
    assert f'href="/zh-hans/events/{expo.pk}/register/"' in html
    assert "日程" in html and "主办方" in html and "报名" in html


def test_no_register_button_when_registration_is_closed_or_not_open_yet(client, expo):
    register_url = reverse("events:event-register", args=[expo.pk])
    TicketType.objects.filter(event=expo).update(sale_starts_at=timezone.now() + timedelta(days=2))

    html = client.get(expo.url).content.decode()
    assert register_url not in html and "Registration opens on" in html

    EventPage.objects.filter(pk=expo.pk).update(registration_open=False)
    html = client.get(expo.url).content.decode()
    assert register_url not in html and "Registration opens on" not in html


def test_no_register_button_after_the_event(client):
    page = factories.event(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )

    assert (
        reverse("events:event-register", args=[page.pk])
        not in client.get(page.url).content.decode()
    )


def test_a_job_fair_links_its_fair_and_its_open_vacancies(client):
    fair = talent.fair()
    vacancy = talent.vacancy(fair=fair)
    page = factories.event(kind="job_fair", fair=fair)

    html = client.get(page.url).content.decode()

    assert f'href="{reverse("talent:fair", args=[fair.pk])}"' in html
    assert f'href="{reverse("talent:vacancy", args=[vacancy.pk])}"' in html


def test_related_news_share_a_tag_with_the_event(client):
    page = factories.event(title="Sichuan cuisine week", summary="A food festival for tests.")

    html = client.get(page.url).content.decode()

    assert "Related news" in html
    assert "Hotpot and Sichuan cuisine take centre stage as food festivals open" in html
    related = html[html.index("Related news") :]
    assert related.count('class="article-card"') <= RELATED_NEWS_SHOWN


def test_without_a_shared_tag_the_newest_news_are_related(client):
    page = factories.event(title="Quiet gathering", summary="Nothing in common.")

    html = client.get(page.url).content.decode()

    related = html[html.index("Related news") :]
    assert related.count('class="article-card"') == RELATED_NEWS_SHOWN


def nearby_section(html: str) -> str:
    """The "Nearby attractions" section tourism adds to an event page (EVENT_PAGE_EXTRAS)."""
    start = html.index('<section class="nearby"')
    return html[start : html.index("</section>", start)]


def test_an_event_next_to_a_demo_place_lists_it_among_nearby_attractions(client):
    from twincity.tourism.models import PlacePage

    alleys = PlacePage.objects.get(slug="kuanzhai-alleys", locale__language_code="en")
    cottage = PlacePage.objects.get(slug="du-fu-thatched-cottage", locale__language_code="en")
    # About 100 m north of the alleys; Du Fu's cottage is some 2.7 km west, past walking range.
    page = factories.event(latitude=alleys.latitude + Decimal("0.001"), longitude=alleys.longitude)

    nearby = nearby_section(client.get(page.url).content.decode())

    assert "Nearby attractions" in nearby
    assert f'<a href="{alleys.url}">Kuanzhai Alleys</a> <span class="meta">2 min walk' in nearby
    assert cottage.title not in nearby


@pytest.mark.parametrize(
    "where",
    [
        {"latitude": Decimal("30.4500"), "longitude": Decimal("104.2000")},  # fields, Chengdu
        {},  # no coordinates at all
    ],
)
def test_an_event_far_from_every_place_has_no_nearby_attractions(client, where):
    page = factories.event(**where)

    html = client.get(page.url).content.decode()

    assert "Related news" in html  # the page's own sections are there
    assert "Nearby attractions" not in html
    assert 'class="nearby"' not in html


# --- Co-organisers in the admin ------------------------------------------------------------------


@pytest.fixture
def two_events():
    """Event A of organiser A, event B of organiser B; a staff member of A in the admin."""
    mine, theirs = factories.event(title="Event of A"), factories.event(title="Event of B")
    staff = factories.organiser_staff(mine)
    factories.organiser_staff(theirs)
    grant_event_admin(staff)
    return mine, theirs, User.objects.get(pk=staff.pk)


def edit_status(client, page: EventPage) -> int:
    return client.get(f"/admin/pages/{page.pk}/edit/").status_code


def test_organisers_staff_edit_their_events_and_are_refused_others(client, two_events):
    mine, theirs, staff = two_events
    client.force_login(staff)

    assert edit_status(client, mine) == 200
    assert edit_status(client, theirs) == 302  # Wagtail: "you do not have permission"
    assert client.get(f"/admin/pages/{theirs.pk}/delete/").status_code == 302
    response = client.post(f"/admin/pages/{theirs.pk}/edit/", {"title": "Taken over"})
    assert response.status_code == 302
    assert EventPage.objects.get(pk=theirs.pk).title == "Event of B"


def test_the_right_reaches_the_translations_of_their_events(client, two_events):
    mine, theirs, staff = two_events
    mine_zh, theirs_zh = factories.chinese_event(mine, "甲的活动"), factories.chinese_event(theirs)
    client.force_login(staff)

    assert edit_status(client, mine_zh) == 200
    assert edit_status(client, theirs_zh) == 302


def test_the_explorer_lists_only_their_events(client, two_events):
    mine, theirs, staff = two_events
    client.force_login(staff)

    html = client.get(f"/admin/pages/{mine.get_parent().pk}/").content.decode()

    assert "Event of A" in html and "Event of B" not in html


def test_removed_from_the_staff_they_lose_the_right(client, two_events):
    mine, _theirs, staff = two_events
    EventStaff.objects.filter(user=staff).delete()
    client.force_login(staff)

    assert edit_status(client, mine) == 302


def test_event_managers_and_editors_are_not_narrowed(client, two_events):
    mine, theirs, _staff = two_events
    manager = factories.event_manager()
    manager.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    client.force_login(manager)
    assert edit_status(client, theirs) == 200

    editor = User.objects.create_user("editor-of-the-association", password="pw-for-tests")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert edit_status(client, mine) == 200 and edit_status(client, theirs) == 200


TICKETS = "/admin/events/ticket-types/"


def ticket_form(event: EventPage, name: str) -> dict:
    return {
        "event": str(event.pk),
        "name_en": name,
        "name_zh": "观众",
        "kind": "visitor",
        "capacity": "50",
        "sale_starts_at": "2031-01-01 09:00",
        "sale_ends_at": "2031-02-01 09:00",
        "offer_hours": "48",
        "price": "0",
    }


def test_staff_manage_the_ticket_types_of_their_events_only(client, two_events):
    mine, theirs, staff = two_events
    client.force_login(staff)

    listing_html = client.get(TICKETS).content.decode()
    assert f"{TICKETS}edit/{mine.ticket_types.get().pk}/" in listing_html
    assert f"{TICKETS}edit/{theirs.ticket_types.get().pk}/" not in listing_html
    assert client.get(f"{TICKETS}edit/{theirs.ticket_types.get().pk}/").status_code in (302, 403)

    assert client.post(f"{TICKETS}new/", ticket_form(mine, "Students")).status_code == 302
    assert mine.ticket_types.filter(name_en="Students").exists()
    refused = client.post(f"{TICKETS}new/", ticket_form(theirs, "Intruders"))
    assert refused.status_code == 200
    assert "Choose an event of your organisation" in refused.content.decode()
    assert not TicketType.objects.filter(name_en="Intruders").exists()


def test_a_sale_window_that_closes_before_it_opens_is_refused_on_the_form(client, two_events):
    mine, _theirs, staff = two_events
    client.force_login(staff)
    data = {**ticket_form(mine, "Backwards"), "sale_ends_at": "2030-12-01 09:00"}

    response = client.post(f"{TICKETS}new/", data)

    assert "Registration must close after it opens." in response.content.decode()
    assert not TicketType.objects.filter(name_en="Backwards").exists()


def test_an_editor_adds_event_staff_by_e_mail_and_they_enter_the_admin(client, admin_user):
    page = factories.event()
    organisation = talent.school()
    page.co_organisers.add(organisation)
    page.save_revision().publish()
    person = User.objects.create_user("li.hua", "li.hua@example.org", "pw-for-tests")
    client.force_login(admin_user)

    response = client.post(
        "/admin/events/staff/new/",
        {"account": "LI.HUA@example.org", "organisation": str(organisation.pk)},
    )

    assert response.status_code == 302
    assert EventStaff.objects.filter(user=person, organisation=organisation).exists()
    assert person.groups.filter(name=ORGANISERS_GROUP).exists()
    client.force_login(person)
    assert edit_status(client, page) == 200

    client.force_login(admin_user)
    staff_row = EventStaff.objects.get(user=person)
    client.post(f"/admin/events/staff/delete/{staff_row.pk}/")
    assert not person.groups.filter(name=ORGANISERS_GROUP).exists()


def test_event_staff_are_not_the_organisers_own_to_add(client, two_events):
    _mine, _theirs, staff = two_events
    client.force_login(staff)

    assert client.get("/admin/events/staff/").status_code == 302


def test_dates_are_shown_in_beijing_time_in_chinese(client):
    # 01:30 UTC is 09:30 in Beijing.
    starts = datetime(2031, 6, 1, 1, 30, tzinfo=ZoneInfo("UTC"))
    page = factories.event(starts_at=starts, ends_at=starts + timedelta(hours=2))
    chinese = factories.chinese_event(page)

    html = client.get(chinese.url).content.decode()

    assert "2031年6月1日（星期日）09:30</time>–" in html and ">11:30</time>" in html
    assert "（北京时间）" in html


def test_an_event_known_by_its_day_only_shows_the_day_without_hours(client):
    html = client.get("/en/events/food-festivals-open-in-both-cities-2020/").content.decode()

    assert '<time datetime="2020-10-16">Fri 16 Oct 2020</time> <small>' in html


def test_upcoming_events_for_teasers_are_the_next_ones_of_the_language():
    now = timezone.now()
    soon = factories.event(starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2))
    chinese = factories.chinese_event(soon)

    english_next = upcoming_events(soon.locale_id, limit=1, now=now)
    assert english_next == [soon]
    assert upcoming_events(chinese.locale_id, limit=1, now=now) == [chinese]
