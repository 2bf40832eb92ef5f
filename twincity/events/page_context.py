"""What the two page templates get besides the page: the pages' `get_context` hands over here."""

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.hooks import EVENT_PAGE_EXTRAS, extras

from . import access, selectors
from .forms import EventFilterForm
from .models import EventIndexPage, EventKind, EventPage

FEED_CITIES = [
    ("all", _("All events")),
    (City.CHENGDU, City.CHENGDU.label),
    (City.CHONGQING, City.CHONGQING.label),
    (City.BOTH, _("Held in both cities")),
]


@dataclass(frozen=True)
class FeedLink:
    label: str
    url: str
    current: bool


def calendar_feeds(city: str, kind: str) -> list[FeedLink]:
    """Subscription feeds per city (of the listing's kind when one is chosen), in the
    language of the page: the feed URL carries the language prefix."""
    query = f"?{urlencode({'kind': kind})}" if kind else ""
    links = []
    for code, label in FEED_CITIES:
        try:
            url = reverse("events:feed", args=[code]) + query
        except NoReverseMatch:  # the feeds are another module's; a page must not fail for them
            return []
        links.append(FeedLink(str(label), url, current=code == (city or "all")))
    return links


def index_context(index: EventIndexPage, request) -> dict:
    form = EventFilterForm(request.GET)
    filters = form.filters()
    return {
        "form": form,
        "filters": filters,
        "events": selectors.listing_page(index, filters, request.GET.get("page")),
        "page_keep": form.query_to_keep(),
        "calendar_feeds": calendar_feeds(filters.city, filters.kind),
        "kind_label": EventKind(filters.kind).label if filters.kind else "",
    }


def event_context(event: EventPage, request) -> dict:
    @cache  # two shared fragments of the page ask for it; computed once, on a miss only
    def details() -> dict:
        return {
            **vars(selectors.event_surroundings(event, event.source_page())),
            # What other apps show on an event page (tourism's nearby attractions).
            "extras": extras(EVENT_PAGE_EXTRAS, event, request),
        }

    now = timezone.now()
    tickets = selectors.ticket_rows({event.translation_key}, now)
    return {
        # The registration box, fresh on every request: seats change with each registration.
        "registration": selectors.registration_of(tickets, now),
        "availability": selectors.availability_of(tickets),
        "registration_event_id": event.source_page_id(),
        "can_manage": access.can_manage(request.user, event),
        "details": details,
    }
