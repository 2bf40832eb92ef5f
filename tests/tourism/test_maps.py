"""The map component: offline by default, GCJ-02 on output for a Chinese tile provider."""

import json
import re

import pytest
from django.template.loader import render_to_string
from django.templatetags.static import static

from twincity.tourism.geo import wgs84_to_gcj02
from twincity.tourism.maps import MapPoint, map_data

POINTS = [
    MapPoint("Hongyadong", 29.5630, 106.5790, "/en/travel/hongyadong/", "1"),
    {"name": "London", "lat": 51.5007, "lon": -0.1246},
]
ROUTE = [(29.5630, 106.5790), (29.5574, 106.5770)]


def test_without_tiles_coordinates_stay_wgs84(settings):
    settings.TOURISM_MAP_TILES = None
    data = map_data(POINTS, ROUTE)
    assert data["tiles"] is None
    assert data["points"][0] == {
        "name": "Hongyadong", "lat": 29.563, "lon": 106.579,
        "url": "/en/travel/hongyadong/", "label": "1",
    }  # fmt: skip
    assert data["route"] == [[29.563, 106.579], [29.5574, 106.577]]


def test_gcj02_provider_gets_converted_coordinates(settings):
    settings.TOURISM_MAP_TILES = {"url": "https://tiles.example/{z}/{x}/{y}.png", "crs": "gcj02"}
    data = map_data(POINTS, ROUTE)
    lat, lon = wgs84_to_gcj02(29.5630, 106.5790)
    assert data["points"][0]["lat"] == round(lat, 6) != 29.563
    assert data["points"][0]["lon"] == round(lon, 6)
    assert data["points"][1]["lat"] == 51.5007  # outside China: unchanged
    assert data["route"][0] == [round(lat, 6), round(lon, 6)]


def test_wgs84_provider_and_a_bad_crs(settings):
    settings.TOURISM_MAP_TILES = {"url": "https://tiles.example/{z}/{x}/{y}.png", "crs": "wgs84"}
    assert map_data(POINTS)["points"][0]["lat"] == 29.563
    settings.TOURISM_MAP_TILES = {"url": "https://tiles.example/{z}/{x}/{y}.png", "crs": "bd09"}
    with pytest.raises(ValueError, match="crs"):
        map_data(POINTS)


def test_include_renders_data_list_and_local_scripts(settings):
    settings.TOURISM_MAP_TILES = None
    html = render_to_string(
        "tourism/includes/map.html", {"points": POINTS, "route": ROUTE, "map_id": "trip"}
    )
    data = json.loads(
        re.search(r'<script id="trip-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert len(data["points"]) == 2 and len(data["route"]) == 2
    # Without JavaScript: the list of places with their (WGS-84) coordinates.
    assert '<a href="/en/travel/hongyadong/">Hongyadong</a>' in html
    assert "29.5630° N, 106.5790° E" in html
    # Leaflet from our own static files; nothing from another host.
    leaflet = static("tourism/vendor/leaflet-1.9.4/leaflet.js")  # the collected, hashed file
    assert leaflet.startswith("/static/tourism/vendor/") and f'src="{leaflet}"' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


@pytest.mark.django_db
def test_place_page_map_has_the_place_and_its_neighbours(client, settings):
    settings.TOURISM_MAP_TILES = None
    response = client.get("/en/travel/hongyadong/")
    page = response.content.decode()
    data = json.loads(
        re.search(
            r'<script id="place-map-data" type="application/json">(.*?)</script>', page
        ).group(1)
    )
    names = [point["name"] for point in data["points"]]
    assert names == ["Hongyadong"] + [item.title for item in response.context["nearby"]]
    assert [point["label"] for point in data["points"]][:3] == ["★", "1", "2"]
    assert data["tiles"] is None
