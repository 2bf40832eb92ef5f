"""load_demo runs the apps' registered demo loaders in their order (core.hooks.DEMO_LOADERS):
the job fair's data come before the events, so the seed's job-fair event page shows its fair
from the first run of `make run`, not the second."""

import pytest
from django.core.management import call_command
from wagtail import hooks

from twincity.core.hooks import DEMO_LOADERS
from twincity.events.models import EventPage
from twincity.portal.management.commands.load_demo import loader_app
from twincity.talent.demo import FAIR_TITLE_EN
from twincity.talent.models import Fair

pytestmark = pytest.mark.django_db


def test_the_apps_load_their_demo_in_dependency_order():
    order = [loader_app(loader) for loader in hooks.get_hooks(DEMO_LOADERS)]
    # invest loads three parts: content (60), offices and rules (61), demo cases (62); the
    # dashboard (90) registrations for the events it counts.
    assert order == [
        "news",
        "directory",
        "talent",
        "events",
        "tourism",
        "invest",
        "invest",
        "invest",
        "dashboard",
    ]


def test_the_first_load_links_the_seed_job_fair_event_to_its_fair():
    # The test database holds the demo without the job fair's data (conftest.py): as a fresh
    # site does when load_demo comes to the talent loader.
    assert not Fair.objects.filter(title_en=FAIR_TITLE_EN).exists()
    assert not EventPage.objects.filter(slug="graduate-job-fair-2021").exclude(fair=None).exists()

    call_command("load_demo", verbosity=0)

    fair = Fair.objects.get(title_en=FAIR_TITLE_EN)
    pages = EventPage.objects.filter(slug="graduate-job-fair-2021")
    assert {page.locale.language_code for page in pages} == {"en", "zh-hans"}
    assert all(page.fair == fair for page in pages)
    assert fair.vacancies.count() > 0


def test_an_unknown_app_to_skip_is_named(capsys):
    apps = ["news", "directory", "talent", "events", "tourism"]
    call_command("load_demo", skip=[*apps, "nonsense"], verbosity=0)
    assert "No demo loader for: nonsense" in capsys.readouterr().err
