"""Request ids: taken from the proxy when valid, made otherwise, in the answer and in every log
line of the request (core.request_ids)."""

import logging

import pytest
from django.test import Client

from tests.api.conftest import connection_kept_across_requests  # noqa: F401 (a fixture)
from twincity.core import pagecache
from twincity.core.request_ids import (
    HEADER,
    RequestIdApplication,
    RequestIdFilter,
    current_request_id,
    settled_id,
)

pytestmark = pytest.mark.django_db


def test_a_valid_id_from_the_proxy_is_kept():
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="f3b1c2d4e5a6-edge-1")
    assert response[HEADER] == "f3b1c2d4e5a6-edge-1"


@pytest.mark.parametrize("offered", ["", "short", "x" * 65, "bad id with spaces", "a\nb-12345678"])
def test_an_invalid_id_is_replaced_by_a_new_one(offered):
    made = settled_id({"HTTP_X_REQUEST_ID": offered})
    assert made != offered
    assert len(made) == 32 and made.isalnum()


def test_each_request_without_an_id_gets_its_own():
    client = Client()
    assert client.get("/healthz")[HEADER] != client.get("/healthz")[HEADER]


def test_log_lines_during_the_request_carry_its_id(caplog):
    seen = []

    class Noting(logging.Handler):
        def emit(self, record):
            seen.append(record.request_id)

    handler = Noting()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        Client().get("/en/no-such-page-at-all/", HTTP_X_REQUEST_ID="trace-0001-abcd")
    finally:
        logger.removeHandler(handler)
    assert seen == ["trace-0001-abcd"]  # the "Not Found" warning
    assert current_request_id() == "-"  # and nothing left over after the request


@pytest.mark.usefixtures("connection_kept_across_requests")
def test_a_page_from_the_cache_carries_this_requests_id_not_the_first_ones():
    from twincity.wsgi import application

    def get(request_id: str) -> dict:
        sent = {}

        def start_response(status, headers, exc_info=None):
            sent.update(headers)

        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/en/",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": __import__("io").BytesIO(),
            "HTTP_X_REQUEST_ID": request_id,
        }
        b"".join(application(environ, start_response))
        return sent

    pagecache.clear()
    get("first-request-0001")
    again = get("second-request-0002")
    assert again.get("X-Page-Cache") == "hit"
    assert again[HEADER] == "second-request-0002"


def test_the_wsgi_wrapper_replaces_an_id_the_application_sent():
    def inner(environ, start_response):
        start_response("200 OK", [(HEADER, "stale-id-from-a-kept-answer")])
        return [b""]

    sent = {}
    RequestIdApplication(inner)(
        {"HTTP_X_REQUEST_ID": "fresh-id-000001"}, lambda s, h, e=None: sent.update(h)
    )
    assert sent == {HEADER: "fresh-id-000001"}
