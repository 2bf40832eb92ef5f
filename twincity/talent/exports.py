"""The organisers' report as tables, written as CSV or Excel by core.spreadsheets.

The dashboard and the downloads take their figures from the same `Figures`, so a spreadsheet
never disagrees with the page.
"""

from django.utils.translation import gettext as _

from twincity.core.spreadsheets import Table, Value

from .models import Application
from .selectors import Figures


def fill_rate_percent(figures: Figures) -> float | None:
    rate = figures.fill_rate
    return None if rate is None else round(rate * 100, 1)


def summary_rows(figures: Figures) -> list[tuple[str, Value]]:
    return [
        (_("Enterprises"), figures.enterprises),
        (_("Vacancies"), figures.vacancies),
        (_("Openings"), figures.openings),
        (_("Applications"), figures.applications),
        (_("Graduates who applied"), figures.graduates),
        (_("Interviews booked"), figures.interviews_booked),
        (_("Interviews attended"), figures.interviews_attended),
        (_("Offers"), figures.offers),
        (_("Hires"), figures.hires),
        (_("Fill rate (hires per opening, %)"), fill_rate_percent(figures)),
    ]


def report_tables(figures: Figures, vacancies) -> list[Table]:
    """Summary, pipeline, industries, cities, schools, then one row per vacancy."""
    breakdown_header = [_("Enterprises"), _("Vacancies"), _("Openings")]
    return [
        Table(
            _("Summary"), [_("Figure"), _("Value")], [list(row) for row in summary_rows(figures)]
        ),
        Table(
            _("Applications by status"),
            [_("Status"), _("Applications")],
            [[str(label), figures.by_status[value]] for value, label in Application.Status.choices],
        ),
        Table(
            _("By industry"),
            [_("Industry"), *breakdown_header],
            [[r.label, r.enterprises, r.vacancies, r.openings] for r in figures.by_industry],
        ),
        Table(
            _("By city"),
            [_("City"), *breakdown_header],
            [[r.label, r.enterprises, r.vacancies, r.openings] for r in figures.by_city],
        ),
        Table(
            _("Placements by school"),
            [_("School"), _("Hires")],
            [[p.label, p.hires] for p in figures.placements],
        ),
        Table(_("Vacancies"), vacancy_header(), [vacancy_row(v) for v in vacancies]),
    ]


def vacancy_header() -> list[str]:
    return [
        _("Vacancy number"),
        _("Enterprise (English)"),
        _("Enterprise (Chinese)"),
        _("Title (English)"),
        _("Title (Chinese)"),
        _("Job fair"),
        _("Industry"),
        _("City"),
        _("Status"),
        _("Openings"),
        _("Applications"),
        _("Offers"),
        _("Hires"),
    ]


def vacancy_row(vacancy) -> list[Value]:
    return [
        vacancy.pk,
        vacancy.organisation.name_en,
        vacancy.organisation.name_zh,
        vacancy.title_en,
        vacancy.title_zh,
        str(vacancy.fair) if vacancy.fair else "",
        vacancy.get_industry_display(),
        vacancy.get_city_display(),
        vacancy.get_status_display(),
        vacancy.headcount,
        vacancy.application_count,
        vacancy.offer_count,
        vacancy.hire_count,
    ]
