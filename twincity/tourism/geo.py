"""Distances, walking times and the GCJ-02 offset used by Chinese map providers.

Walking is the trip planner's documented model (planner/travel.py), imported from there so
that a place page and an itinerary never disagree: great-circle distance times a detour
factor of 1.3 for streets that are not straight lines, at 4.5 km/h, whole minutes rounded up.
"""

import math

from .planner.travel import EARTH_RADIUS_KM, WALK_DETOUR, WALK_KMH, great_circle_km

__all__ = [
    "great_circle_km",
    "walking_minutes",
    "bounding_box",
    "wgs84_to_gcj02",
    "gcj02_to_wgs84",
]


def walking_minutes(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    """Whole minutes on foot, rounded up as the planner does (at least one)."""
    minutes = great_circle_km(lat1, lon1, lat2, lon2) * WALK_DETOUR / WALK_KMH * 60
    return max(1, math.ceil(minutes - 1e-9))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) of a box holding every point within radius_km:
    a cheap database filter before the exact distance is computed in Python."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


# --- WGS-84 -> GCJ-02 ------------------------------------------------------------------------
# The published approximation of the offset that Chinese map providers apply (Krasovsky
# ellipsoid parameters); GCJ-02 is only defined inside China, so points outside stay as they are.
KRASOVSKY_A = 6378245.0
KRASOVSKY_EE = 0.00669342162296594323


def out_of_china(lat: float, lon: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset_lat(x: float, y: float) -> float:
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    value += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
    value += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y / 30.0 * math.pi)) * 2 / 3
    return value


def _offset_lon(x: float, y: float) -> float:
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    value += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
    value += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    return value


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    if out_of_china(lat, lon):
        return lat, lon
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = math.radians(lat)
    magic = 1 - KRASOVSKY_EE * math.sin(radlat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (KRASOVSKY_A / sqrt_magic * math.cos(radlat) * math.pi)
    return lat + dlat, lon + dlon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """The inverse, by fixed-point iteration: the offset varies slowly, so ten rounds converge
    far below a centimetre. For data read off Chinese maps (the districts' outlines of the base
    layer, coordinates copied from AMap)."""
    wgs_lat, wgs_lon = lat, lon
    for _ in range(10):
        gcj_lat, gcj_lon = wgs84_to_gcj02(wgs_lat, wgs_lon)
        wgs_lat -= gcj_lat - lat
        wgs_lon -= gcj_lon - lon
    return wgs_lat, wgs_lon
