"""What the investment pages' templates get besides the page, and the listings' filter forms.

An unknown filter value (an old link, a typed address) drops that filter instead of failing,
as tourism's and news's listings do; what the visitor typed stays in the form.
"""

from dataclasses import dataclass, fields

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices
from twincity.core.navigation import query_to_keep
from twincity.core.vocabulary import DISTRICTS, SECTORS
from twincity.core.vocabulary_forms import TermChoiceField

from . import selectors
from .currency import chosen_currency, currency_choices
from .models import (
    CooperationMode,
    GuidePage,
    IndustryPage,
    InvestIndexPage,
    OpportunityIndexPage,
    OpportunityPage,
    ParkIndexPage,
    ParkLevel,
    ParkPage,
    PolicyIndexPage,
    PolicyPage,
    PolicyStatus,
    PolicyTopic,
    SizeBand,
)

OPPORTUNITIES_PER_PAGE = 12
PARKS_PER_PAGE = 24
POLICIES_PER_PAGE = 20
LANDING_OPPORTUNITIES = 6
LANDING_POLICIES = 5
EVERYTHING = [("", _("All"))]


def _choices(choices) -> list[tuple[str, str]]:
    return EVERYTHING + list(choices)


def joint_city_choices() -> list[tuple[str, str]]:
    """The two cities (their pages include the joint ones) and "joint, both cities"."""
    return _choices([*city_choices(), (City.BOTH.value, _("Joint (both cities)"))])


class FilterForm(forms.Form):
    """A listing's filters; `filter_class` is the dataclass of the values it hands over."""

    filter_class: type

    def filters(self):
        names = [field.name for field in fields(self.filter_class)]
        if self.is_valid():
            values = self.cleaned_data
        else:
            values = {name: self.cleaned_data.get(name, "") for name in names}
        return self.filter_class(**{name: str(values.get(name) or "").strip() for name in names})

    def query_to_keep(self) -> str:
        filters = self.filters()
        return query_to_keep(
            **{field.name: getattr(filters, field.name) for field in fields(filters)}
        )


@dataclass(frozen=True)
class OpportunityFilters:
    q: str = ""
    sector: str = ""
    city: str = ""
    district: str = ""
    mode: str = ""
    size: str = ""
    park: str = ""


