"""One site search over everything the apps register: news, places, events, organisations,
vacancies (core.hooks.SEARCH_SOURCES; textsearch.sources says what a source gives).

Either script finds a thing on either language's site: Wagtail pages are searched in every
language and shown in the visitor's (one copy per translation), organisations and vacancies
index both of their names. Chinese is cut into words and English stemmed at both ends
(textsearch.segment), so SQLite and PostgreSQL find the same.

Cost: one query per source for its hits (whatever their number), one more for the pages
found in another language (their translations), and for the hits on screen only, the
pictures with their renditions (two queries per source that has pictures).
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.search.backends import get_search_backend

from twincity.core.hooks import SEARCH_SOURCES
from twincity.textsearch.highlight import highlighted_passage
from twincity.textsearch.queries import (  # noqa: F401 (the search view's names)
    MAX_QUERY_LENGTH,
    QueryProblem,
    check_query,
)
from twincity.textsearch.sources import Found, SearchSource

RESULTS_PER_PAGE = 10
# On the page of every type, each type shows its best few and links to the rest.
HITS_PER_GROUP = 3
# Beyond this, a type's hits are not worth paging through: the query is too vague.
MAX_HITS_PER_SOURCE = 200


@dataclass
class SearchHit:
    """A thing found. What the page shows of it (`found`, `thumbnail`) is filled by `show()`
    for the hits on screen only, and the highlighted passage made when the page asks for it."""

    obj: Any
    source: SearchSource
    query: str
    found: Found | None = None
    thumbnail: Any = None  # a rendition of its picture

    @cached_property
    def passage(self) -> SafeString:
        return highlighted_passage(self.found.passage_text, self.query)

    @cached_property
    def other_name(self) -> SafeString:
        """The name in the other script, with the query's words marked (宽窄巷子 found the
        English page of Kuanzhai Alley: the visitor sees why)."""
        name = self.found.other_name
        return highlighted_passage(name, self.query, length=len(name)) if name else ""


@dataclass
class SearchGroup:
    """The hits of one source, best first."""

    source: SearchSource
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def label(self) -> str:
        return self.source.label

    @property
    def count(self) -> int:
        return len(self.hits)


def search_sources() -> list[SearchSource]:
    """What the apps registered, in the order of their registration (`order=`)."""
    return [register() for register in hooks.get_hooks(SEARCH_SOURCES)]


def search_everything(query: str, locale) -> list[SearchGroup]:
    """The sources that found something, each with its hits. Things matching every word of
    the query, or, when nothing anywhere does, any word."""
    sources = search_sources()
    groups = [SearchGroup(source, find(source, query, locale, "and")) for source in sources]
    if not any(group.hits for group in groups):
        groups = [SearchGroup(source, find(source, query, locale, "or")) for source in sources]
    return [group for group in groups if group.hits]


def find(source: SearchSource, query: str, locale, operator: str) -> list[SearchHit]:
    results = get_search_backend().search(query, source.objects(), operator=operator)
    found = list(results[:MAX_HITS_PER_SOURCE])
    if source.translatable:
        found = in_language(found, source, locale)
    return [SearchHit(obj, source, query) for obj in found]


def in_language(pages: list, source: SearchSource, locale) -> list:
    """Each page found once, in `locale`, at the rank of its best-ranked language: a Chinese
    page that matched 宽窄巷子 is shown on the English site as its English translation. A
    page without a live translation in `locale` is left out, as its section leaves it out."""
    best: dict = {}
    for page in pages:
        best.setdefault(page.translation_key, page)
    elsewhere = [key for key, page in best.items() if page.locale_id != locale.pk]
    translations = {}
    if elsewhere:
        translations = {
            page.translation_key: page
            for page in source.objects().filter(locale=locale, translation_key__in=elsewhere)
        }
    return [
        page if page.locale_id == locale.pk else translations[key]
        for key, page in best.items()
        if page.locale_id == locale.pk or key in translations
    ]


def show(hits: list[SearchHit], request) -> None:
    """Describe the hits on screen in the visitor's language and fetch their pictures with
    the renditions shown: a fixed number of queries however many hits."""
    for source in {id(hit.source): hit.source for hit in hits}.values():
        its_hits = [hit for hit in hits if hit.source is source]
        if source.image_field:
            renditions = get_image_model().objects.prefetch_renditions(source.image_filter)
            prefetch_related_objects(
                [hit.obj for hit in its_hits], Prefetch(source.image_field, queryset=renditions)
            )
        for hit in its_hits:
            hit.found = source.describe(hit.obj, request)
            hit.thumbnail = thumbnail(hit.obj, source)


def thumbnail(obj, source: SearchSource):
    image = obj
    for name in source.image_field.split("__") if source.image_field else ():
        image = getattr(image, name, None)
    if image is None or not source.image_field:
        return None
    try:
        return image.get_rendition(source.image_filter)
    except SourceImageIOError:  # the file is missing: the hit is still worth showing
        return None
