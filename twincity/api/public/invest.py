"""Investment opportunities, parks and policies, filtered as their listing pages filter them
(invest.page_context's forms, invest.selectors)."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from twincity.invest import selectors
from twincity.invest.models import (
    OpportunityIndexPage,
    OpportunityPage,
    ParkIndexPage,
    ParkPage,
    PolicyIndexPage,
    PolicyPage,
)
from twincity.invest.page_context import (
    OpportunityFilterForm,
    OpportunityFilters,
    ParkFilterForm,
    ParkFilters,
    PolicyFilterForm,
    PolicyFilters,
)

from ..pagination import CursorPagination, Listing
from ..schemas import LIST_ERRORS, READ_ERRORS
from .common import (
    Id,
    LanguageParams,
    PageLinks,
    checked_filters,
    extended,
    language_locale,
    page_in_language,
)

router = Router(tags=["Investment"])


def as_float(value) -> float | None:
    return float(value) if value is not None else None


def chosen(filter_class, cleaned: dict):
    """The listing's filter values, as its form hands them to the selectors."""
    names = filter_class.__dataclass_fields__
    values = {name: str(cleaned.get(name) or "").strip() for name in names}
    if "q" in values:
        values["q"] = selectors.usable_query(values["q"])
    return filter_class(**values)


def first_index(model, request: HttpRequest):
    return model.objects.live().filter(locale_id=language_locale(request)).order_by("path").first()


class Contact(Schema):
    contact_phone: str | None = Field(None, description="read:extended only.")
    contact_email: str | None = Field(None, description="read:extended only.")


def contact(page, request: HttpRequest) -> dict:
    if not extended(request):
        return {}
    return {"contact_phone": page.contact_phone, "contact_email": page.contact_email}


# --- Opportunities -------------------------------------------------------------------------------


class OpportunityQuery(LanguageParams):
    q: str | None = Field(None, max_length=100)
    sector: str | None = Field(None, max_length=100, description="A sector, in either language.")
    city: str | None = Field(None, max_length=20)
    district: str | None = Field(None, max_length=100)
    mode: str | None = Field(None, max_length=40, description="A cooperation mode.")
    size: str | None = Field(None, max_length=40, description="A band of total investment.")
    park: str | None = Field(None, max_length=100, description="A park's slug.")


class Opportunity(Contact):
    id: int
    title: str
    summary: str
    city: str
    district: str
    sector: str
    park_id: int | None
    total_investment_yuan: float | None
    sought_yuan: float | None
    cooperation_modes: list[str]
    latitude: float | None
    longitude: float | None
    url: str
    urls: dict[str, str]


def opportunity_items(pages: list, request: HttpRequest) -> list[dict]:
    links = PageLinks(pages, request)
    return [
        {
            **links.fields(page, request),
            "title": page.title,
            "summary": page.summary,
            "city": page.city,
            "district": page.district,
            "sector": page.sector,
            "park_id": page.park_id,
            "total_investment_yuan": as_float(page.total_investment_yuan),
            "sought_yuan": as_float(page.sought_yuan),
            "cooperation_modes": list(page.cooperation_modes or []),
            "latitude": as_float(page.latitude),
            "longitude": as_float(page.longitude),
            **contact(page, request),
        }
        for page in pages
    ]


