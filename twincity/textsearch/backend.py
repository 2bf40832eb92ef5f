"""Wagtail search backend that segments Chinese queries the way documents were indexed.

WAGTAILSEARCH_BACKENDS points here. `SearchBackend(params)` picks the database backend that
Wagtail would pick (SQLite FTS5 or PostgreSQL) and wraps it, so the admin's page search and
the site search both find Chinese words. Documents are segmented by the models themselves:
they index the output of `segment_for_index` (see news.models.NewsArticlePage.search_fields).
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import Fuzzy, Phrase, PlainText

from .segment import query_terms


def segment_query(query):
    """The same query with its text cut into words; other query objects pass unchanged."""
    if isinstance(query, str):
        return " ".join(query_terms(query))
    if isinstance(query, PlainText):
        return PlainText(" ".join(query_terms(query.query_string)), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(" ".join(query_terms(query.query_string)))
    if isinstance(query, Fuzzy):
        return Fuzzy(" ".join(query_terms(query.query_string)), query.operator, query.unaccent)
    return query


class SegmentingSearchMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(
            query_compiler_class, segment_query(query), model_or_queryset, **kwargs
        )


@cache
def _segmenting_class(backend_class: type) -> type:
    return type(f"Segmenting{backend_class.__name__}", (SegmentingSearchMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseSearchBackend(params)
    backend.__class__ = _segmenting_class(type(backend))
    return backend
