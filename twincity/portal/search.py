"""Site search over the visitor's language: Chinese and English, with highlighted passages."""

from functools import cached_property

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from twincity.core.hooks import SEARCHABLE_PAGE_TYPES
from twincity.textsearch.highlight import highlighted_passage
from twincity.textsearch.segment import query_terms

MAX_QUERY_LENGTH = 100
# Each word is one more condition for the database (and one more pass when highlighting).
MAX_QUERY_TERMS = 8
RESULTS_PER_PAGE = 10


class QueryProblem(ValueError):
    """A query we answer with a friendly explanation instead of results."""


class SearchHit:
    """A page found; its highlighted passage is made only when shown, for the page of results
    on screen, not for every page found."""

    def __init__(self, page: Page, query: str):
        self.page = page
        self.query = query

    @cached_property
    def passage(self) -> SafeString:
        return highlighted_passage(self.page.search_passage_text(), self.query)


def check_query(raw: str) -> str:
    # Control characters (a NUL byte, which PostgreSQL refuses in text) separate words too.
    query = " ".join("".join(c if c.isprintable() else " " for c in raw).split())
    if not query:
        raise QueryProblem(_("Type a word or a name to search for, in English or Chinese."))
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryProblem(
            _("Your search is too long. Please use at most %(limit)d characters.")
            % {"limit": MAX_QUERY_LENGTH}
        )
    terms = query_terms(query)
    if not terms:
        raise QueryProblem(
            _("Your search has no letters or characters to look for. Try a word or a name.")
        )
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryProblem(
            _("Your search has too many words. Please use at most %(limit)d.")
            % {"limit": MAX_QUERY_TERMS}
        )
    return query


def searchable_page_types() -> list[type[Page]]:
    """The page types the apps registered for search (news articles today)."""
    return [page_type for found in hooks.get_hooks(SEARCHABLE_PAGE_TYPES) for page_type in found()]


def search_pages(query: str, locale) -> list[SearchHit]:
    """Pages matching every word, or, when none does, any word; best first. A searchable
    page type gives its passage's text with `search_passage_text()`."""
    hits = []
    for page_type in searchable_page_types():
        pages = page_type.objects.live().public().filter(locale=locale)
        results = list(pages.search(query, operator="and")) or list(
            pages.search(query, operator="or")
        )
        hits += [SearchHit(page, query) for page in results]
    return hits
