"""Place pages and the travel listing, in both languages."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.support import follow

BEIJING = ZoneInfo("Asia/Shanghai")


def at_beijing(monkeypatch, *args):
    moment = datetime(*args, tzinfo=BEIJING)
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.django_db
def test_place_page_in_both_languages(client, place):
    english = client.get("/en/travel/hongyadong/")
    chinese = client.get("/zh-hans/travel/hongyadong/")
    assert english.status_code == chinese.status_code == 200
    assert "<h1>Hongyadong</h1>" in english.content.decode()
    assert "<h1>洪崖洞</h1>" in chinese.content.decode()
    # Each shows the name in the other script, marked with its language.
    assert '<p class="other-name" lang="zh-Hans">洪崖洞</p>' in english.content.decode()
    assert '<p class="other-name" lang="en">Hongyadong</p>' in chinese.content.decode()
    assert "嘉陵江畔" in chinese.content.decode()  # summary_zh on the Chinese page


@pytest.mark.django_db
def test_open_now_in_beijing_time(client, monkeypatch):
    at_beijing(monkeypatch, 2026, 12, 2, 12, 0)  # a Wednesday noon
    page = client.get("/en/travel/hongyadong/").content.decode()
    assert "Open now" in page and "11:00–23:00" in page
    at_beijing(monkeypatch, 2026, 12, 2, 23, 30)
    assert "Closed now" in client.get("/en/travel/hongyadong/").content.decode()


@pytest.mark.django_db
def test_hours_past_midnight_and_closed_day(client, monkeypatch):
    # Open 17:00-26:00 (to 02:00) except Mondays: 01:00 on Tuesday belongs to the closed
    # Monday night; 01:00 on Wednesday is still Tuesday's opening.
    at_beijing(monkeypatch, 2026, 12, 1, 1, 0)  # Tuesday 01:00
    assert "Closed now" in client.get("/en/travel/night-hotpot-yuzhong/").content.decode()
    at_beijing(monkeypatch, 2026, 12, 2, 1, 0)  # Wednesday 01:00
    page = client.get("/en/travel/night-hotpot-yuzhong/").content.decode()
    assert "Open now" in page
    assert "17:00–02:00 (next day)" in page
    monday_row = page[page.index('<th scope="row">Monday</th>') :][:80]
    assert "Closed" in monday_row


@pytest.mark.django_db
def test_nearby_places_sorted_by_walking_time(client, place):
    from twincity.tourism.geo import walking_minutes
    from twincity.tourism.selectors import nearby_places

    response = client.get("/en/travel/hongyadong/")
    shown = response.context["nearby"]
    minutes = [item.walk_minutes for item in shown]
    assert shown and minutes == sorted(minutes) and len(shown) <= 8
    every = nearby_places(place("hongyadong"), limit=1000)
    assert shown == every[:8]  # the nearest ones
    titles = [item.title for item in every]
    assert "Jiefangbei" in titles and "Hongyadong" not in titles
    assert "Chongqing North Railway Station" not in titles  # 6 km away: not on foot
    assert all(item.km <= 2.0 for item in every)
    jiefangbei = next(item for item in every if item.title == "Jiefangbei")
    expected = walking_minutes(29.5630, 106.5790, 29.5574, 106.5770)
    assert jiefangbei.walk_minutes == expected


@pytest.mark.django_db
def test_events_near_a_place(client, locales):
    from datetime import timedelta
    from decimal import Decimal

    from twincity.events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get(locale=locales["en"])
    now = timezone.now()

    def event(slug, lat, lon, days):
        page = index.add_child(
            instance=EventPage(
                title=f"Event {slug}", slug=slug, kind="festival", city="chongqing",
                starts_at=now + timedelta(days=days), ends_at=now + timedelta(days=days, hours=3),
                latitude=Decimal(lat), longitude=Decimal(lon), summary="s",
            )
        )  # fmt: skip
        page.save_revision().publish()

    event("near-soon", "29.5625", "106.5785", 3)
    event("near-past", "29.5625", "106.5785", -3)
    event("far-soon", "29.6087", "106.5514", 3)
    page = client.get("/en/travel/hongyadong/").content.decode()
    assert "Event near-soon" in page
    assert "Event near-past" not in page and "Event far-soon" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "present", "absent", "holds"),
    [
        ("city=chengdu", "Kuanzhai Alleys", "Hongyadong", lambda p: p.city == "chengdu"),
        ("kind=dining", "Chen Mapo Tofu", "Kuanzhai Alleys", lambda p: p.kind == "dining"),
        ("tag=hotpot", "Late-night hotpot", "Chen Mapo Tofu", lambda p: "hotpot" in p.tags),
        ("district=Yuzhong", "Jiefangbei", "People's Park", lambda p: p.district == "Yuzhong"),
        ("q=洪崖", "Hongyadong", "Jiefangbei", lambda p: "洪崖" in p.name_zh),
        ("q=kuanzhai", "Kuanzhai Alleys", "Hongyadong", lambda p: "kuanzhai" in p.name_en.lower()),
    ],
)
def test_listing_filters(client, query, present, absent, holds):
    from twincity.tourism.models import PlacePage

    response = client.get(f"/en/travel/?{query}")
    rows = response.context["places"].paginator.object_list  # every match, all pages, as rows
    places = PlacePage.objects.filter(pk__in=[row.id for row in rows])
    titles = {place.title for place in places}
    assert present in titles and absent not in titles
    assert all(holds(place) for place in places)
    assert response.context["place_count"] == len(rows) == len(places)


@pytest.mark.django_db
def test_a_filtered_listing_keeps_its_filter_on_the_next_page(client):
    url = "/en/travel/?city=chengdu&kind=attraction"
    first = client.get(url)
    assert first.context["places"].paginator.num_pages >= 2, "the demo fills two pages"

    second, asked = follow(client, url, first.content.decode(), "next")

    assert asked == {"city": ["chengdu"], "kind": ["attraction"], "page": ["2"]}
    on_first, on_second = first.context["places"], second.context["places"]
    assert on_second.number == 2
    assert {place.pk for place in on_first}.isdisjoint(place.pk for place in on_second)
    assert all(place.city == "chengdu" and place.kind == "attraction" for place in on_second)
    assert second.context["place_count"] == first.context["place_count"]


@pytest.mark.django_db
def test_chinese_listing_finds_english_names(client):
    page = client.get("/zh-hans/travel/?q=Kuanzhai").content.decode()
    listing = page[page.index('class="card-grid place-list"') :]
    assert "宽窄巷子" in listing and "洪崖洞" not in listing


@pytest.mark.django_db
def test_unknown_filter_values_are_dropped_with_a_notice(client):
    response = client.get("/en/travel/?city=paris&kind=dining")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters were not understood" in page
    assert "Chen Mapo Tofu" in page  # the valid kind filter still applies
    assert "Kuanzhai Alleys</a>" not in page.split('class="card-grid place-list"')[1]


@pytest.mark.django_db
def test_event_page_lists_nearby_attractions(client, locales):
    from datetime import timedelta
    from decimal import Decimal

    from twincity.events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get(locale=locales["en"])
    now = timezone.now()
    event = index.add_child(
        instance=EventPage(
            title="Food fair by the river", slug="food-fair-river", kind="festival",
            city="chongqing", starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=6),
            latitude=Decimal("29.5620"), longitude=Decimal("106.5780"), summary="s",
        )
    )  # fmt: skip
    event.save_revision().publish()
    page = client.get(event.url).content.decode()
    nearby = page[page.index('id="nearby-heading"') :]
    assert "Hongyadong" in nearby and "min walk" in nearby
    assert "Kuanzhai" not in nearby


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "closed", "checked"),
    [
        ("en", "Closed since October 2022", "5 Dec 2026"),
        ("zh-hans", "自2022年10月起暂停开放", "2026年12月5日"),
    ],
)
def test_a_closed_station_says_so_and_since_when_it_was_checked(
    client, monkeypatch, language, closed, checked
):
    """Chengdu's old main station takes no passengers while it is rebuilt: its page says
    "closed" whatever its hours, never "open now", and when the facts were checked."""
    at_beijing(monkeypatch, 2026, 12, 2, 12, 0)  # within the hours the data still gives
    page = client.get(f"/{language}/travel/chengdu-railway-station/").content.decode()
    assert closed in page and checked in page
    # "Free" as a price, not as a free interview slot (空闲): a message context tells them apart.
    assert ("<dd>Free</dd>" if language == "en" else "<dd>免费</dd>") in page
    assert "Open now" not in page and "正在营业" not in page
    assert "trip-planner" not in page.split('<section aria-labelledby="hours-heading">')[0]


@pytest.mark.django_db
def test_a_closed_place_is_never_suggested():
    from twincity.tourism import selectors, trips
    from twincity.tourism.models import PlacePage

    station = PlacePage.objects.get(slug="chengdu-railway-station", locale__language_code="en")
    assert "chengdu-railway-station" not in trips.place_pages()
    # At the station's own coordinates it would come first, were it suggested.
    near = selectors.attractions_near(station.latitude, station.longitude, station.locale_id, 50)
    assert near and station not in [item.page for item in near]
