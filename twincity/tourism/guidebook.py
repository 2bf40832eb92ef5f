"""Guidebooks: sections built from the places of their cities (best first), with the
editors' introductions and tips, as a web page and a PDF."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twincity.core import abuse, answers
from twincity.core.cities import City
from twincity.core.pdf import PDF_CONTENT_TYPE, render_pdf

from .models import GuidebookPage, PlaceKind, PlacePage, TransportRole
from .selectors import live_places, translated_place

SECTIONS = [
    ("dining", PlaceKind.DINING, _("Dining")),
    ("accommodation", PlaceKind.ACCOMMODATION, _("Accommodation")),
    ("shopping", PlaceKind.SHOPPING, _("Shopping")),
    ("entertainment", PlaceKind.ENTERTAINMENT, _("Entertainment")),
    ("transport", PlaceKind.TRANSPORT, _("Getting around")),
]
TRANSPORT_ORDER = {
    TransportRole.HSR_STATION: 0,
    TransportRole.AIRPORT: 1,
    TransportRole.METRO_HUB: 2,
}


@dataclass(frozen=True)
class CityPlaces:
    city_label: str
    places: list[PlacePage]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    cities: list[CityPlaces]


def cities_of(guide: GuidebookPage) -> list[str]:
    if guide.scope == City.BOTH:
        return [City.CHENGDU, City.CHONGQING]
    return [guide.scope]


def best_places(guide: GuidebookPage, kind: str, city: str) -> list[PlacePage]:
    """Best first: most popular, then by name. Transport hubs come by role instead, rail
    stations first, because the rail between the cities is what a visitor needs first."""
    places = live_places(guide.locale_id).filter(kind=kind, city=city)
    if kind == PlaceKind.TRANSPORT:
        return sorted(
            places, key=lambda p: (TRANSPORT_ORDER.get(p.transport_role, 9), -p.popularity, p.title)
        )
    return list(places.order_by("-popularity", "title")[: guide.places_per_section])


def sections(guide: GuidebookPage) -> list[Section]:
    return [
        Section(
            key,
            title,
            getattr(guide, f"{key}_intro"),
            [
                CityPlaces(City(city).label, best_places(guide, kind, city))
                for city in cities_of(guide)
            ],
        )
        for key, kind, title in SECTIONS
    ]


def campaign_partners(guide: GuidebookPage) -> list[PlacePage]:
    if guide.campaign is None:
        return []
    partners = [
        translated_place(guide.campaign.chengdu_place, guide.locale_id),
        translated_place(guide.campaign.chongqing_place, guide.locale_id),
    ]
    return [place for place in partners if place is not None]


def guidebook_context(guide: GuidebookPage) -> dict:
    return {
        "sections": sections(guide),
        "partners": campaign_partners(guide),
        "shows_rail": guide.scope == City.BOTH,
        "generated_on": timezone.localdate(),
    }


def pdf_response(guide: GuidebookPage, request) -> HttpResponse:
    def fresh_pdf() -> bytes:
        abuse.check("pdf", abuse.client_address(request))
        context = {"page": guide, "request": request, **guidebook_context(guide)}
        return render_pdf("tourism/pdf/guidebook.html", context, request)

    try:
        # One guidebook and day is one PDF, whatever else the address says.
        pdf = answers.remembered("guidebook-pdf", (guide.pk, timezone.localdate()), fresh_pdf)
    except abuse.RateLimited as refusal:
        return abuse.too_many(request, refusal.retry_after)
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="guidebook-{guide.slug}-{guide.locale.language_code}.pdf"'
    )
    return response
