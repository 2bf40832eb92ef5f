"""Places and guidebooks in the site search (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.images import IMAGE_SIZES
from twincity.textsearch.sources import Found, SearchSource

from .models import GuidebookPage, PlacePage


def describe_place(place: PlacePage, request) -> Found:
    return Found(
        title=place.title,
        url=place.get_url(request),
        passage_text=place.summary,
        city=place.city,
        city_label=City(place.city).label,
        details=(place.get_kind_display(), place.district),
        other_name=place.other_name if place.other_name != place.title else "",
        is_demo=place.is_demo,
    )


def describe_guidebook(guidebook: GuidebookPage, request) -> Found:
    return Found(
        title=guidebook.title,
        url=guidebook.get_url(request),
        passage_text=guidebook.introductions(),
        city=guidebook.scope,
        city_label=City(guidebook.scope).label,
        is_demo=guidebook.is_demo,
    )


PLACES = SearchSource(
    key="places",
    label=_("Places"),
    objects=lambda: PlacePage.objects.live().public(),
    describe=describe_place,
    translatable=True,
    image_field="image",
    image_filter=IMAGE_SIZES["thumb"],
)
GUIDEBOOKS = SearchSource(
    key="guidebooks",
    label=_("Guidebooks"),
    objects=lambda: GuidebookPage.objects.live().public(),
    describe=describe_guidebook,
    translatable=True,
)
