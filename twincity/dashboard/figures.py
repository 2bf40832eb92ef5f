"""The economic circle in figures: the counts of selectors.py arranged into tables, made safe
to publish (suppression.py), with a chart each, for the page, the downloads and the staff.

A figure is a few tables of one kind of activity over one window of months; every table is
suppressed on its own, with its totals. Tables of a figure that share totals (the table by
city and the table by month share the totals per city) stay safe together, because each is
safe even when all its totals are known (see suppression.py).
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twincity.core.charts import bar_chart
from twincity.core.cities import City
from twincity.core.vocabulary import SECTORS
from twincity.events.models import EventKind

from . import charts, selectors
from .circle_map import CityFigure, Flow
from .display import marker, min_count
from .suppression import Cell, SafeTable, State, suppress

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FIGURE_KEYS = ("events", "attendance", "placements", "campaigns", "investment")

Axis = list[tuple[str, str]]  # (key, label)
MONTH_KEY = re.compile(r"\d{4}-\d{2}")


@dataclass
class FigureTable:
    key: str
    title: str
    row_heading: str
    rows: Axis
    columns: Axis
    table: SafeTable
    people: bool  # counts of people: suppressed
    unit: str = ""
    series: bool = False  # rows are months: drawn as columns over time
    chart: SafeString = field(default_factory=SafeString)
    # The raw counts, kept only to suppress again (never published as they are).
    raw: list[list[int]] = field(default_factory=list, repr=False)

    def body(self) -> list[tuple[str, str, list[Cell], Cell | None]]:
        """(key, label, cells, row total) per row, for templates and downloads."""
        totals = self.table.row_totals or [None] * len(self.rows)
        return [
            (key, label, cells, total)
            for (key, label), cells, total in zip(self.rows, self.table.cells, totals, strict=True)
        ]

    def shown(self, row: str, column: str) -> int | None:
        """The published value of a cell; None if it is suppressed (or absent)."""
        cell = self.cell(row, column)
        return cell.value if cell else None

    def cell(self, row: str, column: str) -> Cell | None:
        rows, columns = [key for key, _ in self.rows], [key for key, _ in self.columns]
        if row not in rows or column not in columns:
            return None
        return self.table.cells[rows.index(row)][columns.index(column)]

    def column_total(self, column: str) -> Cell | None:
        if self.table.column_totals is None:
            return None
        keys = [key for key, _ in self.columns]
        return self.table.column_totals[keys.index(column)] if column in keys else None


@dataclass
class Figure:
    key: str
    title: str
    about: str  # what counts, how
    window: selectors.Window
    tables: list[FigureTable]
    notes: list[str] = field(default_factory=list)  # shares and amounts, as sentences
    facts: dict = field(default_factory=dict)  # plain values for the JSON download

    def table(self, key: str) -> FigureTable:
        return next(table for table in self.tables if table.key == key)


# --- Axes ------------------------------------------------------------------------------------


def city_axis(*keys: str) -> Axis:
    labels = {
        City.CHENGDU.value: _("Chengdu"),
        City.CHONGQING.value: _("Chongqing"),
        City.BOTH.value: _("Both cities"),
        City.OTHER.value: _("Elsewhere"),
        selectors.NOT_ROUTED: _("Not yet routed"),
    }
    return [(key, labels[key]) for key in keys]


def month_axis(window: selectors.Window) -> Axis:
    return [(month.isoformat()[:7], month_label(month)) for month in window.months]


def month_label(month: date) -> str:
    return f"{month:%Y-%m}"


def make_table(
    key: str,
    title: str,
    row_heading: str,
    rows: Axis,
    columns: Axis,
    counts: Counter,
    *,
    people: bool,
    row_totals: bool = True,
    column_totals: bool = True,
    unit: str = "",
) -> FigureTable:
    """`rows` of months make a series."""
    values = [[counts.get((r, c), 0) for c, _label in columns] for r, _label in rows]
    threshold = min_count() if people else 0
    if values and columns:
        table = suppress(values, threshold, row_totals=row_totals, column_totals=column_totals)
    else:  # nothing to count (no organiser yet): an empty table
        table = SafeTable([], None, None, None)
    series = bool(rows) and MONTH_KEY.fullmatch(rows[0][0]) is not None
    return FigureTable(
        key, title, row_heading, rows, columns, table, people, unit, series, raw=values
    )


def month_key(month: date) -> str:
    return month.isoformat()[:7]


# --- The figures -----------------------------------------------------------------------------


def events_figure(today: date | None = None) -> Figure:
    window = selectors.scheduled_window(today)
    events = selectors.event_rows(window)
    cities = city_axis(City.CHENGDU, City.CHONGQING, City.BOTH)
    by_kind = Counter((event["kind"], event["city"]) for event in events)
    by_month = Counter((month_key(event["month"]), event["city"]) for event in events)
    kinds = [(str(kind.value), str(kind.label)) for kind in EventKind]
    tables = [
        make_table("by-kind", _("Events by kind and city"), _("Kind"), kinds, cities, by_kind,
                   people=False, unit=_("events")),
        make_table("by-month", _("Events by month and city"), _("Month"), month_axis(window),
                   cities, by_month, people=False, unit=_("events")),
    ]  # fmt: skip
    return Figure(
        "events",
        _("Events of the two cities"),
        _(
            "Published events, counted once in the month they start, by the city where they "
            "are held (“both cities” for an event held in both)."
        ),
        window,
        tables,
    )


def crossing_share(table: FigureTable) -> tuple[int, int] | None:
    """(people who crossed, people of the two cities) from a table of origin × destination;
    None unless all four cells are published (a share never uses a suppressed count)."""
    cells = {
        (origin, place): table.shown(origin, place)
        for origin in (City.CHENGDU, City.CHONGQING)
        for place in (City.CHENGDU, City.CHONGQING)
    }
    if any(value is None for value in cells.values()):
        return None
    crossed = cells[(City.CHENGDU, City.CHONGQING)] + cells[(City.CHONGQING, City.CHENGDU)]
    return crossed, sum(cells.values())


def share_note(share: tuple[int, int] | None, text: str) -> str:
    if share is None or not share[1]:
        return _(
            "The share that crossed between the cities is not shown: it would rest on counts "
            "too small to publish."
        )
    return text % {"percent": round(100 * share[0] / share[1]), "crossed": share[0]}


def people_by_pair_and_month(rows, origin: str, destination: str) -> tuple[Counter, Counter]:
    """People counted by (city they come from, city they went to) and by (month, city they
    went to): the two tables of attendance and of placements."""
    by_pair: Counter = Counter()
    by_month: Counter = Counter()
    for row in rows:
        by_pair[(row[origin], row[destination])] += row["count"]
        by_month[(month_key(row["month"]), row[destination])] += row["count"]
    return by_pair, by_month


def crossing_facts(share: tuple[int, int] | None) -> dict:
    return {"crossed": share[0] if share else None, "of": share[1] if share else None}


def attendance_figure(today: date | None = None) -> Figure:
    window = selectors.scheduled_window(today)
    rows = selectors.attendance_rows(selectors.event_rows(window))
    origins = city_axis(City.CHENGDU, City.CHONGQING, City.OTHER)
    places = city_axis(City.CHENGDU, City.CHONGQING, City.BOTH)
    by_origin, by_month = people_by_pair_and_month(rows, "origin", "event_city")
    tables = [
        make_table("by-origin", _("Attendance by city of origin and city of the event"),
                   _("Coming from"), origins, places, by_origin, people=True, unit=_("people")),
        make_table("by-month", _("Attendance by month and city of the event"), _("Month"),
                   month_axis(window), places, by_month, people=True, unit=_("people")),
    ]  # fmt: skip
    share = crossing_share(tables[0])
    return Figure(
        "attendance",
        _("Attendance across the two cities"),
        _(
            "People at events, by the city they said they come from when they registered: "
            "those checked in at the gate where tickets were scanned, otherwise the confirmed "
            "registrations. Counted in the month of the event."
        ),
        window,
        tables,
        notes=[
            share_note(
                share,
                _(
                    "%(percent)s%% of the attendees from Chengdu and Chongqing at events in the "
                    "two cities came from the other city (%(crossed)s people)."
                ),
            )
        ],
        facts=crossing_facts(share),
    )


def placements_figure(today: date | None = None) -> Figure:
    window = selectors.past_window(today)
    rows = selectors.placement_rows(window)
    schools = city_axis(City.CHENGDU, City.CHONGQING, City.OTHER)
    places = city_axis(City.CHENGDU, City.CHONGQING, City.OTHER)
    by_city, by_month = people_by_pair_and_month(rows, "school_city", "vacancy_city")
    tables = [
        make_table("by-city", _("Placements by city of the school and city of the job"),
                   _("School in"), schools, places, by_city, people=True, unit=_("graduates")),
        make_table("by-month", _("Placements by month and city of the job"), _("Month"),
                   month_axis(window), places, by_month, people=True, unit=_("graduates")),
    ]  # fmt: skip
    share = crossing_share(tables[0])
    return Figure(
        "placements",
        _("Job-fair placements across the cities"),
        _(
            "Graduates offered or hired for a vacancy posted at a job fair, by the city of "
            "their school and the city of the job; counted in the month of the offer or hire."
        ),
        window,
        tables,
        notes=[
            share_note(
                share,
                _(
                    "%(percent)s%% of the graduates of Chengdu's and Chongqing's schools placed "
                    "in the two cities were placed in the other city (%(crossed)s graduates)."
                ),
            )
        ],
        facts=crossing_facts(share),
    )


def campaigns_figure(today: date | None = None) -> Figure:
    window = selectors.past_window(today)
    rows = selectors.campaign_rows(window)
    sides = city_axis(City.CHENGDU, City.CHONGQING)
    views: Counter = Counter()
    clicks: Counter = Counter()
    for row in rows:
        views[(month_key(row["month"]), row["side"])] += row["views"]
        clicks[(month_key(row["month"]), row["side"])] += row["clicks"]
    months = month_axis(window)
    tables = [
        make_table("views", _("Campaign views by month and partner promoted"), _("Month"),
                   months, sides, views, people=False, unit=_("views")),
        make_table("clicks", _("Campaign click-throughs by month and partner promoted"),
                   _("Month"), months, sides, clicks, people=False, unit=_("click-throughs")),
    ]  # fmt: skip
    total_views, total_clicks = sum(views.values()), sum(clicks.values())
    rate = round(100 * total_clicks / total_views, 1) if total_views else None
    notes = []
    if rate is not None:
        notes.append(_("Click-through rate over the period: %(rate)s%%.") % {"rate": rate})
    return Figure(
        "campaigns",
        _("Joint tourism campaigns"),
        _(
            "How often each partner's promotion was seen on the other partner's page, and "
            "followed, by the city of the partner promoted. Page views, not people."
        ),
        window,
        tables,
        notes=notes,
        facts={"click_through_rate_percent": rate},
    )


def investment_figure(today: date | None = None) -> Figure:
    window = selectors.past_window(today)
    enquiries = selectors.enquiry_rows(window)
    projects = selectors.project_rows(window)
    sectors = [(key, name) for key, name in SECTORS.choices()]
    known = {key for key, _ in sectors}
    for row in [*enquiries, *projects]:  # a sector since removed from the vocabulary
        if row["sector"] not in known:
            known.add(row["sector"])
            sectors.append((row["sector"], row["sector"]))
    enquiry_cities = city_axis(City.CHENGDU, City.CHONGQING, selectors.NOT_ROUTED)
    project_cities = city_axis(City.CHENGDU, City.CHONGQING)
    counts = {
        name: Counter() for name in ("enquiries", "enquiry_months", "signed", "signed_months")
    }
    amounts = {city: [Decimal(0), Decimal(0)] for city, _ in project_cities}
    for row in enquiries:
        counts["enquiries"][(row["sector"], row["city"])] += row["count"]
        counts["enquiry_months"][(month_key(row["month"]), row["city"])] += row["count"]
    for row in projects:
        counts["signed"][(row["sector"], row["city"])] += row["count"]
        counts["signed_months"][(month_key(row["month"]), row["city"])] += row["count"]
        amounts[row["city"]][0] += row["contract_value"]
        amounts[row["city"]][1] += row["funds_arrived"]
    months = month_axis(window)
    used_sectors = [
        (key, name)
        for key, name in sectors
        if any(counts[kind].get((key, city)) for kind in ("enquiries", "signed") for city, _ in enquiry_cities)
    ]  # fmt: skip
    # Every sector of the vocabulary stays a row of the enquiries (an empty row says nobody
    # asked); the projects only list the sectors with any activity, to stay readable.
    tables = [
        make_table("enquiries", _("Investment enquiries by sector and city"), _("Sector"),
                   sectors, enquiry_cities, counts["enquiries"], people=True, unit=_("enquiries")),
        make_table("enquiries-by-month", _("Investment enquiries by month and city"), _("Month"),
                   months, enquiry_cities, counts["enquiry_months"], people=True,
                   unit=_("enquiries")),
        make_table("signed", _("Signed projects by sector and city"), _("Sector"),
                   used_sectors or sectors[:1], project_cities, counts["signed"], people=False,
                   unit=_("projects")),
        make_table("signed-by-month", _("Signed projects by month and city"), _("Month"), months,
                   project_cities, counts["signed_months"], people=False, unit=_("projects")),
    ]  # fmt: skip
    notes = [
        _("%(city)s: formal contract value %(value)s, funds arrived %(funds)s.")
        % {"city": label, "value": yuan(amounts[key][0]), "funds": yuan(amounts[key][1])}
        for key, label in project_cities
    ]
    return Figure(
        "investment",
        _("Investment enquiries and signed projects"),
        _(
            "Enquiries count in the month they were sent, with the city of the office that "
            "leads them; projects in the month they were signed, with their formal contract "
            "value and the funds arrived so far."
        ),
        window,
        tables,
        notes=notes,
        facts={
            "amounts_yuan": {
                key: {"contract_value": int(amounts[key][0]), "funds_arrived": int(amounts[key][1])}
                for key, _ in project_cities
            }
        },
    )


def yuan(amount: Decimal) -> str:
    from twincity.invest.figures import yuan_text

    return yuan_text(amount)


BUILDERS: dict[str, Callable[..., Figure]] = {
    "events": events_figure,
    "attendance": attendance_figure,
    "placements": placements_figure,
    "campaigns": campaigns_figure,
    "investment": investment_figure,
}

TITLES = {
    "events": gettext_lazy("Events"),
    "attendance": gettext_lazy("Attendance"),
    "placements": gettext_lazy("Job-fair placements"),
    "campaigns": gettext_lazy("Tourism campaigns"),
    "investment": gettext_lazy("Investment"),
}


def figure(key: str, today: date | None = None) -> Figure:
    found = BUILDERS[key](today)
    without_totals_together(found)
    for table in found.tables:
        table.chart = chart_of(found.key, table)
    return found


def without_totals_together(found: Figure) -> None:
    """The tables of a figure share their totals (per city over the months, or over the
    cities): if one of them could not publish its totals safely, none does, or the others
    would give them away."""
    people = [table for table in found.tables if table.people]
    if any(table.table.row_totals is None or table.table.column_totals is None for table in people):
        for table in (table for table in people if table.raw):
            table.table = suppress(table.raw, min_count(), row_totals=False, column_totals=False)


def all_figures(today: date | None = None) -> list[Figure]:
    return [figure(key, today) for key in FIGURE_KEYS]


# --- Charts ----------------------------------------------------------------------------------


def chart_of(figure_key: str, table: FigureTable) -> SafeString:
    """A month table is drawn as columns over time; another as bars of its published cells."""
    chart_id = f"chart-{figure_key}-{table.key}"
    if table.series:
        return charts.month_columns(chart_id, table.title, month_series(table), table.unit)
    return bar_chart(chart_id, table.title, cell_bars(table)).svg


def month_series(table: FigureTable) -> list[tuple[str, Cell]]:
    """(month, its total) for the column chart; a total that is not published stays so."""
    if table.table.row_totals is not None:
        return [(label, total) for (_key, label), total in zip(table.rows, table.table.row_totals, strict=True)]  # fmt: skip
    return [(label, cells[0]) for (_key, label), cells in zip(table.rows, table.table.cells, strict=True)]  # fmt: skip


def cell_bars(table: FigureTable) -> list[tuple[str, int]]:
    """The published non-zero cells, labelled "row · column"; suppressed ones are left out of
    the picture (the table beside it marks them)."""
    bars = []
    for (_key, label), cells in zip(table.rows, table.table.cells, strict=True):
        for (_c, column), cell in zip(table.columns, cells, strict=True):
            if cell.state is State.SHOWN and cell.value:
                bars.append((f"{label} · {column}", cell.value))
    return bars


# --- The map ---------------------------------------------------------------------------------


def in_words(cell: Cell | None) -> str:
    if cell is None:
        return _("not published")
    return number_format(cell.value, force_grouping=True) if cell.shown else marker(cell)


def map_data(found: dict[str, Figure]) -> tuple[list[CityFigure], list[Flow]]:
    """What the map writes on each city and on the arrows between them: published values of
    the figures' tables only, so the map can never show what a table hides."""
    events = found["events"].table("by-kind")
    attendance = found["attendance"].table("by-origin")
    placements = found["placements"].table("by-city")
    signed = found["investment"].table("signed")
    cities = []
    for key, name in city_axis(City.CHENGDU, City.CHONGQING):
        cities.append(
            CityFigure(
                key,
                name,
                [
                    _("Events: %(value)s") % {"value": in_words(events.column_total(key))},
                    _("Attendance: %(value)s") % {"value": in_words(attendance.column_total(key))},
                    _("Placements: %(value)s") % {"value": in_words(placements.column_total(key))},
                    _("Signed projects: %(value)s") % {"value": in_words(signed.column_total(key))},
                ],
            )
        )
    flows = [
        Flow(
            origin,
            destination,
            _("Attendance: %(attendance)s · Placements: %(placements)s")
            % {
                "attendance": in_words(attendance.cell(origin, destination)),
                "placements": in_words(placements.cell(origin, destination)),
            },
        )
        for origin, destination in ((City.CHENGDU, City.CHONGQING), (City.CHONGQING, City.CHENGDU))
    ]
    return cities, flows
