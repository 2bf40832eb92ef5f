"""Working a case: every change staff make to an enquiry or its project, and what the worker
does when a service level is missed.

Each use case checks who asks and what they ask, changes the rows in one transaction (the
case's row locked and read again), and records the change in the audit trail with the values
before and after (`audit.record`). A refusal is a `CaseError` with a translated message, and
nothing changed.

Stages. An enquiry goes new → awaiting the investor's response → engaged → project, or ends
non-responsive / not applicable (with a reason); the first move out of "new" is the first
response. A project goes lead → negotiation → signed → construction started → in production;
each stage has a gate (the fields it needs) and a right (`permissions.STAGE_PERMISSIONS`).
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from twincity.core import mail
from twincity.core.errors import UserFacingError

from .. import permissions
from ..models import (
    CaseEvent,
    CaseNote,
    CaseTask,
    CaseTeamMember,
    Enquiry,
    EnquiryStage,
    Office,
    Project,
    ProjectStage,
    ProjectStatus,
)
from . import audit

ADMIN_CASE_URL = "invest_cases:enquiry"
ADMIN_PROJECT_URL = "invest_cases:project"
# Staff who never chose a language in the admin, and offices' shared addresses, get Chinese.
STAFF_LANGUAGE = "zh-hans"


class CaseError(UserFacingError):
    """A change to a case that the rules refuse."""


class CaseNotAllowed(CaseError):
    """The person lacks the right, or the case is not one of their offices'."""


class GateNotMet(CaseError):
    """A stage's required fields are empty; `missing` holds their names."""

    def __init__(self, message: str, missing: list[str]):
        super().__init__(message)
        self.missing = missing


# --- Enquiry stages ---------------------------------------------------------------------------

E = EnquiryStage
ENQUIRY_MOVES: dict[str, set[str]] = {
    E.NEW: {E.AWAITING_RESPONSE, E.ENGAGED, E.NOT_APPLICABLE},
    E.AWAITING_RESPONSE: {E.ENGAGED, E.NON_RESPONSIVE, E.NOT_APPLICABLE},
    E.ENGAGED: {E.AWAITING_RESPONSE, E.PROJECT, E.NON_RESPONSIVE, E.NOT_APPLICABLE},
    # An investor who went silent may come back; the other ends are final.
    E.NON_RESPONSIVE: {E.AWAITING_RESPONSE, E.ENGAGED},
    E.NOT_APPLICABLE: set(),
    E.PROJECT: set(),
}
NEEDS_REASON = {E.NON_RESPONSIVE, E.NOT_APPLICABLE}
# The investor heard from the office (first response) or answered: contact is made.
CONTACT_STAGES = {E.AWAITING_RESPONSE, E.ENGAGED}


def enquiry_moves(enquiry: Enquiry) -> list[str]:
    """The stages the enquiry may move to now, in the stages' order."""
    allowed = ENQUIRY_MOVES[enquiry.stage]
    return [value for value, _label in EnquiryStage.choices if value in allowed]


def move_enquiry(
    enquiry: Enquiry, target: str, *, actor, reason: str = "", now: datetime | None = None
) -> Enquiry:
    """Move the enquiry to `target`; to "project" it becomes one (`convert_to_project`)."""
    if target == E.PROJECT:
        convert_to_project(enquiry, actor=actor)
        return Enquiry.objects.get(pk=enquiry.pk)
    now = now or timezone.now()
    reason = reason.strip()
    with transaction.atomic():
        enquiry = locked_enquiry(enquiry.pk, actor)
        check_enquiry_move(enquiry, target, reason)
        before = {"stage": enquiry.stage}
        enquiry.stage, enquiry.stage_changed_at = target, now
        fields = ["stage", "stage_changed_at"]
        if target in CONTACT_STAGES:
            enquiry.last_contact_at = now
            fields.append("last_contact_at")
            if enquiry.first_response_at is None:
                enquiry.first_response_at = now
                fields.append("first_response_at")
        enquiry.save(update_fields=fields)
        audit.record(
            "stage",
            actor=actor,
            enquiry=enquiry,
            before=before,
            after={"stage": target},
            note=reason,
        )
    return enquiry


