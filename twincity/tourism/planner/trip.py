"""A day-by-day trip across Chengdu and Chongqing, as a team orienteering problem with time windows.

How the trip becomes a TOPTW for the same iterated local search as the benchmark (``optw.py``):

- **One tour per day**, from the day's start place (hotel or station) to the day's end place (the
  next day's start, or the trip's end), inside the pace's day window (relaxed 09:30–21:00, normal
  08:30–22:00, packed 08:00–23:00). The pace also sets a pause after every visit and meal (20, 10
  or 0 minutes), counted in the node's duration.
- **Visits** (attractions, shopping, entertainment) are one node each; their time window differs per
  day, so windows are per tour: the opening interval of that date's weekday (past-midnight hours of
  the previous day included) cut to the day window, ``[open, close - visit length]``. When a place
  has several intervals on a day the widest usable one is taken (a simplification: the core has one
  window per node and tour). Score: ``popularity × (1 + Σ weights of the tourist's interests among
  its tags)``, plus a large bonus for must-see places.
- **Meals**: every dining place gives a *lunch* node (window 11:00–13:30 on the start of the meal,
  cut by its hours) and a *dinner* node (17:30–20:30). Both nodes of a restaurant share a *group*
  (a place is used at most once in the trip); lunch nodes share *slot* 1 and dinner nodes slot 2, at
  most one per tour (one lunch and one dinner a day). A meal's score is a bonus far above any visit
  (so the search always seats the meals it can) plus the interest score of the restaurant (a tourist
  who weights ``hotpot`` gets hotpot). Dining places are never visits.
- **High-speed rail**: travel between places of different cities is not allowed (infinite) except
  through a *rail* node, one per day whose start and end are in different cities, fixed in that
  day's tour so it cannot be removed: travel into it is the trip to the origin city's main station,
  out of it the trip from the destination's main station. So a moving day crosses exactly once and
  other days never do. Timetable model: trains leave both main stations (Chengdu East, Chongqing
  North) every ``RAIL_HEADWAY`` = 30 minutes from 07:00 to 21:30 and take ``RAIL_RIDE`` = 80 minutes
  (the G trains take 1 h 5 min to 1 h 30 min); a traveller is at the station ``RAIL_BOARDING`` = 15
  minutes before departure. The search counts the worst case (boarding + a full headway + the ride);
  the itinerary then takes the actual next departure, which can only make what follows earlier, so
  the plan stays feasible.
- **Pinned** places are forced in before the search (at their cheapest place) and locked; a
  **dropped** place is not in the instance at all.
- **Favourite interests** (the ones the tourist likes most): the best place of each (see
  :func:`favourite_places`) is put in before the search like a must-see place, with a smaller
  bonus (a must-see place wins where both cannot fit). Without it the search's ratio of score to
  added time prefers short fillers to a long visit, so a three-day trip for someone who loves
  pandas could leave out the three-hour panda base.

Travel comes from a :class:`~.travel.TravelModel` (default :class:`~.travel.GreatCircleTravel`),
asked once per request for a matrix of minutes and modes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

from .model import Day, Itinerary, Place, Stop, TripRequest, Unfitted
from .optw import Instance, evaluate, solve_optw
from .travel import GreatCircleTravel, TravelModel

INF = float("inf")
DAY_WINDOWS = {"relaxed": (570, 1260), "normal": (510, 1320), "packed": (480, 1380)}
PAUSE_MINUTES = {"relaxed": 20, "normal": 10, "packed": 0}
LUNCH_WINDOW = (660, 810)  # 11:00–13:30, start of the meal
DINNER_WINDOW = (1050, 1230)  # 17:30–20:30
RAIL_FIRST, RAIL_LAST, RAIL_HEADWAY = 420, 1290, 30  # 07:00 … 21:30, every 30 minutes
RAIL_RIDE = 80
RAIL_BOARDING = 15
MEAL_BONUS = 10_000.0
MUST_SEE_BONUS = 1_000.0
FAVOURITE_BONUS = 500.0
VISIT_KINDS = {"attraction", "shopping", "entertainment"}
MAIN_STATION_HINTS = {"chengdu": "east", "chongqing": "north"}
# The default search is a number of rounds, not a time: a plan is then a function of its request,
# so the page, its calendar file and its PDF show the same plan even when they are computed by
# different app servers, or on a loaded machine. With the compiled search (``_optw.c``) 600
# rounds take a median of 0.16 s for a three-day trip over 200 places at load 11 on the reference
# machine (docs/benchmarks.md; ≤ 0.3 s is the target), and the "better plan" button's
# BETTER_ITERATIONS 0.66 s (≤ 2 s; 5,000 rounds reached 2.2 s at load 30). The wall-clock guard
# only bounds the worst case (a 14-day trip on an overloaded server, or a machine where the
# compiled search could not be built) and is never reached in normal running.
DEFAULT_ITERATIONS = 600
BETTER_ITERATIONS = 3000
GUARD_SECONDS = 3.0
MAX_DAYS = 14


class PlannerError(ValueError):
    """A request the planner cannot take. ``code`` is for the web layer to translate:
    ``days``, ``day_starts``, ``unknown_place``, ``pace``, ``no_station``, ``no_day``."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def main_stations(places: Iterable[Place]) -> dict[str, Place]:
    """The main high-speed-rail station of each city: a ``hsr_station`` whose id says ``east``
    (Chengdu) or ``north`` (Chongqing), else the first by id."""
    stations: dict[str, list[Place]] = {}
    for place in places:
        if place.transport_role == "hsr_station":
            stations.setdefault(place.city, []).append(place)
    chosen = {}
    for city, options in stations.items():
        options.sort(key=lambda p: str(p.id))
        hint = MAIN_STATION_HINTS.get(city, "")
        preferred = [p for p in options if hint and hint in str(p.id).lower()]
        chosen[city] = (preferred or options)[0]
    return chosen


