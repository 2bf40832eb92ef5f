"""`{% organisation_logo organisation "list" %}`: the logo, sized for its place, named in the
page's language for those who cannot see it; an organisation without a logo gets a monogram
(the first characters of its name on its city's colour), drawn by CSS, no image needed."""

import re

from django import template
from django.utils.translation import get_language
from wagtail.images.models import SourceImageIOError

from twincity.core.localisation import localised

from ..models import Organisation
from ..selectors import LOGO_FILTERS

register = template.Library()

# Left out of a monogram: every other name starts with its city, and little words say nothing.
CITY_PREFIXES = re.compile(r"^(成都市?|重庆市?|四川省?)")
SMALL_WORDS = {"and", "of", "the", "for", "chengdu", "chongqing", "sichuan", "co.", "ltd."}


@register.inclusion_tag("directory/includes/logo.html")
def organisation_logo(organisation: Organisation, place: str) -> dict:
    if organisation.logo is not None:
        try:
            rendition = organisation.logo.get_rendition(LOGO_FILTERS[place])
        except SourceImageIOError:
            pass  # the file has gone from storage: a monogram beats a broken image
        else:
            return {"rendition": rendition, "alt": localised(organisation, "name")}
    return {"monogram": monogram(organisation), "city": organisation.city}


def monogram(organisation: Organisation) -> str:
    """Two characters of the Chinese name on Chinese pages (顺丰 for 顺丰速运), else the initials
    of the English name's first two telling words (SF for SF Express)."""
    if (get_language() or "").startswith("zh") and organisation.name_zh:
        name = CITY_PREFIXES.sub("", organisation.name_zh) or organisation.name_zh
        return name[:2]
    words = [w for w in organisation.name_en.split() if w.lower() not in SMALL_WORDS]
    words = words or organisation.name_en.split()
    return "".join(word[0] for word in words[:2]).upper()
