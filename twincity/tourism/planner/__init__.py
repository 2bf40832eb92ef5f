"""Itinerary planner: a team orienteering problem with time windows, solved by iterated local search.

Pure Python and NumPy, no Django. Two entry points:

``plan_trip(places, request, travel=None) -> Itinerary``
    A day-by-day trip over both cities: opening hours of each date's weekday, visit lengths, lunch
    and dinner at dining places in their windows, the high-speed rail on days that move between the
    cities, the tourist's interests, must-see, pinned and dropped places.

``solve_optw(instance, seconds=1.0, seed=0) -> list[list[int]]``
    The bare (T)OPTW of the literature: tours as lists of node ids without the depot.

Example::

    import datetime as dt, json
    from twincity.tourism.planner import (
        Place, TripRequest, format_clock, plan_trip, read_instance, solve_optw,
    )

    places = [Place.from_json(record) for record in json.load(open("places.json"))]
    request = TripRequest(
        start_date=dt.date(2026, 12, 5), days=2,
        day_starts=["chengdu-east-railway-station", "chongqing-north-railway-station"],
        interests={"hotpot": 3, "history": 1, "pandas": 2}, pace="normal",
        must_see=frozenset({"hongyadong"}), dropped=frozenset({"chunxi-road"}),
        favourites={"pandas": ("pandas",)},       # its best place goes in first, if it fits
    )
    itinerary = plan_trip(places, request)        # raises PlannerError on a bad request
    for day in itinerary.days:
        for stop in day.stops:                    # role: visit | lunch | dinner | rail
            print(day.date, stop.role, stop.place_id, format_clock(stop.start), format_clock(stop.end))
    itinerary.unfitted       # must-see, pinned or favourites' places left out, with a reason code
    itinerary.missing_meals  # (day, "lunch") when no dining place fits that day

    instance = read_instance("../shared/optw/instances/c101.txt", tours=1)
    tours = solve_optw(instance, seconds=1.0, seed=0)   # [[5, 3, 7, ...]]

Reason and error codes (``Unfitted.reason``, ``PlannerError.code``) are stable strings for the
web layer to translate; the planner itself holds no user-facing text. Times are minutes after
midnight of the stop's day (``format_clock`` renders them).
"""

from .instances import read_instance
from .model import (
    Day,
    Itinerary,
    Place,
    Stop,
    TripRequest,
    Unfitted,
    format_clock,
    parse_clock,
)
from .optw import Instance, evaluate, solve_optw
from .travel import GreatCircleTravel, Leg, TravelModel
from .trip import PlannerError, plan_trip

__all__ = [
    "Day",
    "GreatCircleTravel",
    "Instance",
    "Itinerary",
    "Leg",
    "Place",
    "PlannerError",
    "Stop",
    "TravelModel",
    "TripRequest",
    "Unfitted",
    "evaluate",
    "format_clock",
    "parse_clock",
    "plan_trip",
    "read_instance",
    "solve_optw",
]
