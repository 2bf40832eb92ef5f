"""Demo events: the events index in both languages, the seed article's events and the team's
own events of 2027 with ticket types, questions and a hall plan.

The events are data, not code: data/seed_events.json and data/own_events.json (fields, and
what is fact and what is illustration, in data/README.md).

Safe to run again: pages are found by their English slug and pages that exist are left as
they are (an editor may have changed them); only a missing link to the job fair's demo data
is made again, because `generate_talent_demo` replaces that fair on every run.
"""

import json
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from twincity.core.demo import ensure_index_page, rich_text, translate_page
from twincity.directory.models import Organisation

from .models import BoothSpace, EventIndexPage, EventPage, PhoneQuestion, Question, TicketType
from .permissions import ensure_organisers_group

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_EVENTS_FILE = DATA_DIR / "seed_events.json"
OWN_EVENTS_FILE = DATA_DIR / "own_events.json"
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


def parse_times(record: dict) -> dict:
    """JSON has no datetimes: the files write every `…_at` value in ISO 8601 with its +08:00
    offset (Beijing time), and this turns them back into aware datetimes."""
    return {
        key: datetime.fromisoformat(value) if key.endswith("_at") else value
        for key, value in record.items()
    }


def read_events(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"), object_hook=parse_times)


def all_events() -> list[dict]:
    """The seed article's events, then the team's own."""
    return read_events(SEED_EVENTS_FILE) + read_events(OWN_EVENTS_FILE)


@transaction.atomic
def load_events(homes: dict, locales: dict[str, Locale]) -> int:
    """Create the events index and every demo event missing from it; returns how many were
    added. Also makes sure the organisers' admin group has its rights on the index."""
    index = events_index(homes, locales)
    existing = set(EventPage.objects.filter(locale=locales["en"]).values_list("slug", flat=True))
    events = all_events()
    added = 0
    for item in events:
        if item["slug"] not in existing:
            add_event(index, item, locales)
            added += 1
    link_demo_fair(events, locales)
    ensure_organisers_group()
    return added


def events_index(homes: dict, locales: dict[str, Locale]) -> EventIndexPage:
    return ensure_index_page(homes, locales, EventIndexPage, "events", EVENTS_INDEX)


def list_items(values: list) -> list[dict]:
    """A ListBlock's items with ids of their own, as the admin saves them: a plain list gets
    new ids each time it is read, and wagtail-localize, which finds a translated text by its
    place in the page (ids included), would then never find the speakers' names again."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def programme(item: dict, suffix: str) -> list[dict]:
    return [
        {
            "type": "session",
            "value": {
                "title": session[f"title_{suffix}"],
                "starts_at": session["starts_at"].isoformat(),
                "ends_at": session["ends_at"].isoformat(),
                "room": session[f"room_{suffix}"],
                "speakers": list_items(session[f"speakers_{suffix}"]),
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
            registration_phone=item.get("registration_phone", PhoneQuestion.OFF),
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
    for ticket in item.get("tickets", []):
        TicketType.objects.create(event=event, **ticket)
    for order, question in enumerate(item.get("questions", [])):
        Question.objects.create(event=event, sort_order=order, **question)
    BoothSpace.objects.bulk_create(
        BoothSpace(event=event, **booth) for booth in item.get("booths", [])
    )


def link_demo_fair(events: list[dict], locales: dict[str, Locale]) -> None:
    """The seed's job fair page shows the talent demo's fair, when that demo was generated."""
    from twincity.talent.demo import FAIR_TITLE_EN
    from twincity.talent.models import Fair

    fair = Fair.objects.filter(title_en=FAIR_TITLE_EN).first()
    slugs = [item["slug"] for item in events if item.get("links_demo_fair")]
    source_pages = EventPage.objects.filter(locale=locales["en"], slug__in=slugs, fair=None)
    if fair is None:
        return
    for source in source_pages:
        for page in EventPage.objects.filter(translation_key=source.translation_key):
            page.fair = fair
            page.save_revision().publish()