def check_enquiry_move(enquiry: Enquiry, target: str, reason: str) -> None:
    if target not in EnquiryStage.values:
        raise CaseError(_("Choose a stage."), field="stage")
    if target == enquiry.stage:
        raise CaseError(_("The enquiry is at this stage already."), field="stage")
    if target not in ENQUIRY_MOVES[enquiry.stage]:
        raise CaseError(
            _("An enquiry cannot move from “%(current)s” to “%(target)s”.")
            % {"current": enquiry.get_stage_display(), "target": EnquiryStage(target).label},
            field="stage",
        )
    if target in NEEDS_REASON and not reason:
        raise CaseError(_("Say why the enquiry is closed."), field="reason")


def convert_to_project(enquiry: Enquiry, *, actor) -> Project:
    """An engaged enquiry becomes a project at the "lead" stage, with what the investor sent:
    company, sector, city of the lead office, planned investment and jobs, owner."""
    with transaction.atomic():
        enquiry = locked_enquiry(enquiry.pk, actor)
        check_enquiry_move(enquiry, E.PROJECT, "")
        if enquiry.lead_office is None:
            raise CaseError(_("The enquiry has no lead office to own the project."))
        project = Project.objects.create(
            enquiry=enquiry,
            name=_("%(company)s in %(city)s")
            % {
                "company": enquiry.company,
                "city": enquiry.lead_office.get_city_display(),
            },
            investor=enquiry.company,
            sector=enquiry.sector,
            city=enquiry.lead_office.city,
            office=enquiry.lead_office,
            owner=enquiry.owner,
            planned_investment_yuan=enquiry.planned_investment_yuan,
            planned_jobs=enquiry.planned_jobs,
        )
        before = {"stage": enquiry.stage}
        enquiry.stage, enquiry.stage_changed_at = E.PROJECT, timezone.now()
        enquiry.save(update_fields=["stage", "stage_changed_at"])
        audit.record(
            "stage", actor=actor, enquiry=enquiry, before=before, after={"stage": E.PROJECT}
        )
        audit.record(
            "project-created",
            actor=actor,
            enquiry=enquiry,
            project=project,
            after=project_values(project, PROJECT_FIELDS),
        )
    return project


# --- Project stages and status --------------------------------------------------------------

P = ProjectStage
PROJECT_ORDER = [P.LEAD, P.NEGOTIATION, P.SIGNED, P.CONSTRUCTION, P.PRODUCTION]
# What each stage needs filled in before a project may reach it (data-hub-api's gates).
GATES: dict[str, tuple[str, ...]] = {
    P.NEGOTIATION: ("owner", "planned_investment_yuan"),
    P.SIGNED: ("contract_value_yuan", "signed_on", "planned_jobs"),
    P.CONSTRUCTION: ("construction_started_on", "funds_arrived_yuan"),
    P.PRODUCTION: ("production_started_on",),
}
CLOSED_STATUSES = {ProjectStatus.LOST, ProjectStatus.ABANDONED}
STATUS_NEEDS_REASON = {
    ProjectStatus.DELAYED,
    ProjectStatus.DORMANT,
    ProjectStatus.LOST,
    ProjectStatus.ABANDONED,
}
OUTCOME_STATUSES = {ProjectStatus.WON, ProjectStatus.LOST, ProjectStatus.ABANDONED}


def stage_index(stage: str) -> int:
    return PROJECT_ORDER.index(stage)


def stages_between(current: str, target: str) -> list[str]:
    """The stages a move forward reaches, `target` included."""
    return PROJECT_ORDER[stage_index(current) + 1 : stage_index(target) + 1]


