"""The opportunities and parks that fit an enquiry, best first, each with its reasons, for the
staff who work the case (the case page shows them with invest/admin/includes/matches.html).

The scoring is pure Python in `scoring.py`; this module reads the pages, hands them to it and
words its reasons in the reader's language. Two queries: the opportunities and the parks.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from twincity.core.cities import City
from twincity.core.vocabulary import SECTORS

from ..models import CooperationMode, Enquiry, OpportunityPage, ParkPage
from .scoring import Interest, MatchScore, Offer, Reason, rank

# A match must be at least this good to be shown (a fitting sector alone, with nothing else
# against it, reaches it; a different sector in the right city does not).
MINIMUM_SCORE = 0.65
LIMIT = 8


@dataclass(frozen=True)
class Match:
    page: Page  # an OpportunityPage or a ParkPage
    kind: str  # "opportunity" or "park"
    score: int  # 0..100
    reasons: list[str]  # one per criterion, in the reader's language


def matches_for_enquiry(enquiry: Enquiry, limit: int = LIMIT) -> list[Match]:
    """The live opportunities and parks that fit `enquiry`, best first, in the staff's
    language (or the enquiry's, when there are no pages in the staff's)."""
    interest = Interest(
        sector=enquiry.sector,
        city=enquiry.intended_city,
        planned_yuan=float(enquiry.planned_investment_yuan or 0) or None,
        modes=frozenset(enquiry.preferred_modes or ()),
    )
    pages = candidate_pages(enquiry)
    offers = {page.pk: offer_of(page) for page in pages.values()}
    ranked = rank(interest, offers, minimum=MINIMUM_SCORE, limit=limit)
    return [match_of(pages[key], result) for key, result in ranked]


def candidate_pages(enquiry: Enquiry) -> dict[int, Page]:
    locale = reading_locale(enquiry)
    opportunities = OpportunityPage.objects.live().filter(locale=locale).order_by("path")
    parks = ParkPage.objects.live().filter(locale=locale).order_by("path")
    return {page.pk: page for page in [*opportunities, *parks]}


def reading_locale(enquiry: Enquiry) -> Locale | None:
    """The staff's language's locale if any opportunity is in it, else the enquiry's."""
    codes = [get_language() or "en", enquiry.language or "en"]
    locales = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    for code in codes:
        if code in locales and OpportunityPage.objects.live().filter(locale=locales[code]).exists():
            return locales[code]
    return locales.get(codes[0])


def offer_of(page: Page) -> Offer:
    if isinstance(page, OpportunityPage):
        sought = page.sought_yuan if page.sought_yuan is not None else page.total_investment_yuan
        return Offer(
            sectors=frozenset({page.sector}),
            city=page.city,
            sought_yuan=float(sought) if sought else None,
            modes=frozenset(page.cooperation_modes or ()),
        )
    return Offer(sectors=frozenset(page.sectors or ()), city=page.city, has_size=False)


def match_of(page: Page, result: MatchScore) -> Match:
    return Match(
        page=page,
        kind="opportunity" if isinstance(page, OpportunityPage) else "park",
        score=round(result.total * 100),
        reasons=[reason_text(part.reason) for part in result.parts],
    )


def city_name(value: str) -> str:
    return str(City(value).label) if value in City.values else value


def mode_names(values: list[str]) -> str:
    labels = dict(CooperationMode.choices)
    return _(", ").join(str(labels.get(value, value)) for value in values)


def reason_text(reason: Reason) -> str:
    """The reason in the active language."""
    values = reason.values
    texts = {
        "sector-fits": lambda: (
            _("In the investor's sector: %(sector)s")
            % {"sector": SECTORS.name(values["sector"]) or values["sector"]}
        ),
        "sector-differs": lambda: (
            _("Not in the investor's sector (%(sector)s)")
            % {"sector": SECTORS.name(values["sector"]) or values["sector"]}
        ),
        "place-joint": lambda: _("A joint opportunity of both cities"),
        "place-fits": lambda: (
            _("In %(city)s, where the investor would invest") % {"city": city_name(values["city"])}
        ),
        "place-other-city": lambda: (
            _("In %(city)s; the investor named %(intended)s")
            % {"city": city_name(values["city"]), "intended": city_name(values["intended"])}
        ),
        "size-unknown": lambda: _("The planned investment or the amount sought is not known"),
        "size-covers": lambda: (
            _("The planned investment covers the %(amount)s sought")
            % {"amount": yuan(values["sought"])}
        ),
        "size-part": lambda: (
            _("The planned investment covers %(percent)s %% of the %(amount)s sought")
            % {"percent": values["percent"], "amount": yuan(values["sought"])}
        ),
        "mode-any": lambda: _("Open to any cooperation mode"),
        "mode-fits": lambda: (
            _("Cooperation mode the investor considers: %(modes)s")
            % {"modes": mode_names(values["modes"])}
        ),
        "mode-differs": lambda: (
            _("Offers other cooperation modes: %(modes)s") % {"modes": mode_names(values["modes"])}
        ),
    }
    return texts[reason.code]()


def yuan(amount: float) -> str:
    from ..figures import yuan_text

    return yuan_text(Decimal(str(amount)))
