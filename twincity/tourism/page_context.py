"""What the place templates get besides the page."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import selectors
from .hours import WEEKDAYS, day_intervals, is_open_at
from .maps import place_point
from .models import City, GuidebookPage, PlaceIndexPage, PlaceKind, PlacePage
from .vocabulary import TAGS

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


@dataclass(frozen=True)
class PlaceFilters:
    city: str = ""
    kind: str = ""
    tag: str = ""
    district: str = ""
    q: str = ""


class PlaceFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    city = forms.ChoiceField(label=_("City"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    tag = forms.ChoiceField(label=_("Interest"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, data, districts: list[str]):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["city"].choices = everything + list(City.choices)
        self.fields["kind"].choices = everything + list(PlaceKind.choices)
        self.fields["tag"].choices = everything + [(slug, label) for slug, label in TAGS.items()]
        self.fields["district"].choices = everything + [(name, name) for name in districts]

    def filters(self) -> PlaceFilters:
        # An unknown value (an old link, a typed URL) drops that filter instead of failing.
        if self.is_valid():
            return PlaceFilters(**{name: self.cleaned_data[name].strip() for name in PLACE_FIELDS})
        valid = {name: self.cleaned_data.get(name, "") for name in PLACE_FIELDS}
        return PlaceFilters(**{name: (value or "").strip() for name, value in valid.items()})

    def query_to_keep(self) -> str:
        from django.utils.http import urlencode

        filters = self.filters()
        return urlencode(
            {name: getattr(filters, name) for name in PLACE_FIELDS if getattr(filters, name)}
        )


PLACE_FIELDS = ("city", "kind", "tag", "district", "q")


def index_context(index: PlaceIndexPage, request) -> dict:
    form = PlaceFilterForm(
        request.GET, selectors.districts(index.locale_id, request.GET.get("city", ""))
    )
    filters = form.filters()
    places = selectors.filtered_places(index.locale_id, filters)
    page = Paginator(places, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "filters": filters,
        "places": page,
        "place_count": len(places),
        "map_points": [place_point(place) for place in places],
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


def place_context(place: PlacePage, request) -> dict:
    now = timezone.localtime()  # Beijing time: TIME_ZONE is Asia/Shanghai
    nearby = selectors.nearby_places(place)
    return {
        "open_now": is_open_at(place.hours, now) if place.hours else None,
        "beijing_now": now,
        "week": opening_week(place, now.weekday()),
        "nearby": nearby,
        "nearby_events": selectors.events_near(
            float(place.latitude), float(place.longitude), place.locale_id
        ),
        "promotions": selectors.promotions_for(place, now.date(), get_language() or "en"),
        "map_points": [place_point(place, "★")]
        + [place_point(item.page, str(number)) for number, item in enumerate(nearby, start=1)],
    }