def missing_for(project: Project, target: str) -> list[str]:
    """The names of the fields the project still lacks for `target` and the stages before it."""
    names = []
    for stage in PROJECT_ORDER[1 : stage_index(target) + 1]:
        for name in GATES[stage]:
            if getattr(project, name if name != "owner" else "owner_id") in (None, ""):
                names.append(str(Project._meta.get_field(name).verbose_name))
    return names


def rights_for_move(current: str, target: str) -> list[str]:
    """Forward, the right of every stage reached; back, the right of the stage left (who may
    put a project at a stage may take it back from there)."""
    if stage_index(target) > stage_index(current):
        return [permissions.STAGE_PERMISSIONS[stage] for stage in stages_between(current, target)]
    return [permissions.STAGE_PERMISSIONS[current]]


def project_moves(project: Project, user) -> list[str]:
    """The stages the user may move the project to (the buttons of its page): the rights
    only; gates are checked when the move is asked for, and say what is missing."""
    if project.status in CLOSED_STATUSES:
        return []
    return [
        stage
        for stage in PROJECT_ORDER
        if stage != project.stage
        and all(user.has_perm(right) for right in rights_for_move(project.stage, stage))
    ]


def move_project(project: Project, target: str, *, actor, now: datetime | None = None) -> Project:
    """Move the project to `target`. Forward, every gate up to it must be met — said first,
    so that an officer can prepare a project that a manager signs — and the person must hold
    the right of every stage reached."""
    with transaction.atomic():
        project = locked_project(project.pk, actor)
        if target not in ProjectStage.values:
            raise CaseError(_("Choose a stage."), field="stage")
        if target == project.stage:
            raise CaseError(_("The project is at this stage already."), field="stage")
        if project.status in CLOSED_STATUSES:
            raise CaseError(
                _("The project is %(status)s: set it ongoing again before moving it.")
                % {"status": project.get_status_display()}
            )
        forward = stage_index(target) > stage_index(project.stage)
        if forward:
            check_gate(project, target)
        if not all(actor.has_perm(right) for right in rights_for_move(project.stage, target)):
            raise CaseNotAllowed(
                _("You may not move a project to “%(stage)s”; ask an investment manager.")
                % {"stage": ProjectStage(target if forward else project.stage).label}
            )
        before = {"stage": project.stage}
        project.stage, project.stage_changed_at = target, now or timezone.now()
        project.save(update_fields=["stage", "stage_changed_at"])
        audit.record(
            "stage",
            actor=actor,
            project=project,
            enquiry=project.enquiry,
            before=before,
            after={"stage": target},
        )
    return project


def check_gate(project: Project, target: str) -> None:
    missing = missing_for(project, target)
    if missing:
        raise GateNotMet(
            _("Before the project can move to “%(stage)s”, fill in: %(fields)s.")
            % {"stage": ProjectStage(target).label, "fields": listed(missing)},
            missing,
        )


def listed(names: list[str]) -> str:
    # "a, b, c" in English, "a、b、c" in Chinese.
    return pgettext("separator of a list of names", ", ").join(names)


def set_project_status(project: Project, status: str, *, actor, reason: str = "") -> Project:
    """Ongoing, delayed, dormant, lost, abandoned or won; the bad ones need a reason, the
    outcomes (won, lost, abandoned) the right to close a project, and "won" a signed one."""
    reason = reason.strip()
    with transaction.atomic():
        project = locked_project(project.pk, actor)
        if status not in ProjectStatus.values:
            raise CaseError(_("Choose a status."), field="status")
        if status == project.status:
            raise CaseError(_("The project has this status already."), field="status")
        if status in STATUS_NEEDS_REASON and not reason:
            raise CaseError(_("Say why the project has this status."), field="reason")
        closing = status in OUTCOME_STATUSES or project.status in OUTCOME_STATUSES
        if closing and not actor.has_perm(permissions.CLOSE_PROJECT):
            raise CaseNotAllowed(
                _("Only investment managers may mark a project won, lost or abandoned.")
            )
        if status == ProjectStatus.WON and stage_index(project.stage) < stage_index(P.SIGNED):
            raise CaseError(_("Only a signed project can be won."), field="status")
        before = {"status": project.status, "status_reason": project.status_reason}
        project.status, project.status_reason = status, reason
        project.save(update_fields=["status", "status_reason"])
        audit.record(
            "status",
            actor=actor,
            project=project,
            enquiry=project.enquiry,
            before=before,
            after={"status": status, "status_reason": reason},
            note=reason,
        )
    return project


