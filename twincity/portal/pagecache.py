"""Whole-page cache for anonymous visitors, served before Django is entered.

Django's per-site cache middleware skips every request that carries a cookie, and most
visitors carry one (the language or CSRF cookie). Our public pages render the same for all
anonymous visitors whatever those cookies say: the language is in the URL and the pages hold
no form that needs a CSRF token. So the only cookie that matters is the session cookie of a
signed-in editor, who must see fresh pages and the Wagtail user bar.

- `StorePageMiddleware` (outermost in MIDDLEWARE) stores a 200 response to an anonymous GET,
  unless the response sets a cookie, holds a CSRF token, or says it is private.
- `CachedPageApplication` wraps the WSGI application and answers from that store without
  building a Django request: that is where the speed comes from.
- Every publish, unpublish, move or delete of a page, and every save of the site settings or
  a snippet, clears the store ("pages" cache alias), so an edit shows up at once.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches

CACHE_ALIAS = "pages"
CACHED_METHODS = {"GET", "HEAD"}
# Responses we never store, whatever their status: admin, previews and the like live here.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")


def page_store():
    return caches[CACHE_ALIAS]


def cache_key(host: str, path: str, query_string: str) -> str:
    return f"page:{host}:{path}?{query_string}"


def is_anonymous(cookie_header: str) -> bool:
    return f"{settings.SESSION_COOKIE_NAME}=" not in cookie_header


def may_serve_from_cache(method: str, path: str, cookie_header: str) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and method in CACHED_METHODS
        and not path.startswith(UNCACHED_PREFIXES)
        and is_anonymous(cookie_header)
    )


def is_storable(request, response) -> bool:
    """A page every anonymous visitor may be sent as it is.

    `Vary: Cookie` is no reason to refuse: the session middleware adds it whenever a template
    asks who the user is, and we already keep signed-in users out. A CSRF token in the page
    is: it belongs to one visitor.
    """
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
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
        cookies = request.META.get("HTTP_COOKIE", "")
        if (
            request.method == "GET"
            and may_serve_from_cache("GET", request.path, cookies)
            and is_storable(request, response)
        ):
            self.store(request, response)
        return response

    @staticmethod
    def store(request, response) -> None:
        key = cache_key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""))
        headers = [(name, value) for name, value in response.items()]
        page_store().set(key, (headers, response.content), settings.PAGE_CACHE_SECONDS)


class CachedPageApplication:
    """WSGI wrapper: a stored page is sent as it is, anything else goes to Django."""

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if may_serve_from_cache(method, path, environ.get("HTTP_COOKIE", "")):
            host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
            stored = page_store().get(cache_key(host, path, environ.get("QUERY_STRING", "")))
            if stored is not None:
                headers, body = stored
                start_response("200 OK", [*headers, ("X-Page-Cache", "hit")])
                return [b""] if method == "HEAD" else [body]
        return self.application(environ, start_response)


def clear_page_cache(**_kwargs) -> None:
    page_store().clear()


def connect_invalidation_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail.snippets.models import get_snippet_models

    page_published.connect(clear_page_cache, dispatch_uid="pagecache-published")
    page_unpublished.connect(clear_page_cache, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(clear_page_cache, dispatch_uid="pagecache-moved")

    def clear_on_content_change(sender, **kwargs) -> None:
        from wagtail.models import Page

        if issubclass(sender, (Page, BaseSiteSetting)) or sender in get_snippet_models():
            clear_page_cache()

    post_save.connect(clear_on_content_change, dispatch_uid="pagecache-saved", weak=False)
    post_delete.connect(clear_on_content_change, dispatch_uid="pagecache-deleted", weak=False)
