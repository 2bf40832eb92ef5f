"""Reads of the investment pages, each a fixed number of queries whatever the data.

Lists of keys (a park's sectors, an opportunity's cooperation modes) are short JSON lists;
SQLite has no JSON containment lookup, so those filters run in Python over the (at most a few
hundred) pages the other filters left, as tourism does with its tags.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from twincity.core.cities import City
from twincity.core.images import prefetch_images
from twincity.core.vocabulary import DISTRICTS
from twincity.directory.models import Organisation
from twincity.textsearch.queries import QueryProblem, check_query

from .models import (
    SIZE_BOUNDS,
    GuidePage,
    IndustryPage,
    OpportunityIndexPage,
    OpportunityPage,
    ParkIndexPage,
    ParkPage,
    PolicyIndexPage,
    PolicyPage,
    PolicyStatus,
    SizeBand,
)

MAX_SEARCH_HITS = 500
# Which of the directory's industries (core/data/industries.json) an investment sector's
# enterprises are filed under: the directory is coarser than the sectors.
SECTOR_INDUSTRIES: dict[str, tuple[str, ...]] = {
    "vehicles": ("manufacturing",),
    "electronics": ("manufacturing", "it"),
    "equipment": ("manufacturing",),
    "materials": ("manufacturing",),
    "food": ("agriculture", "manufacturing"),
    "energy": ("energy",),
    "digital": ("it",),
    "biomedicine": ("health",),
    "logistics": ("logistics",),
    "culture-tourism": ("hospitality",),
    "finance": ("finance", "services"),
}
ENTERPRISES_PER_INDUSTRY = 12


def live_pages(model: type[Page], locale_id: int) -> QuerySet:
    return model.objects.live().public().filter(locale_id=locale_id)


def usable_query(query: str) -> str:
    """The query if it can be searched (the site search's rules), else "": a listing
    shows all its pages rather than an explanation."""
    try:
        return check_query(query or "")
    except QueryProblem:
        return ""


def matching_keys(model: type[Page], query: str) -> set:
    """Translation keys of the live pages of `model` that match every word of `query`, in
    any language: 汽车 finds the English page of a vehicle opportunity, "vehicle" the
    Chinese one (the index holds Chinese cut into words, textsearch.segment)."""
    results = get_search_backend().search(query, model.objects.live(), operator="and")
    return {page.translation_key for page in results[:MAX_SEARCH_HITS]}


# --- Opportunities ------------------------------------------------------------------------


def in_city(pages: QuerySet, city: str) -> QuerySet:
    """A city's pages include the joint ones (both cities); "both" only the joint ones."""
    if city in (City.CHENGDU, City.CHONGQING):
        return pages.filter(city__in=[city, City.BOTH])
    if city == City.BOTH:
        return pages.filter(city=City.BOTH)
    return pages


def in_size_band(pages: QuerySet, band: str) -> QuerySet:
    if band not in SizeBand.values:
        return pages
    low, high = SIZE_BOUNDS[SizeBand(band)]
    if low is not None:
        pages = pages.filter(total_investment_yuan__gte=low)
    if high is not None:
        pages = pages.filter(total_investment_yuan__lt=high)
    return pages


def filtered_opportunities(index: OpportunityIndexPage, filters) -> list[OpportunityPage]:
    """The index's opportunities that pass the filters, featured first then newest, with
    their parks and card pictures: four queries whatever their number."""
    pages = OpportunityPage.objects.child_of(index).live().public()
    if filters.sector:
        pages = pages.filter(sector=filters.sector)
    pages = in_size_band(in_city(pages, filters.city), filters.size)
    if filters.district:
        pages = pages.filter(DISTRICTS.stored_in("district", filters.district))
    if filters.park:
        pages = pages.filter(park__slug=filters.park)
    if filters.q:
        pages = pages.filter(translation_key__in=matching_keys(OpportunityPage, filters.q))
    pages = pages.select_related("park").order_by("-featured", "-first_published_at", "pk")
    found = prefetch_images(pages, "card")
    if filters.mode:
        return [page for page in found if filters.mode in (page.cooperation_modes or [])]
    return list(found)


def opportunity_districts(locale_id: int) -> list[str]:
    return sorted(
        set(live_pages(OpportunityPage, locale_id).values_list("district", flat=True)) - {""}
    )


def park_choices(locale_id: int) -> list[tuple[str, str]]:
    """(slug, name) of the parks of this language: the slug is the same in both languages."""
    return list(live_pages(ParkPage, locale_id).order_by("title").values_list("slug", "title"))


def featured_opportunities(locale_id: int, limit: int) -> list[OpportunityPage]:
    pages = (
        live_pages(OpportunityPage, locale_id)
        .select_related("park")
        .order_by("-featured", "-first_published_at", "pk")[:limit]
    )
    return list(prefetch_images(pages, "card"))


def park_opportunities(park: ParkPage) -> list[OpportunityPage]:
    """Live opportunities in this park, in the park's language. By translation key: a
    translated opportunity may still point at the park's page in the source language."""
    pages = (
        live_pages(OpportunityPage, park.locale_id)
        .filter(park__translation_key=park.translation_key)
        .order_by("-featured", "title")
    )
    return list(prefetch_images(pages, "card"))


# --- Parks -------------------------------------------------------------------------------


def filtered_parks(index: ParkIndexPage, filters) -> list[ParkPage]:
    pages = ParkPage.objects.child_of(index).live().public()
    if filters.city:
        pages = pages.filter(city=filters.city)
    if filters.level:
        pages = pages.filter(level=filters.level)
    found = prefetch_images(pages.order_by("city", "approved_year", "title"), "card")
    if filters.sector:
        return [park for park in found if filters.sector in (park.sectors or [])]
    return list(found)


# --- Policies ----------------------------------------------------------------------------


def filtered_policies(index: PolicyIndexPage, filters) -> QuerySet[PolicyPage]:
    pages = PolicyPage.objects.child_of(index).live().public()
    if filters.status:
        pages = pages.filter(status=filters.status)
    if filters.topic:
        pages = pages.filter(topic=filters.topic)
    if filters.city:
        pages = in_city(pages, filters.city)
    if filters.issuer:
        pages = pages.filter(issuer=filters.issuer)
    if filters.year:
        pages = pages.filter(issued_on__year=int(filters.year))
    if filters.q:
        pages = pages.filter(translation_key__in=matching_keys(PolicyPage, filters.q))
    return pages.order_by("-issued_on", "pk")


def policy_issuers(locale_id: int) -> list[str]:
    return sorted(set(live_pages(PolicyPage, locale_id).values_list("issuer", flat=True)))


def policy_years(locale_id: int) -> list[int]:
    dates = live_pages(PolicyPage, locale_id).dates("issued_on", "year", order="DESC")
    return [day.year for day in dates]


def latest_policies(locale_id: int, limit: int) -> list[PolicyPage]:
    return list(
        live_pages(PolicyPage, locale_id)
        .filter(status=PolicyStatus.IN_FORCE)
        .order_by("-issued_on", "-first_published_at")[:limit]
    )


def latest_policies_for_feed(locale_id: int, limit: int) -> list[PolicyPage]:
    """Every status: a feed reader wants to hear that a policy was repealed too."""
    return list(
        live_pages(PolicyPage, locale_id).order_by("-last_published_at", "-issued_on")[:limit]
    )


# --- Industries and the landing ----------------------------------------------------------


@dataclass(frozen=True)
class IndustrySurroundings:
    parks: list[ParkPage]
    opportunities: list[OpportunityPage]
    policies: list[PolicyPage]
    enterprises: list[Organisation]


def industry_surroundings(industry: IndustryPage) -> IndustrySurroundings:
    """The parks, opportunities, policies (in the industry's language) and enterprises of the
    directory that belong to the industry's sector: a fixed number of queries (each list with
    its cards' pictures)."""
    sector, locale_id = industry.sector, industry.locale_id
    parks = [
        park
        for park in prefetch_images(live_pages(ParkPage, locale_id).order_by("title"), "card")
        if sector in (park.sectors or [])
    ]
    policies = [
        policy
        for policy in live_pages(PolicyPage, locale_id).order_by("-issued_on")
        if sector in (policy.sectors or [])
    ]
    opportunities = live_pages(OpportunityPage, locale_id).filter(sector=sector)
    enterprises = Organisation.objects.public().filter(
        kind=Organisation.Kind.ENTERPRISE, industry__in=SECTOR_INDUSTRIES.get(sector, ())
    )
    return IndustrySurroundings(
        parks=parks,
        opportunities=list(prefetch_images(opportunities.order_by("-featured", "title"), "card")),
        policies=policies,
        enterprises=list(enterprises.order_by("name_en")[:ENTERPRISES_PER_INDUSTRY]),
    )


@dataclass(frozen=True)
class Landing:
    sections: list[Page]
    industries: list[IndustryPage]
    guides: list[GuidePage]


def landing(index: Page) -> Landing:
    """The Invest section's sub-sections, industries and guide pages, in the editors' order."""
    children = index.get_children().live().public().specific().order_by("path")
    sections, industries, guides = [], [], []
    for child in children:
        if isinstance(child, IndustryPage):
            industries.append(child)
        elif isinstance(child, GuidePage):
            guides.append(child)
        else:
            sections.append(child)
    return Landing(sections, industries, guides)
