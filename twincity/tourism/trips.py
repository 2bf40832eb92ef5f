"""The trip planner's web side: the places from the pages, the tourist's request from the form,
and the itinerary as the page, the calendar file and the PDF show it.

The planning itself is `tourism.planner` (pure Python). Places are known to it by their slug,
which a page keeps in every language, so a plan made in English reads the same in Chinese. A
plan is a function of its request (the planner is seeded): the request lives in the address
(GET), so a plan can be bookmarked, shared, planned again with a place pinned or dropped, and
exported, without storing anything.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from . import planner
from .hours import WEEKDAYS, display_time, minutes
from .models import PlaceKind, PlacePage
from .planner.trip import DAY_WINDOWS

ROLE_LABELS = {
    "visit": _("Visit"),
    "lunch": _("Lunch"),
    "dinner": _("Dinner"),
    "rail": _("High-speed train"),
}
MODE_LABELS = {
    "walk": _("on foot"),
    "metro": _("by metro"),
    "taxi": _("by taxi"),
    "rail": _("by train"),
    "none": "",
}
# Why a must-see or pinned place is not in the plan (the planner's codes).
UNFITTED_REASONS = {
    "unknown": _("it is not among the places we know"),
    "closed": _("it is closed on every day of the trip, or open too briefly for a visit"),
    "too_long": _("its visit does not fit into one day at this pace"),
    "no_room": _("it does not fit together with the rest of the plan: drop another place"),
    "not_visitable": _("it is a hotel, station or airport, not a place to visit"),
    "dropped": _("you dropped it from the plan"),
}
REQUEST_ERRORS = {
    "days": _("Choose how many days the trip lasts."),
    "day_starts": _("Choose where each day starts."),
    "unknown_place": _("One of the places chosen is not among the places we know."),
    "pace": _("Choose a pace."),
    "no_station": _(
        "A day that moves between the cities needs a high-speed-rail station in each city."
    ),
    "no_day": _("The trip has no day."),
}
MEAL_LABELS = {"lunch": _("lunch"), "dinner": _("dinner")}


# --- What the tourist likes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    """A broad interest the form offers, covering tags of the places data (the planner scores
    a place by the weights of its tags)."""

    key: str
    label: str
    tags: frozenset[str]


# A handful of broad interests instead of one per tag: a visitor picks what they like in a few
# taps, and every tag of the vocabulary belongs to exactly one of them.
INTERESTS = (
    Interest("pandas", _("Pandas"), frozenset({"pandas"})),
    Interest(
        "food",
        _("Hotpot, noodles and snacks"),
        frozenset({"hotpot", "sichuan-cuisine", "chongqing-noodles", "snacks", "food-street"}),
    ),
    Interest(
        "history",
        _("History, temples and old towns"),
        frozenset({"history", "temple", "architecture", "old-town"}),
    ),
    Interest(
        "culture",
        _("Museums, art, opera and tea houses"),
        frozenset({"museum", "art", "culture", "opera", "tea-house"}),
    ),
    Interest(
        "nature",
        _("Parks, mountains and rivers"),
        frozenset({"nature", "park", "mountain", "river"}),
    ),
    Interest(
        "night",
        _("Night views and nightlife"),
        frozenset({"night-view", "nightlife", "cable-car"}),
    ),
    Interest(
        "shopping", _("Shopping and markets"), frozenset({"shopping-street", "mall", "market"})
    ),
    Interest("family", _("With children"), frozenset({"family"})),
)
INTERESTS_BY_KEY = {interest.key: interest for interest in INTERESTS}
A_LITTLE, MUCH, VERY_MUCH = 1, 2, 3
WEIGHT_LABELS = {A_LITTLE: _("a little"), MUCH: _("much"), VERY_MUCH: _("very much")}


def trip_interests(liked: dict[str, int]) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """The planner's tag weights and favourites (the interests liked very much) for the broad
    interests liked, by key, with their weights. Tags in sorted tuples: the request is the key
    of the kept plan (core.answers), and a set's order changes from one process to the next."""
    weights: dict[str, int] = {}
    for key, weight in liked.items():
        for tag in sorted(INTERESTS_BY_KEY[key].tags):
            weights[tag] = max(weight, weights.get(tag, 0))
    favourites = {
        key: tuple(sorted(INTERESTS_BY_KEY[key].tags))
        for key, weight in liked.items()
        if weight == VERY_MUCH
    }
    return weights, favourites


