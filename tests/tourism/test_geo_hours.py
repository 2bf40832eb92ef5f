"""Distances, walking times, the GCJ-02 conversion and opening hours."""

import math
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from twincity.tourism import geo
from twincity.tourism.forms import HoursField
from twincity.tourism.hours import format_hours_text, is_open_at, parse_hours_text

# Reference pairs (WGS-84 -> GCJ-02) published with the eviltransform library's tests.
GCJ_REFERENCE = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]


@pytest.mark.parametrize(("wgs", "gcj"), GCJ_REFERENCE)
def test_wgs84_to_gcj02_matches_reference_pairs(wgs, gcj):
    lat, lon = geo.wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-9)
    assert lon == pytest.approx(gcj[1], abs=1e-9)


def test_gcj02_offset_in_our_cities_is_a_few_hundred_metres():
    lat, lon = geo.wgs84_to_gcj02(29.5630, 106.5790)  # Hongyadong
    shift_km = geo.great_circle_km(29.5630, 106.5790, lat, lon)
    assert 0.1 < shift_km < 1.0


@pytest.mark.parametrize(
    "point", [(51.5007, -0.1246), (-33.8568, 151.2153), (40.6892, -74.0445), (35.6586, 139.7454)]
)
def test_points_outside_china_are_unchanged(point):
    assert geo.wgs84_to_gcj02(*point) == point


def test_great_circle_distance():
    # One degree of latitude along a meridian is 111.19 km on the mean-radius sphere.
    assert geo.great_circle_km(30.0, 104.0, 31.0, 104.0) == pytest.approx(111.195, abs=0.01)
    assert geo.great_circle_km(30.6636, 104.0536, 30.6636, 104.0536) == 0
    # Kuanzhai Alleys to Hongyadong, checked with the spherical law of cosines.
    lat1, lon1, lat2, lon2 = map(math.radians, (30.6636, 104.0536, 29.5630, 106.5790))
    cosines = math.acos(
        math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    )
    expected = geo.EARTH_RADIUS_KM * cosines
    assert geo.great_circle_km(30.6636, 104.0536, 29.5630, 106.5790) == pytest.approx(expected)


def test_walking_minutes_use_detour_and_speed():
    km = geo.great_circle_km(30.0, 104.0, 30.01, 104.0)  # 1.11 km: 19.27 minutes on foot
    assert geo.walking_minutes(30.0, 104.0, 30.01, 104.0) == math.ceil(km * 1.3 / 4.5 * 60) == 20
    assert geo.walking_minutes(30.0, 104.0, 30.0, 104.0) == 1  # next door is still a minute


def test_bounding_box_holds_the_circle():
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(29.56, 106.57, 2.0)
    for lat, lon in [(max_lat, 106.57), (29.56, max_lon), (min_lat, 106.57), (29.56, min_lon)]:
        assert geo.great_circle_km(29.56, 106.57, lat, lon) == pytest.approx(2.0, rel=1e-3)


# --- Opening hours ---------------------------------------------------------------------------

EDITOR_TEXT = """mon: closed
tue: 9:00-12:00, 14:00-18:00
wed: 09:00-17:30
thu: 18:00-26:00
fri: 00:00-24:00
sat: 09:00-17:30
sun: 09:00-17:30"""


def test_editor_text_round_trip():
    hours = parse_hours_text(EDITOR_TEXT)
    assert hours["mon"] == []
    assert hours["tue"] == [["09:00", "12:00"], ["14:00", "18:00"]]
    assert hours["thu"] == [["18:00", "26:00"]]
    assert parse_hours_text(format_hours_text(hours)) == hours


def test_days_not_named_are_closed():
    hours = parse_hours_text("sat: 10:00-16:00")
    assert hours["sat"] == [["10:00", "16:00"]] and hours["mon"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mon: 18:00-09:00", "must open before it closes"),
        ("mon: 09:00-09:00", "must open before it closes"),
        ("mon: 9h-17h", "HH:MM"),
        ("mon: 09:00-49:00", "HH:MM"),
        ("mon: 25:00-27:00", "within the day"),
        ("mon: 09:00-13:00, 12:00-18:00", "overlap"),
        ("monday 09:00-17:00", "start with a weekday"),
        ("xyz: 09:00-17:00", "start with a weekday"),
        ("mon: 09:00-10:00\nmon: 11:00-12:00", "given twice"),
    ],
)
def test_bad_hours_are_refused_with_a_reason(text, message):
    with pytest.raises(ValidationError) as error:
        parse_hours_text(text)
    assert message in str(error.value)


def test_admin_hours_field_shows_and_reads_text():
    field = HoursField()
    hours = parse_hours_text(EDITOR_TEXT)
    assert field.prepare_value(hours).startswith("mon: closed\ntue: 09:00-12:00, 14:00-18:00")
    assert field.clean(EDITOR_TEXT) == hours
    with pytest.raises(ValidationError):
        field.clean("wed: 20:00-08:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 3, 17, 59), False),  # Thursday before opening
        (datetime(2026, 12, 3, 23, 0), True),
        (datetime(2026, 12, 4, 1, 59), True),  # Friday 01:59: Thursday's late opening
        (datetime(2026, 12, 4, 2, 0), True),  # Friday is open all day anyway
        (datetime(2026, 12, 1, 1, 0), False),  # Tuesday 01:00 after a closed Monday
        (datetime(2026, 11, 30, 12, 0), False),  # Monday closed
        (datetime(2026, 12, 1, 12, 30), False),  # Tuesday lunch break
        (datetime(2026, 12, 1, 14, 0), True),
    ],
)
def test_is_open_at(moment, expected):
    assert is_open_at(parse_hours_text(EDITOR_TEXT), moment) is expected
