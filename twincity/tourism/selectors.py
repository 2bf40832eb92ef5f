"""Reads of the tourism pages: filters, places near a point, running campaigns."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import zip_longest

from django.db.models import Q, QuerySet
from wagtail.models import Page

from twincity.core.cities import City
from twincity.core.images import prefetch_images
from twincity.core.localisation import localised
from twincity.core.vocabulary import DISTRICTS

from .geo import bounding_box, great_circle_km, walking_minutes
from .models import Campaign, PlaceKind, PlacePage

NEARBY_RADIUS_KM = 2.0  # about 35 minutes on foot with the detour
NEARBY_LIMIT = 8


@dataclass(frozen=True)
class Nearby:
    """A place or page with the walk to it; `title` and `url` are what the event page needs."""

    page: Page
    title: str
    url: str
    km: float
    walk_minutes: int


def live_places(locale_id: int) -> QuerySet[PlacePage]:
    return PlacePage.objects.live().filter(locale_id=locale_id)


def open_places(locale_id: int) -> QuerySet[PlacePage]:
    """Places a visitor can go to: a place closed for rebuilding is listed, never suggested."""
    return live_places(locale_id).filter(closed_since__isnull=True)


# What a travel index needs of every place it lists: the map shows them all, the cards only
# one page of them (places_by_id). Whole pages cost ten times as much to load.
PLACE_ROW_FIELDS = ("id", "slug", "title", "latitude", "longitude", "url_path", "tags")


def filtered_places(index: Page, filters) -> list:
    """The places of a travel index that pass the filters, in the listing's order, as rows of
    PLACE_ROW_FIELDS."""
    places = PlacePage.objects.child_of(index).live()
    if filters.city:
        places = places.filter(city=filters.city)
    if filters.kind:
        places = places.filter(kind=filters.kind)
    if filters.district:
        places = places.filter(DISTRICTS.stored_in("district", filters.district))
    if filters.q:
        # Either script finds the place, whichever language the listing is in.
        places = places.filter(
            Q(title__icontains=filters.q)
            | Q(name_en__icontains=filters.q)
            | Q(name_zh__icontains=filters.q)
        )
    rows = places.order_by("city", "-popularity", "title").values_list(
        *PLACE_ROW_FIELDS, named=True
    )
    if filters.tag:
        # Tags are a short JSON list; SQLite has no JSON containment lookup, so the tag is
        # matched in Python over the (at most a few hundred) places of the other filters.
        return [row for row in rows if filters.tag in (row.tags or [])]
    return list(rows)


def places_by_id(ids: list[int]) -> list[PlacePage]:
    """The places with these ids, whole, in the order of `ids`."""
    found = PlacePage.objects.in_bulk(ids)
    return [found[place_id] for place_id in ids if place_id in found]


def districts(locale_id: int, city: str = "") -> list[str]:
    places = live_places(locale_id)
    if city:
        places = places.filter(city=city)
    return sorted(set(places.values_list("district", flat=True)))


def pages_near(
    queryset: QuerySet, lat: float, lon: float, radius_km: float, limit: int | None = None
) -> list[Nearby]:
    """Pages of the queryset (with `latitude`/`longitude`) within radius_km, with distances,
    nearest first; the first `limit` of them (all by default)."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius_km)
    candidates = queryset.filter(
        latitude__gte=Decimal(str(round(min_lat, 6))),
        latitude__lte=Decimal(str(round(max_lat, 6))),
        longitude__gte=Decimal(str(round(min_lon, 6))),
        longitude__lte=Decimal(str(round(max_lon, 6))),
    )
    found = []
    for page in candidates:
        km = great_circle_km(lat, lon, float(page.latitude), float(page.longitude))
        if km <= radius_km:
            minutes = walking_minutes(lat, lon, float(page.latitude), float(page.longitude))
            found.append((minutes, page.title, km, page))
    found.sort(key=lambda item: item[:2])
    # Addresses only for the pages kept: Wagtail works each one out on its own.
    return [
        Nearby(page, title, page.url, km, minutes) for minutes, title, km, page in found[:limit]
    ]


def nearby_places(place: PlacePage, limit: int = NEARBY_LIMIT) -> list[Nearby]:
    others = open_places(place.locale_id).exclude(pk=place.pk)
    lat, lon = float(place.latitude), float(place.longitude)
    return pages_near(others, lat, lon, NEARBY_RADIUS_KM, limit)


def attractions_near(latitude, longitude, locale_id: int, limit: int = 4) -> list[Nearby]:
    """Places within walking distance of an event's venue, nearest first (tourism's extra
    on an event page, registered in wagtail_hooks.py)."""
    places = open_places(locale_id)
    return pages_near(places, float(latitude), float(longitude), NEARBY_RADIUS_KM, limit)


# --- Campaigns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Promotion:
    """What a partner's page shows about the other partner."""

    campaign: Campaign
    side: str  # the partner promoted
    partner: PlacePage  # in the page's language
    title: str
    message: str
    image_alt: str


def running_campaigns(day: date) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(starts_on__lte=day, ends_on__gte=day)
        .select_related("chengdu_place", "chongqing_place", "image")
        .order_by("ends_on", "pk")
    )


def translated_place(place: PlacePage, locale_id: int) -> PlacePage | None:
    return (
        PlacePage.objects.live()
        .filter(translation_key=place.translation_key, locale_id=locale_id)
        .first()
    )


def promotions_for(place: PlacePage, day: date, language: str) -> list[Promotion]:
    """The promotions of partners shown on `place`'s page while their campaigns run."""
    promotions = []
    for campaign in running_campaigns(day).filter(
        Q(chengdu_place__translation_key=place.translation_key)
        | Q(chongqing_place__translation_key=place.translation_key)
    ):
        here = campaign.chengdu_place
        side = City.CHONGQING if here.translation_key == place.translation_key else City.CHENGDU
        partner = translated_place(campaign.partner(side), place.locale_id)
        if partner is None:
            continue
        promotions.append(
            Promotion(
                campaign,
                side,
                partner,
                localised(campaign, "title", language),
                localised(campaign, "message", language),
                localised(campaign, "image_alt", language),
            )
        )
    return promotions


@dataclass(frozen=True)
class RunningCampaign:
    campaign: Campaign
    title: str
    message: str
    places: list[PlacePage]


def home_campaigns(day: date, locale_id: int, language: str) -> list[RunningCampaign]:
    listed = []
    for campaign in running_campaigns(day):
        places = [
            translated_place(campaign.chengdu_place, locale_id),
            translated_place(campaign.chongqing_place, locale_id),
        ]
        listed.append(
            RunningCampaign(
                campaign,
                localised(campaign, "title", language),
                localised(campaign, "message", language),
                [place for place in places if place is not None],
            )
        )
    return listed


def featured_places(locale_id: int, limit: int) -> list[PlacePage]:
    """The most popular open places with a picture, alternating the two cities, for the home
    page; with their card renditions (two queries more, whatever the limit)."""
    found = (
        open_places(locale_id)
        .filter(image__isnull=False, kind=PlaceKind.ATTRACTION)
        .order_by("-popularity", "title")
    )
    chengdu = list(found.filter(city=City.CHENGDU)[: (limit + 1) // 2])
    chongqing = list(found.filter(city=City.CHONGQING)[: limit // 2])
    alternating = [place for pair in zip_longest(chengdu, chongqing) for place in pair if place]
    return prefetch_images(alternating, "card")
