"""The race tests' live sites: one with the events' locks and one without, each started once per
run and shared by every race test (each sets up an event of its own on it)."""

import pytest

from . import race


@pytest.fixture(scope="session")
def locked_site(tmp_path_factory):
    with race.live_site(tmp_path_factory.mktemp("locked") / "var", locking=True) as site:
        yield site


@pytest.fixture(scope="session")
def unlocked_site(tmp_path_factory):
    with race.live_site(tmp_path_factory.mktemp("unlocked") / "var", locking=False) as site:
        yield site
