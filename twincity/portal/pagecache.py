"""Whole-page cache for anonymous visitors, served before Django is entered.

Django's per-site cache middleware skips every request that carries a cookie, and most
visitors carry one (the language or CSRF cookie). Our public pages render the same for all
anonymous visitors whatever those cookies say: the language is in the URL and the pages hold
no form that needs a CSRF token. So the only cookie that matters is the session cookie of a
signed-in editor, who must see fresh pages and the Wagtail user bar.

How it works:
- Rendered pages live in each process's memory (`LocalPages`), tagged with the content
  *generation* that was current when rendering began.
- The generation is a random token in the "shared" cache, which every process of every app
  server reads (a file locally, Redis in production). Every publish, unpublish, move or delete
  of a page, and every save of the site settings or a snippet, replaces it: from that moment
  every stored page is stale everywhere, so an edit shows up at once.
- `CachedPageApplication` wraps the WSGI application: a fresh stored page is sent without
  building a Django request, which is where the speed comes from.
- `StorePageMiddleware` (outermost in MIDDLEWARE) stores a 200 response to an anonymous GET,
  unless it sets a cookie, holds a CSRF token, or says it is private.
"""

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

SHARED_CACHE = "shared"
GENERATION_KEY = "twincity:content-generation"
GENERATION_ENVIRON_KEY = "twincity.content_generation"
CACHED_METHODS = {"GET", "HEAD"}
# Paths never served from the cache, whatever their status: admin, previews, files.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")


def current_generation() -> str:
    shared = caches[SHARED_CACHE]
    generation = shared.get(GENERATION_KEY)
    if generation is None:
        # First use, or the shared cache lost it: start a new generation (stale pages go too).
        shared.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = shared.get(GENERATION_KEY)
    return generation


def start_new_generation(**_signal_kwargs) -> None:
    caches[SHARED_CACHE].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


@dataclass(frozen=True)
class StoredPage:
    generation: str
    expires_at: float
    headers: list[tuple[str, str]]
    body: bytes


class LocalPages:
    """A bounded, thread-safe, least-recently-used store of rendered pages in this process."""

    def __init__(self, max_pages: int):
        self.max_pages = max_pages
        self._pages: OrderedDict[str, StoredPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, generation: str) -> StoredPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.generation != generation or page.expires_at < time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: StoredPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


local_pages = LocalPages(settings.PAGE_CACHE_MAX_PAGES)


def cache_key(host: str, path: str, query_string: str) -> str:
    return f"{host}{path}?{query_string}"


def may_serve_from_cache(method: str, path: str, cookie_header: str) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and method in CACHED_METHODS
        and not path.startswith(UNCACHED_PREFIXES)
        and f"{settings.SESSION_COOKIE_NAME}=" not in cookie_header
    )


def is_storable(request, response) -> bool:
    """A page every anonymous visitor may be sent as it is.

    `Vary: Cookie` is no reason to refuse: the session middleware adds it whenever a template
    asks who the user is, and signed-in users never reach the cache. A CSRF token in the page
    is: it belongs to one visitor.
    """
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and GENERATION_ENVIRON_KEY in request.META
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class StorePageMiddleware:
    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_storable(request, response):
            key = cache_key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""))
            stored = StoredPage(
                # The generation read before rendering: a publish during the render makes
                # this page stale at once instead of keeping old content under a new tag.
                generation=request.META[GENERATION_ENVIRON_KEY],
                expires_at=time.monotonic() + settings.PAGE_CACHE_SECONDS,
                headers=list(response.items()),
                body=response.content,
            )
            local_pages.put(key, stored)
        return response


class CachedPageApplication:
    """WSGI wrapper: a fresh stored page is sent as it is, anything else goes to Django."""

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if may_serve_from_cache(method, path, environ.get("HTTP_COOKIE", "")):
            generation = current_generation()
            host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
            stored = local_pages.get(
                cache_key(host, path, environ.get("QUERY_STRING", "")), generation
            )
            if stored is not None:
                start_response("200 OK", [*stored.headers, ("X-Page-Cache", "hit")])
                return [b""] if method == "HEAD" else [stored.body]
            environ[GENERATION_ENVIRON_KEY] = generation
        return self.application(environ, start_response)


def connect_invalidation_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail.snippets.models import get_snippet_models

    page_published.connect(start_new_generation, dispatch_uid="pagecache-published")
    page_unpublished.connect(start_new_generation, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(start_new_generation, dispatch_uid="pagecache-moved")

    def on_content_change(sender, **kwargs) -> None:
        if issubclass(sender, (Page, BaseSiteSetting)) or sender in get_snippet_models():
            start_new_generation()

    post_save.connect(on_content_change, dispatch_uid="pagecache-saved", weak=False)
    post_delete.connect(on_content_change, dispatch_uid="pagecache-deleted", weak=False)