# The fields staff edit in the project's form, and that the trail records.
PROJECT_FIELDS = (
    "name",
    "investor",
    "district",
    "owner",
    "planned_investment_yuan",
    "planned_jobs",
    "contract_value_yuan",
    "signed_on",
    "funds_arrived_yuan",
    "construction_started_on",
    "production_started_on",
)


def update_project(project: Project, values: dict[str, Any], *, actor) -> Project:
    """Change the project's fields (`values` as the form cleaned them). The fields of the
    stages the project has reached stay filled, the owner is staff of the case's offices,
    and the dates follow each other."""
    with transaction.atomic():
        project = locked_project(project.pk, actor)
        if not actor.has_perm(permissions.CHANGE_PROJECT):
            raise CaseNotAllowed(_("You may not change projects."))
        owner = values.get("owner", project.owner)
        if owner is not None and owner != project.owner:
            check_staff_of_case(owner, case_offices(project), "owner")
        before = project_values(project, values)
        for name, value in values.items():
            field = Project._meta.get_field(name)
            # As the database will hold it (an amount given as 5 is Decimal("5")).
            setattr(project, name, value if field.is_relation else field.to_python(value))
        check_dates(project)
        if project.stage != P.LEAD:
            check_gate(project, project.stage)
        changed = {name for name in values if before[name] != project_values(project, [name])[name]}
        if not changed:
            return project
        project.save(update_fields=sorted(changed))
        audit.record(
            "edited",
            actor=actor,
            project=project,
            enquiry=project.enquiry,
            before={name: before[name] for name in changed},
            after=project_values(project, changed),
        )
    return project


def check_dates(project: Project) -> None:
    order = [
        ("signed_on", project.signed_on),
        ("construction_started_on", project.construction_started_on),
        ("production_started_on", project.production_started_on),
    ]
    known = [(name, day) for name, day in order if day is not None]
    for (_earlier, first), (later, second) in zip(known, known[1:], strict=False):
        if second < first:
            raise CaseError(
                _("“%(later)s” cannot be before “%(earlier)s”.")
                % {
                    "later": Project._meta.get_field(later).verbose_name,
                    "earlier": Project._meta.get_field(_earlier).verbose_name,
                },
                field=later,
            )


def project_values(project: Project, names) -> dict[str, Any]:
    """The fields as plain values for the trail: amounts and dates as text, the owner by
    user name."""
    return {name: plain(getattr(project, name)) for name in names}


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "get_username"):
        return value.get_username()
    return value


# --- Owner, team and handover -----------------------------------------------------------------


def assign_team(enquiry: Enquiry, *, owner, team, actor) -> Enquiry:
    """The case owner and the team, staff of the case's offices. The project, if any, gets
    the same owner when it has none."""
    team = {member for member in team if member != owner}
    with transaction.atomic():
        enquiry = locked_enquiry(enquiry.pk, actor)
        offices = case_offices(enquiry)
        for member in ([owner] if owner else []) + sorted(team, key=lambda u: u.pk):
            check_staff_of_case(member, offices, "owner" if member == owner else "team")
        before = team_values(enquiry)
        enquiry.owner = owner
        enquiry.save(update_fields=["owner"])
        CaseTeamMember.objects.filter(enquiry=enquiry).exclude(user__in=team).delete()
        present = set(CaseTeamMember.objects.filter(enquiry=enquiry).values_list("user", flat=True))
        CaseTeamMember.objects.bulk_create(
            CaseTeamMember(enquiry=enquiry, user=member)
            for member in team
            if member.pk not in present
        )
        after = team_values(enquiry)
        if after == before:
            return enquiry
        project = getattr(enquiry, "project", None)
        if project is not None and project.owner_id is None and owner is not None:
            project.owner = owner
            project.save(update_fields=["owner"])
        audit.record("team", actor=actor, enquiry=enquiry, before=before, after=after)
    return enquiry


