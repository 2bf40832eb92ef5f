"""Registrations and exhibitors as tables, for the organisers to download as CSV or Excel
(written by core.spreadsheets, which keeps text as text): an event's, from its staff pages, and
any filtered list of registrations, from the admin."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twincity.core.localisation import localised
from twincity.core.spreadsheets import Table

from .models import BoothApplication, EventPage, PhoneQuestion, Question, Registration

ATTENDEES = "attendees"
EXHIBITORS = "exhibitors"
WHAT = (ATTENDEES, EXHIBITORS)
SHANGHAI_TIME = "%Y-%m-%d %H:%M"


def export_table(event: EventPage, what: str) -> Table:
    return attendee_table(event) if what == ATTENDEES else exhibitor_table(event)


def local_time(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime(SHANGHAI_TIME) if moment else ""


def attendee_table(event: EventPage) -> Table:
    """Everyone who registered, whatever their status; one column per question of the event."""
    event = event.source_page()
    registrations = Registration.objects.filter(ticket_type__event=event).order_by(
        "created_at", "pk"
    )
    return registration_table(_("Attendees"), registrations)


def registration_table(title: str, registrations: QuerySet[Registration]) -> Table:
    """The registrations (of one event or several) with their check-ins and one column per
    question of their events; the phone number where an event asks for one, the invitation
    code where a ticket type is by invitation, the event where there are several. Three
    queries, however many rows."""
    rows = list(registrations.select_related("ticket_type__event", "check_in", "invitation_code"))
    events = {row.ticket_type.event_id: row.ticket_type.event for row in rows}
    questions = list(Question.objects.filter(event_id__in=events).select_related("event"))
    columns = [column for column in COLUMNS if column.shown(events.values(), rows)]
    header = [
        *(str(column.heading) for column in columns),
        *(question_heading(question, several=len(events) > 1) for question in questions),
    ]
    body = [
        [
            *(column.value(row) for column in columns),
            *(str(row.answers.get(str(question.pk), "")) for question in questions),
        ]
        for row in rows
    ]
    return Table(title, header, body)


def question_heading(question: Question, several: bool) -> str:
    """The question's wording, after its event's title when the table holds several events."""
    text = localised(question, "text")
    return f"{question.event.title}: {text}" if several else text


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[Registration], object]
    # Whether the table has the column, given its events and rows: always, by default.
    shown: Callable[[Iterable[EventPage], list[Registration]], bool] = lambda events, rows: True


def check_in_of(registration: Registration):
    return getattr(registration, "check_in", None)


def several_events(events, rows) -> bool:
    return len(list(events)) > 1


def asks_phone(events, rows) -> bool:
    return any(event.registration_phone != PhoneQuestion.OFF for event in events)


def by_invitation(events, rows) -> bool:
    return any(row.invitation_code_id for row in rows)


COLUMNS = [
    Column(gettext_lazy("Event"), lambda r: r.ticket_type.event.title, several_events),
    Column(gettext_lazy("Name"), lambda r: r.name),
    Column(gettext_lazy("E-mail address"), lambda r: r.email),
    Column(gettext_lazy("Mobile phone number"), lambda r: r.phone, asks_phone),
    Column(gettext_lazy("Organisation"), lambda r: r.organisation_name),
    Column(gettext_lazy("Coming from"), lambda r: r.get_city_of_origin_display()),
    Column(gettext_lazy("Ticket type"), lambda r: localised(r.ticket_type, "name")),
    Column(
        gettext_lazy("Invitation code"),
        lambda r: r.invitation_code.code if r.invitation_code_id else "",
        by_invitation,
    ),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column(gettext_lazy("Registered at"), lambda r: local_time(r.created_at)),
    Column(
        gettext_lazy("Checked in at"),
        lambda r: local_time(check_in_of(r).checked_in_at) if check_in_of(r) else "",
    ),
    Column(gettext_lazy("Gate"), lambda r: check_in_of(r).gate if check_in_of(r) else ""),
]


def exhibitor_table(event: EventPage) -> Table:
    """Every booth application, with its decision and booth."""
    applications = (
        BoothApplication.objects.filter(event=event.source_page())
        .select_related("organisation", "booth")
        .order_by("created_at", "pk")
    )
    header = [
        _("Organisation (English)"),
        _("Organisation (Chinese)"),
        _("Unified social credit code"),
        _("Sector"),
        _("Size wanted (m²)"),
        _("Products and services shown"),
        _("Status"),
        _("Booth"),
        _("Applied at"),
    ]
    rows = [
        [
            application.organisation.name_en,
            application.organisation.name_zh,
            application.organisation.credit_code,
            application.sector,
            application.size_sqm,
            application.products,
            application.get_status_display(),
            str(application.booth or ""),
            local_time(application.created_at),
        ]
        for application in applications
    ]
    return Table(_("Exhibitors"), header, rows)
