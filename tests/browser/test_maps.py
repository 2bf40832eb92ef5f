"""The maps in a browser: the offline base layer (the districts of both cities, named in the
page's language) under the markers, with no request to another host; a trip's numbered stops,
one day at a time, the view fitted to the day chosen; the links to AMap and Baidu Maps."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from twincity.tourism.geo import wgs84_to_gcj02

pytestmark = [pytest.mark.browser, pytest.mark.layout]

DISTRICT_COUNT = 58  # Chengdu's 20 and Chongqing's 38 (tourism/static/tourism/map/README.md)


def next_saturday() -> str:
    today = timezone.localdate()
    return (today + timedelta(days=(5 - today.weekday()) % 7 or 7)).isoformat()


def watch_other_hosts(tab, base_url: str) -> list[str]:
    elsewhere = []
    tab.on(
        "request",
        lambda r: None if r.url.startswith((base_url, "data:")) else elsewhere.append(r.url),
    )
    return elsewhere


def inside(box: dict, frame: dict) -> bool:
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return (
        frame["x"] <= centre_x <= frame["x"] + frame["width"]
        and frame["y"] <= centre_y <= frame["y"] + frame["height"]
    )


def test_travel_pages_draw_the_districts_offline_in_the_pages_language(open_tab, site):
    tab = open_tab(locale="en-US")
    elsewhere = watch_other_hosts(tab, site.base_url)
    tab.goto("/en/travel/")
    expect(tab.locator("#places-map .leaflet-districts-pane path")).to_have_count(DISTRICT_COUNT)
    expect(tab.locator("#places-map .leaflet-tile")).to_have_count(0)
    # The listing's map fits its markers: every one of them is in the frame.
    frame = tab.locator("#places-map").bounding_box()
    markers = tab.locator("#places-map .leaflet-marker-icon")
    assert markers.count() > 100
    assert all(inside(marker.bounding_box(), frame) for marker in markers.all())
    expect(tab.locator("#places-map .map-district-label", has_text="Wanzhou")).to_be_visible()

    tab.goto("/zh-hans/travel/hongyadong/")
    expect(tab.locator("#place-map .leaflet-districts-pane path")).to_have_count(DISTRICT_COUNT)
    expect(tab.locator("#place-map .map-district-label", has_text="渝中区")).to_be_visible()
    expect(tab.locator("#place-map .map-district-label", has_text="Yuzhong")).to_have_count(0)
    assert elsewhere == []


def test_place_page_opens_the_place_in_amap_and_baidu_maps(page):
    page.goto("/en/travel/hongyadong/")
    data = json.loads(page.locator("#place-map-data").text_content())
    place = data["points"][0]
    assert place["name"] == "Hongyadong" and data["tiles"] is None  # WGS-84 as stored
    amap = urlsplit(page.get_by_role("link", name="Open in AMap").get_attribute("href"))
    assert amap.netloc == "uri.amap.com" and amap.path == "/marker"
    position = parse_qs(amap.query)["position"][0]
    lon, lat = map(float, position.split(","))
    gcj_lat, gcj_lon = wgs84_to_gcj02(place["lat"], place["lon"])
    assert (lat, lon) == pytest.approx((gcj_lat, gcj_lon), abs=2e-6)
    assert parse_qs(amap.query)["coordinate"] == ["gaode"]
    baidu = urlsplit(page.get_by_role("link", name="Open in Baidu Maps").get_attribute("href"))
    query = parse_qs(baidu.query)
    assert baidu.netloc == "api.map.baidu.com" and query["coord_type"] == ["wgs84"]
    lat, lon = map(float, query["location"][0].split(","))
    assert (lat, lon) == pytest.approx((place["lat"], place["lon"]), abs=2e-6)


def shown_stops(tab) -> tuple[list[str], list[str]]:
    """The numbers and names of the markers of the day shown (the others are grey dots)."""
    markers = tab.locator("#trip-map .map-pin--numbered")
    return markers.all_inner_texts(), [m.get_attribute("aria-label") for m in markers.all()]


def listed_stops(tab, day: int) -> tuple[list[str], list[str]]:
    listed = tab.locator(f"ol[aria-labelledby='trip-map-group-{day}'] li")
    # text_content: the list may be folded (a <details>), and is the same text all the same
    labels = [text.strip() for text in listed.locator(".map-label").all_text_contents()]
    return labels, [text.strip() for text in listed.locator("a").all_text_contents()]


def test_trip_map_numbers_the_stops_of_the_day_shown_and_fits_it(open_tab, site):
    tab = open_tab(locale="en-US")
    elsewhere = watch_other_hosts(tab, site.base_url)
    tab.goto(
        f"/en/trip-planner/?start_date={next_saturday()}&days=2&start_1=the-temple-house"
        "&start_2=hilton-chongqing&end_place=chongqing-north-railway-station&pace=normal"
        "&interest=food&weight_food=2"
    )
    expect(tab.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(tab.locator("#trip-map .leaflet-districts-pane path")).to_have_count(DISTRICT_COUNT)
    first_day = tab.locator(".trip-day").nth(0).locator(".trip-stop").count()
    second_day = tab.locator(".trip-day").nth(1).locator(".trip-stop").count()
    # Day 1 first: markers 1..n, as in the list beside the map and in the plan.
    expect(tab.locator("#trip-map .map-pin--numbered")).to_have_count(first_day)
    numbers, names = shown_stops(tab)
    assert numbers == [str(n) for n in range(1, first_day + 1)]
    assert (numbers, names) == listed_stops(tab, 1)
    scale = tab.locator("#trip-map .leaflet-control-scale-line").inner_text()

    tab.get_by_role("radio", name="Day 2:").check()
    expect(tab.locator("#trip-map .map-pin--numbered")).to_have_count(second_day)
    numbers, names = shown_stops(tab)
    assert numbers == [str(n) for n in range(1, second_day + 1)]
    assert (numbers, names) == listed_stops(tab, 2)
    # The view moved to day 2 (within Chongqing: closer than day 1 and its train) and holds
    # every stop of it.
    expect(tab.locator("#trip-map .leaflet-control-scale-line")).not_to_have_text(scale)
    frame = tab.locator("#trip-map").bounding_box()
    for marker in tab.locator("#trip-map .map-pin--numbered").all():
        assert inside(marker.bounding_box(), frame)
    # The other day's markers are out of the keyboard's way.
    faded = tab.locator("#trip-map .map-pin--faded")
    expect(faded).to_have_count(first_day)
    assert {m.get_attribute("tabindex") for m in faded.all()} == {"-1"}
    assert elsewhere == []
