"""The staff version: the same figures per organisation — the organisers of events, the
enterprises of vacancies, the investment offices. Counts of people stay suppressed here too:
staff see more detail, not anyone's name.

An event with several organisers counts for each of them, so the rows of a table per
organiser do not add up to the public totals; those tables publish a total per row only.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.directory.models import Organisation
from twincity.invest.models import Office

from . import selectors
from .figures import FigureTable, city_axis, make_table, yuan


@dataclass
class StaffFigures:
    window_scheduled: selectors.Window
    window_past: selectors.Window
    tables: list[FigureTable]
    amounts: list[tuple[str, int, str, str]]  # office, signed projects, contract value, funds


def organisation_axis(ids: set[int]) -> list[tuple[str, str]]:
    organisations = Organisation.objects.filter(pk__in=ids).only("name_en", "name_zh")
    return sorted(
        ((str(org.pk), localised(org, "name")) for org in organisations), key=lambda row: row[1]
    )


def office_axis(ids: set) -> list[tuple[str, str]]:
    offices = Office.objects.filter(pk__in=[pk for pk in ids if pk]).only("name_en", "name_zh")
    axis = sorted(((str(o.pk), localised(o, "name")) for o in offices), key=lambda row: row[1])
    if None in ids:
        axis.append(("none", _("Not yet routed")))
    return axis


def staff_figures(today: date | None = None) -> StaffFigures:
    scheduled = selectors.scheduled_window(today)
    past = selectors.past_window(today)
    events = selectors.event_rows(scheduled)
    organisers = selectors.event_organisers(event["id"] for event in events)
    attendance = selectors.attendance_rows(events)
    placements = selectors.placement_rows(past)
    enquiries = selectors.enquiry_rows(past)
    projects = selectors.project_rows(past)

    event_counts, people = Counter(), Counter()
    for event in events:
        for org in organisers.get(event["id"], []):
            event_counts[(str(org), event["city"])] += 1
    for row in attendance:
        for org in organisers.get(row["event"], []):
            people[(str(org), row["origin"])] += row["count"]
    placed = Counter()
    for row in placements:
        placed[(str(row["enterprise"]), row["school_city"])] += row["count"]
    asked = Counter()
    for row in enquiries:
        asked[(str(row["office"]) if row["office"] else "none", "enquiries")] += row["count"]
    signed = Counter()
    values: dict[str, list] = {}
    for row in projects:
        key = str(row["office"])
        signed[(key, "signed")] += row["count"]
        total = values.setdefault(key, [0, 0])
        total[0] += row["contract_value"]
        total[1] += row["funds_arrived"]

    organiser_rows = organisation_axis({org for ids in organisers.values() for org in ids})
    enterprise_rows = organisation_axis({row["enterprise"] for row in placements})
    office_rows = office_axis(
        {row["office"] for row in enquiries} | {r["office"] for r in projects}
    )
    cities = city_axis(City.CHENGDU, City.CHONGQING, City.BOTH)
    origins = city_axis(City.CHENGDU, City.CHONGQING, City.OTHER)
    tables = [
        make_table("events", _("Events per organiser, by city of the event"), _("Organiser"),
                   organiser_rows, cities, event_counts, people=False, column_totals=False,
                   unit=_("events")),
        make_table("attendance", _("Attendance per organiser, by city of origin"), _("Organiser"),
                   organiser_rows, origins, people, people=True, column_totals=False,
                   unit=_("people")),
        make_table("placements", _("Job-fair placements per enterprise, by city of the school"),
                   _("Enterprise"), enterprise_rows, origins, placed, people=True,
                   unit=_("graduates")),
        make_table("enquiries", _("Investment enquiries per lead office"), _("Office"),
                   office_rows, [("enquiries", _("Enquiries"))], asked, people=True,
                   row_totals=False, unit=_("enquiries")),
        make_table("signed", _("Signed projects per office"), _("Office"), office_rows,
                   [("signed", _("Signed projects"))], signed, people=False, row_totals=False,
                   unit=_("projects")),
    ]  # fmt: skip
    amounts = [
        (label, signed[(key, "signed")], yuan(values[key][0]), yuan(values[key][1]))
        for key, label in office_rows
        if key in values
    ]
    return StaffFigures(scheduled, past, [t for t in tables if t.rows], amounts)
