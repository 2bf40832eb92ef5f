"""A seeded synthetic city pair for tests and the benchmark when the real places file is absent,
and padding of a real list of places to a given size (copies with jittered coordinates)."""

from __future__ import annotations

import dataclasses
import random

from .model import Place

CENTRES = {"chengdu": (30.6570, 104.0660), "chongqing": (29.5630, 106.5510)}
STATIONS = {"chengdu": (30.6299, 104.1432, "east"), "chongqing": (29.6092, 106.5510, "north")}
TAGS = [
    "hotpot",
    "sichuan-cuisine",
    "chongqing-noodles",
    "snacks",
    "tea-house",
    "night-view",
    "history",
    "culture",
    "museum",
    "art",
    "pandas",
    "nature",
    "park",
    "temple",
    "river",
    "mountain",
    "architecture",
    "shopping-street",
    "mall",
    "market",
    "nightlife",
    "opera",
    "family",
    "food-street",
    "cable-car",
    "old-town",
]
FOOD_TAGS = ("hotpot", "sichuan-cuisine", "chongqing-noodles", "snacks", "tea-house", "food-street")
ALL_DAY = {d: ((0, 1440),) for d in range(7)}


def _hours(rng: random.Random, kind: str) -> dict[int, tuple[tuple[int, int], ...]]:
    if kind == "dining":
        shape = rng.choice(
            [((600, 840), (1020, 1290)), ((660, 1320),), ((1020, 1560),), ((600, 1440),)]
        )
    elif kind == "entertainment":
        shape = rng.choice([((1140, 1560),), ((600, 1320),), ((1200, 1380),)])
    else:
        shape = rng.choice([((540, 1020),), ((510, 1050),), ((0, 1440),), ((570, 1290),)])
    closed = rng.choice([None, None, None, 0])  # some close on Mondays, like many museums
    return {d: () if d == closed else shape for d in range(7)}


def city_pair(count: int, seed: int = 0) -> list[Place]:
    """``count`` places over the two cities (half each), including one main high-speed-rail station
    and two hotels per city; the rest attractions, dining, shopping and entertainment."""
    rng = random.Random(seed)
    places = []
    for city, (lat0, lon0) in CENTRES.items():
        lat, lon, hint = STATIONS[city]
        places.append(
            Place(
                f"{city}-{hint}-station",
                city,
                lat,
                lon,
                "transport",
                (),
                0,
                ALL_DAY,
                1,
                "hsr_station",
                f"{city.title()} {hint.title()} station",
            )
        )
        for k in range(2):
            places.append(
                Place(
                    f"{city}-hotel-{k}",
                    city,
                    lat0 + rng.gauss(0, 0.01),
                    lon0 + rng.gauss(0, 0.01),
                    "accommodation",
                    (),
                    0,
                    ALL_DAY,
                    1,
                    "",
                    f"{city.title()} hotel {k}",
                )
            )
    per_city = max(0, (count - len(places)) // 2)
    for city, (lat0, lon0) in CENTRES.items():
        for k in range(per_city):
            kind = rng.choices(["attraction", "dining", "shopping", "entertainment"], [5, 3, 1, 1])[
                0
            ]
            length = (
                rng.choice([60, 75, 90])
                if kind == "dining"
                else rng.choice([30, 45, 60, 90, 120, 180])
            )
            places.append(
                Place(
                    id=f"{city}-{kind}-{k}",
                    city=city,
                    lat=lat0 + rng.gauss(0, 0.04),
                    lon=lon0 + rng.gauss(0, 0.05),
                    kind=kind,
                    tags=tuple(
                        rng.sample(FOOD_TAGS if kind == "dining" else TAGS, rng.randint(1, 3))
                    ),
                    visit_minutes=length,
                    hours=_hours(rng, kind),
                    popularity=rng.randint(1, 5),
                    name=f"{city.title()} {kind} {k}",
                )
            )
    return places


def pad(places: list[Place], count: int, seed: int = 0) -> list[Place]:
    """``places`` plus copies of its visit and dining places with coordinates moved by up to
    ~500 m, until there are ``count``."""
    rng = random.Random(seed)
    pool = [p for p in places if p.kind in {"attraction", "dining", "shopping", "entertainment"}]
    padded = list(places)
    copy = 0
    while len(padded) < count and pool:
        base = pool[copy % len(pool)]
        copy += 1
        padded.append(
            dataclasses.replace(
                base,
                id=f"{base.id}~{copy}",
                lat=base.lat + rng.uniform(-0.0045, 0.0045),
                lon=base.lon + rng.uniform(-0.005, 0.005),
            )
        )
    return padded
