"""ETags, Last-Modified and 304s without a database query; answers kept in memory; CORS."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events import factories as events_factories
from twincity.api import conditional
from twincity.news.models import NewsArticlePage

pytestmark = pytest.mark.django_db

LIST = "/api/v1/events?lang=en&limit=5"


def test_if_none_match_gets_a_304_without_a_query(client):
    first = client.get(LIST)
    assert first.status_code == 200 and first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert len(queries) == 0, [query["sql"] for query in queries]


def test_if_modified_since_gets_a_304(client):
    first = client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304 and len(queries) == 0
    older = client.get(LIST, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    assert older.status_code == 200


def test_repeated_anonymous_requests_are_answered_from_memory(client):
    first = client.get("/api/v1/places?city=chengdu&utm_source=x")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/places?utm_source=y&city=chengdu")
    assert again.status_code == 200 and again["X-API-Cache"] == "hit"
    assert again.content == first.content and len(queries) == 0


def test_language_and_parameters_change_the_etag(client):
    english = client.get(LIST)["ETag"]
    unnamed = client.get("/api/v1/events?limit=5", HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    assert client.get("/api/v1/events?limit=5", HTTP_ACCEPT_LANGUAGE="zh")["ETag"] != unnamed
    assert client.get("/api/v1/events?lang=zh-hans&limit=5")["ETag"] != english
    assert client.get("/api/v1/events?lang=en&limit=6")["ETag"] != english


def test_a_publish_changes_the_etag(client):
    article = NewsArticlePage.objects.live().filter(locale__language_code="en").first()
    url = f"/api/v1/news/{article.pk}"
    first = client.get(url)
    article.title = "A new title for the API test"
    article.save_revision().publish()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert "A new title for the API test" in again.content.decode()


def test_a_registration_changes_the_events_list(client):
    event = events_factories.event(capacity=5)
    url = "/api/v1/events?when=upcoming&limit=100"
    first = client.get(url)
    before = next(item for item in first.json()["items"] if item["id"] == event.pk)
    assert before["availability"]["seats_left"] == 5
    events_factories.register(event.ticket_types.get())
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    after = next(item for item in again.json()["items"] if item["id"] == event.pk)
    assert after["availability"]["seats_left"] == 4


def test_another_servers_registration_is_seen_within_a_second(client, monkeypatch):
    """The seat version is read from the shared cache at most once a second per process."""
    first = client.get(LIST)["ETag"]
    caches["shared"].set(conditional.SEATS_KEY, "renewed-by-another-server")  # as it would
    assert client.get(LIST)["ETag"] == first  # this process read the version just now
    monkeypatch.setattr(conditional.seats, "recheck_seconds", 0.0)
    assert client.get(LIST)["ETag"] != first


def test_places_are_not_keyed_on_seats(client):
    event = events_factories.event(capacity=5)  # a publish: a new content generation
    places = "/api/v1/places?lang=en"
    first = client.get(places)["ETag"]
    events_factories.register(event.ticket_types.get())
    assert client.get(places, HTTP_IF_NONE_MATCH=first).status_code == 304


def test_cors_for_listed_origins_only(client, settings):
    settings.API_CORS_ORIGINS = ["https://partner.example"]
    allowed = client.get(LIST, HTTP_ORIGIN="https://partner.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    exposed = allowed["Access-Control-Expose-Headers"]
    assert "ETag" in exposed and "Retry-After" in exposed and "Link" in exposed
    blocked = client.get(LIST, HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in blocked
    preflight = client.options(
        LIST,
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="X-API-Key",
    )
    assert preflight.status_code == 204
    assert "X-API-Key" in preflight["Access-Control-Allow-Headers"]
    refused = client.options(
        LIST, HTTP_ORIGIN="https://elsewhere.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Methods" not in refused