def team_values(enquiry: Enquiry) -> dict[str, Any]:
    team = CaseTeamMember.objects.filter(enquiry=enquiry).select_related("user")
    return {
        "owner": plain(enquiry.owner),
        "team": sorted(member.user.get_username() for member in team),
    }


def hand_over(enquiry: Enquiry, to_office: Office, *, actor, note: str) -> Enquiry:
    """The case passes to another office, which leads it from now on; the offices that had it
    keep it (and its history) in their lists. The receiving office is told by e-mail."""
    note = note.strip()
    with transaction.atomic():
        enquiry = locked_enquiry(enquiry.pk, actor)
        if not actor.has_perm(permissions.HAND_OVER):
            raise CaseNotAllowed(_("You may not hand cases over."))
        if to_office is None:
            raise CaseError(_("Choose the office that takes the case over."), field="office")
        if to_office.pk == enquiry.lead_office_id:
            raise CaseError(_("This office leads the case already."), field="office")
        if not note:
            raise CaseError(_("Write a note for the receiving office."), field="note")
        before = {"lead_office": enquiry.lead_office_id, "owner": plain(enquiry.owner)}
        enquiry.offices.add(to_office)
        enquiry.lead_office = to_office
        # The owner stays only if they work for the receiving office too.
        if enquiry.owner is not None and not to_office.members.filter(pk=enquiry.owner.pk).exists():
            enquiry.owner = None
        enquiry.save(update_fields=["lead_office", "owner"])
        project = getattr(enquiry, "project", None)
        if project is not None:
            project.office, project.city = to_office, to_office.city
            project.save(update_fields=["office", "city"])
        audit.record(
            "handover",
            actor=actor,
            enquiry=enquiry,
            project=project,
            before=before,
            after={"lead_office": to_office.pk, "owner": plain(enquiry.owner)},
            note=note,
        )
        mail.send_after_commit(
            "invest/admin/cases/mail_handover.txt",
            to_office.email,
            STAFF_LANGUAGE,
            {
                "reference": enquiry.reference,
                "company": enquiry.company,
                "from_office_en": before_office_name(before["lead_office"], "en"),
                "from_office_zh": before_office_name(before["lead_office"], "zh"),
                "note": note,
                "url": mail.absolute_url(ADMIN_CASE_URL, STAFF_LANGUAGE, enquiry.pk),
            },
        )
    return enquiry


def before_office_name(office_id: int | None, language: str) -> str:
    office = Office.objects.filter(pk=office_id).first()
    if office is None:
        return ""
    return office.name_zh if language == "zh" else office.name_en


# --- Notes and tasks --------------------------------------------------------------------------


def case_keys(case: Enquiry | Project) -> dict[str, Any]:
    """Where a note or task of this case is filed: with the enquiry when there is one."""
    if isinstance(case, Enquiry):
        return {"enquiry": case, "project": getattr(case, "project", None)}
    return {"enquiry": case.enquiry, "project": case}


def add_note(case: Enquiry | Project, text: str, *, actor) -> CaseNote:
    text = text.strip()
    if not text:
        raise CaseError(_("Write the note."), field="text")
    with transaction.atomic():
        case = locked_case(case, actor)
        keys = case_keys(case)
        note = CaseNote.objects.create(
            enquiry=keys["enquiry"],
            project=None if keys["enquiry"] else keys["project"],
            text=text,
            created_by=actor,
        )
        audit.record("note", actor=actor, **keys, after={"text": text})
    return note


