"""Applications and their pipeline: applied → reviewed → interview → offer → hired,
or declined / withdrawn; who may move an application where, and the log of each move."""

from datetime import date

from django.contrib.auth.models import User
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core.localisation import localised

from .. import access
from ..errors import ApplicationError, NotAllowed
from ..models import (
    Application,
    ApplicationChange,
    GraduateProfile,
    Vacancy,
)
from ..tasks import absolute_url, send_after_commit
from .confirmation import email_confirmed

Status = Application.Status


# The pipeline: applied → reviewed → interview → offer → hired, or declined / withdrawn.
ENTERPRISE_MOVES = {
    Status.APPLIED: {Status.REVIEWED, Status.INTERVIEW, Status.DECLINED},
    Status.REVIEWED: {Status.INTERVIEW, Status.OFFER, Status.DECLINED},
    Status.INTERVIEW: {Status.OFFER, Status.DECLINED},
    Status.OFFER: {Status.HIRED, Status.DECLINED},
}


GRADUATE_MOVES = {
    Status.APPLIED: {Status.WITHDRAWN},
    Status.REVIEWED: {Status.WITHDRAWN},
    Status.INTERVIEW: {Status.WITHDRAWN},
    Status.OFFER: {Status.HIRED, Status.WITHDRAWN},
}


# Publishing the fair's stable assignment turns its pairs into offers.
ORGANISER_MOVES = {
    Status.APPLIED: {Status.OFFER},
    Status.REVIEWED: {Status.OFFER},
    Status.INTERVIEW: {Status.OFFER},
}


FINISHED = {Status.HIRED, Status.DECLINED, Status.WITHDRAWN}
# Applications that take part in a fair's stable assignment.
TAKING_PART = [Status.APPLIED, Status.REVIEWED, Status.INTERVIEW]


@transaction.atomic
def apply(
    user: User, vacancy: Vacancy, cover_note: str = "", today: date | None = None
) -> Application:
    graduate = access.graduate_of(user)
    today = today or timezone.localdate()
    if not vacancy.takes_applications(today):
        raise ApplicationError(_("This vacancy no longer takes applications."))
    if not email_confirmed(user):
        # The enterprise answers by e-mail: the address must be the graduate's own.
        raise ApplicationError(
            _("Confirm your e-mail address before you apply: follow the link we e-mailed you.")
        )
    if not graduate.cv:
        raise ApplicationError(_("Upload your CV (PDF) to your profile before you apply."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                graduate=graduate, vacancy=vacancy, school=graduate.school, cover_note=cover_note
            )
    except IntegrityError as error:
        raise ApplicationError(_("You have applied for this vacancy already.")) from error
    record_change(application, Status.APPLIED, user)
    keep_cv_sent(application, graduate)
    return application


def keep_cv_sent(application: Application, graduate: GraduateProfile) -> None:
    """Copy the graduate's CV to the application's own private file: the enterprise sees the
    CV that was sent, whatever the graduate uploads later. (Written last in `apply`, so that
    little can roll the row back and leave the copy behind.)"""
    with graduate.cv.open("rb") as current:
        application.cv.save("cv.pdf", File(current), save=False)
    Application.objects.filter(pk=application.pk).update(cv=application.cv.name)


CLOSED = {Status.WITHDRAWN, Status.DECLINED}


def forget_cv_sent(application: Application) -> None:
    """The application is withdrawn or declined: the enterprise's access to the CV ends, and
    the copy goes once the change commits."""
    if not application.cv:
        return
    storage, name = application.cv.storage, application.cv.name
    Application.objects.filter(pk=application.pk).update(cv="")
    application.cv = ""
    transaction.on_commit(lambda: storage.delete(name))


def change_status(
    application: Application, status: str, by: User, *, as_organiser: bool = False
) -> Application:
    """One step of the pipeline, by the enterprise or (withdraw, accept an offer) the graduate."""
    return bulk_change_status([application.pk], status, by, as_organiser=as_organiser)[0]


@transaction.atomic
def bulk_change_status(
    application_ids: list[int], status: str, by: User, *, as_organiser: bool = False
) -> list[Application]:
    """Move several applications at once, all or none: one that cannot move refuses the lot."""
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy", "graduate__user")
        .filter(pk__in=application_ids)
        .order_by("pk")
    )
    if len(applications) != len(set(application_ids)):
        raise ApplicationError(_("Some of these applications do not exist any more."))
    if as_organiser:
        access.check_organiser(by)
        moves = ORGANISER_MOVES
    else:
        moves = allowed_moves_for(by, applications)
    for application in applications:
        if status not in moves.get(application.status, set()):
            raise ApplicationError(
                _("An application that is “%(current)s” cannot become “%(new)s”.")
                % {"current": application.get_status_display(), "new": Status(status).label}
            )
    for application in applications:
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        record_change(application, status, by)
        if status in CLOSED:
            forget_cv_sent(application)
    return applications


