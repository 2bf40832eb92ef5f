"""Hooks of the investment app's content part (see wagtail_hooks.py): its section of the home
page, its sources of the site search and its demo."""

from wagtail import hooks

from twincity.core.hooks import DEMO_LOADERS, HOME_PAGE_SECTIONS, SEARCH_SOURCES, Extra

HOME_OPPORTUNITIES = 3
HOME_POLICIES = 3


@hooks.register(HOME_PAGE_SECTIONS, order=60)
def home_invest(home, request) -> Extra | None:
    """Featured opportunities and the latest policies of the home page's language."""
    from .models import InvestIndexPage
    from .selectors import featured_opportunities, latest_policies

    invest_index = InvestIndexPage.objects.child_of(home).live().first()
    if invest_index is None:
        return None
    return Extra(
        "invest/includes/home_invest.html",
        {
            "invest_index": invest_index,
            "featured_opportunities": featured_opportunities(home.locale_id, HOME_OPPORTUNITIES),
            "latest_policies": latest_policies(home.locale_id, HOME_POLICIES),
        },
    )


@hooks.register(SEARCH_SOURCES, order=70)
def searched_opportunities():
    from .search import OPPORTUNITIES

    return OPPORTUNITIES


@hooks.register(SEARCH_SOURCES, order=71)
def searched_parks():
    from .search import PARKS

    return PARKS


@hooks.register(SEARCH_SOURCES, order=72)
def searched_policies():
    from .search import POLICIES

    return POLICIES


@hooks.register(DEMO_LOADERS, order=60)
def load_invest_content_demo(homes, locales) -> str:
    """The Invest section: parks and policies from public facts, invented opportunities."""
    from .demo import load_invest_content

    return load_invest_content(homes, locales)
