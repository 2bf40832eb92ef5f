"""The trip planner's data: places, a request, and the itinerary it returns.

Plain frozen data classes, no Django: the web layer builds ``Place`` objects from its models (or from
``places.json`` with :meth:`Place.from_json`) and renders the ``Itinerary``. Times of day are minutes
after midnight of the day they belong to (``570`` is 09:30); a close past midnight is written past
1440, as in ``places.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Pace = Literal["relaxed", "normal", "packed"]
Role = Literal["visit", "lunch", "dinner", "rail"]
Mode = Literal["walk", "metro", "taxi", "rail", "none"]


def parse_clock(text: str) -> int:
    """``"09:30"`` → 570; ``"26:00"`` → 1560 (02:00 the next day, as places.json writes it)."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def format_clock(minutes: float) -> str:
    """570 → ``"09:30"``; a time past midnight keeps counting (1500 → ``"25:00"``)."""
    whole = int(round(minutes))
    return f"{whole // 60:02d}:{whole % 60:02d}"


@dataclass(frozen=True)
class Place:
    """A place the planner may use: a visit, a meal (kind ``dining``), a day's start (hotel, station).

    ``hours`` maps a weekday (0 = Monday … 6 = Sunday) to its opening intervals in minutes, e.g.
    ``{0: ((600, 1380),), …}``; a missing or empty weekday is a closing day; ``(1080, 1560)`` is
    18:00 to 02:00 the next day. A visit must start and end inside one interval.
    """

    id: Hashable
    city: str
    lat: float
    lon: float
    kind: str = "attraction"
    tags: tuple[str, ...] = ()
    visit_minutes: int = 60
    hours: Mapping[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    popularity: int = 3
    transport_role: str = ""
    name: str = ""

    @classmethod
    def from_json(cls, record: Mapping) -> Place:
        """A place from one object of ``twincity/tourism/data/places.json`` (its id is the slug)."""
        hours = {
            day: tuple((parse_clock(a), parse_clock(b)) for a, b in record["hours"].get(key, []))
            for day, key in enumerate(WEEKDAY_KEYS)
        }
        return cls(
            id=record["slug"],
            city=record["city"],
            lat=float(record["lat"]),
            lon=float(record["lon"]),
            kind=record["kind"],
            tags=tuple(record.get("tags", ())),
            visit_minutes=int(record["visit_minutes"]),
            hours=hours,
            popularity=int(record.get("popularity", 3)),
            transport_role=record.get("transport_role", ""),
            name=record.get("name_en", ""),
        )

    def intervals_on(self, weekday: int) -> list[tuple[int, int]]:
        """Opening intervals on ``weekday`` in that day's minutes, including the part of the
        previous day's intervals that runs past midnight (a bar open 18:00–26:00 on Friday is open
        00:00–02:00 on Saturday)."""
        today = list(self.hours.get(weekday, ()))
        spill = [
            (max(0, start - 1440), end - 1440)
            for start, end in self.hours.get((weekday - 1) % 7, ())
            if end > 1440
        ]
        return sorted(spill + today)


@dataclass(frozen=True)
class TripRequest:
    """What the tourist asks for.

    ``day_starts`` has one place id per day (the hotel, or the station where the day begins);
    ``end_place`` ends the trip (default: the last day's start). ``interests`` maps a tag to a
    weight (e.g. ``{"hotpot": 3, "history": 1}``). ``must_see`` places get a large bonus;
    ``pinned`` places are forced into the plan; ``dropped`` places never appear.
    ``favourites`` names the interests the tourist likes most, each with the tags it covers
    (``{"pandas": ("pandas",)}``): the plan includes the best place of each if it can
    fit, and reports it as unfitted otherwise (see ``trip.favourite_places``).
    ``better`` asks for the longer search of the "better plan" button (``trip.BETTER_ITERATIONS``).
    """

    start_date: dt.date
    days: int
    day_starts: Sequence[Hashable]
    end_place: Hashable | None = None
    interests: Mapping[str, float] = field(default_factory=dict)
    pace: Pace = "normal"
    must_see: frozenset = frozenset()
    pinned: frozenset = frozenset()
    dropped: frozenset = frozenset()
    favourites: Mapping[str, Collection[str]] = field(default_factory=dict)
    time_limit: float | None = None
    seed: int = 0
    #: the "better plan" button: a longer (still fixed, so still deterministic) search
    better: bool = False

    def date_of(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day)


@dataclass(frozen=True)
class Stop:
    """One stop of a day. For ``rail`` the place is the departure station, ``start`` the train's
    departure, ``end`` its arrival and ``arrival_place`` the arrival station."""

    place_id: Hashable
    role: Role
    arrival: int
    start: int
    end: int
    travel_minutes: int
    travel_mode: Mode
    arrival_place: Hashable | None = None


@dataclass(frozen=True)
class Day:
    date: dt.date
    start_place: Hashable
    end_place: Hashable
    stops: tuple[Stop, ...]
    #: arrival at the day's end place (the next hotel, or the trip's end)
    finish: int
    travel_minutes_to_end: int
    travel_mode_to_end: Mode


@dataclass(frozen=True)
class Unfitted:
    """A must-see or pinned place, or the best place of a favourite interest, that is not in
    the plan. ``reason`` is a code the web layer translates: ``unknown`` (no such place),
    ``closed`` (closed on every day of the trip), ``too_long`` (open too briefly for its visit),
    ``outside_day`` (open long enough, but not inside the pace's day, or a restaurant not at
    meal times), ``no_room`` (it fits alone but not with the rest of the plan),
    ``not_visitable`` (a hotel, station or other non-visit place), ``dropped`` (also dropped by
    the tourist). ``favourite`` is the favourite interest whose best place it is ("" for a
    must-see or pinned place)."""

    place_id: Hashable
    reason: str
    favourite: str = ""


@dataclass(frozen=True)
class Itinerary:
    days: tuple[Day, ...]
    score: float
    unfitted: tuple[Unfitted, ...] = ()
    #: days without a lunch or a dinner because no dining place fits (``(day index, "lunch")``)
    missing_meals: tuple[tuple[int, str], ...] = ()

    def place_ids(self) -> list[Hashable]:
        """Ids of the places visited or eaten at, in order (stations and hotels left out)."""
        return [s.place_id for d in self.days for s in d.stops if s.role != "rail"]
