"""Shared fixtures: the demo site is loaded once per test database, as `make run` loads it."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

# The project's own var/: the tests write into a directory of their own (tests/settings.py).
PROJECT_VAR = Path(__file__).resolve().parent.parent / "var"
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

    for name in ("VAR_DIR", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT"):
        path = Path(getattr(settings, name))
        assert not path.is_relative_to(PROJECT_VAR), f"tests would write {name} into var/: {path}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # The task framework may have read TASKS already while Django was set up: tell it.
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


def pytest_collection_modifyitems(config, items):
    """CI runs the suite on SQLite, then again on PostgreSQL. Tests marked `layout` (browser
    walks, screenshots, accessibility and language crawls: what no database changes) run in
    the first only; the second sets TWINCITY_SKIP_LAYOUT=1 (.ci/run)."""
    if os.environ.get("TWINCITY_SKIP_LAYOUT") != "1":
        return
    once = pytest.mark.skip(reason="a layout test: this CI run's SQLite pass ran it")
    for item in items:
        if "layout" in item.keywords:
            item.add_marker(once)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # CI runs the suite once per database; make sure each run is on the database it claims.
    expected = os.environ.get("TWINCITY_EXPECT_DB")
    if expected:
        assert connection.vendor == expected, f"tests ran on {connection.vendor}, not {expected}"
    with django_db_blocker.unblock():
        # The job fair's 3,000 demo graduates stay out: talent's tests make the data they need.
        call_command("load_demo", skip=["talent"], verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory):
    """The static files collected once, as `make run` collects them, so that pages link them
    through the real manifest storage (a missing file fails the test, as it fails the site).
    STATIC_ROOT is under the run's own VAR_DIR (tests/settings.py), never var/."""
    from django.conf import settings

    assert not Path(settings.STATIC_ROOT).is_relative_to(PROJECT_VAR), settings.STATIC_ROOT
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _test_settings():
    """Each test starts with an empty page cache (the in-process one, the shared content of
    core.fragments, and the shared file cache, which lives in the run's VAR_DIR as make run
    has it in var/) and in English."""
    from django.core.cache import caches

    from twincity.core import fragments, pagecache
    from twincity.core.generation import recent_generation

    caches["shared"].clear()
    recent_generation.forget()
    # Kept answers (trip plans, PDFs: core/answers.py) must not outlive the test's data.
    caches["default"].clear()
    pagecache.clear()
    fragments.clear()
    # A request leaves its language active in the thread; each test starts in English.
    translation.activate("en")
    yield
    translation.deactivate()
    pagecache.clear()
    fragments.clear()
