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

Query strings: a page is kept under only the query parameters its rendering read. The
middleware gives the view a `request.GET` that notes each parameter asked for (`ReadNotingQuery`);
the names read at an address are remembered, and the key of a request keeps only those. So
`?utm_source=x` or a thousand random parameters find the one page already rendered instead of
each costing a render and a cache entry. A view that reads the query as a whole (iterates it,
copies it, asks its length) is not stored with a query string at all: any parameter could
matter to it. The store is bounded in pages and in bytes.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import QueryDict

from .generation import GENERATION_ENVIRON_KEY, current_generation, generation_of

CACHED_METHODS = {"GET", "HEAD"}
# Paths never served from the cache, whatever their status: admin, previews, files.
# The API keeps its own answers (api.conditional): they depend on headers, keys and limits.
UNCACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/api/",
    # The load balancer's and Prometheus' (core.health): answered before the cache is asked.
    "/healthz",
    "/readyz",
    "/metrics",
)


@dataclass(frozen=True)
class StoredPage:
    generation: str
    expires_at: float
    headers: list[tuple[str, str]]
    body: bytes


class LocalPages:
    """A thread-safe, least-recently-used store of rendered pages in this process, bounded in
    pages and in bytes of body."""

    def __init__(self, max_pages: int, max_bytes: int):
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self.stored_bytes = 0
        self._pages: OrderedDict[str, StoredPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, generation: str) -> StoredPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.generation != generation or page.expires_at < time.monotonic():
                self._remove(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: StoredPage) -> None:
        if len(page.body) > self.max_bytes:
            return
        with self._lock:
            self._remove(key)
            self._pages[key] = page
            self.stored_bytes += len(page.body)
            while len(self._pages) > self.max_pages or self.stored_bytes > self.max_bytes:
                self._remove(next(iter(self._pages)))

    def _remove(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is not None:
            self.stored_bytes -= len(page.body)

    def __len__(self) -> int:
        return len(self._pages)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.stored_bytes = 0


class ReadNotingQuery(QueryDict):
    """request.GET that notes which parameters the view asked for; `whole` once it used the
    query as a whole (iterated, copied, counted), when every parameter may matter."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        self.names_read: set[str] = set()
        self.whole = False
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        # Building the query asked for every name; the view has not asked yet.
        self.names_read.clear()
        self.whole = False

    # One parameter asked for by name.
    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.names_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    # The query as a whole.
    def _used_whole(self):
        self.whole = True

    def __iter__(self):
        self._used_whole()
        return super().__iter__()

    def __len__(self):
        self._used_whole()
        return super().__len__()

    def items(self):
        self._used_whole()
        return super().items()

    def lists(self):
        self._used_whole()
        return super().lists()

    def keys(self):
        self._used_whole()
        return super().keys()

    def values(self):
        self._used_whole()
        return super().values()

    def dict(self):
        self._used_whole()
        return super().dict()

    def urlencode(self, safe=None):
        self._used_whole()
        return super().urlencode(safe)

    def copy(self):
        self._used_whole()
        return super().copy()


# The parameter names address_as_read put into links on this page (request.META).
ADDRESS_NAMES_KEY = "twincity.address_names"


def address_as_read(request) -> str:
    """The request's path with the parameters read so far: what a link back to "this page"
    (in the other language, say) may carry. Never the whole query string: a stored page must
    not pass one visitor's stray parameters on to every other."""
    query = request.GET
    if isinstance(query, ReadNotingQuery):
        names = frozenset(query.names_read)
        request.META[ADDRESS_NAMES_KEY] = names | request.META.get(ADDRESS_NAMES_KEY, frozenset())
        pairs = [(name, value) for name in sorted(names) for value in query.getlist(name)]
    else:
        pairs = list(query.lists())
        pairs = [(name, value) for name, values in pairs for value in values]
    return f"{request.path}?{urlencode(pairs)}" if pairs else request.path


class ParametersRead:
    """The query parameter names that rendering read, per address, in this process."""

    def __init__(self, max_paths: int):
        self.max_paths = max_paths
        self._names: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    def at(self, path: str) -> frozenset[str] | None:
        return self._names.get(path)

    def add(self, path: str, names: set[str]) -> frozenset[str]:
        with self._lock:
            if len(self._names) >= self.max_paths:
                self._names.clear()  # bounds memory; relearnt at the next render
            known = self._names.get(path, frozenset()) | names
            self._names[path] = known
            return known

    def clear(self) -> None:
        with self._lock:
            self._names.clear()


parameters_read = ParametersRead(max_paths=settings.PAGE_CACHE_MAX_PAGES)
local_pages = LocalPages(settings.PAGE_CACHE_MAX_PAGES, settings.PAGE_CACHE_MAX_BYTES)


def cache_key(host: str, path: str, query_string: str, names: frozenset[str]) -> str:
    """The page's key: its address with only the parameters in `names`, in a fixed order
    (values of one name keep theirs)."""
    pairs = [pair for pair in parse_qsl(query_string, keep_blank_values=True) if pair[0] in names]
    pairs.sort(key=lambda pair: pair[0])
    return f"{host}{path}?{urlencode(pairs)}"


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
        and links_carry_every_parameter_read(request)
    )


def links_carry_every_parameter_read(request) -> bool:
    """False for a page whose language links were written before a later part of it read a
    parameter they should carry: it would send every visitor links without it. (base.html
    renders the content first, so that the links know what it read: core.fragments.)"""
    written = request.META.get(ADDRESS_NAMES_KEY)
    query = request.GET
    if written is None or not isinstance(query, ReadNotingQuery) or query.whole:
        return True
    return query.names_read <= written


class StorePageMiddleware:
    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        # As Django builds request.GET: WSGI hands the query over as Latin-1 text of its bytes.
        request.GET = ReadNotingQuery(query_string.encode("iso-8859-1"), encoding=request.encoding)
        response = self.get_response(request)
        if is_storable(request, response) and not (query_string and request.GET.whole):
            names = parameters_read.add(request.path, request.GET.names_read)
            key = cache_key(request.get_host(), request.path, query_string, names)
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
            stored = stored_page(environ, path, generation)
            if stored is not None:
                start_response("200 OK", [*stored.headers, ("X-Page-Cache", "hit")])
                return [b""] if method == "HEAD" else [stored.body]
            environ[GENERATION_ENVIRON_KEY] = generation
        return self.application(environ, start_response)


def stored_page(environ: dict, path: str, generation: str) -> StoredPage | None:
    names = parameters_read.at(path)
    if names is None:  # not rendered here yet
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return local_pages.get(
        cache_key(host, path, environ.get("QUERY_STRING", ""), names), generation
    )


def clear() -> None:
    """Forget every stored page and what was learnt of the parameters pages read."""
    local_pages.clear()
    parameters_read.clear()
