"""An event's attendees and exhibitors as tables, for the organisers to download as CSV or Excel
(written by core.spreadsheets, which keeps text as text)."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core.localisation import localised
from twincity.core.spreadsheets import Table

from .models import BoothApplication, EventPage, Question, Registration

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
    questions = list(Question.objects.filter(event=event))
    registrations = (
        Registration.objects.filter(ticket_type__event=event)
        .select_related("ticket_type", "check_in")
        .order_by("created_at", "pk")
    )
    header = [
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Coming from"),
        _("Ticket type"),
        _("Status"),
        _("Registered at"),
        _("Checked in at"),
        _("Gate"),
        *(localised(question, "text") for question in questions),
    ]
    rows = [attendee_row(registration, questions) for registration in registrations]
    return Table(_("Attendees"), header, rows)


def attendee_row(registration: Registration, questions: list[Question]) -> list:
    entry = getattr(registration, "check_in", None)
    return [
        registration.name,
        registration.email,
        registration.organisation_name,
        registration.get_city_of_origin_display(),
        localised(registration.ticket_type, "name"),
        registration.get_status_display(),
        local_time(registration.created_at),
        local_time(entry.checked_in_at if entry else None),
        entry.gate if entry else "",
        *(str(registration.answers.get(str(question.pk), "")) for question in questions),
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
