"""The raw counts behind the economic circle in figures, read straight from each app's tables.

Each function returns plain rows (dicts of keys and counts), grouped by month and by the
dimensions the figures show, and by organisation for the staff version; nothing personal
leaves the database (no names, no e-mail addresses: only keys and counts). Each takes a fixed
number of queries whatever the amount of data. Months are Beijing months.

What counts where (the page says the same):
- An event counts in the month it starts, in its city ("both": held in both), by kind; only
  published events, once (not once per translation).
- Attendance counts at the event's month: for an event where tickets were scanned at the
  gate, the registrations checked in; for one without check-in, the confirmed registrations.
  By the city the person said they come from and the city of the event.
- A job-fair placement is an application at an offer or hired, for a vacancy posted at a job
  fair, counted in the month it last changed: by the city of the graduate's school and the
  city of the vacancy.
- An investment enquiry counts in the month it was sent, with the city of its lead office
  ("not yet routed" without one), by sector; a project once signed, in the month signed.
- A campaign counts views and click-throughs of each partner's promotion, by Beijing day.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import get_supported_language_variant

from twincity.core.localisation import locale_id
from twincity.events.models import EventPage, Registration
from twincity.invest.figures import SIGNED_STAGES
from twincity.invest.models import Enquiry, Project
from twincity.talent.models import Application
from twincity.tourism.models import CampaignDailyCount

PLACED = (Application.Status.OFFER, Application.Status.HIRED)
NOT_ROUTED = "not-routed"
UNKNOWN = "other"  # a graduate whose school (or its city) is not known counts as "elsewhere"


# --- Months ----------------------------------------------------------------------------------


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Window:
    """The months a figure covers. Fixed by the calendar, never by the data: a window that
    began with the first registration would tell that someone registered that month."""

    months: tuple[date, ...]

    @property
    def first(self) -> date:
        return self.months[0]

    @property
    def last(self) -> date:
        return self.months[-1]

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_default_timezone()
        start = datetime.combine(self.first, datetime.min.time(), zone)
        return start, datetime.combine(next_month(self.last), datetime.min.time(), zone)


def past_window(today: date | None = None, months: int = 24) -> Window:
    """The `months` months up to this one: for what can only have happened already."""
    this_month = (today or timezone.localdate()).replace(day=1)
    return Window(tuple(months_between(add_months(this_month, 1 - months), this_month)))


def scheduled_window(today: date | None = None, months: int = 12) -> Window:
    """`months` months back and ahead of this one: events are planned ahead."""
    this_month = (today or timezone.localdate()).replace(day=1)
    return Window(
        tuple(months_between(add_months(this_month, -months), add_months(this_month, months)))
    )


def month_of(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


# --- Events and attendance -------------------------------------------------------------------


def default_locale_id() -> int | None:
    return locale_id(get_supported_language_variant(settings.LANGUAGE_CODE))


def published_events(window: Window):
    start, end = window.bounds()
    return (
        EventPage.objects.live()
        .public()
        .filter(locale_id=default_locale_id(), starts_at__gte=start, starts_at__lt=end)
    )


def event_rows(window: Window) -> list[dict]:
    """One row per published event: id, month, city, kind. Two queries (locale, events)."""
    return [
        {"id": row["pk"], "month": month_of(row["starts_at"]), "city": row["city"],
         "kind": row["kind"]}
        for row in published_events(window).values("pk", "starts_at", "city", "kind").order_by()
    ]  # fmt: skip


def event_organisers(event_ids: Iterable[int]) -> dict[int, list[int]]:
    """Event id -> the organisations that organise it. One query."""
    through = EventPage.co_organisers.through
    organisers: dict[int, list[int]] = defaultdict(list)
    for row in through.objects.filter(eventpage_id__in=list(event_ids)).values(
        "eventpage_id", "organisation_id"
    ):
        organisers[row["eventpage_id"]].append(row["organisation_id"])
    return organisers


def attendance_rows(events: list[dict]) -> list[dict]:
    """Per event and city of origin: how many attended. One query.

    Grouped in the database by event and origin, so the rows are few whatever the crowd."""
    by_id = {event["id"]: event for event in events}
    groups = (
        Registration.objects.filter(ticket_type__event_id__in=list(by_id))
        .values("ticket_type__event_id", "city_of_origin")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            checked_in=Count("pk", filter=Q(check_in__isnull=False)),
        )
        .order_by()
    )
    groups = list(groups)
    scanned = Counter()
    for group in groups:
        scanned[group["ticket_type__event_id"]] += group["checked_in"]
    rows = []
    for group in groups:
        event = by_id[group["ticket_type__event_id"]]
        counted = "checked_in" if scanned[event["id"]] else "confirmed"
        rows.append(
            {
                "event": event["id"],
                "month": event["month"],
                "event_city": event["city"],
                "origin": group["city_of_origin"],
                "count": group[counted],
            }
        )
    return rows


# --- Job-fair placements ---------------------------------------------------------------------


def placement_rows(window: Window) -> list[dict]:
    """Placements grouped by month, school city, vacancy city and enterprise. One query."""
    start, end = window.bounds()
    values = (
        Application.objects.filter(
            status__in=PLACED,
            vacancy__fair__isnull=False,
            updated_at__gte=start,
            updated_at__lt=end,
        )
        .values("updated_at", "school__city", "vacancy__city", "vacancy__organisation_id")
        .order_by()
    )
    counts: Counter = Counter()
    for row in values.iterator():
        key = (
            month_of(row["updated_at"]),
            row["school__city"] or UNKNOWN,
            row["vacancy__city"],
            row["vacancy__organisation_id"],
        )
        counts[key] += 1
    return [
        {"month": month, "school_city": school, "vacancy_city": city, "enterprise": org,
         "count": count}
        for (month, school, city, org), count in counts.items()
    ]  # fmt: skip


# --- Investment ------------------------------------------------------------------------------


def enquiry_rows(window: Window) -> list[dict]:
    """Enquiries grouped by month, lead office city, office and sector. One query."""
    start, end = window.bounds()
    counts: Counter = Counter()
    for row in (
        Enquiry.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("created_at", "lead_office__city", "lead_office_id", "sector")
        .order_by()
        .iterator()
    ):
        city = row["lead_office__city"] or NOT_ROUTED
        counts[(month_of(row["created_at"]), city, row["lead_office_id"], row["sector"])] += 1
    return [
        {"month": month, "city": city, "office": office, "sector": sector, "count": count}
        for (month, city, office, sector), count in counts.items()
    ]


@dataclass
class ProjectGroup:
    count: int = 0
    contract_value: Decimal = Decimal(0)
    funds_arrived: Decimal = Decimal(0)


def project_rows(window: Window) -> list[dict]:
    """Signed projects grouped by month, city, office and sector, with their contract value
    and funds arrived. One query."""
    groups = (
        Project.objects.filter(
            stage__in=SIGNED_STAGES, signed_on__gte=window.first, signed_on__lt=next_month(window.last)
        )
        .values("signed_on", "city", "office_id", "sector", "contract_value_yuan", "funds_arrived_yuan")
        .order_by()
    )  # fmt: skip
    sums: dict[tuple, ProjectGroup] = defaultdict(ProjectGroup)
    for row in groups.iterator():
        group = sums[(month_of(row["signed_on"]), row["city"], row["office_id"], row["sector"])]
        group.count += 1
        group.contract_value += row["contract_value_yuan"] or 0
        group.funds_arrived += row["funds_arrived_yuan"] or 0
    return [
        {"month": month, "city": city, "office": office, "sector": sector, "count": group.count,
         "contract_value": group.contract_value, "funds_arrived": group.funds_arrived}
        for (month, city, office, sector), group in sums.items()
    ]  # fmt: skip


# --- Campaigns -------------------------------------------------------------------------------


def campaign_rows(window: Window) -> list[dict]:
    """Views and click-throughs by month and partner side (the city promoted). One query."""
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        CampaignDailyCount.objects.filter(day__gte=window.first, day__lt=next_month(window.last))
        .values("day", "side")
        .annotate(views=Sum("views"), clicks=Sum("clicks"))
        .order_by()
    ):
        total = sums[(month_of(row["day"]), row["side"])]
        total[0] += row["views"] or 0
        total[1] += row["clicks"] or 0
    return [
        {"month": month, "side": side, "views": views, "clicks": clicks}
        for (month, side), (views, clicks) in sums.items()
    ]