def interest_score(place: Place, interests) -> float:
    return place.popularity * (1.0 + sum(interests.get(tag, 0.0) for tag in place.tags))


def favourite_places(
    places: Iterable[Place], request: TripRequest, cities: set[str]
) -> dict[str, Hashable]:
    """The best place of each favourite interest: among the visit and dining places in the
    trip's ``cities`` with one of its tags, not dropped, the most popular, then the one the
    tourist's interests score highest, then the first by id. A favourite with no such place has
    none (nothing to honour, nothing to explain)."""
    options = [
        place
        for place in places
        if place.city in cities
        and place.kind in VISIT_KINDS | {"dining"}
        and place.id not in request.dropped
    ]
    chosen = {}
    for name, tags in request.favourites.items():
        tagged = [place for place in options if set(place.tags) & set(tags)]
        if tagged:
            best = min(
                tagged,
                key=lambda p: (-p.popularity, -interest_score(p, request.interests), str(p.id)),
            )
            chosen[name] = best.id
    return chosen


def _window(place: Place, weekday: int, low: int, high: int, length: int) -> tuple[int, int]:
    """The widest start window ``[a, b]`` for a visit of ``length`` minutes starting between
    ``low`` and ``high`` and lying inside one opening interval; ``(1, 0)`` if there is none."""
    best = (1, 0)
    for open_, close in place.intervals_on(weekday):
        a, b = max(open_, low), min(close - length, high)
        if b >= a and b - a > best[1] - best[0]:
            best = (a, b)
    return best


