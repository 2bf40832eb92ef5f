"""The API's kept answers sent by the WSGI wrapper (api/wsgi.py) without entering Django, and
the rate limit's leases (api/ratelimit.py): still counted, never beyond the limit."""

import io
import sys

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

from twincity.api import ratelimit
from twincity.api import wsgi as api_wsgi
from twincity.core.generation import GENERATION_KEY, recent_generation, renew_generation

pytestmark = pytest.mark.django_db

LIST = "/api/v1/places"


class CountingDjango:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self) -> None:
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def site(connection_kept_across_requests):
    django = CountingDjango()
    return api_wsgi.KeptAnswerApplication(django), django


def get(application, path: str, query: str = "", **headers) -> tuple[str, dict, bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **headers,
    }
    sent = {}

    def start_response(status, response_headers, exc_info=None):
        sent["status"], sent["headers"] = status, dict(response_headers)

    body = b"".join(application(environ, start_response))
    return sent["status"], sent["headers"], body


def test_a_repeated_request_is_sent_as_it_went_out_without_django(site):
    application, django = site
    status, headers, body = get(application, LIST, "city=chengdu&lang=zh-hans")
    assert status.startswith("200") and django.calls == 1

    again_status, again_headers, again_body = get(application, LIST, "lang=zh-hans&city=chengdu")

    assert again_status.startswith("200") and django.calls == 1
    assert again_body == body
    for name in ("ETag", "Content-Security-Policy", "Content-Language", "Vary"):
        assert again_headers[name] == headers[name]
    assert int(again_headers["X-RateLimit-Remaining"]) == int(headers["X-RateLimit-Remaining"]) - 1


def test_the_etag_back_gets_a_304_without_django(site):
    application, django = site
    _status, headers, _body = get(application, LIST)
    status, again, body = get(application, LIST, HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status.startswith("304") and body == b"" and django.calls == 1
    assert again["ETag"] == headers["ETag"] and "Content-Type" not in again


def test_a_publish_or_another_language_reaches_django(site):
    application, django = site
    get(application, LIST)
    get(application, LIST, "lang=zh-hans")
    assert django.calls == 2
    renew_generation()
    get(application, LIST)
    assert django.calls == 3


def test_another_servers_publish_is_seen_within_a_second(site, monkeypatch):
    """Kept answers read the content generation at most once a second per process."""
    application, django = site
    _status, first, _body = get(application, LIST)
    caches["shared"].set(GENERATION_KEY, "published-on-another-server")  # as it would
    _status, again, _body = get(application, LIST)
    assert django.calls == 1 and again["ETag"] == first["ETag"]
    monkeypatch.setattr(recent_generation, "recheck_seconds", 0.0)
    _status, after, _body = get(application, LIST)
    assert django.calls == 2 and after["ETag"] != first["ETag"]


def test_a_partner_key_or_a_post_always_reaches_django(site):
    application, django = site
    get(application, LIST)
    get(application, LIST, HTTP_X_API_KEY="tc_unknown_key")
    assert django.calls == 2


def test_kept_answers_still_count_against_the_limit(site, settings):
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 2
    application, django = site
    assert get(application, LIST)[0].startswith("200")
    assert get(application, LIST)[0].startswith("200")
    status, headers, _body = get(application, LIST)
    assert status.startswith("429") and headers["Retry-After"]
    assert django.calls == 2  # the kept answer was not sent; Django answered the refusal


@pytest.mark.parametrize("limit", [7, 100, 1000])
def test_leases_never_let_a_caller_past_the_limit(limit):
    # Two processes (two lease holders) share the counter, as two app servers do.
    processes = [ratelimit.Leases(), ratelimit.Leases()]
    lease = max(1, limit // ratelimit.LEASE_SHARE)
    numbers = [
        processes[turn % 2].next_number("ip:10.1.1.1", 42, lease) for turn in range(limit + 50)
    ]
    assert len(set(numbers)) == len(numbers)  # no request number handed out twice
    allowed = [number for number in numbers if number <= limit]
    # Never more than the limit; fewer by at most what the other process still holds.
    assert limit - (lease - 1) <= len(allowed) <= limit
