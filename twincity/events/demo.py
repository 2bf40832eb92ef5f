"""Demo events: the events index in both languages, the seed article's events and the team's
own events of 2027 with ticket types, questions and a hall plan (texts in demo_events.py).

Safe to run again: pages are found by their English slug and pages that exist are left as
they are (an editor may have changed them); only a missing link to the job fair's demo data
is made again, because `generate_talent_demo` replaces that fair on every run.
"""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale

from twincity.core.demo import ensure_index_page, rich_text, translate_page
from twincity.directory.models import Organisation

from .demo_events import OWN_EVENTS, SEED_EVENTS
from .models import BoothSpace, EventIndexPage, EventPage, Question, TicketType
from .permissions import ensure_organisers_group

EVENTS_INDEX = {
    "en": {
        "title": "Events",
        "intro": "Expos, festivals, seminars and conferences of Chengdu and Chongqing, and "
        "the events the two cities hold together.",
    },
    "zh-hans": {
        "title": "活动",
        "intro": "成都、重庆两地的博览会、节庆、研讨会和大会，以及两座城市联合举办的活动。",
    },
}
ALL_EVENTS = SEED_EVENTS + OWN_EVENTS


@transaction.atomic
def load_events(homes: dict, locales: dict[str, Locale]) -> int:
    """Create the events index and every demo event missing from it; returns how many were
    added. Also makes sure the organisers' admin group has its rights on the index."""
    index = events_index(homes, locales)
    existing = set(EventPage.objects.filter(locale=locales["en"]).values_list("slug", flat=True))
    added = 0
    for item in ALL_EVENTS:
        if item["slug"] not in existing:
            add_event(index, item, locales)
            added += 1
    link_demo_fair(locales)
    ensure_organisers_group()
    return added


def events_index(homes: dict, locales: dict[str, Locale]) -> EventIndexPage:
    return ensure_index_page(homes, locales, EventIndexPage, "events", EVENTS_INDEX)


def programme(item: dict, suffix: str) -> list[dict]:
    return [
        {
            "type": "session",
            "value": {
                "title": session[f"title_{suffix}"],
                "starts_at": session["starts_at"].isoformat(),
                "ends_at": session["ends_at"].isoformat(),
                "room": session[f"room_{suffix}"],
                "speakers": session[f"speakers_{suffix}"],
                "description": "",
            },
        }
        for session in item.get("programme", [])
    ]


def page_fields(item: dict, language: str) -> dict:
    """What differs between the languages of an event page."""
    suffix = "en" if language == "en" else "zh"
    return {
        "title": item[f"title_{suffix}"],
        "summary": item[f"summary_{suffix}"],
        "venue_name": item.get(f"venue_name_{suffix}", ""),
        "venue_address": item.get(f"venue_address_{suffix}", ""),
        "body": [rich_text(item[f"body_{suffix}"])],
        "programme": programme(item, suffix),
    }


def coordinate(item: dict, name: str) -> Decimal | None:
    return Decimal(item[name]) if name in item else None


def add_event(index: EventIndexPage, item: dict, locales: dict[str, Locale]) -> EventPage:
    english = index.add_child(
        instance=EventPage(
            slug=item["slug"],
            kind=item["kind"],
            city=item["city"],
            starts_at=item["starts_at"],
            ends_at=item["ends_at"],
            latitude=coordinate(item, "latitude"),
            longitude=coordinate(item, "longitude"),
            registration_open=bool(item.get("tickets")),
            is_demo=True,
            **page_fields(item, "en"),
        )
    )
    english.co_organisers.set(
        Organisation.objects.filter(name_en__in=item.get("co_organisers", []))
    )
    english.save_revision().publish()
    add_registration_data(english, item)
    translate_page(english, locales["zh-hans"], page_fields(item, "zh-hans"))
    return english


def add_registration_data(event: EventPage, item: dict) -> None:
    """Ticket types, questions and booths belong to the page in the default language."""
    for kind, name_en, name_zh, capacity, sale_starts_at, sale_ends_at in item.get("tickets", []):
        TicketType.objects.create(
            event=event,
            kind=kind,
            name_en=name_en,
            name_zh=name_zh,
            capacity=capacity,
            sale_starts_at=sale_starts_at,
            sale_ends_at=sale_ends_at,
        )
    for order, question in enumerate(item.get("questions", [])):
        Question.objects.create(event=event, sort_order=order, **question)
    BoothSpace.objects.bulk_create(
        BoothSpace(event=event, hall=hall, number=number, size_sqm=size)
        for hall, number, size in item.get("booths", [])
    )


def link_demo_fair(locales: dict[str, Locale]) -> None:
    """The seed's job fair page shows the talent demo's fair, when that demo was generated."""
    from twincity.talent.demo import FAIR_TITLE_EN
    from twincity.talent.models import Fair

    fair = Fair.objects.filter(title_en=FAIR_TITLE_EN).first()
    slugs = [item["slug"] for item in ALL_EVENTS if item.get("links_demo_fair")]
    source_pages = EventPage.objects.filter(locale=locales["en"], slug__in=slugs, fair=None)
    if fair is None:
        return
    for source in source_pages:
        for page in EventPage.objects.filter(translation_key=source.translation_key):
            page.fair = fair
            page.save_revision().publish()
