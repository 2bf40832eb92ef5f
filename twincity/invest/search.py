"""Opportunities, parks and policies in the site search (registered in hooks_content.py)."""

from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.images import IMAGE_SIZES
from twincity.core.vocabulary import SECTORS
from twincity.textsearch.sources import Found, SearchSource

from .currency import format_yuan
from .models import OpportunityPage, ParkPage, PolicyPage


def describe_opportunity(opportunity: OpportunityPage, request) -> Found:
    details = [SECTORS.name(opportunity.sector)]
    if opportunity.total_investment_yuan:
        details.append(format_yuan(opportunity.total_investment_yuan))
    return Found(
        title=opportunity.title,
        url=opportunity.get_url(request),
        passage_text=opportunity.search_passage_text(),
        city=opportunity.city,
        city_label=str(City(opportunity.city).label),
        details=tuple(details),
        is_demo=opportunity.is_demo,
    )


def describe_park(park: ParkPage, request) -> Found:
    return Found(
        title=park.title,
        url=park.get_url(request),
        passage_text=park.search_passage_text(),
        city=park.city,
        city_label=str(City(park.city).label),
        details=(str(park.get_level_display()),),
    )


def describe_policy(policy: PolicyPage, request) -> Found:
    details = (policy.issuer, policy.document_number, str(policy.get_status_display()))
    return Found(
        title=policy.title,
        url=policy.get_url(request),
        passage_text=policy.search_passage_text(),
        date=policy.issued_on,
        date_label=str(_("Issued")),
        city=policy.city,
        city_label=str(City(policy.city).label),
        details=tuple(detail for detail in details if detail),
    )


OPPORTUNITIES = SearchSource(
    key="opportunities",
    label=_("Investment opportunities"),
    objects=lambda: OpportunityPage.objects.live().public(),
    describe=describe_opportunity,
    translatable=True,
    image_field="image",
    image_filter=IMAGE_SIZES["thumb"],
)
PARKS = SearchSource(
    key="parks",
    label=_("Industrial parks"),
    objects=lambda: ParkPage.objects.live().public(),
    describe=describe_park,
    translatable=True,
    image_field="image",
    image_filter=IMAGE_SIZES["thumb"],
)
POLICIES = SearchSource(
    key="policies",
    label=_("Investment policies"),
    objects=lambda: PolicyPage.objects.live().public(),
    describe=describe_policy,
    translatable=True,
)
