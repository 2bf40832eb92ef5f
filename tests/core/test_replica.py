"""The read replica's rules (core.replica): who reads it, the pin after a write, the fallback
to the primary. The replica here is a second connection to the test database."""

import os

import pytest
from django.db import OperationalError, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page

from twincity.core import replica
from twincity.core.failures import busy_response
from twincity.core.replica import (
    PIN_COOKIE,
    PRIMARY,
    REPLICA,
    ReplicaMiddleware,
    ReplicaRouter,
    replica_eligible,
)

pytestmark = pytest.mark.django_db
SESSION = "sessionid"


class ReplicaConnection:
    """The replica's connection as the router sees it: reachable, or refusing."""

    def __init__(self):
        self.refusing = False

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        if self.refusing:
            raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def replica_alias(monkeypatch):
    """DATABASES["replica"] as settings.py makes it; its connection a stand-in (the tests'
    database framework allows no second connection to the test database)."""
    monkeypatch.setattr(
        replica, "connections", {PRIMARY: connections[PRIMARY], REPLICA: ReplicaConnection()}
    )
    monkeypatch.setattr(replica, "_down_until", 0.0)
    return replica.connections[REPLICA]


@pytest.mark.parametrize(
    ("method", "path", "cookies", "eligible"),
    [
        ("GET", "/en/events/", {}, True),
        ("HEAD", "/zh-hans/", {"csrftoken": "x", "django_language": "zh-hans"}, True),
        ("GET", "/api/v1/events/", {}, True),
        ("POST", "/en/events/1/register/", {}, False),
        ("OPTIONS", "/api/v1/events/", {}, False),
        ("GET", "/en/me/profile/", {SESSION: "abc"}, False),
        ("GET", "/en/events/", {PIN_COOKIE: "1"}, False),
        ("GET", "/admin/pages/", {}, False),
        ("GET", "/django-admin/", {}, False),
    ],
)
def test_who_reads_the_replica(method, path, cookies, eligible):
    assert replica_eligible(method, path, cookies, SESSION) is eligible


def reads_of(method: str, path: str, cookies: dict | None = None) -> tuple[str, HttpResponse]:
    """Where a model read inside the request went, and the answer."""
    seen = []

    def view(request):
        seen.append(ReplicaRouter().db_for_read(Page))
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method.lower())(path)
    request.COOKIES.update(cookies or {})
    response = ReplicaMiddleware(view)(request)
    return seen[0], response


def test_an_anonymous_get_reads_the_replica(replica_alias):
    alias, response = reads_of("GET", "/en/events/")
    assert alias == REPLICA
    assert PIN_COOKIE not in response.cookies


def test_a_post_reads_the_primary_and_pins_the_writer(replica_alias):
    alias, response = reads_of("POST", "/en/events/1/register/")
    assert alias == PRIMARY
    assert response.cookies[PIN_COOKIE]["max-age"] == replica.PIN_SECONDS
    assert reads_of("GET", "/en/events/1/", {PIN_COOKIE: "1"})[0] == PRIMARY


def test_signed_in_people_read_the_primary(replica_alias):
    assert reads_of("GET", "/en/me/profile/", {SESSION: "abc"})[0] == PRIMARY


def test_outside_a_request_everything_reads_the_primary(replica_alias):
    assert ReplicaRouter().db_for_read(Page) == PRIMARY


def test_inside_a_transaction_reads_go_to_the_primary(replica_alias):
    def view(request):
        with transaction.atomic():
            return HttpResponse(ReplicaRouter().db_for_read(Page))

    response = ReplicaMiddleware(view)(RequestFactory().get("/en/events/"))
    assert response.content.decode() == PRIMARY


def test_writes_and_migrations_go_to_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(Page) == PRIMARY
    assert router.allow_migrate(PRIMARY, "events") is True
    assert router.allow_migrate(REPLICA, "events") is False


def test_an_unreachable_replica_sends_reads_to_the_primary_for_a_while(replica_alias):
    replica_alias.refusing = True
    assert reads_of("GET", "/en/events/")[0] == PRIMARY
    replica_alias.refusing = False
    assert reads_of("GET", "/en/events/")[0] == PRIMARY  # still marked down
    replica._down_until = 0.0  # DOWN_SECONDS later
    assert reads_of("GET", "/en/events/")[0] == REPLICA  # tried again, and back


def test_a_get_the_replica_failed_is_answered_from_the_primary(replica_alias):
    tried = []

    def view(request):
        alias = ReplicaRouter().db_for_read(Page)
        tried.append(alias)
        if alias == REPLICA:  # the replica stops half-way through the page
            response = busy_response(request)
            response.failed_database = REPLICA
            return response
        return HttpResponse("from the primary")

    response = ReplicaMiddleware(view)(RequestFactory().get("/en/events/"))
    assert tried == [REPLICA, PRIMARY]
    assert response.content == b"from the primary"
    assert replica.reads_alias() == PRIMARY and replica._down_until > 0


@pytest.mark.skipif("DATABASE_REPLICA_URL" in os.environ, reason="a replica is configured")
def test_without_a_replica_nothing_changes(settings):
    assert REPLICA not in settings.DATABASES
    assert "twincity.core.replica.ReplicaMiddleware" not in settings.MIDDLEWARE
    assert not getattr(settings, "DATABASE_ROUTERS", [])


def test_a_replica_url_adds_the_alias_the_router_and_the_middleware():
    """settings.py with DATABASE_REPLICA_URL, read in a fresh process."""
    import json
    import subprocess
    import sys

    show = (
        "import json, twincity.settings as s; print(json.dumps([s.DATABASES['replica'], "
        "s.DATABASE_ROUTERS, s.MIDDLEWARE]))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://site:pw@primary.internal:5432/twincity",
        "DATABASE_REPLICA_URL": "postgres://site:pw@replica.internal:5432/twincity",
    }
    printed = subprocess.run(
        [sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True
    ).stdout
    alias, routers, middleware = json.loads(printed)
    assert alias["HOST"] == "replica.internal"
    assert alias["TEST"] == {"MIRROR": "default"}
    assert routers == ["twincity.core.replica.ReplicaRouter"]
    replica_at = middleware.index("twincity.core.replica.ReplicaMiddleware")
    assert middleware.index("twincity.portal.middleware.KnownSiteMiddleware") > replica_at
