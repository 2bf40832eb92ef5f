"""Job search: open vacancies filtered by city, industry, pay, education and keywords.

A keyword matches in either language — titles, descriptions, skills, the enterprise's names —
and a query of several words (Chinese is cut into words first) needs each of them somewhere.
"""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from twincity.directory.models import Organisation
from twincity.textsearch.segment import query_terms

from .models import Fair, Vacancy
from .profiles import vacancies_for

KEYWORD_FIELDS = (
    "title_en",
    "title_zh",
    "description_en",
    "description_zh",
    "skills",
    "majors",
    "organisation__name_en",
    "organisation__name_zh",
)
ORDERINGS = {"newest": ("-created_at", "-pk"), "salary": ("-salary_max", "-pk")}


def open_vacancies(today: date | None = None) -> QuerySet:
    """Vacancies the public sees: open, before their deadline, of an enterprise in the public
    directory (never one a sign-up added that organisers have not approved yet)."""
    today = today or timezone.localdate()
    return Vacancy.objects.filter(
        status=Vacancy.Status.OPEN,
        deadline__gte=today,
        organisation__in=Organisation.objects.public(),
    )


def find_vacancies(
    *,
    city: str = "",
    industry: str = "",
    salary: int | None = None,
    education: int | None = None,
    q: str = "",
    fair: Fair | None = None,
    organisation: Organisation | None = None,
    order: str = "newest",
) -> QuerySet:
    vacancies = open_vacancies().select_related("organisation", "fair")
    if city:
        vacancies = vacancies.filter(city=city)
    if industry:
        vacancies = vacancies.filter(industry=industry)
    if salary:
        vacancies = vacancies.filter(salary_max__gte=salary)
    if education:
        # The graduate's level: vacancies asking for that level or less.
        vacancies = vacancies.filter(education__lte=education)
    if fair is not None:
        vacancies = vacancies.filter(fair=fair)
    if organisation is not None:
        vacancies = vacancies.filter(organisation=organisation)
    for term in query_terms(q) if q else ():
        vacancies = vacancies.filter(keyword_matches(term))
    return vacancies.order_by(*ORDERINGS.get(order, ORDERINGS["newest"]))


# Scoring is in Python: the newest open vacancies are the ones considered.
RECOMMENDATION_CANDIDATES = 2000


def recommended_vacancies(profile, limit: int) -> list:
    """The open vacancies that fit the graduate best, those they applied to left out, each
    with its explained score."""
    candidates = (
        open_vacancies()
        .exclude(applications__graduate=profile)
        .select_related("organisation")
        .order_by("-created_at", "-pk")[:RECOMMENDATION_CANDIDATES]
    )
    return vacancies_for(profile, list(candidates), limit)


def keyword_matches(term: str) -> Q:
    match = Q()
    for field in KEYWORD_FIELDS:
        match |= Q(**{f"{field}__icontains": term})
    return match
