"""The maps' offline base layer (tourism/static/tourism/map/districts.geojson): every district of
the two cities has its outline, in WGS-84 where our places are, in a file small enough to send."""

import json
from pathlib import Path

import pytest

from twincity.core.cities import TWO_CITIES
from twincity.core.vocabulary import DISTRICTS
from twincity.tourism.management.commands.build_map_base_layer import (
    decode_ring,
    district_key,
    inside,
)

LAYER = Path("twincity/tourism/static/tourism/map/districts.geojson")
PLACES = Path("twincity/tourism/data/places.json")
# Functional areas that overlap the administrative districts: no outline of their own.
FUNCTIONAL_AREAS = {
    "tianfu-new-area",
    "chengdu-high-tech-zone",
    "chengdu-eastern-new-area",
    "liangjiang",
    "chongqing-high-tech-zone",
}


@pytest.fixture(scope="module")
def districts() -> dict:
    features = json.loads(LAYER.read_text())["features"]
    keys = [feature["properties"]["key"] for feature in features]
    assert len(keys) == len(set(keys)), "a district twice"
    return {feature["properties"]["key"]: feature for feature in features}


def polygons(feature: dict) -> list:
    geometry = feature["geometry"]
    return (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )


def contains(feature: dict, lon: float, lat: float) -> bool:
    return any(
        inside((lon, lat), outer) and not any(inside((lon, lat), hole) for hole in holes)
        for outer, *holes in polygons(feature)
    )


def test_every_district_of_the_two_cities_has_an_outline(districts):
    wanted = {term.key for term in DISTRICTS if term.city in TWO_CITIES} - FUNCTIONAL_AREAS
    assert set(districts) == wanted
    for key, feature in districts.items():
        assert feature["properties"]["city"] == DISTRICTS.term(key).city, key


def test_file_is_small_enough_to_send_with_a_map():
    assert LAYER.stat().st_size < 300 * 1024


def test_outlines_are_closed_rings_inside_the_two_cities(districts):
    for key, feature in districts.items():
        for polygon in polygons(feature):
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], key
                for lon, lat in ring:
                    assert 102.9 < lon < 110.3 and 28.1 < lat < 32.3, key
        lon, lat = feature["properties"]["label"]
        assert contains(feature, lon, lat), f"{key}'s name is written outside it"


def test_places_lie_in_their_districts_so_the_outlines_are_wgs84(districts):
    """Our places are WGS-84; outlines left in GCJ-02 would sit 0.3–0.6 km off and miss more of
    the places near their borders (105 of 131 then, 120 now: those that miss stand on a river
    bank that is the border, drawn about 150 m coarse)."""
    places = [place for place in json.loads(PLACES.read_text()) if place["city"] in TWO_CITIES]
    located = [
        contains(districts[DISTRICTS.key(place["district_zh"])], place["lon"], place["lat"])
        for place in places
    ]
    assert sum(located) >= 0.88 * len(places)


def test_echarts_encoding_is_decoded():
    # Two points: the offset itself (1024 = 1°), then a zigzag delta of +1 and -1 (B=2, A=1).
    assert decode_ring("@@BA", [106 * 1024, 29 * 1024]) == [
        (106.0, 29.0),
        (106 + 1 / 1024, 29 - 1 / 1024),
    ]


def test_old_county_names_find_todays_districts():
    assert district_key("梁平县") == "liangping"
    assert district_key("武隆县") == "wulong"
    assert district_key("郫都区") == "pidu"
