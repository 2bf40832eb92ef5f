"""Who may see and work which case.

Two questions, answered separately: *which* cases a person sees (those of the offices they
belong to — a case is shared by every office it was routed or handed to, so both sides of a
handover keep it; superusers see all), and *what* they may do with one (the custom rights of
`Project`, held through the groups "Investment officers" and "Investment managers").
"""

from django.db.models import Q, QuerySet

from .models import Enquiry, Office, Project, ProjectStage

WORK_CASES = "invest.work_cases"
HAND_OVER = "invest.hand_over_case"
CLOSE_PROJECT = "invest.close_project"
CHANGE_PROJECT = "invest.change_project"

# The right a move *to* each project stage needs (a lead is where every project starts).
STAGE_PERMISSIONS = {
    ProjectStage.NEGOTIATION: "invest.move_to_negotiation",
    ProjectStage.SIGNED: "invest.move_to_signed",
    ProjectStage.CONSTRUCTION: "invest.move_to_construction",
    ProjectStage.PRODUCTION: "invest.move_to_production",
}


def can_work_cases(user) -> bool:
    return user.is_authenticated and user.has_perm(WORK_CASES)


def offices_of(user) -> QuerySet[Office]:
    """The offices whose cases the person works (every office for a superuser)."""
    if user.is_superuser:
        return Office.objects.all()
    return Office.objects.filter(members=user)


def visible_enquiries(user) -> QuerySet[Enquiry]:
    if not can_work_cases(user):
        return Enquiry.objects.none()
    if user.is_superuser:
        return Enquiry.objects.all()
    # A subquery, not a join: an enquiry of two of the person's offices is listed once.
    return Enquiry.objects.filter(pk__in=Enquiry.objects.filter(offices__members=user).values("pk"))


def visible_projects(user) -> QuerySet[Project]:
    if not can_work_cases(user):
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    mine = Q(office__members=user) | Q(enquiry__offices__members=user)
    return Project.objects.filter(pk__in=Project.objects.filter(mine).values("pk"))


def may_move_project(user, target: str) -> bool:
    permission = STAGE_PERMISSIONS.get(target)
    return permission is not None and user.has_perm(permission)
