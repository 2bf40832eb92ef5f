"""Travel times between places: the ``TravelModel`` protocol and the default model.

The planner asks a travel model for one :class:`Leg` (minutes and mode) per ordered pair of places
and builds one matrix per request, so a model may be slow-ish (a real routing service — Amap,
Baidu, OSRM with a transit profile — can implement the protocol and replace the default; cache its
answers, the planner asks for n² legs).

Default model (:class:`GreatCircleTravel`), from the great-circle (haversine) distance ``D``:

- same city, ``D * 1.3`` (walking detour) under 1.2 km: **walk** at 4.5 km/h;
- same city, further: **metro** (or a taxi: the same estimate) with a detour factor of 1.4 at an
  average 22 km/h door to door, plus 8 minutes to reach the platform and wait; the mode is called
  ``taxi`` under 3 km, where a taxi is the usual choice, and ``metro`` beyond;
- between the cities: to the origin city's main high-speed-rail station (by the rule above), the
  train (``rail_minutes``), and from the destination city's main station. The planner itself models
  the train as a stop with a timetable; this leg only serves to compare.

Times are whole minutes, rounded up, so that a plan made with them is not optimistic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .model import Mode, Place

EARTH_RADIUS_KM = 6371.0088
WALK_KMH = 4.5
WALK_DETOUR = 1.3
WALK_LIMIT_KM = 1.2
TOWN_KMH = 22.0
TOWN_DETOUR = 1.4
TOWN_ACCESS_MINUTES = 8
TAXI_UNDER_KM = 3.0


@dataclass(frozen=True)
class Leg:
    minutes: int
    mode: Mode


class TravelModel(Protocol):
    """What the planner needs from a routing service: door-to-door time and mode from one place to
    another (not necessarily symmetric). Between cities it may return the whole journey; the planner
    only uses same-city legs and models the train itself.

    A model may also offer ``matrix(places) -> (minutes, modes)``, two n × n NumPy arrays (int
    minutes, mode names), to answer all legs at once; the planner uses it when present and asks
    ``leg`` pair by pair otherwise."""

    def leg(self, origin: Place, destination: Place) -> Leg: ...


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class GreatCircleTravel:
    """The documented default model (see the module docstring)."""

    def __init__(self, stations: dict[str, Place] | None = None, rail_minutes: int = 80):
        self.stations = stations or {}
        self.rail_minutes = rail_minutes

    def town_leg(self, km: float) -> Leg:
        if km == 0:
            return Leg(0, "none")
        if km * WALK_DETOUR <= WALK_LIMIT_KM:
            return Leg(math.ceil(km * WALK_DETOUR / WALK_KMH * 60 - 1e-9), "walk")
        minutes = math.ceil(km * TOWN_DETOUR / TOWN_KMH * 60 - 1e-9) + TOWN_ACCESS_MINUTES
        return Leg(minutes, "taxi" if km < TAXI_UNDER_KM else "metro")

    def matrix(self, places: list[Place]) -> tuple[np.ndarray, np.ndarray]:
        """All same-city legs at once (the same numbers as ``leg``); legs between the cities are
        filled by ``leg`` (few: the planner only asks for stations' neighbours)."""
        lat = np.radians([p.lat for p in places])
        lon = np.radians([p.lon for p in places])
        dphi = lat[None, :] - lat[:, None]
        dlmb = lon[None, :] - lon[:, None]
        h = (
            np.sin(dphi / 2) ** 2
            + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlmb / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        walk = km * WALK_DETOUR <= WALK_LIMIT_KM
        minutes = np.where(
            walk,
            np.ceil(km * WALK_DETOUR / WALK_KMH * 60 - 1e-9),
            np.ceil(km * TOWN_DETOUR / TOWN_KMH * 60 - 1e-9) + TOWN_ACCESS_MINUTES,
        )
        modes = np.where(walk, "walk", np.where(km < TAXI_UNDER_KM, "taxi", "metro")).astype(object)
        zero = km == 0
        minutes[zero] = 0
        modes[zero] = "none"
        return minutes.astype(np.int64), modes

    def leg(self, origin: Place, destination: Place) -> Leg:
        if origin.city == destination.city or not self.stations:
            km = great_circle_km(origin.lat, origin.lon, destination.lat, destination.lon)
            return self.town_leg(km)
        there = self.stations[origin.city]
        arrive = self.stations[destination.city]
        first = self.leg(origin, there).minutes
        last = self.leg(arrive, destination).minutes
        return Leg(first + self.rail_minutes + last, "rail")
