"""The public API's tests: a fresh store of kept answers and rate-limit counters per test."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from twincity.api import conditional, ratelimit
from twincity.api import wsgi as api_wsgi


@pytest.fixture(autouse=True)
def _fresh_api_memory():
    forget_kept_answers()
    yield
    forget_kept_answers()


def forget_kept_answers() -> None:
    conditional.answers.clear()
    conditional.seats.forget()
    api_wsgi.sent_answers.clear()
    api_wsgi.query_facts.clear()
    ratelimit.leases.clear()


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def walk(client, url: str, **headers) -> list[dict]:
    """Every item of a list, following `next` links."""
    found = []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        found += response.json()["items"]
        url = response.json()["next"]
    return found


@pytest.fixture
def connection_kept_across_requests():
    """For tests that call a WSGI application themselves: as Django's test client does, the
    test's database connection must outlive each request (a server's request_started and
    request_finished close it; on PostgreSQL the test's transaction would go with it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
