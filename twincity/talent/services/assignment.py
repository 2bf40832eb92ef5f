"""The fair-wide stable assignment: organisers run it, look at it, and publish it as offers.

Graduates rank the vacancies they applied to at the fair; enterprises rank each vacancy's
applicants. Where someone has not ranked, the order falls back to something they would
recognise: a graduate's unranked applications follow their ranked ones, oldest first; an
enterprise's unranked applicants follow its ranked ones by their match score. Applications
that are declined or withdrawn take no part.
"""

from collections import defaultdict

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..errors import AssignmentError
from ..matching.stable import FairRankings, graduate_optimal_assignment
from ..models import Application, AssignmentRun, Fair
from ..profiles import match_score
from .applications import FINISHED, TAKING_PART, Status, change_status


def fair_applications(fair: Fair) -> list[Application]:
    return list(
        Application.objects.filter(
            vacancy__fair=fair, status__in=TAKING_PART, graduate__isnull=False
        )
        .select_related("vacancy", "graduate")
        .order_by("pk")
    )


def fair_rankings(fair: Fair, applications: list[Application]) -> FairRankings:
    by_graduate: dict[int, list[Application]] = defaultdict(list)
    by_vacancy: dict[int, list[Application]] = defaultdict(list)
    for application in applications:
        by_graduate[application.graduate_id].append(application)
        by_vacancy[application.vacancy_id].append(application)
    graduate_rankings = {
        graduate: [a.vacancy_id for a in sorted(apps, key=graduate_preference)]
        for graduate, apps in by_graduate.items()
    }
    vacancy_rankings = {
        vacancy: [a.graduate_id for a in sorted(apps, key=enterprise_preference)]
        for vacancy, apps in by_vacancy.items()
    }
    headcounts = {a.vacancy_id: a.vacancy.headcount for a in applications}
    return FairRankings(graduate_rankings, vacancy_rankings, headcounts)


def graduate_preference(application: Application) -> tuple:
    rank = application.graduate_rank
    return (rank is None, rank or 0, application.created_at, application.pk)


def enterprise_preference(application: Application) -> tuple:
    rank = application.enterprise_rank
    score = match_score(application.graduate, application.vacancy).total
    return (rank is None, rank or 0, -score, application.pk)


@transaction.atomic
def run_assignment(fair: Fair, by: User) -> AssignmentRun:
    access.check_organiser(by)
    applications = fair_applications(fair)
    if not applications:
        raise AssignmentError(_("No applications at this fair take part yet."))
    placed = graduate_optimal_assignment(fair_rankings(fair, applications))
    matched = [a.pk for a in applications if placed.get(a.graduate_id) == a.vacancy_id]
    vacancies = {a.vacancy_id: a.vacancy.headcount for a in applications}
    return AssignmentRun.objects.create(
        fair=fair,
        run_by=by,
        matched_applications=matched,
        graduates=len({a.graduate_id for a in applications}),
        vacancies=len(vacancies),
        openings=sum(vacancies.values()),
    )


@transaction.atomic
def publish_assignment(run: AssignmentRun, by: User) -> int:
    """Turn the run's pairs into offers (each graduate gets an e-mail); returns how many."""
    access.check_organiser(by)
    run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
    if run.published_at:
        raise AssignmentError(_("This assignment has been published already."))
    if run.fair.assignment_runs.filter(published_at__isnull=False).exists():
        raise AssignmentError(_("Another assignment of this fair has been published already."))
    latest = run.fair.assignment_runs.latest()
    if latest.pk != run.pk:
        raise AssignmentError(_("A newer run exists: publish the newest one."))
    offers = 0
    for application in Application.objects.filter(pk__in=run.matched_applications).order_by("pk"):
        if application.status in FINISHED or application.status == Status.OFFER:
            continue  # withdrawn or declined since the run: no offer
        change_status(application, Status.OFFER, by=by, as_organiser=True)
        offers += 1
    run.published_at = timezone.now()
    run.published_by = by
    run.save(update_fields=["published_at", "published_by"])
    return offers
