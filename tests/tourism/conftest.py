"""The tourism tests run on the demo site plus a small places file of our own, so that they
do not depend on the full data set (twincity/tourism/data/places.json) being present."""

from pathlib import Path

import pytest

from twincity.core.demo import ensure_locales
from twincity.portal.demo import load_site

FIXTURE_PLACES = Path(__file__).resolve().parent / "fixtures" / "places.json"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from twincity.tourism.demo import load_tourism

    with django_db_blocker.unblock():
        load_tourism(load_site(), ensure_locales(), FIXTURE_PLACES)


@pytest.fixture
def locales(db):
    return ensure_locales()


@pytest.fixture
def place(db):
    """An English place page by slug."""
    from twincity.tourism.models import PlacePage

    def find(slug: str, language: str = "en") -> PlacePage:
        return PlacePage.objects.get(slug=slug, locale__language_code=language)

    return find