def place_pages() -> dict[str, PlacePage]:
    """Every published place by slug, in the visitor's language where it is translated."""
    english = Locale.objects.get(language_code="en")
    wanted = Locale.get_active()
    # A place closed to visitors (a station being rebuilt) is never part of a plan.
    pages = PlacePage.objects.live().filter(locale__in={english, wanted}, closed_since=None)
    by_slug: dict[str, PlacePage] = {}
    for page in pages.order_by("title"):
        if page.slug not in by_slug or page.locale_id == wanted.pk:
            by_slug[page.slug] = page
    return by_slug


def planner_place(page: PlacePage) -> planner.Place:
    return planner.Place.from_json(
        {
            "slug": page.slug,
            "city": page.city,
            "lat": page.latitude,
            "lon": page.longitude,
            "kind": page.kind,
            "tags": page.tags,
            "visit_minutes": page.visit_minutes,
            "hours": page.hours,
            "popularity": page.popularity,
            "transport_role": page.transport_role,
            "name_en": page.name_en,
        }
    )


def is_stay(page: PlacePage) -> bool:
    """Where a day can start or end: a hotel, a station or an airport."""
    return page.kind in (PlaceKind.ACCOMMODATION, PlaceKind.TRANSPORT)


def make_plan(pages: dict[str, PlacePage], trip: planner.TripRequest) -> planner.Itinerary:
    """Raises planner.PlannerError for a request it cannot take."""
    return planner.plan_trip([planner_place(page) for page in pages.values()], trip)


# --- The itinerary as the visitor sees it -------------------------------------------------------


@dataclass(frozen=True)
class ShownStop:
    role: str
    role_label: str
    page: PlacePage
    starts: datetime
    ends: datetime
    travel_minutes: int
    travel_label: str
    arrival_page: PlacePage | None = None  # a train's arrival station
    links: dict = field(default_factory=dict)  # "pin", "drop": the request with that change

    @property
    def slug(self) -> str:
        return self.page.slug

    @property
    def is_place(self) -> bool:
        """A place the visitor may pin or drop (not the train)."""
        return self.role != "rail"


@dataclass(frozen=True)
class ShownDay:
    number: int
    date: date
    start: PlacePage
    end: PlacePage
    stops: list[ShownStop]
    arrives_at_end: datetime
    travel_to_end_minutes: int
    travel_to_end_label: str
    missing_meals: list[str]


def at(day: date, minutes: int) -> datetime:
    """A planner time (minutes after midnight, past 1440 for the next day) on `day`, in Beijing
    time."""
    moment = datetime.combine(day, time()) + timedelta(minutes=int(minutes))
    return timezone.make_aware(moment, timezone.get_default_timezone())


def shown_days(
    itinerary: planner.Itinerary,
    pages: dict[str, PlacePage],
    links_for: Callable[[str], dict] = lambda slug: {},
) -> list[ShownDay]:
    days = []
    for number, day in enumerate(itinerary.days, start=1):
        stops = [
            ShownStop(
                role=stop.role,
                role_label=ROLE_LABELS[stop.role],
                page=pages[stop.place_id],
                starts=at(day.date, stop.start),
                ends=at(day.date, stop.end),
                travel_minutes=stop.travel_minutes,
                travel_label=MODE_LABELS[stop.travel_mode],
                arrival_page=pages.get(stop.arrival_place) if stop.arrival_place else None,
                links=links_for(stop.place_id) if stop.role != "rail" else {},
            )
            for stop in day.stops
        ]
        missing = [
            str(MEAL_LABELS[meal]) for index, meal in itinerary.missing_meals if index == number - 1
        ]
        days.append(
            ShownDay(
                number=number,
                date=day.date,
                start=pages[day.start_place],
                end=pages[day.end_place],
                stops=stops,
                arrives_at_end=at(day.date, day.finish),
                travel_to_end_minutes=day.travel_minutes_to_end,
                travel_to_end_label=MODE_LABELS[day.travel_mode_to_end],
                missing_meals=missing,
            )
        )
    return days


@dataclass(frozen=True)
class UnfittedNote:
    """Why a place the tourist asked for, or the best place of an interest they like very much,
    is not in the plan; `slug` lets the page offer to pin it."""

    slug: str
    text: str
    can_pin: bool


