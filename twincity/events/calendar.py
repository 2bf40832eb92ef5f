"""iCalendar files: one event (the ticket's "add to calendar", the confirmation e-mail) and
subscription feeds per city and kind, in the language asked for.

An event keeps one UID in every language (from its pages' shared translation_key), so a
calendar that subscribed in English and imported the Chinese e-mail's file shows it once.
Times are written in UTC ("Z"): every calendar program converts them to the reader's zone.
"""

from datetime import UTC, timedelta

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from twincity.core.cities import City
from twincity.core.localisation import locale_id

from .errors import EventsError
from .models import EventKind, EventPage

PRODUCT_ID = "-//Twin City//Chengdu-Chongqing events//EN"
# A city's feed holds the events of that city and those held in both cities at once.
FEED_CITIES = {
    "chengdu": [City.CHENGDU, City.BOTH],
    "chongqing": [City.CHONGQING, City.BOTH],
    "both": [City.BOTH],
    "all": [City.CHENGDU, City.CHONGQING, City.BOTH],
}
# Subscribers want what is coming and what just happened, not every event since 2020.
FEED_PAST_DAYS = 365


class UnknownFeed(EventsError):
    """A feed for a city or kind that does not exist."""


def page_in_language(event: EventPage, language: str) -> EventPage:
    """The live translation of the event in `language`, else the event as it is."""
    locale = locale_id(language)
    if locale is None or locale == event.locale_id:
        return event
    translated = event.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else event


def uid(event: EventPage) -> str:
    return f"event-{event.translation_key}@twincity"


def location(event: EventPage) -> str:
    return ", ".join(part for part in (event.venue_name, event.venue_address) if part)


def vevent(event: EventPage) -> Event:
    """One VEVENT for the event page as it reads in its own language."""
    item = Event()
    item.add("uid", uid(event))
    item.add("dtstamp", event.last_published_at or timezone.now())
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("summary", event.title)
    url = event.get_full_url()
    if url:
        item.add("url", url)
    item.add("description", "\n\n".join(part for part in (event.summary, url) if part))
    if location(event):
        item.add("location", location(event))
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (float(event.latitude), float(event.longitude)))
    return item


def calendar(name: str, events: list[EventPage]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(vevent(event))
    return cal.to_ical()


def event_ics(event: EventPage, language: str) -> bytes:
    """The .ics of one event, in `language` when the event is published in it."""
    page = page_in_language(event, language)
    return calendar(page.title, [page])


def feed_events(city: str, kind: str, language: str) -> QuerySet[EventPage]:
    """Published event pages in `language`, of the city (and kind, if given), oldest first."""
    if city not in FEED_CITIES:
        raise UnknownFeed(_("There is no calendar for this city."))
    if kind and kind not in EventKind.values:
        raise UnknownFeed(_("There is no calendar for this kind of event."))
    events = EventPage.objects.live().filter(
        locale__language_code=language,
        city__in=FEED_CITIES[city],
        ends_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS),
    )
    if kind:
        events = events.filter(kind=kind)
    return events.order_by("starts_at", "pk")


def feed_name(city: str, kind: str) -> str:
    place = {
        "chengdu": _("Chengdu"),
        "chongqing": _("Chongqing"),
        "both": _("Both cities"),
        "all": _("Chengdu and Chongqing"),
    }[city]
    if kind:
        place = f"{place} · {EventKind(kind).label}"
    return _("Twin City events: %(place)s") % {"place": place}


def feed_ics(city: str, kind: str, language: str) -> bytes:
    with translation.override(language):
        events = list(feed_events(city, kind, language))
        return calendar(feed_name(city, kind), events)