class OpportunityFilterForm(FilterForm):
    filter_class = OpportunityFilters
    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    sector = TermChoiceField(label=_("Sector"), required=False, vocabulary=SECTORS)
    city = forms.ChoiceField(label=_("City"), required=False)
    district = TermChoiceField(label=_("District"), required=False, vocabulary=DISTRICTS)
    mode = forms.ChoiceField(label=_("Cooperation mode"), required=False)
    size = forms.ChoiceField(label=_("Total investment"), required=False)
    park = forms.ChoiceField(label=_("Park"), required=False)

    def __init__(self, data, *, districts: list[str], parks: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["sector"].choices = _choices(SECTORS.choices())
        self.fields["city"].choices = joint_city_choices()
        self.fields["district"].choices = _choices(district_choices(districts))
        self.fields["mode"].choices = _choices(CooperationMode.choices)
        self.fields["size"].choices = _choices(SizeBand.choices)
        self.fields["park"].choices = _choices(parks)


@dataclass(frozen=True)
class ParkFilters:
    city: str = ""
    level: str = ""
    sector: str = ""


class ParkFilterForm(FilterForm):
    filter_class = ParkFilters
    city = forms.ChoiceField(label=_("City"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    sector = TermChoiceField(label=_("Leading industry"), required=False, vocabulary=SECTORS)

    def __init__(self, data):
        super().__init__(data)
        self.fields["city"].choices = _choices(city_choices())
        self.fields["level"].choices = _choices(ParkLevel.choices)
        self.fields["sector"].choices = _choices(SECTORS.choices())


@dataclass(frozen=True)
class PolicyFilters:
    q: str = ""
    status: str = ""
    topic: str = ""
    city: str = ""
    issuer: str = ""
    year: str = ""


class PolicyFilterForm(FilterForm):
    filter_class = PolicyFilters
    q = forms.CharField(label=_("Keyword or document number"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    issuer = forms.ChoiceField(label=_("Issuing body"), required=False)
    year = forms.ChoiceField(label=_("Year issued"), required=False)

    def __init__(self, data, *, issuers: list[str], years: list[int]):
        super().__init__(data)
        self.fields["status"].choices = _choices(PolicyStatus.choices)
        self.fields["topic"].choices = _choices(PolicyTopic.choices)
        self.fields["city"].choices = joint_city_choices()
        self.fields["issuer"].choices = _choices((issuer, issuer) for issuer in issuers)
        self.fields["year"].choices = _choices((str(year), str(year)) for year in years)


class CurrencyForm(forms.Form):
    currency = forms.ChoiceField(label=_("Show amounts also in"), required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["currency"].choices = currency_choices()


def district_choices(districts: list[str]) -> list[tuple[str, str]]:
    """(key, name in the page's language) of each district stored, once each."""
    choices = {DISTRICTS.key(name) or name: DISTRICTS.name(name) for name in districts}
    return sorted(choices.items(), key=lambda choice: choice[1])


def _search_text(filters) -> dict:
    """The keyword, kept only when it can be searched (a visitor's text never reaches a
    query unchecked)."""
    return {"q": selectors.usable_query(filters.q)} if hasattr(filters, "q") else {}


# --- Pages -------------------------------------------------------------------------------


def landing_context(index: InvestIndexPage, request) -> dict:
    found = selectors.landing(index)
    return {
        "sections": found.sections,
        "industries": found.industries,
        "guides": found.guides,
        "featured_opportunities": selectors.featured_opportunities(
            index.locale_id, LANDING_OPPORTUNITIES
        ),
        "latest_policies": selectors.latest_policies(index.locale_id, LANDING_POLICIES),
    }


def opportunity_index_context(index: OpportunityIndexPage, request) -> dict:
    form = OpportunityFilterForm(
        request.GET,
        districts=selectors.opportunity_districts(index.locale_id),
        parks=selectors.park_choices(index.locale_id),
    )
    filters = form.filters()
    filters = OpportunityFilters(**{**vars(filters), **_search_text(filters)})
    found = selectors.filtered_opportunities(index, filters)
    page = Paginator(found, OPPORTUNITIES_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "opportunities": page,
        "opportunity_count": len(found),
        "page_keep": form.query_to_keep(),
    }


def park_index_context(index: ParkIndexPage, request) -> dict:
    form = ParkFilterForm(request.GET)
    parks = selectors.filtered_parks(index, form.filters())
    page = Paginator(parks, PARKS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "parks": page,
        "park_count": len(parks),
        "map_points": [point for point in map(park_point, parks) if point],
        "page_keep": form.query_to_keep(),
    }


def policy_index_context(index: PolicyIndexPage, request) -> dict:
    form = PolicyFilterForm(
        request.GET,
        issuers=selectors.policy_issuers(index.locale_id),
        years=selectors.policy_years(index.locale_id),
    )
    filters = form.filters()
    filters = PolicyFilters(**{**vars(filters), **_search_text(filters)})
    policies = selectors.filtered_policies(index, filters)
    page = Paginator(policies, POLICIES_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "policies": page,
        "policy_count": page.paginator.count,
        "page_keep": form.query_to_keep(),
    }


def park_point(park: ParkPage, label: str = "") -> dict | None:
    if park.latitude is None or park.longitude is None:
        return None
    return {
        "name": park.title,
        "lat": float(park.latitude),
        "lon": float(park.longitude),
        "url": park.url,
        "label": label,
    }


def opportunity_context(opportunity: OpportunityPage, request) -> dict:
    park = opportunity.park.localized if opportunity.park_id else None
    points = []
    if opportunity.latitude is not None and opportunity.longitude is not None:
        points.append(
            {
                "name": opportunity.title,
                "lat": float(opportunity.latitude),
                "lon": float(opportunity.longitude),
                "label": "★",
            }
        )
    elif park is not None and park.latitude is not None:
        points.append(park_point(park, "★"))
    return {
        "park": park,
        "currency": chosen_currency(request),
        "currency_form": CurrencyForm({"currency": chosen_currency(request).code}),
        "map_points": points,
    }


def park_context(park: ParkPage, request) -> dict:
    point = park_point(park, "★")
    return {
        "opportunities": selectors.park_opportunities(park),
        "map_points": [point] if point else [],
    }


def policy_context(policy: PolicyPage, request) -> dict:
    replacement = policy.replaced_by.localized if policy.replaced_by_id else None
    return {"replacement": replacement}


def industry_context(industry: IndustryPage, request) -> dict:
    return {"surroundings": selectors.industry_surroundings(industry)}


def guide_context(guide: GuidePage, request) -> dict:
    siblings = GuidePage.objects.sibling_of(guide).live().public().order_by("path")
    return {"guide_pages": list(siblings)}
