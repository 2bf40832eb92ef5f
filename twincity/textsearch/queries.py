"""What a visitor typed into a search box, checked once for every search of the site (the
site search, the listings' keyword filters): cleaned of control characters and bounded in
length and in words, or refused with a friendly explanation."""

from django.utils.translation import gettext_lazy as _

from .segment import query_terms

MAX_QUERY_LENGTH = 100
# Each word is one more condition for the database (and one more pass when highlighting).
MAX_QUERY_TERMS = 8


class QueryProblem(ValueError):
    """A query we answer with a friendly explanation instead of results."""


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
