"""Independent feasibility checkers for the planner's answers.

Written apart from the solver on purpose: nothing here imports the planner's schedule code. The
OPTW checker parses the benchmark files itself and works in exact integers (hundredths), so a
rounding slip in the solver's floating-point schedule shows up here as an infeasibility.
The trip checker (``check_itinerary``) re-derives the rules of a trip from the places and the
request: opening hours of the date's weekday, visit lengths, travel, meals, rail, pins and drops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

SCALE = 100  # everything in hundredths: the pr files' distances have two decimals


class Infeasible(AssertionError):
    pass


@dataclass
class Problem:
    """An OPTW in integers: node 0 is the depot, ``close[0]`` the budget of every tour."""

    score: list[int]
    duration: list[int]
    open: list[int]
    close: list[int]
    travel: list[list[int]]

    @property
    def budget(self) -> int:
        return self.close[0]


def _hundredths(text: str) -> int:
    return int((Decimal(text) * SCALE).to_integral_value(rounding=ROUND_FLOOR))


def load_problem(path: str | Path) -> Problem:
    """Parse a benchmark file (fields 0–4 and the last two of each line after the second) and
    truncate the Euclidean distances: one decimal for Solomon files, two for Cordeau's pr files."""
    path = Path(path)
    keep = 2 if path.name.startswith("pr") else 1
    nodes = {}
    for line in path.read_text().splitlines()[2:]:
        f = line.split()
        if f:
            nodes[int(f[0])] = (Decimal(f[1]), Decimal(f[2]), f[3], f[4], f[-2], f[-1])
    order = [nodes[i] for i in range(len(nodes))]
    step = Decimal(1).scaleb(-keep)  # 0.1 or 0.01

    def distance(a, b) -> int:
        exact = ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2).sqrt()
        return int(exact.quantize(step, rounding=ROUND_FLOOR) * SCALE)

    return Problem(
        score=[int(Decimal(n[3])) for n in order],
        duration=[_hundredths(n[2]) for n in order],
        open=[_hundredths(n[4]) for n in order],
        close=[_hundredths(n[5]) for n in order],
        travel=[[distance(a, b) for b in order] for a in order],
    )


def check_tours(problem: Problem, tours: list[list[int]], max_tours: int) -> int:
    """The score of ``tours`` (lists of node ids without the depot), or ``Infeasible``."""
    if len(tours) > max_tours:
        raise Infeasible(f"{len(tours)} tours, at most {max_tours} allowed")
    seen: set[int] = set()
    for number, tour in enumerate(tours):
        now = problem.open[0]
        here = 0
        for node in tour:
            if not isinstance(node, int) or not 0 < node < len(problem.score):
                raise Infeasible(f"tour {number}: {node!r} is not a place id")
            if node in seen:
                raise Infeasible(f"place {node} visited twice")
            seen.add(node)
            arrival = now + problem.duration[here] + problem.travel[here][node]
            now = max(arrival, problem.open[node])
            if now > problem.close[node]:
                raise Infeasible(
                    f"tour {number}: place {node} starts at {now / SCALE}, "
                    f"after its latest start {problem.close[node] / SCALE}"
                )
            here = node
        back = now + problem.duration[here] + problem.travel[here][0]
        if back > problem.budget:
            raise Infeasible(
                f"tour {number}: back at the depot at {back / SCALE} > {problem.budget / SCALE}"
            )
    return sum(problem.score[v] for v in seen)


def brute_force_optimum(problem: Problem, max_tours: int) -> int:
    """The optimal score by enumerating every feasible tour (small n only), then the best set of
    disjoint tours by dynamic programming over subsets."""
    n = len(problem.score)
    best_by_set: dict[int, int] = {0: 0}

    def extend(here: int, now: int, mask: int) -> None:
        back = now + problem.duration[here] + problem.travel[here][0]
        if back <= problem.budget:
            best_by_set[mask] = sum(problem.score[v] for v in range(n) if mask >> v & 1)
        for node in range(1, n):
            if mask >> node & 1:
                continue
            start = max(
                now + problem.duration[here] + problem.travel[here][node], problem.open[node]
            )
            if start <= problem.close[node]:
                extend(node, start, mask | 1 << node)

    extend(0, problem.open[0], 0)
    tours = list(best_by_set.items())
    layer = dict(best_by_set)
    for _ in range(max_tours - 1):
        nxt = dict(layer)
        for mask, value in layer.items():
            for other, extra in tours:
                if not mask & other:
                    key = mask | other
                    if nxt.get(key, -1) < value + extra:
                        nxt[key] = value + extra
        layer = nxt
    return max(layer.values())


