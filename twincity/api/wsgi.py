"""Kept answers of the public API sent without entering Django (twincity/wsgi.py wraps the site
with this, as core.pagecache.CachedPageApplication does for pages).

An anonymous GET of a public operation is counted against its address's limit, keyed as
conditional.py keys it (content generation, seat version, time bucket, path, declared query,
language), and, when this process has already sent that answer, sent again as it went out the
first time — with every header the site's middleware added (CSP, security headers, CORS, ETag)
— or validated with a 304. Anything else, and every first time, goes through Django and its
ApiMiddleware, which then finds the request already counted.
"""

import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.utils.http import quote_etag

from twincity.core.generation import GENERATION_ENVIRON_KEY, current_generation
from twincity.core.pagecache import LocalPages, StoredPage

from .conditional import (
    FRESH_SECONDS,
    PRIVATE_PREFIX,
    UNSTORED_PATHS,
    allowed_origin,
    answer_key,
    first_seen,
    not_modified,
)
from .language import UnknownLanguage, request_language
from .ratelimit import count_request

PUBLIC_PREFIX = "/api/v1/"
# Where ApiMiddleware finds the allowance of a request already counted here.
COUNTED_ENVIRON_KEY = "twincity.api_allowance"
# Headers of one answer only: never replayed (the server adds its own Date).
PER_REQUEST_HEADERS = {"x-ratelimit-remaining", "x-ratelimit-limit", "retry-after", "date"}
# A 304 carries the validators and what caches need, not the body's own headers.
BODY_HEADERS = {"content-type", "content-length"}

sent_answers = LocalPages(
    max_pages=settings.API_CACHE_MAX_ANSWERS, max_bytes=settings.API_CACHE_MAX_MB * 1024 * 1024
)


def may_keep(environ: dict) -> bool:
    path = environ.get("PATH_INFO", "")
    return (
        settings.API_RESPONSE_CACHE_ENABLED
        and environ.get("REQUEST_METHOD") == "GET"
        and path.startswith(PUBLIC_PREFIX)
        and not path.startswith(PRIVATE_PREFIX)
        and path not in UNSTORED_PATHS
        and "HTTP_X_API_KEY" not in environ
    )


class KeptAnswerApplication:
    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not may_keep(environ):
            return self.application(environ, start_response)
        request = WSGIRequest(environ)
        request.partner = None
        try:
            language = request_language(request.META, request.GET.get("lang"))
        except UnknownLanguage:  # ApiMiddleware answers it, in the error's shape
            return self.application(environ, start_response)
        allowance = count_request(request)
        environ[COUNTED_ENVIRON_KEY] = allowance
        if allowance.exceeded:
            return self.application(environ, start_response)
        environ[GENERATION_ENVIRON_KEY] = generation = current_generation()
        now = time.time()
        key = answer_key(request, language, now)
        # CORS headers differ by origin: one kept answer per allowed origin.
        kept_key = f"{key}|{allowed_origin(request) or ''}"
        kept = sent_answers.get(kept_key, generation)
        if kept is None:
            return self.send_and_keep(environ, start_response, kept_key, generation)
        limits = list(allowance.headers().items())
        if not_modified(request, quote_etag(key), first_seen.of(key, now)):
            headers = [(n, v) for n, v in kept.headers if n.lower() not in BODY_HEADERS]
            start_response("304 Not Modified", headers + limits)
            return [b""]
        start_response("200 OK", kept.headers + limits)
        return [kept.body]

    def send_and_keep(self, environ, start_response, kept_key: str, generation: str):
        sent: dict = {}

        def noting_start_response(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = b"".join(self.application(environ, noting_start_response))
        headers = sent.get("headers", [])
        if sent.get("status", "").startswith("200") and not any(
            name.lower() == "set-cookie" for name, _value in headers
        ):
            kept_headers = [(n, v) for n, v in headers if n.lower() not in PER_REQUEST_HEADERS]
            kept_headers = [(n, v) for n, v in kept_headers if n.lower() != "x-api-cache"]
            stored = StoredPage(generation, time.monotonic() + FRESH_SECONDS, kept_headers, body)
            sent_answers.put(kept_key, stored)
        return [body]
