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
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from . import planner
from .models import PlaceKind, PlacePage

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


def place_pages() -> dict[str, PlacePage]:
    """Every published place by slug, in the visitor's language where it is translated."""
    english = Locale.objects.get(language_code="en")
    wanted = Locale.get_active()
    pages = PlacePage.objects.live().filter(locale__in={english, wanted})
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


def unfitted_places(itinerary: planner.Itinerary, pages: dict[str, PlacePage]) -> list[tuple]:
    """(name, reason) of each must-see or pinned place left out."""
    return [
        (
            pages[item.place_id].title if item.place_id in pages else item.place_id,
            UNFITTED_REASONS.get(item.reason, item.reason),
        )
        for item in itinerary.unfitted
    ]


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
    """Numbered markers: "1.2" is the second stop of day 1."""
    points = []
    for day in days:
        for position, stop in enumerate(day.stops, start=1):
            points.append(
                {
                    "name": stop.page.title,
                    "lat": stop.page.latitude,
                    "lon": stop.page.longitude,
                    "url": stop.page.url,
                    "label": f"{day.number}.{position}",
                }
            )
    return points
