"""Investment figures for the offices' staff: per city, office, sector and month, the enquiries
received, how fast they were first answered, how many became projects, and what the signed
projects brought (正式合同额, 到位资金, 落地开工率).

Three queries whatever the amount of data (offices, enquiries, projects): the rows are read
as plain values and summed in one pass in Python, because a median cannot be taken in the
database the same way on SQLite and PostgreSQL.

What counts where:
- An enquiry counts in the month it was sent (Beijing time), for its lead office and that
  office's city (not yet routed: a row of its own), and in its sector.
- Its first response is "due" once it has been answered or `INVEST_FIRST_RESPONSE_HOURS` have
  passed; the share answered in time is taken over the enquiries due, so that a fresh
  enquiry does not count against the office before its time is up.
- A project counts once signed (a signing date and the stage signed or later), in the month
  it was signed, with its office, city and sector; its contract value and the funds arrived
  so far count there too. It has started construction when its stage is construction or
  production, or a construction date is set.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from twincity.core.charts import BarChart, bar_chart
from twincity.core.cities import TWO_CITIES, City
from twincity.core.localisation import is_chinese
from twincity.core.spreadsheets import Table
from twincity.core.vocabulary import SECTORS

from .models import Enquiry, Office, Project, ProjectStage

SIGNED_STAGES = (ProjectStage.SIGNED, ProjectStage.CONSTRUCTION, ProjectStage.PRODUCTION)
STARTED_STAGES = (ProjectStage.CONSTRUCTION, ProjectStage.PRODUCTION)
CITY_KEYS = tuple(city.value for city in TWO_CITIES)
NOT_ROUTED = "not-routed"  # the city and office key of an enquiry without a lead office
LONGEST_PERIOD_MONTHS = 60


@dataclass(frozen=True)
class Filters:
    """Which enquiries and projects count: the months from `start` to `end` (first days of
    months, both included), and optionally one city, one office, one sector."""

    start: date
    end: date
    city: str = ""
    office_id: int | None = None
    sector: str = ""

    def months(self) -> list[date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes in Beijing time: [start, the month after end)."""
        zone = timezone.get_default_timezone()
        start = datetime.combine(self.start, datetime.min.time(), zone)
        return start, datetime.combine(next_month(self.end), datetime.min.time(), zone)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def default_filters(today: date | None = None) -> Filters:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    end = today.replace(day=1)
    start = date(end.year - 1, end.month, 1)
    return Filters(start=next_month(start), end=end)


@dataclass
class Row:
    """The figures of one city, office, sector or month (or of everything: the totals)."""

    key: str
    label: str
    city: str = ""
    enquiries: int = 0
    response_hours: list[float] = field(default_factory=list)
    responses_due: int = 0
    answered_in_time: int = 0
    converted: int = 0
    signed: int = 0
    contract_value: Decimal = Decimal(0)
    funds_arrived: Decimal = Decimal(0)
    started: int = 0

    @property
    def median_response_hours(self) -> float | None:
        """Hours from an enquiry to its first response, the median; None before any."""
        if not self.response_hours:
            return None
        return round(statistics.median(self.response_hours), 1)

    @property
    def answered_in_time_share(self) -> float | None:
        return percent(self.answered_in_time, self.responses_due)

    @property
    def conversion(self) -> float | None:
        return percent(self.converted, self.enquiries)

    @property
    def start_rate(self) -> float | None:
        return percent(self.started, self.signed)

    @property
    def contract_value_text(self) -> str:
        return yuan_text(self.contract_value)

    @property
    def funds_arrived_text(self) -> str:
        return yuan_text(self.funds_arrived)

    def export_values(self) -> list:
        return [
            self.label,
            self.enquiries,
            self.median_response_hours,
            self.answered_in_time_share,
            self.conversion,
            self.signed,
            int(self.contract_value),
            int(self.funds_arrived),
            self.start_rate,
        ]


