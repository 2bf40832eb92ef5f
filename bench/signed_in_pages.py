"""Part of bench/load.py --signed-in: run in the benchmark's copy of the site (its environment
says which database), prints as JSON the addresses of the listing and detail pages to measure
and the session cookie of a signed-in demo graduate.

    TWINCITY_VAR_DIR=... .venv/bin/python bench/signed_in_pages.py [--language zh-hans]

Each page is one the demo content has in plenty: the busiest place, event, organisation and
vacancy, so that the figures are those of a full page rather than of an empty one.
"""

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twincity.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from twincity.directory.models import Organisation  # noqa: E402
from twincity.events.models import EventIndexPage, EventPage  # noqa: E402
from twincity.news.models import NewsArticlePage, NewsIndexPage  # noqa: E402
from twincity.portal.models import HomePage  # noqa: E402
from twincity.talent.models import Fair, GraduateProfile, Vacancy  # noqa: E402
from twincity.tourism.models import GuidebookPage, PlaceIndexPage, PlacePage  # noqa: E402

SEARCH_TERMS = {"en": "festival", "zh-hans": "美食"}
SEED_ARTICLE = "chengdu-chongqing-ramp-up-cooperation"  # the article of the anonymous figures


def page_paths(language: str) -> dict[str, str]:
    locale = Locale.objects.get(language_code=language)

    def first(model, *order: str):
        return model.objects.live().filter(locale=locale).order_by(*order, "path").first()

    upcoming = (
        EventPage.objects.live()
        .filter(locale=locale, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    ) or first(EventPage, "-starts_at")
    seed = NewsArticlePage.objects.get(slug=SEED_ARTICLE, locale__language_code="en")
    article = NewsArticlePage.objects.get(translation_key=seed.translation_key, locale=locale)
    event_id = EventPage.objects.get(
        translation_key=upcoming.translation_key, locale__language_code="en"
    ).pk
    organisation = (
        Organisation.objects.public().annotate(jobs=Count("vacancies")).order_by("-jobs").first()
    )
    vacancy = Vacancy.objects.filter(organisation__in=Organisation.objects.public()).first()
    with translation.override(language):
        return {
            "home": first(HomePage).url,
            "news index": first(NewsIndexPage).url,
            "article": article.url,
            "travel index": first(PlaceIndexPage).url,
            "place": first(PlacePage, "-popularity").url,
            "guidebook": first(GuidebookPage).url,
            "events index": first(EventIndexPage).url,
            "event": upcoming.url,
            "event registration": reverse("events:event-register", args=[event_id]),
            "directory index": reverse("directory:index"),
            "organisation": reverse("directory:organisation", args=[organisation.pk]),
            "job search": reverse("talent:job-search"),
            "vacancy": reverse("talent:vacancy", args=[vacancy.pk]),
            "job fairs": reverse("talent:fair-list"),
            "fair": reverse("talent:fair", args=[Fair.objects.order_by("starts_at").first().pk]),
            # Percent-encoded: wrk and urllib send the address as it is (美食 on the Chinese site).
            "search": reverse("portal:search") + "?" + urlencode({"q": SEARCH_TERMS[language]}),
        }


def graduate_session_cookie() -> str:
    """A demo graduate with applications, signed in: the session row is in the database."""
    graduate = (
        GraduateProfile.objects.annotate(count=Count("applications"))
        .order_by("-count", "pk")
        .select_related("user")
        .first()
    )
    client = Client()
    logging.disable(logging.INFO)  # django-axes logs each sign-in to stdout, where the JSON goes
    client.force_login(graduate.user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=sorted(SEARCH_TERMS))
    args = parser.parse_args()
    print(json.dumps({"paths": page_paths(args.language), "cookie": graduate_session_cookie()}))
