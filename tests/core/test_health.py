"""/healthz and /readyz for the load balancer (core.health)."""

import pytest
from django.db import OperationalError
from django.test import Client

from twincity.core import health

pytestmark = pytest.mark.django_db


@pytest.fixture
def balancer():
    """A load balancer calls an app server by its address, over plain HTTP, with no cookie."""
    return Client(HTTP_HOST="10.0.0.7:8000")


def test_healthz_answers_ok_and_touches_nothing(balancer, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = balancer.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


def test_readyz_names_each_check(balancer):
    health._migrations_applied = False
    response = balancer.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "failing": [],
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert not response.cookies


def test_readyz_remembers_the_migration_check_after_success(balancer, monkeypatch):
    balancer.get("/readyz")

    def fail(*args):
        raise AssertionError("the migration files were read again")

    monkeypatch.setattr(health, "MigrationExecutor", fail)
    assert balancer.get("/readyz").status_code == 200


def test_readyz_is_503_naming_the_database(balancer, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connections["default"], "cursor", unreachable)
    response = balancer.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database", "migrations"]
    assert response.json()["checks"]["database"] == "error: OperationalError"


def test_readyz_is_503_naming_the_cache(balancer, monkeypatch):
    class Forgetful:
        def set(self, *args, **kwargs):
            pass

        def get(self, *args, **kwargs):
            return None

    monkeypatch.setattr(health, "caches", {health.SHARED_CACHE: Forgetful()})
    response = balancer.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_readyz_is_503_while_migrations_are_missing(balancer, monkeypatch):
    class Pending:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("G", (), {"leaf_nodes": list})()})

        def migration_plan(self, targets):
            return [("events", "0099_not_applied")]

    health._migrations_applied = False
    monkeypatch.setattr(health, "MigrationExecutor", Pending)
    response = balancer.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "error: 1 not applied"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_behind_tls_the_balancer_is_not_redirected(balancer, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["twincity.example"]
    assert balancer.get(path).status_code == 200
