"""What the place templates get besides the page."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import city_choices
from twincity.core.hooks import PLACE_PAGE_EXTRAS, extras
from twincity.core.images import prefetch_images
from twincity.core.page_urls import SectionUrls

from . import selectors
from .forms import PlaceFilterForm
from .hours import WEEKDAYS, day_intervals, is_open_at
from .maps import MapPoint, place_point
from .models import GuidebookPage, PlaceIndexPage, PlacePage

PLACES_PER_PAGE = 24
WEEKDAY_NAMES = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}


def known_city(city: str) -> str:
    """The city asked for if it is one, else none: what a visitor typed never reaches a query
    unchecked (PostgreSQL refuses text with a NUL byte, with an error page)."""
    return city if city in dict(city_choices()) else ""


def index_context(index: PlaceIndexPage, request) -> dict:
    form = PlaceFilterForm(
        request.GET, selectors.districts(index.locale_id, known_city(request.GET.get("city", "")))
    )
    filters = form.filters()
    places = selectors.filtered_places(index, filters)
    page = Paginator(places, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    shown = selectors.places_by_id([place.id for place in page.object_list])
    page.object_list = prefetch_images(shown, "card")
    place_url = SectionUrls(index, request)
    return {
        "form": form,
        "filters": filters,
        "places": page,
        "place_count": len(places),
        "map_points": [
            MapPoint(
                place.title,
                float(place.latitude),
                float(place.longitude),
                place_url(place.url_path),
            )
            for place in places
        ],
        "page_keep": form.query_to_keep(),
        "guidebooks": GuidebookPage.objects.child_of(index).live().order_by("path"),
    }


@dataclass(frozen=True)
class OpeningDay:
    name: str
    intervals: list
    today: bool


def opening_week(place: PlacePage, today: int) -> list[OpeningDay]:
    return [
        OpeningDay(WEEKDAY_NAMES[day], day_intervals(place.hours, day), number == today)
        for number, day in enumerate(WEEKDAYS)
    ]


def open_now(place: PlacePage, now) -> bool | None:
    """None when the hours are not known; a place closed for rebuilding is never open."""
    if place.closed_since:
        return False
    return is_open_at(place.hours, now) if place.hours else None


def place_today(place: PlacePage) -> dict:
    """Whether the place is open now, in Beijing time (TIME_ZONE is Asia/Shanghai): read on
    every request, outside the page's shared content, which is kept for minutes."""
    now = timezone.localtime()
    return {
        "open_now": open_now(place, now),
        "beijing_now": now,
        "week": opening_week(place, now.weekday()),
    }


def place_context(place: PlacePage, request) -> dict:
    """The rest of the page (its shared content, core.fragments: kept per day)."""
    now = timezone.localtime()
    nearby = selectors.nearby_places(place)
    return {
        "nearby": nearby,
        # What other apps show on a place's page (the events app: events at or near it).
        "extras": extras(PLACE_PAGE_EXTRAS, place, request),
        "promotions": selectors.promotions_for(place, now.date(), get_language() or "en"),
        "map_points": [place_point(place, "★")]
        + [place_point(item.page, str(number)) for number, item in enumerate(nearby, start=1)],
    }
