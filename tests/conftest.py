"""Shared fixtures: the demo site is loaded once per test database, as `make run` loads it."""

import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip on a laptop that lacks a tool; in CI a missing tool is a failure, never a skip."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI must run this test: {reason}")
        pytest.skip(reason)


def pytest_configure(config):
    """Tasks (search indexing among them) run at once in tests; the worker's own tests and
    the browser tests use the database queue as production does."""
    from django.conf import settings
    from django.test.signals import setting_changed

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # The task framework may have read TASKS already while Django was set up: tell it.
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # CI runs the suite once per database; make sure each run is on the database it claims.
    expected = os.environ.get("TWINCITY_EXPECT_DB")
    if expected:
        assert connection.vendor == expected, f"tests ran on {connection.vendor}, not {expected}"
    with django_db_blocker.unblock():
        # The job fair's 3,000 demo graduates stay out: talent's tests make the data they need.
        call_command("load_demo", skip=["talent"], verbosity=0)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test starts with an empty page cache, and static files need no manifest."""
    from twincity.core.pagecache import local_pages

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        },
    }
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"  # CVs uploaded by tests
    local_pages.clear()
    # A request leaves its language active in the thread; each test starts in English.
    translation.activate("en")
    yield
    translation.deactivate()
    local_pages.clear()
