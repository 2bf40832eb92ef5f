"""Whole-page cache for anonymous visitors, served before Django is entered.

Django's per-site cache middleware skips every request that carries a cookie, and most
visitors carry one (the language or CSRF cookie). Our public pages render the same for all
anonymous visitors whatever those cookies say: the language is in the URL and the pages hold
no form that needs a CSRF token. So the only cookie that matters is the session cookie of a
signed-in editor, who must see fresh pages and the Wagtail user bar.

How it works:
- Rendered pages live in each process's memory (`LocalPages`), tagged with the content
  generation (core.generation) that was current when rendering began; a publish starts a
  new generation, so every stored page is stale everywhere at once.
- `CachedPageApplication` wraps the WSGI application: a fresh stored page is sent without
  building a Django request, which is where the speed comes from.
- `StorePageMiddleware` (outermost in MIDDLEWARE) stores a 200 response to an anonymous GET,
  unless it sets a cookie, holds a CSRF token, or says it is private.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings

from .generation import GENERATION_ENVIRON_KEY, current_generation, generation_of

CACHED_METHODS = {"GET", "HEAD"}
# Paths never served from the cache, whatever their status: admin, previews, files.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")


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
        and may_serve_from_cache("GET", request.path, request.META.get("HTTP_COOKIE", ""))
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
                generation=generation_of(request.META),
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