def percent(part: int, whole: int) -> float | None:
    """Part of whole in per cent, one decimal; None when there is no whole (not 0 %: there
    is nothing to measure)."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Figures:
    filters: Filters
    total: Row
    by_city: list[Row]
    by_office: list[Row]
    by_sector: list[Row]
    by_month: list[Row]
    # (month, city) -> row: what the monthly charts draw, a bar per city.
    by_month_city: dict[tuple[date, str], Row]
    by_sector_city: dict[tuple[str, str], Row]


def investment_figures(filters: Filters, now: datetime | None = None) -> Figures:
    """The figures for `filters`; three queries."""
    now = now or timezone.now()
    offices = {office.pk: office for office in Office.objects.all()}
    collector = Collector(filters, offices)
    for values in enquiry_values(filters):
        collector.add_enquiry(values, now)
    for values in project_values(filters):
        collector.add_project(values)
    return collector.figures()


def enquiry_values(filters: Filters) -> Iterable[dict]:
    start, end = filters.bounds()
    enquiries = Enquiry.objects.filter(created_at__gte=start, created_at__lt=end)
    if filters.city:
        enquiries = enquiries.filter(lead_office__city=filters.city)
    if filters.office_id:
        enquiries = enquiries.filter(lead_office_id=filters.office_id)
    if filters.sector:
        enquiries = enquiries.filter(sector=filters.sector)
    return enquiries.values(
        "created_at", "first_response_at", "lead_office_id", "sector", "project__pk"
    ).order_by()


def project_values(filters: Filters) -> Iterable[dict]:
    projects = Project.objects.filter(
        stage__in=SIGNED_STAGES,
        signed_on__gte=filters.start,
        signed_on__lt=next_month(filters.end),
    )
    if filters.city:
        projects = projects.filter(city=filters.city)
    if filters.office_id:
        projects = projects.filter(office_id=filters.office_id)
    if filters.sector:
        projects = projects.filter(sector=filters.sector)
    return projects.values(
        "signed_on",
        "office_id",
        "city",
        "sector",
        "stage",
        "construction_started_on",
        "contract_value_yuan",
        "funds_arrived_yuan",
    ).order_by()


class Collector:
    """Sums enquiries and projects into the rows they count in, in one pass."""

    def __init__(self, filters: Filters, offices: dict[int, Office]) -> None:
        self.filters = filters
        self.offices = offices
        self.total = Row("total", _("All"))
        self.cities = {
            city.value: Row(city.value, str(city.label), city.value) for city in TWO_CITIES
        }
        self.office_rows: dict = {}
        self.sectors: dict[str, Row] = {}
        self.months = {
            month: Row(month.isoformat(), month_label(month)) for month in filters.months()
        }
        self.month_city = {
            (month, city.value): Row(f"{month:%Y-%m}-{city.value}", month_label(month), city.value)
            for month in filters.months()
            for city in TWO_CITIES
        }
        self.sector_city: dict[tuple[str, str], Row] = {}
        self.first_response_hours = settings.INVEST_FIRST_RESPONSE_HOURS

    def rows_for(self, month: date, office_id: int | None, city: str, sector: str) -> list[Row]:
        rows = [
            self.total,
            self.city_row(city),
            self.office_row(office_id),
            self.sector_row(sector),
        ]
        if month in self.months:
            rows.append(self.months[month])
        if (month, city) in self.month_city:
            rows.append(self.month_city[(month, city)])
        if city in CITY_KEYS:
            key = (sector, city)
            if key not in self.sector_city:
                self.sector_city[key] = Row(
                    f"{sector}-{city}", SECTORS.name(sector) or sector, city
                )
            rows.append(self.sector_city[key])
        return rows

    def city_row(self, city: str) -> Row:
        if city not in self.cities:
            self.cities[city] = Row(NOT_ROUTED, _("Not yet routed"))
        return self.cities[city]

    def office_row(self, office_id: int | None) -> Row:
        if office_id not in self.office_rows:
            office = self.offices.get(office_id)
            if office is None:
                self.office_rows[office_id] = Row(NOT_ROUTED, _("Not yet routed"))
            else:
                label = office.name_zh if is_chinese() and office.name_zh else office.name_en
                self.office_rows[office_id] = Row(str(office.pk), label, office.city)
        return self.office_rows[office_id]

    def sector_row(self, sector: str) -> Row:
        if sector not in self.sectors:
            self.sectors[sector] = Row(sector, SECTORS.name(sector) or sector)
        return self.sectors[sector]

    def add_enquiry(self, values: dict, now: datetime) -> None:
        office = self.offices.get(values["lead_office_id"])
        city = office.city if office else NOT_ROUTED
        sent, answered = values["created_at"], values["first_response_at"]
        month = timezone.localtime(sent).date().replace(day=1)
        hours = (answered - sent).total_seconds() / 3600 if answered else None
        due = answered is not None or now - sent >= timedelta(hours=self.first_response_hours)
        for row in self.rows_for(month, values["lead_office_id"], city, values["sector"]):
            row.enquiries += 1
            row.converted += values["project__pk"] is not None
            row.responses_due += due
            if hours is not None:
                row.response_hours.append(hours)
                row.answered_in_time += hours <= self.first_response_hours

    def add_project(self, values: dict) -> None:
        month = values["signed_on"].replace(day=1)
        started = values["stage"] in STARTED_STAGES or values["construction_started_on"] is not None
        for row in self.rows_for(month, values["office_id"], values["city"], values["sector"]):
            row.signed += 1
            row.contract_value += values["contract_value_yuan"] or 0
            row.funds_arrived += values["funds_arrived_yuan"] or 0
            row.started += started

    def figures(self) -> Figures:
        offices = sorted(
            self.office_rows.values(), key=lambda row: (row.key == NOT_ROUTED, row.city, row.label)
        )
        sectors = sorted(self.sectors.values(), key=lambda row: (-row.enquiries, row.label))
        return Figures(
            filters=self.filters,
            total=self.total,
            by_city=list(self.cities.values()),
            by_office=offices,
            by_sector=sectors,
            by_month=list(self.months.values()),
            by_month_city=self.month_city,
            by_sector_city=self.sector_city,
        )


def month_label(month: date) -> str:
    return f"{month:%Y-%m}"


# --- Amounts ---------------------------------------------------------------------------------


def amount_unit() -> tuple[int, str]:
    """How the charts count amounts in the active language: 亿元 in Chinese, millions in
    English (short numbers, so that the value fits beside its bar)."""
    if is_chinese():
        return 100_000_000, _("hundred million yuan")
    return 1_000_000, _("CNY million")


def yuan_text(amount: Decimal | int | None) -> str:
    """An amount as people read it: "3.5亿元" or "2,800万元" in Chinese, "CNY 350 million" or
    "CNY 1.25 billion" in English; "–" for none."""
    if amount is None:
        return "–"
    amount = Decimal(amount)
    if is_chinese():
        if amount >= 100_000_000:
            return _("%(amount)s hundred million yuan") % {"amount": short(amount / 100_000_000)}
        return _("%(amount)s ten thousand yuan") % {"amount": short(amount / 10_000)}
    if amount >= 1_000_000_000:
        return _("CNY %(amount)s billion") % {"amount": short(amount / 1_000_000_000)}
    return _("CNY %(amount)s million") % {"amount": short(amount / 1_000_000)}


def short(number: Decimal) -> str:
    """Two decimals at most, none that are zero, grouped: 1.25, 2,800, 0.5."""
    rounded = round(number, 2).normalize()
    places = max(0, -rounded.as_tuple().exponent)
    return number_format(rounded, decimal_pos=places, force_grouping=True)


# --- Charts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CityPairs:
    """A chart with a bar per city for each label (a month, a sector), Chengdu first, and the
    same numbers as a table: figures.css colours the odd bars Chengdu's, the even Chongqing's."""

    chart: BarChart
    rows: list[tuple[str, float, float]]  # label, Chengdu, Chongqing
    unit: str = ""


def city_pairs(
    chart_id: str, title: str, rows: list[tuple[str, float, float]], unit: str = ""
) -> CityPairs:
    chengdu, chongqing = (str(city.label) for city in TWO_CITIES)
    bars = []
    for label, first, second in rows:
        bars += [(f"{label} · {chengdu}", first), (f"{label} · {chongqing}", second)]
    return CityPairs(bar_chart(chart_id, title, bars), rows, unit)


def charts(figures: Figures) -> dict[str, object]:
    """What the page draws; every number is also in a table beside its chart."""
    divisor, unit = amount_unit()
    months = figures.filters.months()

    def by_month(measure) -> list[tuple[str, float, float]]:
        return [
            (
                month_label(month),
                measure(figures.by_month_city[(month, City.CHENGDU.value)]),
                measure(figures.by_month_city[(month, City.CHONGQING.value)]),
            )
            for month in months
        ]

    def in_units(row: Row) -> float:
        return round(float(row.contract_value) / divisor, 2)

    sectors = [row.key for row in figures.by_sector]
    empty = Row("", "")
    return {
        "city_contract_value": bar_chart(
            "invest-chart-city",
            _("Formal contract value by city (%(unit)s)") % {"unit": unit},
            [(row.label, in_units(row)) for row in figures.by_city if row.key != NOT_ROUTED],
        ),
        "month_enquiries": city_pairs(
            "invest-chart-month-enquiries",
            _("Enquiries received per month"),
            by_month(lambda row: row.enquiries),
        ),
        "month_contract_value": city_pairs(
            "invest-chart-month-contract-value",
            _("Formal contract value per month (%(unit)s)") % {"unit": unit},
            by_month(in_units),
            unit,
        ),
        "sector_enquiries": city_pairs(
            "invest-chart-sector-enquiries",
            _("Enquiries received per sector"),
            [
                (
                    SECTORS.name(sector) or sector,
                    figures.by_sector_city.get((sector, City.CHENGDU.value), empty).enquiries,
                    figures.by_sector_city.get((sector, City.CHONGQING.value), empty).enquiries,
                )
                for sector in sectors
                if sector
            ],
        ),
    }


# --- Exports ---------------------------------------------------------------------------------


def export_header(first: str) -> list[str]:
    return [
        first,
        _("Enquiries received"),
        _("Median hours to first response"),
        _("Answered within %(hours)s hours (per cent)")
        % {"hours": settings.INVEST_FIRST_RESPONSE_HOURS},
        _("Conversion to projects (per cent)"),
        _("Signed projects"),
        _("Formal contract value (yuan)"),
        _("Funds arrived (yuan)"),
        _("Start-of-construction rate (per cent)"),
    ]


def export_tables(figures: Figures) -> list[Table]:
    """The page's four tables and the totals, with amounts in yuan (numbers, not text)."""
    parts = [
        (_("By month"), _("Month"), figures.by_month),
        (_("By city"), _("City"), figures.by_city),
        (_("By office"), _("Office"), figures.by_office),
        (_("By sector"), _("Sector"), figures.by_sector),
        (_("Totals"), "", [figures.total]),
    ]
    return [
        Table(title=title, header=export_header(first), rows=[row.export_values() for row in rows])
        for title, first, rows in parts
    ]
