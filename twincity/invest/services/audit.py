"""The case's audit trail: every service that changes an enquiry or a project records who did
what, with the values before and after, in the same transaction as the change."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ..models import CaseEvent, EnquiryStage, Office, Project, ProjectStage, ProjectStatus


def record(
    action: str,
    *,
    actor=None,
    enquiry=None,
    project=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> CaseEvent:
    """One line of the trail. `before` and `after` hold plain values (JSON-ready)."""
    return CaseEvent.objects.create(
        action=action,
        actor=actor,
        enquiry=enquiry,
        project=project,
        before=before or {},
        after=after or {},
        note=note,
    )


# --- Reading the trail ---------------------------------------------------------------------------
# The trail stores keys and plain values; they are put into words when read, in the reader's
# language (staff of either city read the same case).

ACTIONS = {
    "sent": gettext_lazy("Enquiry sent by the investor"),
    "stage": gettext_lazy("Stage changed"),
    "project-created": gettext_lazy("Became a project"),
    "status": gettext_lazy("Project status changed"),
    "edited": gettext_lazy("Project details changed"),
    "team": gettext_lazy("Owner and team changed"),
    "handover": gettext_lazy("Handed over to another office"),
    "note": gettext_lazy("Note added"),
    "task": gettext_lazy("Task added"),
    "task-done": gettext_lazy("Task done"),
    "task-undone": gettext_lazy("Task reopened"),
    "reminded": gettext_lazy("Reminder sent: first response overdue"),
    "task-reminded": gettext_lazy("Reminder sent: task overdue"),
    "contact-erased": gettext_lazy("Contact details deleted at the investor's request"),
}
FIELDS = {
    "stage": gettext_lazy("Stage"),
    "status": gettext_lazy("Status"),
    "status_reason": gettext_lazy("Reason"),
    "lead_office": gettext_lazy("Lead office"),
    "owner": gettext_lazy("Owner"),
    "team": gettext_lazy("Team"),
    "title": gettext_lazy("Task"),
    "due_on": gettext_lazy("Due on"),
    "assignee": gettext_lazy("Assigned to"),
    "text": gettext_lazy("Note"),
    "to": gettext_lazy("Sent to"),
}
CHOICES = {
    "stage": {**dict(EnquiryStage.choices), **dict(ProjectStage.choices)},
    "status": dict(ProjectStatus.choices),
}


@dataclass
class Line:
    """One event of the trail, in words."""

    at: Any
    actor: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""


def describe(events: list[CaseEvent]) -> list[Line]:
    """The events in the current language; the offices they name are read in one query."""
    office_ids = {
        value
        for event in events
        for value in (event.before.get("lead_office"), event.after.get("lead_office"))
        if value
    }
    offices = {office.pk: office for office in Office.objects.filter(pk__in=office_ids)}
    return [line_of(event, offices) for event in events]


def line_of(event: CaseEvent, offices: dict[int, Office]) -> Line:
    if event.action == "silence":
        action = _("No answer from the investor for %(days)s days: marked non-responsive") % {
            "days": event.after.get("days", "")
        }
    else:
        action = str(ACTIONS.get(event.action, event.action))
    actor = (event.actor.get_full_name() or event.actor.get_username()) if event.actor else ""
    names = [name for name in {**event.before, **event.after} if name != "days"]
    changes = [
        (
            label_of(name),
            value_of(name, event.before.get(name), offices),
            value_of(name, event.after.get(name), offices),
        )
        for name in names
    ]
    return Line(event.at, actor or _("the system"), action, changes, event.note)


def label_of(name: str) -> str:
    if name in FIELDS:
        return str(FIELDS[name])
    try:
        return str(Project._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a key another part recorded: shown as it is
        return name


def value_of(name: str, value: Any, offices: dict[int, Office]) -> str:
    if value in (None, "", []):
        return "–"
    if name in CHOICES:
        return str(CHOICES[name].get(value, value))
    if name == "lead_office":
        office = offices.get(value)
        if office is None:
            return str(value)
        return office.name_zh if get_language() == "zh-hans" else office.name_en
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
