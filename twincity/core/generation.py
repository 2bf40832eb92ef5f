"""The content generation: one token that says "the published content has changed".

Every publish, unpublish, move or delete of a page, and every save of a site, the site
settings, a snippet or directory data, replaces the token in the "shared" cache, which all processes of all
app servers read (a file locally, Redis in production). Anything a process keeps in memory
about published content is tagged with the generation it was computed in, and is recomputed
once the generation moves on: the page cache (core.pagecache) and the site lookup
(portal.middleware) work this way, so an edit shows up everywhere at once.
"""

import threading
import time
import uuid
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import caches
from django.db import transaction

SHARED_CACHE = "shared"
GENERATION_KEY = "twincity:content-generation"
# Where a request keeps the generation read when it arrived (WSGI environ / request.META).
GENERATION_ENVIRON_KEY = "twincity.content_generation"


# While the shared cache cannot be reached (core.resilient_cache), a generation of this
# process's own that changes this often: pages and memos are still kept, at most this old.
UNREACHABLE_GENERATION_SECONDS = 10


def current_generation() -> str:
    shared = caches[SHARED_CACHE]
    generation = shared.get(GENERATION_KEY)
    if generation is None:
        # First use, or the shared cache lost it: start one (everything kept is stale then).
        shared.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = shared.get(GENERATION_KEY)
    if generation is None:  # the shared cache is unreachable
        generation = f"unreachable-{time.monotonic() // UNREACHABLE_GENERATION_SECONDS:.0f}"
    return generation


def generation_of(meta: dict) -> str:
    """The request's generation, read once per request."""
    if GENERATION_ENVIRON_KEY not in meta:
        meta[GENERATION_ENVIRON_KEY] = current_generation()
    return meta[GENERATION_ENVIRON_KEY]


class RecentValue:
    """A value of the shared cache as this process last read it, read again once it is more
    than `recheck_seconds` old. What serves anonymous API answers (api.wsgi) reads the content
    generation and the seat version this way: a kept answer then costs no shared-cache read
    (16 µs from the file cache, a round trip to Redis; bench/api.py). A change made in this
    process is noted at once; one made on another app server is seen within `recheck_seconds`,
    the same delay as the front's micro-cache (deploy/nginx) allows."""

    def __init__(self, read: Callable[[], str], recheck_seconds: float = 1.0) -> None:
        self.read = read
        self.recheck_seconds = recheck_seconds
        self._known: tuple[float, str] | None = None  # (monotonic time read, value)

    def current(self) -> str:
        known = self._known
        now = time.monotonic()
        if known is not None and now - known[0] < self.recheck_seconds:
            return known[1]
        value = self.read()
        self._known = (now, value)
        return value

    def note(self, value: str) -> None:
        """This process has just written `value`: it is current at once."""
        self._known = (time.monotonic(), value)

    def forget(self) -> None:
        self._known = None


# The generation as anonymous API answers read it: at most RecentValue's delay old.
recent_generation = RecentValue(current_generation)


def start_new_generation(**_signal_kwargs) -> None:
    """A new generation now, and another once the change's transaction commits: a process that
    reads the first one before the commit may keep the old content under it."""
    renew_generation()
    transaction.on_commit(renew_generation)


def renew_generation() -> None:
    generation = uuid.uuid4().hex
    caches[SHARED_CACHE].set(GENERATION_KEY, generation, timeout=None)
    recent_generation.note(generation)


class GenerationMemo:
    """Values computed once per content generation and kept in this process."""

    def __init__(self, max_values: int = 10_000) -> None:
        self.max_values = max_values
        self._values: dict[Hashable, tuple[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, generation: str, compute: Callable[[], Any]) -> Any:
        kept = self._values.get(key)
        if kept is not None and kept[0] == generation:
            return kept[1]
        value = compute()
        with self._lock:
            if len(self._values) >= self.max_values:  # bounds memory; refilled as needed
                self._values.clear()
            self._values[key] = (generation, value)
        return value


def connect_invalidation_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail.snippets.models import get_snippet_models

    page_published.connect(start_new_generation, dispatch_uid="generation-published")
    page_unpublished.connect(start_new_generation, dispatch_uid="generation-unpublished")
    post_page_move.connect(start_new_generation, dispatch_uid="generation-moved")

    def on_content_change(sender, **kwargs) -> None:
        public = issubclass(sender, (Page, Site, BaseSiteSetting)) or sender in get_snippet_models()
        # Models of other apps opt in with `shown_on_public_pages = True` (a vacancy, a fair),
        # or all of an app's models at once, through-models included, with the same
        # attribute on its AppConfig (the directory).
        shown = getattr(sender, "shown_on_public_pages", False)
        whole_app = getattr(sender._meta.app_config, "shown_on_public_pages", False)
        if public or shown or whole_app:
            start_new_generation()

    post_save.connect(on_content_change, dispatch_uid="generation-saved", weak=False)
    post_delete.connect(on_content_change, dispatch_uid="generation-deleted", weak=False)