def unfitted_notes(
    itinerary: planner.Itinerary, pages: dict[str, PlacePage], trip: planner.TripRequest
) -> list[UnfittedNote]:
    notes = []
    for item in itinerary.unfitted:
        page = pages.get(item.place_id)
        name = page.title if page is not None else str(item.place_id)
        reason = why_unfitted(item.reason, page, trip)
        if item.favourite in INTERESTS_BY_KEY:
            text = gettext(
                "You like “%(interest)s” very much, but %(place)s, its best place, could not fit: "
                "%(reason)s."
            ) % {
                "interest": INTERESTS_BY_KEY[item.favourite].label,
                "place": name,
                "reason": reason,
            }
        else:
            text = gettext("%(place)s: %(reason)s") % {"place": name, "reason": reason}
        notes.append(UnfittedNote(str(item.place_id), text, item.reason == "no_room"))
    return notes


def why_unfitted(code: str, page: PlacePage | None, trip: planner.TripRequest) -> str:
    """The planner's reason code as a sentence about the place: its hours on the days of the
    trip and the length of its visit, where those are the reason."""
    span = longest_opening(page, trip) if page is not None else None
    if span is None or code not in {"too_long", "outside_day", "no_room"}:
        return str(UNFITTED_REASONS.get(code, code))
    facts = {"opens": span[0], "closes": span[1], "minutes": page.visit_minutes}
    if code == "too_long":
        return (
            ngettext(
                "it is open from %(opens)s to %(closes)s at most, too briefly for a visit of "
                "%(minutes)s minute",
                "it is open from %(opens)s to %(closes)s at most, too briefly for a visit of "
                "%(minutes)s minutes",
                page.visit_minutes,
            )
            % facts
        )
    if code == "outside_day":
        day_opens, day_closes = DAY_WINDOWS[trip.pace]
        return ngettext(
            "it is open from %(opens)s to %(closes)s and a visit takes %(minutes)s minute, but at "
            "this pace the days run from %(day_opens)s to %(day_closes)s",
            "it is open from %(opens)s to %(closes)s and a visit takes %(minutes)s minutes, but "
            "at this pace the days run from %(day_opens)s to %(day_closes)s",
            page.visit_minutes,
        ) % {
            **facts,
            "day_opens": planner.format_clock(day_opens),
            "day_closes": planner.format_clock(day_closes),
        }
    return (
        ngettext(
            "it closes at %(closes)s and a visit takes %(minutes)s minute, and with the travel, "
            "the meals and the other places no day of this plan has that time free while it is "
            "open",
            "it closes at %(closes)s and a visit takes %(minutes)s minutes, and with the travel, "
            "the meals and the other places no day of this plan has that time free while it is "
            "open",
            page.visit_minutes,
        )
        % facts
    )


def longest_opening(page: PlacePage, trip: planner.TripRequest) -> tuple[str, str] | None:
    """(opens, closes) of the longest opening of the place on the days of the trip, as a reader
    writes them; None if it is closed on all of them."""
    weekdays = {WEEKDAYS[trip.date_of(day).weekday()] for day in range(trip.days)}
    intervals = [
        (opens, closes)
        for day in sorted(weekdays)
        for opens, closes in (page.hours or {}).get(day, [])
    ]
    if not intervals:
        return None
    opens, closes = max(intervals, key=lambda span: minutes(span[1]) - minutes(span[0]))
    return opens, display_time(closes)


def day_route(day: ShownDay) -> list[tuple[float, float]]:
    """The day's path for the map: start, every stop (a train's both stations), end."""
    route = [day.start]
    for stop in day.stops:
        route.append(stop.page)
        if stop.arrival_page is not None:
            route.append(stop.arrival_page)
    route.append(day.end)
    return [(float(page.latitude), float(page.longitude)) for page in route]


def map_points(days: list[ShownDay]) -> list[dict]:
    """Numbered markers, a group per day: the map shows one day at a time, its stops numbered
    1, 2, … as in the plan's list of that day."""
    points = []
    for day in days:
        for position, stop in enumerate(day.stops, start=1):
            points.append(
                {
                    "name": stop.page.title,
                    "lat": stop.page.latitude,
                    "lon": stop.page.longitude,
                    "url": stop.page.url,
                    "label": str(position),
                    "group": str(day.number),
                }
            )
    return points
