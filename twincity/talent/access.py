"""Who may see and do what: the rules every view and service asks, in one place."""

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _

from .errors import NotAllowed
from .models import Application, GraduateProfile, InterviewBooking, Recruiter

ORGANISER_PERMISSION = "talent.change_fair"


def graduate_of(user: User | AnonymousUser) -> GraduateProfile:
    profile = getattr(user, "graduate", None) if user.is_authenticated else None
    if profile is None:
        raise NotAllowed(_("Sign in with a graduate account to do this."))
    return profile


def approved_recruiter(user: User | AnonymousUser) -> Recruiter:
    recruiter = getattr(user, "recruiter", None) if user.is_authenticated else None
    if recruiter is None:
        raise NotAllowed(_("Sign in with a recruiter account to do this."))
    if not recruiter.is_approved:
        raise NotAllowed(_("Your recruiter account is awaiting approval by the organisers."))
    return recruiter


def check_organiser(user: User | AnonymousUser) -> None:
    if not (user.is_authenticated and user.has_perm(ORGANISER_PERMISSION)):
        raise NotAllowed(_("Only the fair's organisers may do this."))


def is_organiser(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.has_perm(ORGANISER_PERMISSION)


def has_engaged_with(graduate: GraduateProfile, organisation_id: int) -> bool:
    """The graduate applied to the enterprise or booked one of its interviews: from then on
    its recruiters may see the graduate's name and contact data."""
    return graduate.pk in engaged_graduate_ids(organisation_id, [graduate.pk])


def engaged_graduate_ids(organisation_id: int, graduate_ids: list[int]) -> set[int]:
    """Which of these graduates engaged with the enterprise, in two queries however many."""
    applied = Application.objects.filter(
        graduate_id__in=graduate_ids, vacancy__organisation_id=organisation_id
    ).values_list("graduate_id", flat=True)
    booked = InterviewBooking.objects.filter(
        graduate_id__in=graduate_ids, slot__organisation_id=organisation_id
    ).values_list("graduate_id", flat=True)
    return set(applied) | set(booked)


def check_recruiter_may_view(recruiter: Recruiter, graduate: GraduateProfile) -> bool:
    """May the recruiter see this profile at all? Returns whether contact data may be shown.

    A profile is seen by enterprises the graduate engaged with, with contact data, or — if the
    graduate made it visible — by any approved recruiter, without name or contact data.
    """
    if has_engaged_with(graduate, recruiter.organisation_id):
        return True
    if graduate.visibility == GraduateProfile.Visibility.RECRUITERS:
        return False
    raise NotAllowed(_("This graduate has not shared their profile with your enterprise."))


def applications_of_enterprise(recruiter: Recruiter):
    return Application.objects.filter(vacancy__organisation_id=recruiter.organisation_id)


def check_recruiter_owns_application(recruiter: Recruiter, application: Application) -> None:
    if application.vacancy.organisation_id != recruiter.organisation_id:
        raise NotAllowed(_("This application was made to another enterprise."))