# ---- trips ----------------------------------------------------------------------------------------

LUNCH = (11 * 60, 13 * 60 + 30)
DINNER = (17 * 60 + 30, 20 * 60 + 30)
CITY_STATION_ROLES = {"hsr_station"}
# The documented rules: the day's span by pace, and the timetable (every 30 min, 07:00–21:30,
# at the station 15 minutes before departure).
DAY_SPAN = {"relaxed": (570, 1260), "normal": (510, 1320), "packed": (480, 1380)}
TRAINS = range(420, 1291, 30)
BOARDING = 15


def _open_at(place, weekday: int, start: int, end: int) -> bool:
    """Whether a visit from ``start`` to ``end`` (minutes of that day) fits in one opening interval
    of ``weekday``, counting the previous day's hours that run past midnight."""
    intervals = list(place.hours.get(weekday, ()))
    intervals += [
        (a - 1440, b - 1440) for a, b in place.hours.get((weekday - 1) % 7, ()) if b > 1440
    ]
    return any(a <= start and end <= b for a, b in intervals)


def check_itinerary(places, request, itinerary, travel) -> float:
    """Raise ``Infeasible`` if the itinerary breaks a rule of the trip; return its score
    recomputed from the request (interests, popularity, must-see) for comparison."""
    by_id = {p.id: p for p in places}
    if len(itinerary.days) != request.days:
        raise Infeasible(f"{len(itinerary.days)} days planned, {request.days} asked")
    seen = set()
    for index, day in enumerate(itinerary.days):
        date = request.start_date + dt.timedelta(days=index)
        if day.date != date:
            raise Infeasible(f"day {index} is dated {day.date}, expected {date}")
        if day.start_place != request.day_starts[index]:
            raise Infeasible(f"day {index} starts at {day.start_place}")
        expected_end = (
            request.day_starts[index + 1]
            if index + 1 < request.days
            else (request.end_place or request.day_starts[-1])
        )
        if day.end_place != expected_end:
            raise Infeasible(f"day {index} ends at {day.end_place}, expected {expected_end}")
        start_city = by_id[day.start_place].city
        end_city = by_id[day.end_place].city
        here = by_id[day.start_place]
        clock, day_close = DAY_SPAN[request.pace]
        meals = {"lunch": 0, "dinner": 0}
        crossings = 0
        city = start_city
        for stop in day.stops:
            place = by_id[stop.place_id]
            if stop.place_id in request.dropped:
                raise Infeasible(f"dropped place {stop.place_id} in the plan")
            minutes = travel.leg(here, place).minutes if place is not here else 0
            if stop.travel_minutes < minutes:
                raise Infeasible(
                    f"{stop.place_id}: {stop.travel_minutes} min of travel < model's {minutes}"
                )
            if stop.arrival < clock + minutes:
                raise Infeasible(f"{stop.place_id}: arrives before it can get there")
            if stop.start < stop.arrival:
                raise Infeasible(f"{stop.place_id}: starts before arriving")
            if stop.role == "rail":
                if place.city != city or place.transport_role not in CITY_STATION_ROLES:
                    raise Infeasible(f"train leaves from {stop.place_id}, not a station of {city}")
                target = by_id[stop.arrival_place]
                if target.city == city or target.transport_role not in CITY_STATION_ROLES:
                    raise Infeasible(f"train to {stop.arrival_place} does not change city")
                if not 60 <= stop.end - stop.start <= 120:
                    raise Infeasible(f"train ride of {stop.end - stop.start} min")
                if stop.start not in TRAINS or stop.start < stop.arrival + BOARDING:
                    raise Infeasible(
                        f"no train at {stop.start} for someone there at {stop.arrival}"
                    )
                crossings += 1
                city = target.city
                here = target
                clock = stop.end
                continue
            if place.city != city:
                raise Infeasible(f"{stop.place_id} is in {place.city} but the day is in {city}")
            if stop.place_id in seen:
                raise Infeasible(f"{stop.place_id} used twice in the trip")
            seen.add(stop.place_id)
            if stop.end - stop.start < place.visit_minutes:
                raise Infeasible(f"{stop.place_id}: {stop.end - stop.start} min < visit length")
            if not _open_at(place, date.weekday(), stop.start, stop.end):
                raise Infeasible(
                    f"{stop.place_id}: {stop.start}-{stop.end} not inside its hours on {date:%a}"
                )
            if stop.role in meals:
                if place.kind != "dining":
                    raise Infeasible(f"{stop.role} at {stop.place_id}, not a dining place")
                low, high = LUNCH if stop.role == "lunch" else DINNER
                if not low <= stop.start <= high:
                    raise Infeasible(f"{stop.role} at {stop.start}, outside {low}-{high}")
                meals[stop.role] += 1
            elif place.kind in {"dining", "transport", "accommodation"}:
                raise Infeasible(f"visit to {stop.place_id}, a {place.kind} place")
            here = place
            clock = stop.end
        if city != end_city:
            raise Infeasible(f"day {index} ends in {city}, its end place is in {end_city}")
        expected_crossings = 0 if start_city == end_city else 1
        if crossings != expected_crossings:
            raise Infeasible(
                f"day {index} crosses {crossings} times, expected {expected_crossings}"
            )
        for role, count in meals.items():
            missing = (index, role) in itinerary.missing_meals
            if count != (0 if missing else 1):
                raise Infeasible(f"day {index}: {count} {role}(s)")
        last = by_id[day.end_place]
        minutes = travel.leg(here, last).minutes if here is not last else 0
        if day.finish < clock + minutes:
            raise Infeasible(f"day {index} reaches its end place too early")
        if day.finish > day_close:
            raise Infeasible(f"day {index} ends at {day.finish}, after {day_close}")
    for pinned in request.pinned:
        if pinned not in seen and pinned not in {u.place_id for u in itinerary.unfitted}:
            raise Infeasible(f"pinned place {pinned} neither planned nor reported")
    for must in request.must_see:
        if must not in seen and must not in {u.place_id for u in itinerary.unfitted}:
            raise Infeasible(f"must-see {must} neither planned nor reported")
    for name, best in _best_of_favourites(places, request).items():
        reported = {u.place_id for u in itinerary.unfitted}
        if best not in seen and best not in reported:
            raise Infeasible(
                f"{best}, the best place of favourite {name}, neither planned nor reported"
            )
    return _trip_score(by_id, request, itinerary)


