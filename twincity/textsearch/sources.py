"""What an app hands the site search (portal.search) for each kind of thing it wants found.

An app registers a function under core.hooks.SEARCH_SOURCES that returns a SearchSource: the
objects visitors may see (the same rules as the app's listings), how to describe one hit in the
visitor's language, and where its picture is. The search page asks every source, groups the
hits by source and shows a page of each; it never imports the app.

Wagtail pages live in one tree per language (`translatable=True`): the search looks through
every language, so that 宽窄巷子 finds an English page too, and shows each hit in the visitor's
language. Django models (organisations, vacancies) hold both languages in one row and index
both; `describe` picks the visitor's.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Found:
    """One hit as the results page shows it, in the visitor's language."""

    title: str
    url: str
    # Plain text (not HTML) the highlighted passage is cut from.
    passage_text: str
    date: datetime.date | None = None
    # What the date is, where it is not the obvious one ("Apply by"); "" for none.
    date_label: str = ""
    # A City value ("chengdu", "chongqing", "both"), shown as a badge; "" for none.
    city: str = ""
    city_label: str = ""
    # Short words for the meta line: a kind, an organisation's name.
    details: tuple[str, ...] = ()
    # The name in the other script (a place's 宽窄巷子 under "Kuanzhai Alley"), marked with its lang.
    other_name: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class SearchSource:
    """A kind of thing the site search finds. `key` is its value of `?type=`; `label` its
    plural name on the page ("Places"); `objects()` what visitors may see, in every language;
    `describe(obj, request)` one hit for the page, in the active language; `image_field` the
    lookup of its picture ("image", "organisation__logo"), prefetched with the rendition of
    `image_filter` for the hits on screen only; `logo` says the picture is a logo (shown
    whole on white, not cropped)."""

    key: str
    label: str
    objects: Callable[[], QuerySet]
    describe: Callable[[Any, str], Found]
    translatable: bool = False
    image_field: str = ""
    image_filter: str = "fill-320x180"
    logo: bool = False
