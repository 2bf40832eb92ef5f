"""Organisations of the directory in the site search (registered in wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.localisation import is_chinese, localised
from twincity.core.vocabulary import DISTRICTS, INDUSTRIES
from twincity.textsearch.sources import Found, SearchSource

from .models import Organisation
from .selectors import LOGO_FILTERS


def describe_organisation(organisation: Organisation, request) -> Found:
    industry = INDUSTRIES.name(organisation.industry) if organisation.industry else ""
    district = DISTRICTS.name(organisation.district) if organisation.district else ""
    other_name = organisation.name_en if is_chinese() else organisation.name_zh
    return Found(
        title=localised(organisation, "name"),
        url=reverse("directory:organisation", args=[organisation.pk]),
        passage_text=" · ".join(part for part in (industry, district) if part),
        city=organisation.city,
        city_label=City(organisation.city).label,
        details=(organisation.get_kind_display(),),
        other_name=other_name,
    )


ORGANISATIONS = SearchSource(
    key="organisations",
    label=_("Organisations"),
    # Listed ones only, as the directory shows them.
    objects=lambda: Organisation.objects.public(),
    describe=describe_organisation,
    image_field="logo",
    image_filter=LOGO_FILTERS["list"],
    logo=True,
)
