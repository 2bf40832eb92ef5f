"""Open vacancies in the site search (registered in wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.directory.selectors import LOGO_FILTERS
from twincity.textsearch.sources import Found, SearchSource

from .jobsearch import open_vacancies
from .models import Vacancy


def describe_vacancy(vacancy: Vacancy, request) -> Found:
    return Found(
        title=localised(vacancy, "title") or vacancy.title_zh,
        url=reverse("talent:vacancy", args=[vacancy.pk]),
        passage_text=localised(vacancy, "description") or vacancy.description_zh,
        date=vacancy.deadline,
        date_label=_("Apply by"),
        city=vacancy.city,
        city_label=City(vacancy.city).label,
        details=(localised(vacancy.organisation, "name"),),
        is_demo=vacancy.is_demo,
    )


VACANCIES = SearchSource(
    key="jobs",
    label=_("Jobs"),
    # What the jobs listing shows: open, before the deadline, of a listed enterprise.
    objects=lambda: open_vacancies().select_related("organisation"),
    describe=describe_vacancy,
    image_field="organisation__logo",
    image_filter=LOGO_FILTERS["list"],
    logo=True,
)
