"""An event's figures for its organisers: registrations by status, by ticket type and by city of
origin, check-ins, booths. A fixed number of queries whatever the size of the event.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from twincity.core.charts import BarChart, bar_chart
from twincity.core.localisation import localised

from .models import BoothApplication, BoothSpace, EventPage, Registration, TicketType

Status = Registration.Status
# The columns of every table, in the order a registration moves through them.
COUNTED = (
    "confirmed",
    "waitlisted",
    "offered",
    "cancelled",
    "expired",
    "awaiting",
    "unconfirmed",
    "checked_in",
)


@dataclass
class Row:
    label: str
    confirmed: int = 0
    waitlisted: int = 0
    offered: int = 0
    cancelled: int = 0
    expired: int = 0
    awaiting: int = 0
    unconfirmed: int = 0
    checked_in: int = 0

    def add(self, status: str, count: int, checked_in: int) -> None:
        setattr(self, status, getattr(self, status) + count)
        self.checked_in += checked_in

    def values(self) -> list[int]:
        return [getattr(self, name) for name in COUNTED]


@dataclass
class EventFigures:
    total: Row
    by_ticket_type: list[Row]
    by_city: list[Row]
    booths_by_status: list[tuple[str, int]] = field(default_factory=list)
    booth_spaces: int = 0
    booths_given: int = 0


def column_headings() -> list[str]:
    return [
        _("Confirmed"),
        _("Waiting list"),
        _("Seat offered"),
        _("Cancelled"),
        _("Offer expired"),
        _("Awaiting e-mail confirmation"),
        _("Not confirmed in time"),
        _("Checked in"),
    ]


def event_figures(event: EventPage) -> EventFigures:
    """Four queries: ticket types, registrations grouped, booth applications grouped, booths."""
    event = event.source_page()
    ticket_types = {
        ticket_type.pk: Row(localised(ticket_type, "name"))
        for ticket_type in TicketType.objects.filter(event=event)
    }
    cities = {value: Row(str(label)) for value, label in Registration.Origin.choices}
    total = Row(_("All tickets"))
    for group in registration_groups(event):
        city = cities.setdefault(group["city_of_origin"], Row(group["city_of_origin"]))
        for row in (total, ticket_types[group["ticket_type"]], city):
            row.add(group["status"], group["count"], group["checked_in"])
    return EventFigures(
        total=total,
        by_ticket_type=list(ticket_types.values()),
        by_city=list(cities.values()),
        **booth_figures(event),
    )


def registration_groups(event: EventPage) -> list[dict]:
    return list(
        Registration.objects.filter(ticket_type__event=event)
        .values("ticket_type", "city_of_origin", "status")
        .annotate(
            count=Count("pk"),
            checked_in=Count("pk", filter=Q(check_in__isnull=False)),
        )
        .order_by()
    )


def booth_figures(event: EventPage) -> dict:
    counts = defaultdict(int)
    for group in (
        BoothApplication.objects.filter(event=event)
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts[group["status"]] = group["count"]
    spaces = BoothSpace.objects.filter(event=event).aggregate(
        total=Count("pk"), given=Count("pk", filter=Q(application__isnull=False))
    )
    return {
        "booths_by_status": [
            (str(label), counts[value]) for value, label in BoothApplication.Status.choices
        ],
        "booth_spaces": spaces["total"],
        "booths_given": spaces["given"],
    }


def charts(figures: EventFigures) -> dict[str, BarChart]:
    """The figures drawn; the page shows the same numbers in tables beside them."""
    total = figures.total
    return {
        "status": bar_chart(
            "chart-status",
            _("Registrations by status"),
            zip(column_headings(), total.values(), strict=True),
        ),
        "ticket_type": bar_chart(
            "chart-ticket-type",
            _("Confirmed by ticket type"),
            ((row.label, row.confirmed) for row in figures.by_ticket_type),
        ),
        "city": bar_chart(
            "chart-city",
            _("Confirmed by city of origin"),
            ((row.label, row.confirmed) for row in figures.by_city),
        ),
    }