@router.get(
    "/opportunities",
    response={200: list[Opportunity], **LIST_ERRORS},
    summary="List investment opportunities",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_opportunities(request: HttpRequest, filters: Query[OpportunityQuery]):
    index = first_index(OpportunityIndexPage, request)
    if index is None:
        return Listing([], opportunity_items)
    cleaned = checked_filters(
        OpportunityFilterForm,
        filters.dict(exclude={"lang"}),
        districts=selectors.opportunity_districts(index.locale_id),
        parks=selectors.park_choices(index.locale_id),
    )
    found = selectors.filtered_opportunities(index, chosen(OpportunityFilters, cleaned))
    return Listing(found, opportunity_items)


@router.get(
    "/opportunities/{int:opportunity_id}",
    response={200: Opportunity, **READ_ERRORS},
    summary="One investment opportunity",
    exclude_unset=True,
)
def get_opportunity(request: HttpRequest, opportunity_id: Id, params: Query[LanguageParams]):
    page = page_in_language(OpportunityPage.objects.live().public(), opportunity_id, request)
    return opportunity_items([page], request)[0]


# --- Parks ---------------------------------------------------------------------------------------


class ParkQuery(LanguageParams):
    city: str | None = Field(None, max_length=20)
    level: str | None = Field(None, max_length=40)
    sector: str | None = Field(None, max_length=100, description="A leading industry.")


class Park(Contact):
    id: int
    title: str
    summary: str
    city: str
    district: str
    level: str
    sectors: list[str]
    approved_year: int | None
    website: str
    latitude: float | None
    longitude: float | None
    url: str
    urls: dict[str, str]


def park_items(pages: list, request: HttpRequest) -> list[dict]:
    links = PageLinks(pages, request)
    return [
        {
            **links.fields(page, request),
            "title": page.title,
            "summary": page.summary,
            "city": page.city,
            "district": page.district,
            "level": page.level,
            "sectors": list(page.sectors or []),
            "approved_year": page.approved_year,
            "website": page.website,
            "latitude": as_float(page.latitude),
            "longitude": as_float(page.longitude),
            **contact(page, request),
        }
        for page in pages
    ]


@router.get(
    "/parks",
    response={200: list[Park], **LIST_ERRORS},
    summary="List industrial parks",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_parks(request: HttpRequest, filters: Query[ParkQuery]):
    index = first_index(ParkIndexPage, request)
    if index is None:
        return Listing([], park_items)
    cleaned = checked_filters(ParkFilterForm, filters.dict(exclude={"lang"}))
    return Listing(selectors.filtered_parks(index, chosen(ParkFilters, cleaned)), park_items)


@router.get(
    "/parks/{int:park_id}",
    response={200: Park, **READ_ERRORS},
    summary="One industrial park",
    exclude_unset=True,
)
def get_park(request: HttpRequest, park_id: Id, params: Query[LanguageParams]):
    page = page_in_language(ParkPage.objects.live().public(), park_id, request)
    return park_items([page], request)[0]


# --- Policies ------------------------------------------------------------------------------------


class PolicyQuery(LanguageParams):
    q: str | None = Field(None, max_length=100)
    status: str | None = Field(None, max_length=40)
    topic: str | None = Field(None, max_length=40)
    city: str | None = Field(None, max_length=20)
    issuer: str | None = Field(None, max_length=200)
    year: str | None = Field(None, max_length=4)


class Policy(Schema):
    id: int
    title: str
    summary: str
    issuer: str
    document_number: str
    issued_on: date
    effective_on: date | None
    status: str
    topic: str
    city: str
    sectors: list[str]
    source_url: str
    url: str
    urls: dict[str, str]


def policy_items(pages: list, request: HttpRequest) -> list[dict]:
    links = PageLinks(pages, request)
    return [
        {
            **links.fields(page, request),
            "title": page.title,
            "summary": page.summary,
            "issuer": page.issuer,
            "document_number": page.document_number,
            "issued_on": page.issued_on,
            "effective_on": page.effective_on,
            "status": page.status,
            "topic": page.topic,
            "city": page.city,
            "sectors": list(page.sectors or []),
            "source_url": page.source_url,
        }
        for page in pages
    ]


@router.get(
    "/policies",
    response={200: list[Policy], **LIST_ERRORS},
    summary="List investment policies",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_policies(request: HttpRequest, filters: Query[PolicyQuery]):
    index = first_index(PolicyIndexPage, request)
    if index is None:
        return Listing([], policy_items)
    cleaned = checked_filters(
        PolicyFilterForm,
        filters.dict(exclude={"lang"}),
        issuers=selectors.policy_issuers(index.locale_id),
        years=selectors.policy_years(index.locale_id),
    )
    return Listing(selectors.filtered_policies(index, chosen(PolicyFilters, cleaned)), policy_items)


@router.get(
    "/policies/{int:policy_id}",
    response={200: Policy, **READ_ERRORS},
    summary="One investment policy",
    exclude_unset=True,
)
def get_policy(request: HttpRequest, policy_id: Id, params: Query[LanguageParams]):
    page = page_in_language(PolicyPage.objects.live().public(), policy_id, request)
    return policy_items([page], request)[0]