def add_task(
    case: Enquiry | Project, title: str, due_on: date | None, *, assignee, actor
) -> CaseTask:
    title = title.strip()
    if not title:
        raise CaseError(_("Say what is to be done."), field="title")
    if due_on is None:
        raise CaseError(_("Give the date it is due."), field="due_on")
    with transaction.atomic():
        case = locked_case(case, actor)
        keys = case_keys(case)
        if assignee is not None:
            check_staff_of_case(assignee, case_offices(case), "assignee")
        task = CaseTask.objects.create(
            enquiry=keys["enquiry"],
            project=None if keys["enquiry"] else keys["project"],
            title=title,
            due_on=due_on,
            assignee=assignee,
            created_by=actor,
        )
        after = {"title": title, "due_on": due_on.isoformat(), "assignee": plain(assignee)}
        audit.record("task", actor=actor, **keys, after=after)
    return task


def set_task_done(task: CaseTask, done: bool, *, actor) -> CaseTask:
    with transaction.atomic():
        task = CaseTask.objects.select_for_update().get(pk=task.pk)
        case = task.enquiry or task.project
        locked_case(case, actor)
        if (task.done_at is not None) == done:
            return task
        task.done_at = timezone.now() if done else None
        task.save(update_fields=["done_at"])
        audit.record(
            "task-done" if done else "task-undone",
            actor=actor,
            **case_keys(case),
            after={"title": task.title},
        )
    return task


# --- Access -------------------------------------------------------------------------------------


def locked_enquiry(pk: int, actor) -> Enquiry:
    """Inside a transaction: the enquiry, locked, if the person works its cases."""
    if not permissions.visible_enquiries(actor).filter(pk=pk).exists():
        raise CaseNotAllowed(_("This case is not one of your offices'."))
    return (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("lead_office", "owner")
        .get(pk=pk)
    )


def locked_project(pk: int, actor) -> Project:
    if not permissions.visible_projects(actor).filter(pk=pk).exists():
        raise CaseNotAllowed(_("This case is not one of your offices'."))
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("enquiry", "owner")
        .get(pk=pk)
    )


def locked_case(case: Enquiry | Project, actor) -> Enquiry | Project:
    if isinstance(case, Enquiry):
        return locked_enquiry(case.pk, actor)
    return locked_project(case.pk, actor)


def case_offices(case: Enquiry | Project) -> list[Office]:
    """The offices whose staff may own or work the case."""
    if isinstance(case, Project):
        offices = {case.office}
        if case.enquiry_id:
            offices |= set(case.enquiry.offices.all())
        return list(offices)
    return list(case.offices.all())


def check_staff_of_case(user, offices: list[Office], field: str) -> None:
    if not Office.objects.filter(pk__in=[o.pk for o in offices], members=user).exists():
        raise CaseError(
            _("%(name)s is not on the staff of this case's offices.")
            % {"name": user.get_full_name() or user.get_username()},
            field=field,
        )


# --- Service levels (the worker) ----------------------------------------------------------------


def mark_silent_enquiries(now: datetime | None = None) -> int:
    """Enquiries awaiting the investor for longer than INVEST_SILENCE_DAYS become
    non-responsive (enquiry-mgmt-tool's six weeks); the trail names no person. How many."""
    now = now or timezone.now()
    days = settings.INVEST_SILENCE_DAYS
    since = now - timedelta(days=days)
    silent = Enquiry.objects.filter(stage=E.AWAITING_RESPONSE, stage_changed_at__lte=since).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lte=since)
    )
    marked = 0
    for pk in silent.values_list("pk", flat=True):
        with transaction.atomic():
            enquiry = Enquiry.objects.select_for_update().get(pk=pk)
            if enquiry.stage != E.AWAITING_RESPONSE:
                continue  # staff moved it meanwhile
            enquiry.stage, enquiry.stage_changed_at = E.NON_RESPONSIVE, now
            enquiry.save(update_fields=["stage", "stage_changed_at"])
            audit.record(
                "silence",
                enquiry=enquiry,
                before={"stage": E.AWAITING_RESPONSE},
                after={"stage": E.NON_RESPONSIVE, "days": days},
            )
            marked += 1
    return marked


