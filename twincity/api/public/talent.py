"""Vacancies and job fairs (public fields only: what the job pages show)."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.directory.models import Organisation
from twincity.talent.forms import JobSearchForm
from twincity.talent.jobsearch import find_vacancies
from twincity.talent.models import Education, Fair, Industry, Vacancy

from ..pagination import CursorPagination, Listing
from ..schemas import LIST_ERRORS, READ_ERRORS
from .common import Id, LanguageParams, checked_filters, choices_literal, language, links, not_found

vacancies_router = Router(tags=["Vacancies"])
fairs_router = Router(tags=["Job fairs"])

TalentCity = choices_literal([City.CHENGDU, City.CHONGQING, City.OTHER])
IndustryKey = choices_literal(Industry.values)


class VacancyQuery(LanguageParams):
    city: TalentCity | None = None
    industry: IndustryKey | None = None
    major: str | None = Field(None, max_length=100, description="In either language.")
    skill: str | None = Field(None, max_length=100, description="In either language.")
    salary: int | None = Field(
        None, ge=0, le=1_000_000, description="Monthly salary at least (CNY)."
    )
    education: int | None = Field(
        None, ge=1, le=5, description="The graduate's level: vacancies asking for it or less."
    )
    q: str | None = Field(None, max_length=100, description="Keywords, in either language.")
    order: choices_literal(["newest", "salary"]) | None = None


class Employer(Schema):
    id: int
    name: str


class VacancyOut(Schema):
    id: int
    title: str
    title_en: str
    title_zh: str
    description: str
    organisation: Employer
    city: TalentCity
    district: str
    industry: IndustryKey
    industry_label: str
    salary_min: int = Field(description="Monthly, CNY.")
    salary_max: int = Field(description="Monthly, CNY.")
    headcount: int
    education: int
    education_label: str
    majors: list[str]
    skills: list[str]
    deadline: date
    fair_id: int | None
    url: str
    urls: dict[str, str]


class FairOut(Schema):
    id: int
    title: str
    title_en: str
    title_zh: str
    description: str
    mode: choices_literal(Fair.Mode.values)
    city: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    organisers: list[Employer]
    url: str
    urls: dict[str, str]


def vacancy_item(vacancy: Vacancy, request: HttpRequest) -> dict:
    lang = language(request)
    return {
        "id": vacancy.pk,
        "title": localised(vacancy, "title", lang),
        "title_en": vacancy.title_en,
        "title_zh": vacancy.title_zh,
        "description": localised(vacancy, "description", lang),
        "organisation": {
            "id": vacancy.organisation_id,
            "name": localised(vacancy.organisation, "name", lang),
        },
        "city": vacancy.city,
        "district": vacancy.district,
        "industry": vacancy.industry,
        "industry_label": vacancy.get_industry_display(),
        "salary_min": vacancy.salary_min,
        "salary_max": vacancy.salary_max,
        "headcount": vacancy.headcount,
        "education": vacancy.education,
        "education_label": str(Education(vacancy.education).label),
        "majors": list(vacancy.majors or []),
        "skills": list(vacancy.skills or []),
        "deadline": vacancy.deadline,
        "fair_id": vacancy.fair_id,
        **links(request, "talent:vacancy", vacancy.pk),
    }


def vacancy_items(vacancies: list, request: HttpRequest) -> list[dict]:
    return [vacancy_item(vacancy, request) for vacancy in vacancies]


@vacancies_router.get(
    "",
    response={200: list[VacancyOut], **LIST_ERRORS},
    summary="List open vacancies",
    description="Open vacancies before their deadline, with the job search's filters.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_vacancies(request: HttpRequest, filters: Query[VacancyQuery]):
    cleaned = checked_filters(JobSearchForm, filters.dict(exclude={"lang"}))
    return Listing(find_vacancies(**{k: v for k, v in cleaned.items() if v}), vacancy_items)


@vacancies_router.get(
    "/{int:vacancy_id}",
    response={200: VacancyOut, **READ_ERRORS},
    summary="One open vacancy",
    exclude_unset=True,
)
def get_vacancy(request: HttpRequest, vacancy_id: Id, params: Query[LanguageParams]):
    vacancy = find_vacancies().filter(pk=vacancy_id).first()
    if vacancy is None:
        raise not_found()
    return vacancy_item(vacancy, request)


def fair_item(fair: Fair, request: HttpRequest) -> dict:
    lang = language(request)
    return {
        "id": fair.pk,
        "title": localised(fair, "title", lang),
        "title_en": fair.title_en,
        "title_zh": fair.title_zh,
        "description": localised(fair, "description", lang),
        "mode": fair.mode,
        "city": fair.city,
        "venue": localised(fair, "venue", lang),
        "starts_at": fair.starts_at,
        "ends_at": fair.ends_at,
        "organisers": [
            {"id": organisation.pk, "name": localised(organisation, "name", lang)}
            for organisation in fair.public_organisers
        ],
        **links(request, "talent:fair", fair.pk),
    }


def fairs():
    from django.db.models import Prefetch

    return Fair.objects.prefetch_related(
        Prefetch("organisers", queryset=Organisation.objects.public(), to_attr="public_organisers")
    ).order_by("starts_at", "pk")


def fair_items(found: list, request: HttpRequest) -> list[dict]:
    return [fair_item(fair, request) for fair in found]


@fairs_router.get(
    "",
    response={200: list[FairOut], **LIST_ERRORS},
    summary="List job fairs",
    description="Every job fair, earliest first, as the job fairs page lists them.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_fairs(request: HttpRequest, params: Query[LanguageParams]):
    return Listing(fairs(), fair_items)


@fairs_router.get(
    "/{int:fair_id}",
    response={200: FairOut, **READ_ERRORS},
    summary="One job fair",
    exclude_unset=True,
)
def get_fair(request: HttpRequest, fair_id: Id, params: Query[LanguageParams]):
    fair = fairs().filter(pk=fair_id).first()
    if fair is None:
        raise not_found()
    return fair_item(fair, request)
