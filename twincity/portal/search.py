"""Site search over the visitor's language: Chinese and English, with highlighted passages."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from twincity.news.models import NewsArticlePage
from twincity.textsearch.highlight import highlighted_passage
from twincity.textsearch.segment import query_terms

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


class QueryProblem(ValueError):
    """A query we answer with a friendly explanation instead of results."""


@dataclass
class SearchHit:
    page: NewsArticlePage
    passage: SafeString


def check_query(raw: str) -> str:
    query = " ".join(raw.split())
    if not query:
        raise QueryProblem(_("Type a word or a name to search for, in English or Chinese."))
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryProblem(
            _("Your search is too long. Please use at most %(limit)d characters.")
            % {"limit": MAX_QUERY_LENGTH}
        )
    if not query_terms(query):
        raise QueryProblem(
            _("Your search has no letters or characters to look for. Try a word or a name.")
        )
    return query


def search_news(query: str, locale) -> list[SearchHit]:
    """Articles matching every word, or, when none does, any word; best first."""
    articles = NewsArticlePage.objects.live().public().filter(locale=locale)
    results = list(articles.search(query, operator="and"))
    if not results:
        results = list(articles.search(query, operator="or"))
    return [
        SearchHit(page, highlighted_passage(f"{page.lead} {page.body_text()}", query))
        for page in results
    ]
