"""The trip layer against the independent trip checker, on random and on concrete requests."""

import dataclasses
import datetime as dt
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tourism.planner.checker import Infeasible, check_itinerary
from twincity.tourism.planner import (
    GreatCircleTravel,
    Place,
    PlannerError,
    TripRequest,
    Unfitted,
    optw,
    plan_trip,
)
from twincity.tourism.planner.synthetic import city_pair
from twincity.tourism.planner.trip import RAIL_RIDE, favourite_places, main_stations

PLACES = city_pair(80, seed=7)
BY_ID = {p.id: p for p in PLACES}
TRAVEL = GreatCircleTravel(main_stations(PLACES), RAIL_RIDE)
HOTELS = {
    c: [p.id for p in PLACES if p.city == c and p.kind == "accommodation"]
    for c in ("chengdu", "chongqing")
}
STATIONS = {c: p.id for c, p in main_stations(PLACES).items()}
FRIDAY = dt.date(2026, 12, 4)


def plan(request, iterations=25):
    itinerary = plan_trip(PLACES, request, iterations=iterations)
    check_itinerary(PLACES, request, itinerary, TRAVEL)
    return itinerary


def planned(itinerary):
    return set(itinerary.place_ids())


@st.composite
def requests(draw, places=PLACES):
    visitable = sorted(
        str(p.id) for p in places if p.kind in {"attraction", "dining", "shopping", "entertainment"}
    )
    stations = [p.id for p in main_stations(places).values()]
    hotels = sorted(str(p.id) for p in places if p.kind == "accommodation")
    tags = sorted({t for p in places for t in p.tags})
    days = draw(st.integers(1, 3))
    starts = [draw(st.sampled_from(hotels + stations)) for _ in range(days)]
    picks = st.frozensets(st.sampled_from(visitable), max_size=3)
    return TripRequest(
        start_date=FRIDAY + dt.timedelta(days=draw(st.integers(0, 6))),
        days=days,
        day_starts=starts,
        end_place=draw(st.sampled_from([None, *stations])),
        interests=draw(st.dictionaries(st.sampled_from(tags), st.floats(0, 5), max_size=4)),
        pace=draw(st.sampled_from(["relaxed", "normal", "packed"])),
        must_see=draw(picks),
        pinned=draw(picks),
        dropped=draw(picks),
        favourites=draw(
            st.dictionaries(
                st.sampled_from(["first", "second"]),
                st.frozensets(st.sampled_from(tags), min_size=1, max_size=3),
                max_size=2,
            )
        ),
        seed=draw(st.integers(0, 5)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_every_random_plan_passes_the_checker(request):
    itinerary = plan(request, iterations=10)
    assert not planned(itinerary) & request.dropped
    reported = {u.place_id for u in itinerary.unfitted}
    for pinned in request.pinned - request.dropped:
        assert pinned in planned(itinerary) or pinned in reported


def two_days_chengdu_to_chongqing(**changes):
    base = dict(
        start_date=FRIDAY,
        days=2,
        day_starts=[HOTELS["chengdu"][0], HOTELS["chongqing"][0]],
        interests={"hotpot": 3, "history": 1},
    )
    base.update(changes)
    return TripRequest(**base)


def test_a_day_that_moves_takes_exactly_one_train():
    itinerary = plan(two_days_chengdu_to_chongqing())
    rails = [[s for s in day.stops if s.role == "rail"] for day in itinerary.days]
    assert [len(r) for r in rails] == [1, 0]
    train = rails[0][0]
    assert train.place_id == STATIONS["chengdu"] and train.arrival_place == STATIONS["chongqing"]
    assert train.end - train.start == RAIL_RIDE and train.start >= train.arrival + 15
    before, after = (
        itinerary.days[0].stops[: itinerary.days[0].stops.index(train)],
        itinerary.days[0].stops[itinerary.days[0].stops.index(train) + 1 :],
    )
    assert all(BY_ID[s.place_id].city == "chengdu" for s in before)
    assert all(BY_ID[s.place_id].city == "chongqing" for s in after)
    for day in itinerary.days:
        assert [s.role for s in day.stops].count("lunch") == 1
        assert [s.role for s in day.stops].count("dinner") == 1


def test_ending_the_trip_in_the_other_city_moves_on_the_last_day():
    request = two_days_chengdu_to_chongqing(
        day_starts=[HOTELS["chengdu"][0], HOTELS["chengdu"][1]], end_place=STATIONS["chongqing"]
    )
    itinerary = plan(request)
    assert [sum(s.role == "rail" for s in d.stops) for d in itinerary.days] == [0, 1]


def test_dropping_a_place_and_planning_again_never_returns_it():
    request = two_days_chengdu_to_chongqing()
    dropped = set()
    for _ in range(3):
        itinerary = plan(request)
        assert not planned(itinerary) & dropped
        victim = sorted(planned(itinerary) - dropped, key=str)[0]
        dropped.add(victim)
        request = two_days_chengdu_to_chongqing(dropped=frozenset(dropped))
    assert not planned(plan(request)) & dropped


def test_pinning_forces_a_low_scoring_place_in():
    request = two_days_chengdu_to_chongqing()
    left_out = [
        p.id
        for p in PLACES
        if p.kind == "attraction"
        and p.city == "chongqing"
        and p.id not in planned(plan(request))
        and any(p.hours.get((FRIDAY + dt.timedelta(days=1)).weekday()))
    ]
    target = min(left_out, key=lambda i: BY_ID[i].popularity)
    pinned = plan(two_days_chengdu_to_chongqing(pinned=frozenset({target})))
    assert target in planned(pinned)


def test_must_see_that_is_closed_is_reported_with_its_reason():
    closed = Place("closed-museum", "chengdu", 30.66, 104.07, "attraction", ("museum",), 60, {}, 5)
    places = [*PLACES, closed]
    request = two_days_chengdu_to_chongqing(must_see=frozenset({"closed-museum", "nowhere"}))
    itinerary = plan_trip(places, request, iterations=10)
    assert {(u.place_id, u.reason) for u in itinerary.unfitted} == {
        ("closed-museum", "closed"),
        ("nowhere", "unknown"),
    }


def test_must_see_gets_in_when_it_can():
    request = two_days_chengdu_to_chongqing()
    skipped = [
        p.id
        for p in PLACES
        if p.kind == "attraction"
        and p.city == "chengdu"
        and p.id not in planned(plan(request))
        and any(p.hours.get(FRIDAY.weekday()))
    ]
    must = skipped[0]
    assert must in planned(plan(two_days_chengdu_to_chongqing(must_see=frozenset({must}))))


def test_meals_follow_the_interests():
    hotpot = plan(two_days_chengdu_to_chongqing(interests={"hotpot": 5}))
    meals = [
        BY_ID[s.place_id] for d in hotpot.days for s in d.stops if s.role in {"lunch", "dinner"}
    ]
    available = [p for p in PLACES if p.kind == "dining" and "hotpot" in p.tags]
    assert available and sum("hotpot" in m.tags for m in meals) >= min(2, len(available))


@pytest.mark.parametrize(
    "changes, code",
    [
        (dict(days=0, day_starts=[]), "days"),
        (dict(days=2, day_starts=["chengdu-hotel-0"]), "day_starts"),
        (dict(day_starts=["chengdu-hotel-0", "atlantis"]), "unknown_place"),
        (dict(pace="frantic"), "pace"),
    ],
)
def test_bad_requests_raise_a_planner_error(changes, code):
    with pytest.raises(PlannerError) as caught:
        plan_trip(PLACES, two_days_chengdu_to_chongqing(**changes))
    assert caught.value.code == code


def test_the_checker_catches_a_broken_plan():
    import dataclasses

    itinerary = plan(two_days_chengdu_to_chongqing())
    day = itinerary.days[1]
    visit = next(s for s in day.stops if s.role == "visit")
    early = dataclasses.replace(
        visit, start=visit.start - 600, end=visit.end - 600, arrival=visit.arrival - 600
    )
    broken_day = dataclasses.replace(
        day, stops=tuple(early if s is visit else s for s in day.stops)
    )
    broken = dataclasses.replace(itinerary, days=(itinerary.days[0], broken_day))
    with pytest.raises(Infeasible):
        check_itinerary(PLACES, two_days_chengdu_to_chongqing(), broken, TRAVEL)
    doubled = dataclasses.replace(
        itinerary, days=(itinerary.days[0], dataclasses.replace(day, stops=day.stops + (visit,)))
    )
    with pytest.raises(Infeasible):
        check_itinerary(PLACES, two_days_chengdu_to_chongqing(), doubled, TRAVEL)


def test_places_json_records_and_past_midnight_hours():
    record = {
        "slug": "late-bar",
        "name_en": "Late bar",
        "city": "chongqing",
        "kind": "entertainment",
        "transport_role": "",
        "lat": 29.56,
        "lon": 106.58,
        "visit_minutes": 60,
        "popularity": 2,
        "tags": ["nightlife"],
        "hours": {
            "mon": [],
            "tue": [],
            "wed": [],
            "thu": [],
            "fri": [["18:00", "26:00"]],
            "sat": [],
            "sun": [],
        },
    }
    place = Place.from_json(record)
    assert place.intervals_on(4) == [(1080, 1560)]
    assert place.intervals_on(5) == [(0, 120)]  # Saturday 00:00–02:00, from Friday night
    assert place.intervals_on(0) == []


REAL = Path(__file__).resolve().parents[3] / "twincity" / "tourism" / "data" / "places.json"


@pytest.mark.skipif(not REAL.exists(), reason="places.json not written yet")
def test_a_trip_over_the_real_places_passes_the_checker():
    places = [Place.from_json(r) for r in json.loads(REAL.read_text())]
    stations = main_stations(places)
    hotels = sorted(str(p.id) for p in places if p.kind == "accommodation" and p.city == "chengdu")
    request = TripRequest(
        start_date=FRIDAY,
        days=2,
        day_starts=[hotels[0] if hotels else stations["chengdu"].id, stations["chongqing"].id],
        interests={"hotpot": 2, "pandas": 2, "history": 1},
    )
    itinerary = plan_trip(places, request, iterations=30)
    check_itinerary(places, request, itinerary, GreatCircleTravel(stations, RAIL_RIDE))
    assert sum(s.role == "rail" for s in itinerary.days[0].stops) == 1


REAL_PLACES = [Place.from_json(r) for r in json.loads(REAL.read_text())] if REAL.exists() else []


@pytest.mark.skipif(not REAL_PLACES, reason="places.json not written yet")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(REAL_PLACES or PLACES))
def test_random_plans_over_the_real_places_pass_the_checker(request):
    itinerary = plan_trip(REAL_PLACES, request, iterations=10)
    travel = GreatCircleTravel(main_stations(REAL_PLACES), RAIL_RIDE)
    check_itinerary(REAL_PLACES, request, itinerary, travel)
    assert not set(itinerary.place_ids()) & request.dropped


def test_a_moving_day_that_cannot_reach_a_train_is_refused():
    far = Place("far-hotel", "chengdu", 33.5, 104.06, "accommodation", (), 0, {}, 1)  # ~320 km out
    request = two_days_chengdu_to_chongqing(
        days=1, day_starts=["far-hotel"], end_place=HOTELS["chongqing"][0]
    )
    with pytest.raises(PlannerError) as caught:
        plan_trip([*PLACES, far], request, iterations=5)
    assert caught.value.code == "no_day"


CHENGDU_HOTELS = sorted(
    str(p.id) for p in REAL_PLACES if p.kind == "accommodation" and p.city == "chengdu"
)
FOOD_AND_HISTORY = {
    **dict.fromkeys(["hotpot", "sichuan-cuisine", "snacks", "food-street"], 2),
    **dict.fromkeys(["history", "temple", "architecture", "old-town"], 2),
}


@pytest.mark.skipif(not REAL_PLACES, reason="places.json not written yet")
@pytest.mark.parametrize("pace", ["relaxed", "normal", "packed"])
@pytest.mark.parametrize("hotel", CHENGDU_HOTELS)
def test_three_days_in_chengdu_for_a_panda_lover_include_the_panda_base(hotel, pace):
    # Pandas "very much" among food and history "much": without the favourite rule the
    # search's ratio of score to time preferred 20-minute fillers to the three-hour visit.
    request = TripRequest(
        start_date=FRIDAY,
        days=3,
        day_starts=[hotel] * 3,
        interests={**FOOD_AND_HISTORY, "pandas": 3},
        favourites={"pandas": frozenset({"pandas"})},
        pace=pace,
    )
    itinerary = plan_trip(REAL_PLACES, request, iterations=5)
    check_itinerary(
        REAL_PLACES, request, itinerary, GreatCircleTravel(main_stations(REAL_PLACES), RAIL_RIDE)
    )
    assert "giant-panda-base" in itinerary.place_ids()
    assert not itinerary.unfitted


def test_a_favourite_that_cannot_fit_is_reported_with_its_interest():
    # Open 20:00-21:30 for a 90-minute show: a relaxed day (09:30-21:00) cannot hold it.
    late = {day: ((1200, 1290),) for day in range(7)}
    opera = Place("late-opera", "chengdu", 30.66, 104.06, "entertainment", ("kunqu",), 90, late, 5)
    request = two_days_chengdu_to_chongqing(
        pace="relaxed", favourites={"kunqu opera": frozenset({"kunqu"})}
    )
    itinerary = plan_trip([*PLACES, opera], request, iterations=10)
    check_itinerary([*PLACES, opera], request, itinerary, TRAVEL)
    assert itinerary.unfitted == (Unfitted("late-opera", "outside_day", favourite="kunqu opera"),)


def test_the_best_place_of_a_favourite_is_the_most_popular_one_not_dropped():
    favourites = {"history": frozenset({"history"})}
    cities = {"chengdu", "chongqing"}
    chosen = favourite_places(PLACES, two_days_chengdu_to_chongqing(favourites=favourites), cities)
    tagged = [p for p in PLACES if "history" in p.tags and p.kind != "accommodation"]
    assert BY_ID[chosen["history"]].popularity == max(p.popularity for p in tagged)
    request = two_days_chengdu_to_chongqing(
        favourites=favourites, dropped=frozenset({chosen["history"]})
    )
    assert favourite_places(PLACES, request, cities)["history"] != chosen["history"]
    assert favourite_places(PLACES, request, {"nowhere"}) == {}


class _SlowClock:
    """The `time` module as the search sees it on a machine ten times slower."""

    def __init__(self):
        self.started = time.perf_counter()

    def perf_counter(self):
        return self.started + 10 * (time.perf_counter() - self.started)


def test_a_plan_depends_on_its_request_not_on_the_machines_speed(monkeypatch):
    # The page, its calendar file and its PDF may be planned by different app servers, one of
    # them busy: they must show the same plan.
    request = two_days_chengdu_to_chongqing(interests={"hotpot": 3, "history": 2, "park": 1})
    on_a_quiet_machine = plan_trip(PLACES, request)
    monkeypatch.setattr(optw, "time", _SlowClock())
    on_a_busy_machine = plan_trip(PLACES, request)
    assert on_a_busy_machine == on_a_quiet_machine


def test_the_better_plan_is_a_longer_search_of_the_same_request_and_never_worse():
    # The same seed and the same first rounds: the longer search only adds rounds, so its best
    # is at least the default's; and it is as deterministic (the page, .ics and PDF agree).
    request = two_days_chengdu_to_chongqing(interests={"hotpot": 3, "history": 2, "park": 1})
    better = dataclasses.replace(request, better=True)
    default_plan, better_plan = plan_trip(PLACES, request), plan_trip(PLACES, better)
    check_itinerary(PLACES, better, better_plan, TRAVEL)
    assert better_plan.score >= default_plan.score
    assert plan_trip(PLACES, better) == better_plan