def _next_departure(ready: int) -> int | None:
    if ready <= RAIL_FIRST:
        return RAIL_FIRST
    slot = RAIL_FIRST + -(-(ready - RAIL_FIRST) // RAIL_HEADWAY) * RAIL_HEADWAY
    return slot if slot <= RAIL_LAST else None


class _Builder:
    """Turns (places, request) into an Instance and the solver's tours back into an Itinerary."""

    def __init__(self, places: list[Place], request: TripRequest, travel: TravelModel | None):
        self.request = request
        self.by_id = {p.id: p for p in places}
        self._validate()
        self.stations = main_stations(places)
        self.travel = travel or GreatCircleTravel(self.stations, RAIL_RIDE)
        self.day_open, self.day_close = DAY_WINDOWS[request.pace]
        self.pause = PAUSE_MINUTES[request.pace]
        self.day_ends = [*request.day_starts[1:], request.end_place or request.day_starts[-1]]
        self.moving = [
            self.by_id[s].city != self.by_id[e].city
            for s, e in zip(request.day_starts, self.day_ends, strict=True)
        ]
        for day, moves in enumerate(self.moving):
            start_city = self.by_id[request.day_starts[day]].city
            end_city = self.by_id[self.day_ends[day]].city
            if moves and not {start_city, end_city} <= set(self.stations):
                raise PlannerError("no_station", "no high-speed-rail station for a moving day")
        cities = {self.by_id[place_id].city for place_id in [*request.day_starts, *self.day_ends]}
        self.favourites = favourite_places(places, request, cities)

    def _validate(self):
        request = self.request
        if request.pace not in DAY_WINDOWS:
            raise PlannerError("pace", f"unknown pace {request.pace!r}")
        if not 1 <= request.days <= MAX_DAYS:
            raise PlannerError("days", f"a trip has 1 to {MAX_DAYS} days")
        if len(request.day_starts) != request.days:
            raise PlannerError("day_starts", "give one start place per day")
        ends = [*request.day_starts]
        if request.end_place is not None:
            ends.append(request.end_place)
        for place_id in ends:
            if place_id not in self.by_id:
                raise PlannerError("unknown_place", f"unknown place {place_id!r}")

    # ---- nodes -----------------------------------------------------------------------------------
    def build(self) -> Instance:
        request = self.request
        days = request.days
        anchors = set(request.day_starts) | set(self.day_ends)
        nodes: list[tuple[Place, str, int]] = []  # (place, role, day of a depot or rail node)
        for day in range(days):
            nodes.append((self.by_id[request.day_starts[day]], "start", day))
            nodes.append((self.by_id[self.day_ends[day]], "end", day))
        for day in range(days):
            if self.moving[day]:
                origin = self.by_id[request.day_starts[day]].city
                nodes.append((self.stations[origin], "rail", day))
        for place in sorted(self.by_id.values(), key=lambda p: str(p.id)):
            if place.id in request.dropped or place.id in anchors and place.kind != "dining":
                continue
            if place.kind in VISIT_KINDS:
                nodes.append((place, "visit", -1))
            elif place.kind == "dining":
                nodes.append((place, "lunch", -1))
                nodes.append((place, "dinner", -1))
        self.nodes = nodes
        n = len(nodes)
        score = np.zeros(n)
        duration = np.zeros(n)
        open_ = np.ones((n, days))
        close = np.zeros((n, days))
        candidates = np.zeros(n, dtype=bool)
        group = np.full(n, -1, dtype=np.int64)
        slot = np.zeros(n, dtype=np.int64)
        priority = np.zeros(n)
        meal_group: dict[Hashable, int] = {}
        for index, (place, role, day) in enumerate(nodes):
            if role == "start":
                open_[index, day], close[index, day] = self.day_open, self.day_close
            elif role == "end":
                open_[index, day], close[index, day] = 0, self.day_close
            elif role == "rail":
                duration[index] = RAIL_BOARDING + RAIL_HEADWAY + RAIL_RIDE
                open_[index, day] = RAIL_FIRST - RAIL_BOARDING
                close[index, day] = RAIL_LAST - RAIL_BOARDING
            else:
                candidates[index] = True
                duration[index] = place.visit_minutes + self.pause
                score[index] = priority[index] = interest_score(place, request.interests)
                if place.id in request.must_see:
                    score[index] += MUST_SEE_BONUS
                elif place.id in self.favourites.values():
                    score[index] += FAVOURITE_BONUS
                span = (self.day_open, self.day_close)
                if role != "visit":
                    score[index] += MEAL_BONUS
                    span = LUNCH_WINDOW if role == "lunch" else DINNER_WINDOW
                    slot[index] = 1 if role == "lunch" else 2
                    group[index] = meal_group.setdefault(place.id, len(meal_group))
                for d in range(days):
                    weekday = request.date_of(d).weekday()
                    open_[index, d], close[index, d] = _window(
                        place, weekday, span[0], span[1], place.visit_minutes
                    )
                    if role == "visit":  # the visit must end inside the day as well
                        close[index, d] = min(close[index, d], self.day_close - place.visit_minutes)
        # The search's ratio sees meals, must-see and favourite places above any plain visit,
        # but still by their interest score among themselves (the bonuses would make all meals
        # look alike).
        lift = priority[candidates].max(initial=0.0) + 1.0
        boosted = candidates & (score >= FAVOURITE_BONUS)
        priority[boosted] += lift
        travel, self.modes = self._travel_matrix(nodes)
        fixed = [[] for _ in range(days)]
        for index, (_place, role, day) in enumerate(nodes):
            if role == "rail":
                fixed[day].append(index)

        def alternatives(ids):
            found = []
            for place_id in sorted(ids, key=str):
                options = [
                    i for i, (p, _r, _d) in enumerate(nodes) if p.id == place_id and candidates[i]
                ]
                if options:
                    found.append(options)
            return found

        self.instance = Instance(
            score=score,
            duration=duration,
            open=open_,
            close=close,
            travel=travel,
            starts=[2 * d for d in range(days)],
            ends=[2 * d + 1 for d in range(days)],
            candidates=candidates,
            group=group,
            slot=slot,
            fixed=fixed,
            forced=alternatives(request.pinned),
            # Must-see places first: where a favourite and a must-see place compete for the
            # same time, the must-see place is in already.
            seeded=alternatives(set(request.must_see) - set(request.pinned))
            + alternatives(set(self.favourites.values()) - self.wanted()),
            priority=priority,
        )
        return self.instance

    def _travel_matrix(self, nodes):
        """Minutes between nodes: same-city legs from the travel model; into a rail node the leg
        to the origin's main station, out of it the leg from the destination's; nothing else
        crosses between the cities."""
        distinct = list({id(p): p for p, _r, _d in nodes}.values())
        column = {id(p): k for k, p in enumerate(distinct)}
        stations = list(self.stations.values())
        for station in stations:
            if id(station) not in column:
                column[id(station)] = len(distinct)
                distinct.append(station)
        if hasattr(self.travel, "matrix"):
            minutes, modes = self.travel.matrix(distinct)
            minutes = minutes.astype(float)
        else:
            size = len(distinct)
            minutes = np.zeros((size, size))
            modes = np.empty((size, size), dtype=object)
            for a, pa in enumerate(distinct):
                for b, pb in enumerate(distinct):
                    leg = self.travel.leg(pa, pb) if a != b else None
                    minutes[a, b] = leg.minutes if leg else 0
                    modes[a, b] = leg.mode if leg else "none"
        cities = np.array([p.city for p in distinct], dtype=object)
        minutes[cities[:, None] != cities[None, :]] = INF
        where = np.array([column[id(p)] for p, _r, _d in nodes])
        travel = minutes[np.ix_(where, where)]
        mode = modes[np.ix_(where, where)]
        request = self.request
        for index, (_place, role, day) in enumerate(nodes):
            if role != "rail":
                continue
            origin = self.stations[self.by_id[request.day_starts[day]].city]
            target = self.stations[self.by_id[self.day_ends[day]].city]
            travel[:, index] = minutes[where, column[id(origin)]]
            mode[:, index] = modes[where, column[id(origin)]]
            travel[index, :] = minutes[column[id(target)], where]
            mode[index, :] = modes[column[id(target)], where]
            travel[index, index] = INF
            self.rail_target = getattr(self, "rail_target", {})
            self.rail_target[index] = target
        return travel, mode

    # ---- the answer ------------------------------------------------------------------------------
    def itinerary(self, tours: list[list[int]]) -> Itinerary:
        request = self.request
        inst = self.instance
        days = []
        total = 0.0
        planned = set()
        missing_meals = []
        for day, visits in enumerate(tours):
            route = [inst.starts[day], *visits, inst.ends[day]]
            stops = []
            clock = self.day_open  # leaving the start place
            prev = route[0]
            for node in route[1:-1]:
                place, role, _ = self.nodes[node]
                minutes = int(inst.travel[prev, node])
                arrival = clock + minutes
                if role == "rail":
                    departure = _next_departure(arrival + RAIL_BOARDING)
                    target = self.rail_target[node]
                    stop = Stop(
                        place.id,
                        "rail",
                        arrival,
                        departure,
                        departure + RAIL_RIDE,
                        minutes,
                        str(self.modes[prev, node]),
                        target.id,
                    )
                    clock = departure + RAIL_RIDE
                else:
                    start = max(arrival, int(inst.open[node, day]))
                    end = start + place.visit_minutes
                    stop = Stop(
                        place.id, role, arrival, start, end, minutes, str(self.modes[prev, node])
                    )
                    clock = end + self.pause
                    total += interest_score(place, request.interests)
                    planned.add(place.id)
                stops.append(stop)
                prev = node
            last = route[-1]
            minutes = int(inst.travel[prev, last])
            roles = {s.role for s in stops}
            missing_meals += [(day, meal) for meal in ("lunch", "dinner") if meal not in roles]
            days.append(
                Day(
                    date=request.date_of(day),
                    start_place=request.day_starts[day],
                    end_place=self.day_ends[day],
                    stops=tuple(stops),
                    finish=clock + minutes,
                    travel_minutes_to_end=minutes,
                    travel_mode_to_end=str(self.modes[prev, last]),
                )
            )
        return Itinerary(
            days=tuple(days),
            score=total,
            unfitted=self._unfitted(planned),
            missing_meals=tuple(missing_meals),
        )

    def wanted(self) -> set:
        """The places the tourist named: must-see and pinned."""
        return set(self.request.must_see) | set(self.request.pinned)

    def _unfitted(self, planned: set) -> tuple[Unfitted, ...]:
        wanted = self.wanted()
        answer = [
            Unfitted(place_id, self._reason(place_id))
            for place_id in sorted(wanted - planned, key=str)
        ]
        answer += [
            Unfitted(place_id, self._reason(place_id), favourite=name)
            for name, place_id in self.favourites.items()
            if place_id not in planned and place_id not in wanted
        ]
        return tuple(answer)

    def _reason(self, place_id) -> str:
        place = self.by_id.get(place_id)
        if place is None:
            return "unknown"
        if place_id in self.request.dropped:
            return "dropped"
        if place.kind not in VISIT_KINDS | {"dining"}:
            return "not_visitable"
        indices = [i for i, (p, _r, _d) in enumerate(self.nodes) if p.id == place_id]
        inst = self.instance
        if not any((inst.close[i] >= inst.open[i]).any() for i in indices):
            longest = max(
                (
                    b - a
                    for d in range(self.request.days)
                    for a, b in place.intervals_on(self.request.date_of(d).weekday())
                ),
                default=0,
            )
            if longest == 0:
                return "closed"
            return "too_long" if longest < place.visit_minutes else "outside_day"
        return "no_room"


def plan_trip(
    places: Iterable[Place],
    request: TripRequest,
    travel: TravelModel | None = None,
    *,
    iterations: int | None = None,
) -> Itinerary:
    """Plan ``request`` over ``places`` (see the module docstring for the rules).

    Stops after ``iterations`` search rounds, or after ``request.time_limit`` seconds when the
    request sets one (then the plan depends on the machine's speed); by default after
    DEFAULT_ITERATIONS rounds (BETTER_ITERATIONS when the request asks for a better plan), with
    GUARD_SECONDS as the longest wait.
    Raises :class:`PlannerError` for a request it cannot take.
    """
    builder = _Builder(list(places), request, travel)
    instance = builder.build()
    feasible, _score = evaluate(instance, instance.fixed)
    if not feasible:
        raise PlannerError("no_day", "a moving day is too short to reach and take a train")
    seconds = GUARD_SECONDS
    if iterations is not None:
        seconds = None
    elif request.time_limit is not None:
        seconds = request.time_limit
    else:
        iterations = BETTER_ITERATIONS if request.better else DEFAULT_ITERATIONS
    tours = solve_optw(instance, seconds=seconds, seed=request.seed, iterations=iterations)
    return builder.itinerary(tours)
