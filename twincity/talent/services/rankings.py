"""Rankings for a fair's stable assignment: the graduate's order of vacancies and the
enterprise's order of applicants."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from .. import access
from ..errors import NotAllowed, TalentError
from ..models import (
    Application,
    Fair,
    Vacancy,
)
from .applications import TAKING_PART
from .vacancies import vacancy_of_enterprise


@transaction.atomic
def rank_my_applications(user: User, fair: Fair, ordered_application_ids: list[int]) -> None:
    """The graduate's order of preference (first = most wanted) over all their applications
    that take part in the fair's stable assignment; a partial or foreign list is refused."""
    graduate = access.graduate_of(user)
    check_rankings_open(fair)
    ids = list(ordered_application_ids)
    if len(set(ids)) != len(ids):
        raise TalentError(_("Give each application its own place in the order."))
    chosen = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy")
        .filter(pk__in=ids)
    )
    if any(application.graduate_id != graduate.pk for application in chosen):
        raise NotAllowed(_("This is not your application."))
    if any(application.vacancy.fair_id != fair.pk for application in chosen):
        raise TalentError(_("Rank only your applications to vacancies of this fair."))
    taking_part = set(
        graduate.applications.filter(vacancy__fair=fair, status__in=TAKING_PART).values_list(
            "pk", flat=True
        )
    )
    if set(ids) != taking_part:
        raise TalentError(
            _(
                "Your applications at this fair have changed since you opened the page. "
                "Check the order and save it again."
            )
        )
    for place, application_id in enumerate(ids, start=1):
        Application.objects.filter(pk=application_id).update(graduate_rank=place)


def check_rankings_open(fair: Fair) -> None:
    """Once the organisers publish the fair's assignment as offers, its rankings are history."""
    if fair.assignment_runs.filter(published_at__isnull=False).exists():
        raise TalentError(_("The fair's assignment has been published: rankings are closed."))


@transaction.atomic
def rank_applicants(
    user: User, vacancy: Vacancy, ordered_application_ids: list[int]
) -> list[Application]:
    """The enterprise's order of a fair vacancy's applicants (best first) for the fair's stable
    assignment: each applicant taking part exactly once; ranks become 1..n."""
    vacancy = vacancy_of_enterprise(user, vacancy.pk)
    if vacancy.fair_id is None:
        raise TalentError(_("Only vacancies at a job fair are ranked for its assignment."))
    if vacancy.fair.assignment_runs.filter(published_at__isnull=False).exists():
        raise TalentError(_("The fair's assignment has been published: rankings are closed."))
    taking_part = {
        application.pk: application
        for application in Application.objects.select_for_update(of=("self",)).filter(
            vacancy=vacancy, status__in=TAKING_PART, graduate__isnull=False
        )
    }
    if sorted(ordered_application_ids) != sorted(taking_part):
        raise TalentError(
            _("Rank every applicant taking part exactly once; the list has changed meanwhile.")
        )
    for rank, application_id in enumerate(ordered_application_ids, start=1):
        application = taking_part[application_id]
        application.enterprise_rank = rank
        application.save(update_fields=["enterprise_rank", "updated_at"])
    return [taking_part[application_id] for application_id in ordered_application_ids]
