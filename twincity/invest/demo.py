"""Demo content of the Invest section, from data/content.json, in English and Chinese.

Parks and policies carry only public facts (approval, year, area, document number, dates;
coordinates approximate, and the park page says so); the policy library's status example and
every opportunity are invented, marked `is_invented` / demo and labelled on the public page.
Each page is created once, the Chinese one as a translation of the English (same translation
key), so that load_demo registers the pair with wagtail-localize (core.demo_translations).
A page that exists already is left alone: editors may have changed it.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from twincity.core.demo import ensure_index_page, rich_text
from twincity.core.demo_images import illustration

from .models import (
    GuidePage,
    IndustryPage,
    InvestIndexPage,
    OpportunityIndexPage,
    OpportunityPage,
    ParkIndexPage,
    ParkPage,
    PolicyIndexPage,
    PolicyPage,
)

DATA_FILE = Path(__file__).resolve().parent / "data" / "content.json"
LANGUAGES = ("en", "zh-hans")
LISTING_CLASSES = {
    "opportunities": OpportunityIndexPage,
    "parks": ParkIndexPage,
    "policies": PolicyIndexPage,
}


def add_live(parent: Page, page: Page) -> Page:
    """A new demo page under `parent`, live with one revision."""
    now = timezone.now()
    page.is_demo = True
    page.live = True
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    revision = page.save_revision(clean=False)
    page.live_revision = revision
    page.has_unpublished_changes = False
    page.save(update_fields=["live_revision", "has_unpublished_changes"], clean=False)
    return page


def ensure_pair(
    parents: dict[str, Page], model: type[Page], slug: str, fields: dict[str, dict]
) -> dict[str, Page]:
    """The English page of `slug` under parents["en"] and its Chinese translation, created
    from `fields[language]` if missing; both returned by language."""
    english = model.objects.filter(locale=parents["en"].locale, slug=slug).first()
    if english is None:
        english = add_live(parents["en"], model(slug=slug, **fields["en"]))
    chinese = english.get_translation_or_none(parents["zh-hans"].locale)
    if chinese is None:
        chinese = add_live(
            parents["zh-hans"],
            model(
                slug=slug,
                locale=parents["zh-hans"].locale,
                translation_key=english.translation_key,
                **fields["zh-hans"],
            ),
        )
    return {"en": english, "zh-hans": chinese.specific}


def in_languages(record: dict, shared: dict, own: dict | None = None) -> dict[str, dict]:
    """The page fields per language: the shared ones, the record's texts of that language,
    and what `own(language)` adds."""
    return {
        language: {**shared, **record[language], **(own(language) if own else {})}
        for language in LANGUAGES
    }


def coordinate(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def load_parks(parents, records) -> dict[str, dict[str, Page]]:
    parks = {}
    for record in records:
        shared = {
            "city": record["city"],
            "level": record["level"],
            "approved_year": record["approved_year"],
            "approval_document": record["approval_document"],
            "area_km2": Decimal(record["area_km2"]) if record["area_km2"] else None,
            "sectors": record["sectors"],
            "latitude": coordinate(record["lat"]),
            "longitude": coordinate(record["lon"]),
            "coordinates_approximate": True,
            "image": illustration(record["image"]),
        }
        parks[record["slug"]] = ensure_pair(
            parents, ParkPage, record["slug"], in_languages(record, shared)
        )
    return parks


def load_industries(parent: dict[str, Page], records) -> None:
    for record in records:
        shared = {"sector": record["sector"], "city": record["city"]}

        def programme(language, record=record):
            return {"programme": record["programme_en" if language == "en" else "programme_zh"]}

        ensure_pair(parent, IndustryPage, record["slug"], in_languages(record, shared, programme))


def load_policies(parents, records) -> None:
    pages = {}
    for record in records:
        shared = {
            "document_number": record["document_number"],
            "issued_on": date.fromisoformat(record["issued_on"]),
            "effective_on": (
                date.fromisoformat(record["effective_on"]) if record["effective_on"] else None
            ),
            "status": record["status"],
            "topic": record["topic"],
            "city": record["city"],
            "sectors": record["sectors"],
            "is_invented": record["invented"],
        }

        def body(language, record=record):
            return {"body": [rich_text(record[language]["body"])]}

        texts = in_languages(record, shared, body)
        pages[record["slug"]] = ensure_pair(parents, PolicyPage, record["slug"], texts)
    # Replacements link to the source-language page (shown localised), once all exist.
    for record in records:
        if record.get("replaced_by"):
            for language in LANGUAGES:
                page = pages[record["slug"]][language]
                replacement = pages[record["replaced_by"]]["en"]  # as park, above
                if page.replaced_by_id is None:
                    page.replaced_by = replacement
                    page.save_revision(clean=False).publish()


def step_blocks(steps: list[dict]) -> list[dict]:
    return [
        {
            "type": "step",
            "value": {
                "title": step["title"],
                "text": f"<p>{step['text']}</p>",
                "chongqing": {"name": step["chongqing"], "address": "", "phone": "", "url": ""},
                "chengdu": {"name": step["chengdu"], "address": "", "phone": "", "url": ""},
            },
        }
        for step in steps
    ]


def load_guides(parent: dict[str, Page], records) -> None:
    for record in records:
        fields = {
            language: {
                "topic": record["topic"],
                "title": record[language]["title"],
                "summary": record[language]["summary"],
                "steps": step_blocks(record[language]["steps"]),
            }
            for language in LANGUAGES
        }
        ensure_pair(parent, GuidePage, record["slug"], fields)


def load_opportunities(parents, records, parks) -> None:
    for record in records:
        shared = {
            "city": record["city"],
            "sector": record["sector"],
            "total_investment_yuan": Decimal(record["total"]),
            "sought_yuan": Decimal(record["sought"]),
            "cooperation_modes": record["modes"],
            "planning_status": record["planning"],
            "time_to_decision": record["decision"],
            "featured": record["featured"],
            "latitude": coordinate(record.get("lat")),
            "longitude": coordinate(record.get("lon")),
            "image": illustration(record["image"]),
            # The same park page in both languages, as wagtail-localize would keep it.
            "park": parks[record["park"]]["en"] if record["park"] else None,
        }
        fields = {}
        for language in LANGUAGES:
            texts = dict(record[language])
            fields[language] = {**shared, "contact_name": texts.pop("contact"), **texts}
        ensure_pair(parents, OpportunityPage, record["slug"], fields)


@transaction.atomic
def load_invest_content(homes: dict, locales: dict[str, Locale], path: Path = DATA_FILE) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    index = ensure_index_page(homes, locales, InvestIndexPage, "invest", data["index"])
    indexes = {"en": index, "zh-hans": index.get_translation(locales["zh-hans"]).specific}
    listings = {
        listing["kind"]: ensure_pair(
            indexes, LISTING_CLASSES[listing["kind"]], listing["slug"], in_languages(listing, {})
        )
        for listing in data["listings"]
    }
    parks = load_parks(listings["parks"], data["parks"])
    load_industries(indexes, data["industries"])
    load_policies(listings["policies"], data["policies"])
    load_guides(indexes, data["guides"])
    load_opportunities(listings["opportunities"], data["opportunities"], parks)
    return (
        f"invest: {len(parks)} parks, {len(data['policies'])} policies, "
        f"{len(data['opportunities'])} opportunities"
    )
