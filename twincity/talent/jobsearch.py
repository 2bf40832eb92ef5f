"""Job search: open vacancies filtered by city, industry, major, skill, pay, education and
keywords.

A keyword matches in either language — titles, descriptions, skills, the enterprise's names —
and a query of several words (Chinese is cut into words first) needs each of them somewhere.
A major or skill (as a filter, or as the whole query) is found by any of its spellings in the
vocabulary: 物流管理 finds the vacancies that ask for "Logistics management" too.
"""

import json
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from twincity.core.generation import GenerationMemo, current_generation
from twincity.core.vocabulary import INDUSTRIES, MAJORS, SKILLS, Vocabulary
from twincity.directory.models import Organisation
from twincity.textsearch.segment import query_terms

from .models import Application, Fair, Vacancy
from .profiles import ENGINE_FIELDS, as_vacancy, best_vacancies

KEYWORD_FIELDS = (
    "title_en",
    "title_zh",
    "description_en",
    "description_zh",
    "organisation__name_en",
    "organisation__name_zh",
)
LIST_FIELDS = ("skills", "majors")  # JSON lists of terms
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
    major: str = "",
    skill: str = "",
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
        vacancies = vacancies.filter(industry=INDUSTRIES.key(industry) or industry)
    if major:
        vacancies = vacancies.filter(asks_for("majors", MAJORS, major))
    if skill:
        vacancies = vacancies.filter(asks_for("skills", SKILLS, skill))
    if salary:
        vacancies = vacancies.filter(salary_max__gte=salary)
    if education:
        # The graduate's level: vacancies asking for that level or less.
        vacancies = vacancies.filter(education__lte=education)
    if fair is not None:
        vacancies = vacancies.filter(fair=fair)
    if organisation is not None:
        vacancies = vacancies.filter(organisation=organisation)
    if q:
        vacancies = vacancies.filter(query_matches(q))
    return vacancies.order_by(*ORDERINGS.get(order, ORDERINGS["newest"]))


# Scoring is in Python: the newest open vacancies are the ones considered.
RECOMMENDATION_CANDIDATES = 2000
# The open vacancies as the engine reads them are kept per content generation and day (saving a
# vacancy or an organisation starts a new generation; deadlines pass by the day): reading and
# converting them on every view of the job search cost more than the scoring. A graduate's
# applications are left out afterwards, so this many more are kept.
CANDIDATE_MARGIN = 500
_engine_candidates = GenerationMemo(max_values=4)


def recommended_vacancies(profile, limit: int, applied: set[int] | None = None) -> list:
    """The open vacancies that fit the graduate best, those they applied to (`applied`, ids
    of vacancies, read here if not given) left out, each with its explained score."""
    if applied is None:
        applied = set(
            Application.objects.filter(graduate=profile).values_list("vacancy_id", flat=True)
        )
    if len(applied) > CANDIDATE_MARGIN:  # more than the kept margin: read them afresh
        candidates = engine_candidates(timezone.localdate(), exclude=applied)
    else:
        today = timezone.localdate()
        kept = _engine_candidates.get(today, current_generation(), lambda: engine_candidates(today))
        candidates = [pair for pair in kept if pair[0] not in applied]
    best = best_vacancies(profile, candidates[:RECOMMENDATION_CANDIDATES], limit)
    vacancies = Vacancy.objects.select_related("organisation").in_bulk([pk for pk, _ in best])
    return [(vacancies[pk], match) for pk, match in best if pk in vacancies]


def engine_candidates(today: date, exclude: set[int] = frozenset()) -> list[tuple[int, object]]:
    """(id, the engine's vacancy) of the newest open vacancies, these ids left out."""
    rows = (
        open_vacancies(today)
        .exclude(pk__in=exclude or [0])
        .order_by("-created_at", "-pk")
        # Only what the engine reads: whole vacancies cost five times as much to load.
        .values_list("id", *ENGINE_FIELDS, named=True)[
            : RECOMMENDATION_CANDIDATES + CANDIDATE_MARGIN
        ]
    )
    return [(row.id, as_vacancy(row)) for row in rows]


def query_matches(q: str) -> Q:
    """Every word of the query somewhere, or the whole query naming a major, skill or industry
    the vacancy asks for (in any spelling: "Logistics management" finds 物流管理)."""
    every_word = Q()
    for term in query_terms(q):
        every_word &= keyword_matches(term)
    named = Q()
    for field, vocabulary in (("majors", MAJORS), ("skills", SKILLS)):
        if vocabulary.key(q):
            named |= asks_for(field, vocabulary, q)
    if INDUSTRIES.key(q):
        named |= Q(industry=INDUSTRIES.key(q))
    return (every_word | named) if named else every_word


def keyword_matches(term: str) -> Q:
    match = Q()
    for field in KEYWORD_FIELDS:
        match |= Q(**{f"{field}__icontains": term})
    for field in LIST_FIELDS:
        match |= list_contains(field, term)
    return match


def asks_for(field: str, vocabulary: Vocabulary, value: str) -> Q:
    """Vacancies whose list `field` holds `value`: for a term of the vocabulary, any of its
    spellings as a whole item (so "PS" is Photoshop, not any word with "ps" in it); for other
    text, the text within an item."""
    if vocabulary.key(value) is None:
        return list_contains(field, value)
    match = Q()
    for spelling in vocabulary.spellings(value):
        match |= list_contains(field, spelling, whole_item=True)
    return match


def list_contains(field: str, text: str, whole_item: bool = False) -> Q:
    """`text` in the JSON of a list field, within an item or (`whole_item`) as one, quotes
    included. SQLite keeps the JSON ASCII-escaped (物流 as \\u7269\\u6d41), PostgreSQL as
    written: both forms are looked for."""
    written, escaped = json.dumps(text, ensure_ascii=False), json.dumps(text)
    forms = {written, escaped} if whole_item else {written[1:-1], escaped[1:-1]}
    match = Q()
    for form in forms:
        match |= Q(**{f"{field}__icontains": form})
    return match
