"""Places of the travel section: hours, open now, coordinates (WGS-84, or GCJ-02 on request)."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.tourism import selectors
from twincity.tourism.forms import PlaceFilterForm, PlaceFilters
from twincity.tourism.geo import wgs84_to_gcj02
from twincity.tourism.models import GuidebookPage, PlaceIndexPage, PlaceKind, PlacePage
from twincity.tourism.page_context import known_city, open_now
from twincity.tourism.services import beijing_today

from ..pagination import CursorPagination, Listing
from ..schemas import LIST_ERRORS, READ_ERRORS
from .common import (
    Id,
    LanguageParams,
    PageLinks,
    checked_filters,
    choices_literal,
    language,
    language_locale,
    not_found,
    page_in_language,
)

router = Router(tags=["Places"])

Coords = choices_literal(["wgs84", "gcj02"])
PlaceCity = choices_literal([City.CHENGDU, City.CHONGQING])
Kind = choices_literal(PlaceKind.values)


class CoordsParams(LanguageParams):
    coords: Coords = Field(
        "wgs84",
        description="wgs84 (GPS, OpenStreetMap) or gcj02 (the system Chinese map providers "
        "such as AMap use).",
    )


class PlaceQuery(CoordsParams):
    city: PlaceCity | None = None
    kind: Kind | None = None
    tag: str | None = Field(None, description="An interest, e.g. food, history, nature.")
    district: str | None = Field(None, description="A district, in either language.")
    q: str | None = Field(None, max_length=100, description="Part of the name, either script.")
    open_now: bool | None = Field(None, description="Only the places open now (Beijing time).")


class Place(Schema):
    id: int = Field(description="The same in both languages (the English page's id).")
    title: str
    name_en: str
    name_zh: str
    kind: Kind
    kind_label: str
    city: PlaceCity
    district: str
    address: str
    summary: str
    tags: list[str]
    latitude: float
    longitude: float
    coordinate_system: Coords
    hours: dict[str, list[list[str]]] = Field(
        description="Per weekday (mon…sun), intervals [opens, closes] in Beijing time; a "
        "close past 24:00 is after midnight. Empty when not known."
    )
    open_now: bool | None = Field(description="Null when the hours are not known.")
    closed_since: date | None = None
    url: str
    urls: dict[str, str]


Place.model_config["json_schema_extra"] = {
    "examples": [
        {
            "id": 12,
            "title": "Kuanzhai Alley",
            "name_en": "Kuanzhai Alley",
            "name_zh": "宽窄巷子",
            "kind": "attraction",
            "kind_label": "Attraction",
            "city": "chengdu",
            "district": "Qingyang",
            "address": "Kuanzhai Alley, Qingyang District",
            "summary": "Three lanes of Qing-dynasty courtyard houses.",
            "tags": ["history", "food"],
            "latitude": 30.6637,
            "longitude": 104.0537,
            "coordinate_system": "wgs84",
            "hours": {"mon": [["00:00", "24:00"]]},
            "open_now": True,
            "url": "https://twincity.example/en/travel/kuanzhai-alley/",
            "urls": {
                "en": "https://twincity.example/en/travel/kuanzhai-alley/",
                "zh-hans": "https://twincity.example/zh-hans/travel/kuanzhai-alley/",
            },
        },
        {
            "id": 12,
            "title": "宽窄巷子",
            "name_en": "Kuanzhai Alley",
            "name_zh": "宽窄巷子",
            "kind": "attraction",
            "kind_label": "景点",
            "city": "chengdu",
            "district": "青羊区",
            "address": "青羊区宽窄巷子",
            "summary": "三条清代院落老街。",
            "tags": ["history", "food"],
            "latitude": 30.6612,
            "longitude": 104.0562,
            "coordinate_system": "gcj02",
            "hours": {"mon": [["00:00", "24:00"]]},
            "open_now": True,
            "url": "https://twincity.example/zh-hans/travel/kuanzhai-alley/",
            "urls": {
                "en": "https://twincity.example/en/travel/kuanzhai-alley/",
                "zh-hans": "https://twincity.example/zh-hans/travel/kuanzhai-alley/",
            },
        },
    ]
}


def place_presenter(coords: str):
    def present(rows: list, request: HttpRequest) -> list[dict]:
        places = selectors.places_by_id([row.id for row in rows])
        links = PageLinks(places, request)
        now = timezone.localtime()
        return [place_item(place, links, coords, now, request) for place in places]

    return present


def place_item(place: PlacePage, links: PageLinks, coords: str, now, request) -> dict:
    latitude, longitude = float(place.latitude), float(place.longitude)
    if coords == "gcj02":
        latitude, longitude = wgs84_to_gcj02(latitude, longitude)
    return {
        **links.fields(place, request),
        "title": place.title,
        "name_en": place.name_en,
        "name_zh": place.name_zh,
        "kind": place.kind,
        "kind_label": str(PlaceKind(place.kind).label),
        "city": place.city,
        "district": place.district,
        "address": place.address,
        "summary": place.summary,
        "tags": list(place.tags or []),
        "latitude": round(latitude, 6),
        "longitude": round(longitude, 6),
        "coordinate_system": coords,
        "hours": place.hours or {},
        "open_now": open_now(place, now),
        "closed_since": place.closed_since,
    }


def only_open_now(rows: list) -> list:
    hours = PlacePage.objects.filter(id__in=[row.id for row in rows]).only("hours", "closed_since")
    now = timezone.localtime()
    open_ids = {place.pk for place in hours if open_now(place, now)}
    return [row for row in rows if row.id in open_ids]


@router.get(
    "",
    response={200: list[Place], **LIST_ERRORS},
    summary="List places",
    description="The places of the travel section in the language asked for, in the site's "
    "order (city, most popular first), with the site's filters.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_places(request: HttpRequest, filters: Query[PlaceQuery]):
    locale = language_locale(request)
    data = filters.dict(exclude={"lang", "coords", "open_now"})
    districts = selectors.districts(locale, known_city(data.get("city") or ""))
    cleaned = checked_filters(PlaceFilterForm, data, districts=districts)
    chosen = PlaceFilters(
        **{
            name: (cleaned.get(name) or "").strip()
            for name in ("city", "kind", "tag", "district", "q")
        }
    )
    rows = []
    for index in PlaceIndexPage.objects.live().filter(locale_id=locale).order_by("path"):
        rows += selectors.filtered_places(index, chosen)
    if filters.open_now:
        rows = only_open_now(rows)
    return Listing(rows, place_presenter(filters.coords))


@router.get(
    "/{int:place_id}", response={200: Place, **READ_ERRORS}, summary="One place", exclude_unset=True
)
def get_place(request: HttpRequest, place_id: Id, params: Query[CoordsParams]):
    place = page_in_language(PlacePage.objects.live(), place_id, request)
    links = PageLinks([place], request)
    return place_item(place, links, params.coords, timezone.localtime(), request)


# --- Campaigns and guidebooks --------------------------------------------------------------------

campaigns_router = Router(tags=["Campaigns"])
guidebooks_router = Router(tags=["Guidebooks"])


class CampaignOut(Schema):
    id: int
    title: str
    message: str
    starts_on: date
    ends_on: date
    place_ids: list[int] = Field(description="The two partner places (their stable ids).")


def campaign_items(campaigns: list, request: HttpRequest) -> list[dict]:
    lang = language(request)
    return [
        {
            "id": campaign.pk,
            "title": localised(campaign, "title", lang),
            "message": localised(campaign, "message", lang),
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            # The campaign names the partners' pages in the default language: their stable ids.
            "place_ids": [campaign.chengdu_place_id, campaign.chongqing_place_id],
        }
        for campaign in campaigns
    ]


@campaigns_router.get(
    "",
    response={200: list[CampaignOut], **LIST_ERRORS},
    summary="List running campaigns",
    description="The joint promotions running today (Beijing date), as the home page shows them.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_campaigns(request: HttpRequest, params: Query[LanguageParams]):
    return Listing(selectors.running_campaigns(beijing_today()), campaign_items)


@campaigns_router.get(
    "/{int:campaign_id}",
    response={200: CampaignOut, **READ_ERRORS},
    summary="One running campaign",
    exclude_unset=True,
)
def get_campaign(request: HttpRequest, campaign_id: Id, params: Query[LanguageParams]):
    campaign = selectors.running_campaigns(beijing_today()).filter(pk=campaign_id).first()
    if campaign is None:
        raise not_found()
    return campaign_items([campaign], request)[0]


class GuidebookOut(Schema):
    id: int
    title: str
    scope: str = Field(description="chengdu, chongqing or both.")
    intro: str
    campaign_id: int | None
    url: str
    urls: dict[str, str]


def guidebook_items(guides: list, request: HttpRequest) -> list[dict]:
    links = PageLinks(guides, request)
    return [
        {
            **links.fields(guide, request),
            "title": guide.title,
            "scope": guide.scope,
            "intro": guide.intro,
            "campaign_id": guide.campaign_id,
        }
        for guide in guides
    ]


@guidebooks_router.get(
    "",
    response={200: list[GuidebookOut], **LIST_ERRORS},
    summary="List guidebooks",
    description="The travel section's guidebooks, in the site's order.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_guidebooks(request: HttpRequest, params: Query[LanguageParams]):
    guides = GuidebookPage.objects.live().filter(locale_id=language_locale(request))
    return Listing(guides.order_by("path", "pk"), guidebook_items)


@guidebooks_router.get(
    "/{int:guidebook_id}",
    response={200: GuidebookOut, **READ_ERRORS},
    summary="One guidebook",
    exclude_unset=True,
)
def get_guidebook(request: HttpRequest, guidebook_id: Id, params: Query[LanguageParams]):
    guide = page_in_language(GuidebookPage.objects.live(), guidebook_id, request)
    return guidebook_items([guide], request)[0]
