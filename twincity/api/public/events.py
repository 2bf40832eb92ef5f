"""Events, with their price and seats as the site's listing shows them (events.selectors)."""

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from twincity.core.cities import City
from twincity.events import selectors
from twincity.events.forms import EventFilterForm
from twincity.events.models import EventKind, EventPage

from ..pagination import CursorPagination, Listing
from ..schemas import LIST_ERRORS, READ_ERRORS
from .common import (
    Id,
    LanguageParams,
    PageLinks,
    checked_filters,
    choices_literal,
    extended,
    language_locale,
    page_in_language,
)

router = Router(tags=["Events"])

EventCity = choices_literal([City.CHENGDU, City.CHONGQING, City.BOTH])
Kind = choices_literal(EventKind.values)


class EventFilters(LanguageParams):
    city: EventCity | None = Field(None, description="An event held in both cities is in either.")
    kind: Kind | None = None
    month: str | None = Field(
        None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="Events running during this month (YYYY-MM).",
        examples=["2027-05"],
    )
    when: choices_literal(["upcoming", "past"]) | None = None


class Availability(Schema):
    price: str = Field(
        description="As the site says it: “Free”, “¥80”, “from ¥80”, “By invitation”; "
        "empty when the event takes no registrations."
    )
    lowest_price: float | None = Field(None, description="CNY.")
    highest_price: float | None = Field(None, description="CNY.")
    free: bool | None = None
    seats_left: int | None = Field(
        None, description="Null when nothing is to be said (no registration, over, invitation)."
    )
    waiting_list: bool = Field(description="Every seat is taken; new registrations wait.")
    by_invitation_only: bool
    capacity: int | None = Field(None, description="Seats in all (read:extended only).")
    registered: int | None = Field(None, description="Seats taken (read:extended only).")


class Event(Schema):
    id: int = Field(description="The same in both languages (the English page's id).")
    title: str
    summary: str
    kind: Kind
    kind_label: str
    city: EventCity
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    venue_address: str
    latitude: float | None = Field(None, description="WGS-84.")
    longitude: float | None = Field(None, description="WGS-84.")
    url: str = Field(description="The event's page on the site, in the language asked for.")
    urls: dict[str, str] = Field(description="The event's page in each language it has.")
    availability: Availability


EXAMPLE_EN = {
    "id": 42,
    "title": "Chengdu International Food Festival",
    "summary": "Three days of Sichuan cooking on the banks of the Jin River.",
    "kind": "festival",
    "kind_label": "Festival",
    "city": "chengdu",
    "starts_at": "2027-05-01T10:00:00+08:00",
    "ends_at": "2027-05-03T18:00:00+08:00",
    "venue_name": "Jinjiang riverside",
    "venue_address": "Jiuyanqiao, Jinjiang District",
    "latitude": 30.6441,
    "longitude": 104.0836,
    "url": "https://twincity.example/en/events/food-festival/",
    "urls": {
        "en": "https://twincity.example/en/events/food-festival/",
        "zh-hans": "https://twincity.example/zh-hans/events/food-festival/",
    },
    "availability": {
        "price": "Free",
        "lowest_price": 0,
        "highest_price": 0,
        "free": True,
        "seats_left": 120,
        "waiting_list": False,
        "by_invitation_only": False,
    },
}
EXAMPLE_ZH = {
    **EXAMPLE_EN,
    "title": "成都国际美食节",
    "summary": "在锦江畔品尝三天的川菜。",
    "kind_label": "节庆",
    "venue_name": "锦江河畔",
    "venue_address": "锦江区九眼桥",
    "url": EXAMPLE_EN["urls"]["zh-hans"],
    "availability": {**EXAMPLE_EN["availability"], "price": "免费"},
}
Event.model_config["json_schema_extra"] = {"examples": [EXAMPLE_EN, EXAMPLE_ZH]}


def event_items(events: list, request: HttpRequest) -> list[dict]:
    """The answer's items: one query for the seats, one for the ids and addresses."""
    now = timezone.now()
    links = PageLinks(events, request)
    rows_by_key: dict = {event.translation_key: [] for event in events}
    for row in selectors.ticket_rows(set(rows_by_key), now) if events else []:
        rows_by_key[row["event__translation_key"]].append(row)
    return [
        event_item(event, rows_by_key[event.translation_key], links, request) for event in events
    ]


def event_item(event: EventPage, rows: list[dict], links: PageLinks, request) -> dict:
    return {
        **links.fields(event, request),
        "title": event.title,
        "summary": event.summary,
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "city": event.city,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "latitude": float(event.latitude) if event.latitude is not None else None,
        "longitude": float(event.longitude) if event.longitude is not None else None,
        "availability": availability(rows, extended(request)),
    }


def availability(rows: list[dict], with_capacity: bool) -> dict:
    """What the site's listing shows (selectors.availability_of), and for read:extended the
    seats in all and taken of the ticket types anyone may take."""
    found = selectors.availability_of(rows) if rows else selectors.NOTHING_TO_SAY
    item = {
        "price": found.price,
        "lowest_price": float(found.lowest_price) if found.lowest_price is not None else None,
        "highest_price": float(found.highest_price) if found.highest_price is not None else None,
        "free": (found.highest_price == 0) if found.highest_price is not None else None,
        "seats_left": found.seats_left,
        "waiting_list": found.seats_left == 0,
        "by_invitation_only": found.by_invitation_only,
    }
    if with_capacity:
        public = [row for row in rows if not row["by_invitation"]]
        item["capacity"] = sum(row["capacity"] for row in public)
        item["registered"] = sum(row["taken"] for row in public)
    return item


def published_events():
    return (
        EventPage.objects.live()
        .public()
        .only(*selectors.LISTING_FIELDS, "venue_address", "latitude", "longitude")
    )


@router.get(
    "",
    response={200: list[Event], **LIST_ERRORS},
    summary="List events",
    description="The events of the language asked for, in the site's order: upcoming ones "
    "soonest first, then past ones latest first. The same filters as the site's listing.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_events(request: HttpRequest, filters: Query[EventFilters]):
    cleaned = checked_filters(EventFilterForm, filters.dict(exclude={"lang"}))
    chosen = selectors.EventFilters(
        city=cleaned.get("city", ""),
        kind=cleaned.get("kind", ""),
        month=cleaned.get("month"),
        when=cleaned.get("when", ""),
    )
    now = timezone.now()
    events = published_events().filter(locale_id=language_locale(request))
    events = selectors.upcoming_first(selectors.filtered_events(events, chosen, now), now)
    return Listing(events, event_items)


@router.get(
    "/{int:event_id}",
    response={200: Event, **READ_ERRORS},
    summary="One event",
    exclude_unset=True,
)
def get_event(request: HttpRequest, event_id: Id, params: Query[LanguageParams]):
    event = page_in_language(published_events(), event_id, request)
    return event_items([event], request)[0]
