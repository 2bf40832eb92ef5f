"""The demo events: the seed article's events on their dates, the team's own events of 2027
with what registration needs, both languages; loading again adds nothing.

`load_demo` has loaded them once for the test database (tests/conftest.py).
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from twincity.core.demo import ensure_locales
from twincity.events.demo import OWN_EVENTS_FILE, SEED_EVENTS_FILE, load_events, read_events
from twincity.events.models import (
    BoothSpace,
    EventIndexPage,
    EventPage,
    Question,
    TicketType,
)
from twincity.events.permissions import ORGANISERS_GROUP
from twincity.portal.models import HomePage

pytestmark = pytest.mark.django_db

SEED_EVENTS = read_events(SEED_EVENTS_FILE)
OWN_EVENTS = read_events(OWN_EVENTS_FILE)
ALL_EVENTS = SEED_EVENTS + OWN_EVENTS


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (EventIndexPage, EventPage, TicketType, Question, BoothSpace)
    )


def load_again() -> int:
    locales = ensure_locales()
    homes = {code: HomePage.objects.get(locale=locale) for code, locale in locales.items()}
    return load_events(homes, locales)


def english(slug: str) -> EventPage:
    return EventPage.objects.get(slug=slug, locale__language_code="en")


def test_loading_again_adds_nothing():
    before = counts()
    assert load_again() == 0
    assert counts() == before


def test_loading_again_brings_back_a_deleted_event_once():
    english("graduate-job-fair-2021").get_translations().delete()
    english("graduate-job-fair-2021").delete()

    assert load_again() == 1
    assert load_again() == 0


def test_the_seed_events_have_the_articles_dates_in_beijing_time():
    expected = {
        "hongyadong-kuanzhai-alleys-agreement-2020": datetime.date(2020, 4, 22),
        "vocational-education-group-founded-2020": datetime.date(2020, 5, 15),
        "food-festivals-open-in-both-cities-2020": datetime.date(2020, 10, 16),
        "school-industry-seminar-2021": datetime.date(2021, 6, 4),
        "graduate-job-fair-2021": datetime.date(2021, 6, 4),
        "western-china-tourism-expo-2021": datetime.date(2021, 6, 11),
    }
    china = datetime.timezone(datetime.timedelta(hours=8))
    for slug, day in expected.items():
        assert english(slug).starts_at.astimezone(china).date() == day
    assert english("food-festivals-open-in-both-cities-2020").city == "both"


def test_every_demo_event_is_in_both_languages_and_marked_as_demo():
    chinese = Locale.objects.get(language_code="zh-hans")
    for item in ALL_EVENTS:
        page = english(item["slug"])
        translation = page.get_translation(chinese)
        assert page.is_demo and translation.live
        assert translation.title == item["title_zh"]
        assert list(translation.co_organisers.all()) == list(page.co_organisers.all())
    for item in OWN_EVENTS:
        assert "(demo)" in item["title_en"] and "（示例）" in item["title_zh"]


def test_the_own_events_are_upcoming_with_tickets_questions_and_organisers():
    for item in OWN_EVENTS:
        page = english(item["slug"])
        assert page.starts_at.year == 2027 and page.registration_open
        assert page.ticket_types.count() == len(item["tickets"])
        assert page.questions.count() == len(item["questions"])
        assert page.co_organisers.exists()
        assert all(t.sale_ends_at <= page.ends_at for t in page.ticket_types.all())
    kinds = {item["kind"] for item in OWN_EVENTS}
    assert {"festival", "expo", "seminar", "conference"} <= kinds


def test_the_expo_has_a_hall_plan_and_the_seed_events_take_no_registrations():
    assert english("culture-tourism-expo-2027-demo").booth_spaces.count() == 20
    for item in SEED_EVENTS:
        page = english(item["slug"])
        assert not page.registration_open and not page.ticket_types.exists()


def test_organisers_the_article_names_are_the_directorys():
    founding = english("vocational-education-group-founded-2020")
    assert set(founding.co_organisers.values_list("name_en", flat=True)) == {
        "Chengdu Polytechnic",
        "Urban Technician College of Sichuan",
    }


def test_the_organisers_group_has_its_rights_on_both_indexes():
    group = Group.objects.get(name=ORGANISERS_GROUP)
    indexes = set(EventIndexPage.objects.values_list("pk", flat=True))
    assert len(indexes) == 2
    assert set(group.page_permissions.values_list("page_id", flat=True)) == indexes


def test_the_demo_pages_render_in_both_languages(client):
    for language in ("en", "zh-hans"):
        assert client.get(f"/{language}/events/").status_code == 200
        for item in ALL_EVENTS:
            assert client.get(f"/{language}/events/{item['slug']}/").status_code == 200


def test_the_seed_job_fair_shows_the_talent_demos_fair_once_it_exists():
    from tests.talent import factories as talent
    from twincity.talent.demo import FAIR_TITLE_EN

    fair = talent.fair(title_en=FAIR_TITLE_EN)

    load_again()

    job_fair = english("graduate-job-fair-2021")
    assert job_fair.fair == fair
    assert all(
        page.fair == fair
        for page in EventPage.objects.filter(translation_key=job_fair.translation_key)
    )
