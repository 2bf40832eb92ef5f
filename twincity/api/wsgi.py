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
from django.http import QueryDict

from twincity.core.generation import GENERATION_ENVIRON_KEY, current_generation
from twincity.core.pagecache import LocalPages, StoredPage

from .conditional import (
    FRESH_SECONDS,
    KEPT_BY_WSGI_ENVIRON_KEY,
    PRIVATE_PREFIX,
    UNSTORED_PATHS,
    first_seen,
    key_of_answer,
    normalised_query,
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


class QueryFacts:
    """What an answer's key needs of a query string and Accept-Language header, worked out
    once per distinct pair in this process: a kept answer is then found without building a
    Django request or parsing the query (bench/api.py)."""

    def __init__(self, max_pairs: int = 10_000) -> None:
        self.max_pairs = max_pairs
        self._facts: dict[tuple[str, str], tuple[str, str] | None] = {}

    def of(self, query_string: str, accept_language: str) -> tuple[str, str] | None:
        """(language, normalised query), or None for a `?lang=` we do not have."""
        pair = (query_string, accept_language)
        if pair in self._facts:
            return self._facts[pair]
        # As Django builds request.GET: WSGI hands the query over as Latin-1 text of its bytes.
        query = QueryDict(query_string.encode("iso-8859-1"))
        try:
            language = request_language(
                {"HTTP_ACCEPT_LANGUAGE": accept_language}, query.get("lang")
            )
        except UnknownLanguage:  # ApiMiddleware answers it, in the error's shape
            facts = None
        else:
            facts = (language, normalised_query(query))
        if len(self._facts) >= self.max_pairs:  # bounds memory; refilled as needed
            self._facts.clear()
        self._facts[pair] = facts
        return facts

    def clear(self) -> None:
        self._facts.clear()


class BareRequest:
    """The little of an anonymous request that counting it (ratelimit.caller) and validating
    its answer (conditional.not_modified) read: its WSGI environ as META."""

    partner = None

    def __init__(self, environ: dict) -> None:
        self.META = environ


query_facts = QueryFacts()


class KeptAnswerApplication:
    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not may_keep(environ):
            return self.application(environ, start_response)
        facts = query_facts.of(
            environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT_LANGUAGE", "")
        )
        if facts is None:
            return self.application(environ, start_response)
        language, query = facts
        request = BareRequest(environ)
        allowance = count_request(request)
        environ[COUNTED_ENVIRON_KEY] = allowance
        if allowance.exceeded:
            return self.application(environ, start_response)
        environ[GENERATION_ENVIRON_KEY] = generation = current_generation()
        now = time.time()
        key = key_of_answer(environ, environ["PATH_INFO"], query, language, "anonymous", now)
        # CORS headers differ by origin: one kept answer per allowed origin.
        origin = environ.get("HTTP_ORIGIN")
        kept_key = f"{key}|{origin if origin in settings.API_CORS_ORIGINS else ''}"
        kept = sent_answers.get(kept_key, generation)
        if kept is None:
            return self.send_and_keep(environ, start_response, kept_key, generation)
        limits = list(allowance.headers().items())
        if validated(request, key, now):
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

        environ[KEPT_BY_WSGI_ENVIRON_KEY] = True
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


def validated(request: BareRequest, key: str, now: float) -> bool:
    """A conditional request the kept answer satisfies (first_seen only when it is asked)."""
    meta = request.META
    if "HTTP_IF_NONE_MATCH" not in meta and "HTTP_IF_MODIFIED_SINCE" not in meta:
        return False
    return not_modified(request, f'"{key}"', first_seen.of(key, now))
