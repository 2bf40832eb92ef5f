"""What every answer of the API goes through before and after ninja: CORS, the language, the
partner's key, the rate limit, and conditional requests answered from memory.

Conditional requests. The validator of an answer is known before its view runs: its ETag is a
hash of the content generation (core.generation: a publish anywhere starts a new one), the
events' seat version (below), a time bucket, the path, the declared query parameters in a fixed
order, the language and the caller's kind (anonymous, or which key). So a request with a
matching If-None-Match (or an If-Modified-Since not older than the version's first sight) gets
its 304 without a database query, and an anonymous GET whose answer this process already built
is sent from memory (a core.pagecache.LocalPages store) without one either.

Seats. Registrations do not start a new content generation (they are not published content),
yet the events' answers show the seats left. Every new registration (events.signals), and every
save or delete of a registration or a ticket type, replaces a "seat version" in the shared cache (connect_signals, from ApiConfig.ready), which
is part of every ETag: a registration made through the site, the API or the worker changes the
events' ETags at once. The few changes made with a bulk UPDATE (the worker ending held seats whose
time ran out) are caught by the time bucket: no answer is kept or validated for longer than
FRESH_SECONDS. The bucket also keeps `open_now` of the places honest.
"""

import hashlib
import threading
import time
import uuid
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _

from twincity.core.generation import SHARED_CACHE, RecentValue, generation_of
from twincity.core.pagecache import LocalPages, StoredPage

from . import keys
from .language import UnknownLanguage, accepted_language, request_language
from .models import Scope
from .ratelimit import count_request
from .schemas import error_response

API_PREFIX = "/api/"
# Answers that are the caller's own (a partner's registrations): never validated or kept.
PRIVATE_PREFIX = "/api/v1/partner/"
# HTML of the interactive docs: sent fresh (it is cheap and holds nothing to validate).
UNSTORED_PATHS = ("/api/v1/docs/",)
FRESH_SECONDS = 60
SEATS_KEY = "twincity:api-seat-version"
# The answers that show the seats left of events.
SEAT_PATHS = ("/api/v1/events",)
# Set by api.wsgi on a request whose answer it will keep itself.
KEPT_BY_WSGI_ENVIRON_KEY = "twincity.api_kept_by_wsgi"
EXPOSED_HEADERS = (
    "ETag, Last-Modified, Retry-After, Link, Content-Language, "
    "X-RateLimit-Limit, X-RateLimit-Remaining"
)
CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since, X-API-Key"

answers = LocalPages(
    max_pages=settings.API_CACHE_MAX_ANSWERS, max_bytes=settings.API_CACHE_MAX_MB * 1024 * 1024
)


# --- Seats ---------------------------------------------------------------------------------------


def read_seat_version() -> str:
    return caches[SHARED_CACHE].get(SEATS_KEY) or "0"


# Read from the shared cache at most once a second (RecentValue): a kept events answer then
# costs no shared-cache read; a registration made in this process is seen at once, one made
# on another app server within the second.
seats = RecentValue(read_seat_version)


def renew_seat_version() -> None:
    version = uuid.uuid4().hex
    caches[SHARED_CACHE].set(SEATS_KEY, version, timeout=None)
    seats.note(version)


def seat_version(path: str) -> str:
    """Part of the key of answers that show seats left; the others do not change with them."""
    return seats.current() if path.startswith(SEAT_PATHS) else ""


def new_seat_version(**_signal_kwargs) -> None:
    """Now, and again once the change's transaction commits (core.generation does the same)."""
    renew_seat_version()
    transaction.on_commit(renew_seat_version)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from twincity.events.models import Registration, TicketType
    from twincity.events.signals import registration_created

    for model in (Registration, TicketType):
        post_save.connect(new_seat_version, sender=model, dispatch_uid=f"api-seats-{model}-s")
        post_delete.connect(new_seat_version, sender=model, dispatch_uid=f"api-seats-{model}-d")
    # A new registration is one SQL statement (no post_save): the events app says so.
    registration_created.connect(new_seat_version, dispatch_uid="api-seats-created")


