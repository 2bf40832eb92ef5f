"""The public API's tests: a fresh store of kept answers and rate-limit counters per test."""

import pytest

from twincity.api import conditional, ratelimit


@pytest.fixture(autouse=True)
def _fresh_api_memory():
    conditional.answers.clear()
    ratelimit.leases.clear()
    yield
    conditional.answers.clear()
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
