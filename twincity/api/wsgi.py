"""Kept answers of the public API sent without entering Django (twincity/wsgi.py wraps the site
with this, as core.pagecache.CachedPageApplication does for pages).

An anonymous GET of a public operation is counted against its address's limit, keyed by what
conditional.py hashes into its ETag (content generation, seat version, time bucket, path,
declared query, language; the first two as RecentValue last read them, at most a second old),
and, when this process has already sent that answer, sent again as it went out the first time — with every header the site's middleware added (CSP, security headers, CORS, ETag)
— or validated with a 304. Anything else, and every first time, goes through Django and its
ApiMiddleware, which then finds the request already counted.
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict

from twincity.core.generation import GENERATION_ENVIRON_KEY, recent_generation
from twincity.core.pagecache import LocalPages, StoredPage

from .conditional import (
    FRESH_SECONDS,
    KEPT_BY_WSGI_ENVIRON_KEY,
    PRIVATE_PREFIX,
    UNSTORED_PATHS,
    first_seen,
    normalised_query,
    not_modified,
    seat_version,
)
from .language import UnknownLanguage, request_language
from .ratelimit import count_request

PUBLIC_PREFIX = "/api/v1/"
# Where ApiMiddleware finds the allowance of a request already counted here.
COUNTED_ENVIRON_KEY = "twincity.api_allowance"
# Headers of one answer only: never replayed (the server adds its own Date).
PER_REQUEST_HEADERS = {"x-ratelimit-remaining", "x-ratelimit-limit", "retry-after", "date"}
# Not replayed either: the cache's own mark, which only Django's answer carries.
UNKEPT_HEADERS = PER_REQUEST_HEADERS | {"x-api-cache"}
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


@dataclass(frozen=True)
class KeptAnswer(StoredPage):
    etag: str = ""  # as sent: `"<key>"` (conditional.key_of_answer)


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
        # Django, on a miss, keys the answer with this same generation (generation_of).
        environ[GENERATION_ENVIRON_KEY] = generation = recent_generation.current()
        now = time.time()
        path = environ["PATH_INFO"]
        # What key_of_answer hashes into the ETag, as it is: finding a kept answer needs no
        # hash. CORS headers differ by origin: one kept answer per allowed origin.
        origin = environ.get("HTTP_ORIGIN")
        kept_key = (
            generation,
            seat_version(path),
            int(now // FRESH_SECONDS),
            path,
            query,
            language,
            origin if origin in settings.API_CORS_ORIGINS else "",
        )
        kept = sent_answers.get(kept_key, generation)
        if kept is None:
            return self.send_and_keep(environ, start_response, kept_key, generation)
        limits = list(allowance.headers().items())
        if validated(request, kept.etag, now):
            headers = [(n, v) for n, v in kept.headers if n.lower() not in BODY_HEADERS]
            start_response("304 Not Modified", headers + limits)
            return [b""]
        start_response("200 OK", kept.headers + limits)
        return [kept.body]

    def send_and_keep(self, environ, start_response, kept_key: tuple, generation: str):
        sent: dict = {}

        def noting_start_response(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        environ[KEPT_BY_WSGI_ENVIRON_KEY] = True
        body = b"".join(self.application(environ, noting_start_response))
        headers = sent.get("headers", [])
        names = {name.lower(): value for name, value in headers}
        ok = sent.get("status", "").startswith("200")
        if ok and "etag" in names and "set-cookie" not in names:
            kept_headers = [(n, v) for n, v in headers if n.lower() not in UNKEPT_HEADERS]
            expires_at = time.monotonic() + FRESH_SECONDS
            kept = KeptAnswer(generation, expires_at, kept_headers, body, names.get("etag", ""))
            sent_answers.put(kept_key, kept)
        return [body]


def validated(request: BareRequest, etag: str, now: float) -> bool:
    """A conditional request the kept answer satisfies (first_seen only when it is asked)."""
    meta = request.META
    if "HTTP_IF_NONE_MATCH" not in meta and "HTTP_IF_MODIFIED_SINCE" not in meta:
        return False
    return not_modified(request, etag, first_seen.of(etag.strip('"'), now))