def remind_first_responses(now: datetime | None = None) -> int:
    """One reminder for each new enquiry not answered within INVEST_FIRST_RESPONSE_HOURS, to
    its owner or, without one, to the lead office. The reminder is a line of the trail, which
    is how the worker knows it was sent."""
    now = now or timezone.now()
    overdue = (
        Enquiry.objects.filter(
            stage=E.NEW,
            first_response_at__isnull=True,
            created_at__lte=now - timedelta(hours=settings.INVEST_FIRST_RESPONSE_HOURS),
        )
        .exclude(pk__in=CaseEvent.objects.filter(action="reminded").values("enquiry"))
        .select_related("owner", "lead_office")
    )
    sent = 0
    for enquiry in overdue:
        address, language = recipient(enquiry.owner, enquiry.lead_office)
        with transaction.atomic():
            audit.record("reminded", enquiry=enquiry, after={"to": address})
            mail.send_after_commit(
                "invest/mail/reminder_first_response.txt",
                address,
                language,
                {
                    "reference": enquiry.reference,
                    "company": enquiry.company,
                    "hours": settings.INVEST_FIRST_RESPONSE_HOURS,
                    "url": mail.absolute_url(ADMIN_CASE_URL, language, enquiry.pk),
                },
            )
        sent += 1
    return sent


def remind_overdue_tasks(now: datetime | None = None) -> int:
    """One reminder for each open task past its due date, to its assignee, else the case's
    owner, else the lead office."""
    today = timezone.localdate(now or timezone.now())
    overdue = CaseTask.objects.filter(
        done_at__isnull=True, reminder_sent_at__isnull=True, due_on__lt=today
    ).select_related(
        "assignee", "enquiry__owner", "enquiry__lead_office", "project__owner", "project__office"
    )
    sent = 0
    for task in overdue:
        case = task.enquiry or task.project
        office = case.lead_office if task.enquiry else case.office
        address, language = recipient(task.assignee or case.owner, office)
        with transaction.atomic():
            updated = CaseTask.objects.filter(pk=task.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now or timezone.now()
            )
            if not updated:
                continue
            audit.record(
                "task-reminded",
                **case_keys(case),
                after={"title": task.title, "to": address},
            )
            url_name, pk = (
                (ADMIN_CASE_URL, task.enquiry_id)
                if task.enquiry_id
                else (ADMIN_PROJECT_URL, case.pk)
            )
            mail.send_after_commit(
                "invest/mail/reminder_task.txt",
                address,
                language,
                {
                    "title": task.title,
                    "due_on": task.due_on.isoformat(),
                    "case": str(case),
                    "url": mail.absolute_url(url_name, language, pk),
                },
            )
        sent += 1
    return sent


def recipient(user, office: Office | None) -> tuple[str, str]:
    """(address, language) of whom a reminder goes to: the person, else the office."""
    if user is not None and user.email:
        return user.email, staff_language(user)
    return (office.email if office else ""), STAFF_LANGUAGE


def staff_language(user) -> str:
    """The language the person chose for the admin, else Chinese."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile is not None else ""
    return chosen or STAFF_LANGUAGE


def run_service_levels(now: datetime | None = None) -> None:
    """What the worker runs periodically (hooks_cases.py)."""
    mark_silent_enquiries(now)
    remind_first_responses(now)
    remind_overdue_tasks(now)