# --- Validators ----------------------------------------------------------------------------------


@cache
def declared_query_names() -> frozenset[str]:
    """Every query parameter the schema declares (any operation): the others cannot change an
    answer, so they are left out of its key (?utm_source=x finds the answer already built)."""
    from .main import api

    names = {"lang"}
    for path_item in api.get_openapi_schema()["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    names.add(parameter["name"])
    return frozenset(names)


def normalised_query(query: QueryDict) -> str:
    names = declared_query_names()
    pairs = sorted(
        (name, value) for name, values in query.lists() if name in names for value in values
    )
    return "&".join(f"{name}={value}" for name, value in pairs)


def caller_kind(request: HttpRequest) -> str:
    partner = getattr(request, "partner", None)
    if partner is None:
        return "anonymous"
    return "extended" if partner.has_scope(Scope.READ_EXTENDED) else "key"


def answer_key(request: HttpRequest, language: str, now: float) -> str:
    return key_of_answer(
        request.META,
        request.path,
        normalised_query(request.GET),
        language,
        caller_kind(request),
        now,
    )


def key_of_answer(meta: dict, path: str, query: str, language: str, kind: str, now: float) -> str:
    """The ETag's value (quoted: `"<key>"`). `query` is normalised_query's."""
    material = "|".join(
        (
            generation_of(meta),
            seat_version(path),
            str(int(now // FRESH_SECONDS)),
            path,
            query,
            language,
            kind,
        )
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]


class FirstSeen:
    """When each answer key was first seen by any process (the shared cache remembers it): the
    answer's Last-Modified. Kept in memory too, so that it costs nothing once known here."""

    def __init__(self, max_keys: int = 10_000) -> None:
        self.max_keys = max_keys
        self._times: dict[str, int] = {}
        self._lock = threading.Lock()

    def of(self, key: str, now: float) -> int:
        known = self._times.get(key)
        if known is not None:
            return known
        shared = caches[SHARED_CACHE]
        shared.add(f"twincity:api-since:{key}", int(now), timeout=FRESH_SECONDS * 2)
        first = shared.get(f"twincity:api-since:{key}") or int(now)
        with self._lock:
            if len(self._times) >= self.max_keys:
                self._times.clear()
            self._times[key] = first
        return first


first_seen = FirstSeen()


def not_modified(request: HttpRequest, etag: str, last_modified: int) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since is None:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and last_modified <= since


# --- CORS ----------------------------------------------------------------------------------------


def allowed_origin(request: HttpRequest) -> str | None:
    origin = request.META.get("HTTP_ORIGIN")
    return origin if origin and origin in settings.API_CORS_ORIGINS else None


def add_cors_headers(request: HttpRequest, response: HttpResponse) -> None:
    origin = allowed_origin(request)
    patch_vary_headers(response, ("Origin",))
    if origin is None:
        return
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def preflight(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    if allowed_origin(request):
        response["Access-Control-Allow-Methods"] = CORS_METHODS
        response["Access-Control-Allow-Headers"] = CORS_HEADERS
        response["Access-Control-Max-Age"] = "600"
    return response


# --- The middleware ------------------------------------------------------------------------------


class ApiMiddleware:
    """In MIDDLEWARE before LocaleMiddleware, which it tells the language through the request."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        allowance = None
        try:
            language = request_language(request.META, request.GET.get("lang"))
        except UnknownLanguage as unknown:
            language = accepted_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
            with translation.override(language):
                response = error_response(422, unknown.message(), [lang_error(unknown)])
        else:
            speak(request, language)
            response, allowance = self.answer(request, language)
        return self.finish(request, response, language, allowance)

    def answer(self, request: HttpRequest, language: str):
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            return preflight(request), None
        if "HTTP_X_API_KEY" in request.META:
            request.partner = keys.authenticate(request.META["HTTP_X_API_KEY"])
            if request.partner is None:
                return error_response(401, _("Unknown or revoked API key.")), None
        else:
            request.partner = None
        # Counted already when the WSGI wrapper (api/wsgi.py) looked for a kept answer.
        allowance = request.META.get("twincity.api_allowance") or count_request(request)
        if allowance.exceeded:
            message = _("Too many requests: try again in %(seconds)d seconds.") % {
                "seconds": allowance.retry_after
            }
            return error_response(429, message), allowance
        if request.method != "GET" or request.path.startswith(PRIVATE_PREFIX):
            return add_link(request, self.get_response(request)), allowance
        return self.conditional_get(request, language), allowance

    def conditional_get(self, request: HttpRequest, language: str) -> HttpResponse:
        now = time.time()
        key = answer_key(request, language, now)
        etag = quote_etag(key)
        last_modified = first_seen.of(key, now)
        if not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
        else:
            response = self.fresh_or_kept(request, key)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        return response

    def fresh_or_kept(self, request: HttpRequest, key: str) -> HttpResponse:
        storable = (
            settings.API_RESPONSE_CACHE_ENABLED
            and request.partner is None
            and request.path not in UNSTORED_PATHS
            # Came through api.wsgi, which keeps what it sends: not kept twice.
            and KEPT_BY_WSGI_ENVIRON_KEY not in request.META
        )
        generation = generation_of(request.META)
        if storable:
            kept = answers.get(key, generation)
            if kept is not None:
                response = HttpResponse(kept.body)
                for name, value in kept.headers:
                    response[name] = value
                response["X-API-Cache"] = "hit"
                return response
        response = add_link(request, self.get_response(request))
        if storable and response.status_code == 200 and not response.streaming:
            stored = StoredPage(
                generation=generation,
                expires_at=time.monotonic() + FRESH_SECONDS,
                headers=[(name, value) for name, value in response.items() if name != "Set-Cookie"],
                body=response.content,
            )
            answers.put(key, stored)
        return response

    def finish(self, request, response, language: str, allowance) -> HttpResponse:
        response = json_errors(request, response, language)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language", "X-API-Key"))
        add_cors_headers(request, response)
        if allowance is not None:
            for name, value in allowance.headers().items():
                response[name] = value
        if "Cache-Control" not in response:
            private = getattr(request, "partner", None) is not None
            response["Cache-Control"] = (
                "private, no-cache" if private else "public, max-age=0, must-revalidate"
            )
        return response


def add_link(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The next page's address (pagination.py) as a Link header too."""
    link = getattr(request, "api_link", None)
    if link and response.status_code == 200:
        response["Link"] = link
    return response


def speak(request: HttpRequest, language: str) -> None:
    """The language for everything after: LocaleMiddleware reads Accept-Language (the site's
    language cookie does not choose the API's language)."""
    request.META["HTTP_ACCEPT_LANGUAGE"] = language
    request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
    translation.activate(language)
    request.LANGUAGE_CODE = language


def lang_error(unknown: UnknownLanguage) -> dict:
    return {"field": "lang", "message": unknown.message()}


def json_errors(request, response: HttpResponse, language: str) -> HttpResponse:
    """Errors answered by Django rather than ninja (an address no operation has, LocaleMiddleware
    offering /en/api/…) in the API's error shape."""
    redirected_to_site = response.status_code in (301, 302) and "/api/" in response.get(
        "Location", ""
    )
    is_json = response.get("Content-Type", "").startswith("application/json")
    if redirected_to_site or (response.status_code == 404 and not is_json):
        with translation.override(language):
            return error_response(404, _("Not found."))
    if response.status_code == 405 and not is_json:
        with translation.override(language):
            refused = error_response(405, _("Method not allowed."))
        if "Allow" in response:
            refused["Allow"] = response["Allow"]
        return refused
    return response