def allowed_moves_for(user: User, applications: list[Application]) -> dict:
    graduate = getattr(user, "graduate", None)
    if graduate is not None:
        if any(application.graduate_id != graduate.pk for application in applications):
            raise NotAllowed(_("This is not your application."))
        return GRADUATE_MOVES
    recruiter = access.approved_recruiter(user)
    for application in applications:
        access.check_recruiter_owns_application(recruiter, application)
    return ENTERPRISE_MOVES


def mark_reviewed(application: Application, by: User) -> None:
    """A recruiter opened the application: "applied" becomes "reviewed" on its own."""
    # An application of a deleted account stays as it was: there is nobody to review.
    if application.status == Status.APPLIED and application.graduate_id is not None:
        change_status(application, Status.REVIEWED, by)


def record_change(application: Application, status: str, by: User) -> None:
    ApplicationChange.objects.create(application=application, status=status, changed_by=by)
    graduate = application.graduate
    if graduate is None:
        return
    vacancy = application.vacancy
    send_after_commit(
        "application_status",
        graduate.user.email,
        graduate.language,
        {
            "full_name": graduate.full_name,
            "status": status,
            "vacancy_en": str(vacancy),
            "vacancy_zh": vacancy.title_zh or str(vacancy),
            "organisation_en": vacancy.organisation.name_en,
            "organisation_zh": vacancy.organisation.name_zh,
            "url": absolute_url("talent:my-applications", graduate.language),
        },
    )


ENTERPRISE_STATUSES = {status for moves in ENTERPRISE_MOVES.values() for status in moves}


@transaction.atomic
def move_applicants(user: User, application_ids: list[int], status: str) -> list[Application]:
    """The enterprise moves applicants along the pipeline, all or none. A refusal names every
    applicant who cannot move; applications of deleted accounts never move."""
    recruiter = access.approved_recruiter(user)
    if status not in ENTERPRISE_STATUSES:
        raise ApplicationError(_("Choose what should happen to the selected applications."))
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy", "graduate")
        .filter(pk__in=application_ids)
        .order_by("pk")
    )
    for application in applications:
        access.check_recruiter_owns_application(recruiter, application)
    stuck = [
        application
        for application in applications
        if application.graduate_id is None
        or status not in ENTERPRISE_MOVES.get(application.status, set())
    ]
    if stuck:
        raise ApplicationError(
            _("Nothing was changed: these applications cannot become “%(new)s”: %(which)s.")
            % {"new": Status(status).label, "which": "; ".join(map(described, stuck))}
        )
    return bulk_change_status(application_ids, status, user)


def described(application: Application) -> str:
    """“Li Lei, Warehouse clerk (Offer)”: enough for a recruiter to find the row."""
    who = application.graduate.full_name if application.graduate else _("Deleted account")
    vacancy = application.vacancy
    title = localised(vacancy, "title") or str(vacancy)
    return f"{who}, {title} ({application.get_status_display()})"
