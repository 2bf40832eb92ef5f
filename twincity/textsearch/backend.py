"""Wagtail search backend that segments Chinese queries the way documents were indexed.

WAGTAILSEARCH_BACKENDS points here. `SearchBackend(params)` picks the database backend that
Wagtail would pick (SQLite FTS5 or PostgreSQL) and wraps it, so the admin's page search and
the site search both find Chinese words. Documents are segmented by the models themselves:
they index the output of `segment_for_index` (see news.models.NewsArticlePage.search_fields),
and `segment_for_autocomplete` for their AutocompleteFields.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import Fuzzy, Phrase, PlainText

from .segment import query_terms


def segment_query(query, *, stemmed: bool = True):
    """The same query with its text cut into words (English ones stemmed, as the index has
    them, unless for autocomplete); other query objects pass unchanged."""

    def cut(text: str) -> str:
        return " ".join(query_terms(text, stemmed=stemmed))

    if isinstance(query, str):
        return cut(query)
    if isinstance(query, PlainText):
        return PlainText(cut(query.query_string), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(cut(query.query_string))
    if isinstance(query, Fuzzy):
        return Fuzzy(cut(query.query_string), query.operator, query.unaccent)
    return query


class SegmentingSearchMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        # Autocomplete fields hold the words as written (segment_for_autocomplete).
        stemmed = query_compiler_class is not self.autocomplete_query_compiler_class
        return super()._search(
            query_compiler_class, segment_query(query, stemmed=stemmed), model_or_queryset, **kwargs
        )


@cache
def _segmenting_class(backend_class: type) -> type:
    return type(f"Segmenting{backend_class.__name__}", (SegmentingSearchMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseSearchBackend(params)
    backend.__class__ = _segmenting_class(type(backend))
    return backend
