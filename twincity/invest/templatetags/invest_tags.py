"""Template helpers of the investment pages: amounts in yuan and in the investor's currency,
and the city badges of an opportunity (both for a joint one)."""

from django import template
from django.utils.translation import get_language

from twincity.core.cities import TWO_CITIES, City

from ..currency import format_in_currency, format_yuan

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """`{{ page.total_investment_yuan|yuan }}`: ¥850 million, or 8.5亿元 on Chinese pages."""
    return format_yuan(amount, get_language())


@register.filter
def in_currency(amount, currency: str) -> str:
    """`{{ amount|in_currency:currency.code }}`: ≈ US$120 million."""
    return format_in_currency(amount, currency, get_language())


@register.filter
def city_badges(city: str) -> list[tuple[str, str]]:
    """(css modifier, label) of the city badges: a joint page shows both cities' badges."""
    if city == City.BOTH:
        return [(c.value, str(c.label)) for c in TWO_CITIES]
    if city in City.values:
        return [(city, str(City(city).label))]
    return []


@register.filter
def guide_offices(step) -> list[tuple[dict, str, str]]:
    """(office, city key, city name) of a guide step: Chongqing's then Chengdu's, side by side."""
    return [
        (step["chongqing"], City.CHONGQING.value, str(City.CHONGQING.label)),
        (step["chengdu"], City.CHENGDU.value, str(City.CHENGDU.label)),
    ]
