"""What the news center contributes to the rest of the site (core.hooks)."""

from wagtail import hooks

from twincity.core.hooks import DEMO_LOADERS, HOME_PAGE_SECTIONS, SEARCH_SOURCES, Extra
from twincity.core.images import prefetch_images

from .models import NewsIndexPage
from .selectors import latest_articles

HOME_LATEST_ARTICLES = 6


@hooks.register(HOME_PAGE_SECTIONS, order=10)
def latest_news(home, request) -> Extra:
    """The latest articles of the home page's language, first on the home page."""
    return Extra(
        "news/includes/home_latest.html",
        {
            "latest_articles": prefetch_images(
                latest_articles(home.locale_id, limit=HOME_LATEST_ARTICLES), "card", "thumb"
            ),
            "news_index": NewsIndexPage.objects.child_of(home).live().first(),
        },
    )


@hooks.register(SEARCH_SOURCES, order=50)
def searched_news():
    from .search import NEWS

    return NEWS


@hooks.register(DEMO_LOADERS, order=10)
def load_news_demo(homes, locales) -> str:
    from .demo import load_news

    return f"{load_news(homes, locales)} news articles added"