def _best_of_favourites(places, request) -> dict:
    """Re-derived apart from the planner: for each favourite interest, the most popular visit or
    dining place of the trip's cities carrying one of its tags (ties: the interests' score, then
    the id), dropped places left out."""
    by_id = {p.id: p for p in places}
    ends = [*request.day_starts, request.end_place or request.day_starts[-1]]
    cities = {by_id[place_id].city for place_id in ends}
    kinds = {"attraction", "shopping", "entertainment", "dining"}
    best = {}
    for name, tags in request.favourites.items():
        ranked = sorted(
            (
                (-p.popularity, -_liking(p, request), str(p.id), p.id)
                for p in places
                if p.city in cities
                and p.kind in kinds
                and p.id not in request.dropped
                and set(tags).intersection(p.tags)
            ),
        )
        if ranked:
            best[name] = ranked[0][-1]
    return best


def _liking(place, request) -> float:
    return place.popularity * (1 + sum(request.interests.get(tag, 0) for tag in place.tags))


def _trip_score(by_id, request, itinerary) -> float:
    total = 0.0
    for day in itinerary.days:
        for stop in day.stops:
            if stop.role == "rail":
                continue
            place = by_id[stop.place_id]
            weight = sum(request.interests.get(tag, 0.0) for tag in place.tags)
            total += place.popularity * (1 + weight)
    return total


__all__ = [
    "Infeasible",
    "Problem",
    "brute_force_optimum",
    "check_itinerary",
    "check_tours",
    "load_problem",
]
