"""The organisers' figures: computed right on known data, at a cost that does not grow with it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.talent import factories
from tests.talent.factories import english_url
from twincity.core.charts import bar_chart
from twincity.talent import services
from twincity.talent.models import Application
from twincity.talent.selectors import dashboard_figures
from twincity.talent.services import booking

pytestmark = pytest.mark.django_db


Status = Application.Status


def move(application, *statuses, by):
    for status in statuses:
        services.change_status(application, status, by)


@pytest.fixture
def known_fair():
    """Two enterprises, three vacancies (10 openings) at the fair and one outside it; five
    applications from four graduates of two schools (one graduate names none)."""
    fair = factories.fair()
    first, second = factories.recruiter(), factories.recruiter()
    logistics_cd = factories.vacancy(first, fair=fair, headcount=3)
    factory_cq = factories.vacancy(
        first, fair=fair, headcount=2, industry="manufacturing", city="chongqing"
    )
    logistics_cq = factories.vacancy(second, fair=fair, headcount=5, city="chongqing")
    outside = factories.vacancy(second, headcount=1, industry="services")
    school_a, school_b = factories.school(), factories.school()
    g1, g2 = factories.graduate(school=school_a), factories.graduate(school=school_a)
    g3, g4 = factories.graduate(school=school_b), factories.graduate()

    hired = factories.application(g1, logistics_cd)
    move(hired, Status.REVIEWED, Status.OFFER, Status.HIRED, by=first.user)
    withdrawn = factories.application(g1, logistics_cq)
    services.change_status(withdrawn, Status.WITHDRAWN, g1.user)
    declined = factories.application(g2, logistics_cd)
    services.change_status(declined, Status.DECLINED, first.user)
    turned_down = factories.application(g3, factory_cq)  # an offer the graduate let go
    move(turned_down, Status.INTERVIEW, Status.OFFER, by=first.user)
    services.change_status(turned_down, Status.WITHDRAWN, g3.user)
    no_school = factories.application(g4, logistics_cq)
    move(no_school, Status.REVIEWED, Status.OFFER, Status.HIRED, by=second.user)

    slots = factories.interview_slots(first, fair, count=3)
    attended = factories.booked(g1, slots[0])
    factories.booked(g3, slots[2])
    booking.record_attendance(first.user, attended.pk, True)
    return {
        "fair": fair,
        "schools": (school_a, school_b),
        "outside": outside,
        "recruiters": (first, second),
    }


def test_the_fairs_figures_are_counted_from_its_data(known_fair):
    figures = dashboard_figures(known_fair["fair"])

    assert (figures.enterprises, figures.vacancies, figures.openings) == (2, 3, 10)
    assert (figures.applications, figures.graduates) == (5, 4)
    assert (figures.offers, figures.hires) == (3, 2)
    assert (figures.interviews_booked, figures.interviews_attended) == (2, 1)
    assert figures.fill_rate == pytest.approx(0.2)
    assert figures.by_status == {
        "applied": 0,
        "reviewed": 0,
        "interview": 0,
        "offer": 0,
        "hired": 2,
        "declined": 1,
        "withdrawn": 2,
    }
    assert [(r.key, r.enterprises, r.vacancies, r.openings) for r in figures.by_industry] == [
        ("logistics", 2, 2, 8),
        ("manufacturing", 1, 1, 2),
    ]
    assert [(r.key, r.enterprises, r.vacancies, r.openings) for r in figures.by_city] == [
        ("chongqing", 2, 2, 7),
        ("chengdu", 1, 1, 3),
    ]
    school_a = known_fair["schools"][0]
    assert [(p.school_id, p.hires) for p in figures.placements] in (
        [(school_a.pk, 1), (None, 1)],
        [(None, 1), (school_a.pk, 1)],
    )
    assert {p.label for p in figures.placements} == {school_a.name_en, "No school given"}


def test_the_overall_figures_add_vacancies_outside_fairs(known_fair):
    fair_figures = dashboard_figures(known_fair["fair"])
    overall = dashboard_figures()
    outside = known_fair["outside"]

    # Other tests' data never stays, but the demo site may hold vacancies: compare by difference.
    assert overall.vacancies >= fair_figures.vacancies + 1
    assert overall.openings >= fair_figures.openings + outside.headcount
    services_row = next(r for r in overall.by_industry if r.key == "services")
    assert services_row.openings >= 1


def test_a_fair_without_anything_has_zero_figures_and_no_fill_rate():
    figures = dashboard_figures(factories.fair())

    assert (figures.enterprises, figures.vacancies, figures.openings, figures.hires) == (0, 0, 0, 0)
    assert figures.fill_rate is None
    assert figures.by_industry == figures.by_city == figures.placements == []


def test_figures_cost_six_queries_for_a_small_and_a_larger_fair(
    known_fair, django_assert_num_queries
):
    fair = known_fair["fair"]
    with django_assert_num_queries(6):
        dashboard_figures(fair)

    add_more_of_everything(known_fair)
    with django_assert_num_queries(6):
        figures = dashboard_figures(fair)
    assert figures.vacancies == 7


def add_more_of_everything(known_fair):
    """Four more vacancies, each with a hired graduate of a new school."""
    fair, (first, _second) = known_fair["fair"], known_fair["recruiters"]
    for industry in ("it", "retail", "hospitality", "construction"):
        vacancy = factories.vacancy(first, fair=fair, industry=industry, headcount=4)
        application = factories.application(factories.graduate(school=factories.school()), vacancy)
        move(application, Status.REVIEWED, Status.OFFER, Status.HIRED, by=first.user)


def test_the_dashboard_page_costs_the_same_queries_however_much_data(
    client, known_fair, django_assert_max_num_queries
):
    client.force_login(factories.organiser())
    url = english_url("talent:organiser-fair", known_fair["fair"].pk)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200

    add_more_of_everything(known_fair)
    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_dashboard_shows_the_headline_charts_and_tables(client, known_fair):
    client.force_login(factories.organiser())

    response = client.get(english_url("talent:organiser-fair", known_fair["fair"].pk))

    page = response.text
    assert "2 enterprises offer 10 jobs." in page
    assert page.count('role="img"') == 4  # industry, city, pipeline, schools
    assert '<title id="chart-industry-title">Openings by industry</title>' in page
    assert '<th scope="row">Logistics</th><td>2</td><td>2</td><td>8</td>' in page
    assert "No school given" in page


def test_chinese_dashboard_speaks_chinese(client, known_fair):
    client.force_login(factories.organiser())

    response = client.get(
        english_url("talent:organiser-fair", known_fair["fair"].pk).replace("/en/", "/zh-hans/")
    )

    assert response.status_code == 200
    assert "2 家企业提供 10 个职位。" in response.text


def test_a_bar_chart_is_an_accessible_image_with_its_figures():
    with translation.override("en"):
        chart = bar_chart("c", "Openings <by> city", [("Chengdu", 2100), ("重庆市" * 20, 50)])

    svg = str(chart.svg)
    assert svg.startswith('<svg class="bar-chart" role="img" aria-labelledby="c-title"')
    assert '<title id="c-title">Openings &lt;by&gt; city</title>' in svg
    assert "Chengdu: 2,100" in svg  # the description lists every figure
    assert svg.count("<rect") == 2
    assert "…" in svg  # a long label is cut in the picture; the table has it whole
    assert bar_chart("e", "Empty", []).svg == ""


def test_a_deleted_graduates_hire_still_counts(known_fair):
    from twincity.talent.services import privacy

    before = dashboard_figures(known_fair["fair"])
    hired = Application.objects.filter(vacancy__fair=known_fair["fair"], status=Status.HIRED)
    privacy.delete_graduate(hired.first().graduate.user)

    after = dashboard_figures(known_fair["fair"])
    assert (after.applications, after.hires, after.placements) == (
        before.applications,
        before.hires,
        before.placements,
    )


def test_interviews_and_applications_only_count_at_their_fair(known_fair):
    other = dashboard_figures(factories.fair())

    assert (other.interviews_booked, other.applications) == (0, 0)
