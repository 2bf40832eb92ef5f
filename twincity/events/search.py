"""Event pages in the site search (registered in wagtail_hooks.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.images import IMAGE_SIZES
from twincity.textsearch.sources import Found, SearchSource

from .models import EventPage


def describe_event(event: EventPage, request) -> Found:
    return Found(
        title=event.title,
        url=event.get_url(request),
        passage_text=event.summary,
        date=timezone.localdate(event.starts_at),
        city=event.city,
        city_label=City(event.city).label,
        details=(event.get_kind_display(),),
        is_demo=event.is_demo,
    )


EVENTS = SearchSource(
    key="events",
    label=_("Events"),
    objects=lambda: EventPage.objects.live().public(),
    describe=describe_event,
    translatable=True,
    image_field="image",
    image_filter=IMAGE_SIZES["thumb"],
)
