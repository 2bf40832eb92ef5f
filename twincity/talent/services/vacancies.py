"""Vacancies: an enterprise's rules for a vacancy, and finding its own."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..errors import NotAllowed, TalentError
from ..models import (
    Booth,
    Vacancy,
)


def save_vacancy(user: User, vacancy: Vacancy) -> Vacancy:
    """Post a new vacancy or save changes to one of the recruiter's enterprise."""
    recruiter = access.approved_recruiter(user)
    return save_enterprise_vacancy(recruiter.organisation_id, vacancy, user)


def save_enterprise_vacancy(
    organisation_id: int, vacancy: Vacancy, user: User | None = None
) -> Vacancy:
    """The rules of `save_vacancy` for an enterprise known otherwise than by a recruiter's
    account (a partner's key of the API): the same checks, the same messages."""
    if vacancy.pk and vacancy.organisation_id != organisation_id:
        raise NotAllowed(_("This vacancy belongs to another enterprise."))
    vacancy.organisation_id = organisation_id
    vacancy.posted_by = vacancy.posted_by or user
    problems = vacancy_problems(vacancy)
    if problems:
        raise TalentError(" ".join(problems.values()))
    try:
        vacancy.full_clean()
    except ValidationError as error:
        raise TalentError(" ".join(error.messages)) from error
    with transaction.atomic():
        vacancy.save()
        if vacancy.fair_id:
            Booth.objects.get_or_create(
                fair_id=vacancy.fair_id, organisation_id=vacancy.organisation_id
            )
    return vacancy


def vacancy_problems(vacancy: Vacancy, today: date | None = None) -> dict[str, str]:
    """What stops a vacancy as typed from being saved, by field; empty if nothing does.

    Fields left empty (None) are not judged: the form reports those itself.
    """
    today = today or timezone.localdate()
    problems = {}
    if not (vacancy.title_en or "").strip() and not (vacancy.title_zh or "").strip():
        problems["title_en"] = _("Give the title in English, in Chinese or in both.")
    low, high = vacancy.salary_min, vacancy.salary_max
    if low is not None and high is not None and low > high:
        problems["salary_max"] = _("The salary “to” must not be lower than the salary “from”.")
    if vacancy.headcount is not None and vacancy.headcount < 1:
        problems["headcount"] = _("A vacancy has at least one opening.")
    if vacancy.pk is None and vacancy.deadline is not None and vacancy.deadline < today:
        problems["deadline"] = _("The application deadline of a new vacancy cannot be in the past.")
    return problems


def vacancy_of_enterprise(user: User, vacancy_id: int) -> Vacancy:
    """One of the recruiter's enterprise's vacancies; another enterprise's is refused."""
    recruiter = access.approved_recruiter(user)
    vacancy = Vacancy.objects.select_related("fair").filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotAllowed(_("This vacancy does not exist."))
    if vacancy.organisation_id != recruiter.organisation_id:
        raise NotAllowed(_("This vacancy belongs to another enterprise."))
    return vacancy
