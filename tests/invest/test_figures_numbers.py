"""The investment figures on crafted data: every measure, zero denominators, months without
data, the filters, a fixed number of queries, amounts in 万元/亿元 and million/billion.

The demo loads a year of enquiries up to today: these tests work in 2021, before any of it."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests.invest import factories
from twincity.invest import figures
from twincity.invest.figures import Filters, investment_figures, yuan_text
from twincity.invest.models import Enquiry, ProjectStage

pytestmark = pytest.mark.django_db

BEIJING = timezone.get_default_timezone()
NOW = datetime(2021, 6, 1, 12, tzinfo=BEIJING)
JAN_TO_APR = Filters(start=date(2021, 1, 1), end=date(2021, 4, 1))


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING)


def sent(enquiry: Enquiry, when: datetime, answered_after_hours: float | None = None) -> Enquiry:
    """The enquiry as sent at `when` (auto_now_add wrote now) and first answered after so long."""
    answered = when + timedelta(hours=answered_after_hours) if answered_after_hours else None
    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=when, first_response_at=answered)
    enquiry.refresh_from_db()
    return enquiry


@pytest.fixture
def crafted():
    """Chengdu: three enquiries (answered after 10 h with a project, after 60 h, never) and two
    signed projects (one building); Chongqing: one enquiry answered after 24 h, a project in
    negotiation and one signed before the period."""
    chengdu, chongqing = factories.office("chengdu"), factories.office("chongqing")
    first = sent(factories.enquiry(offices=(chengdu,)), at(date(2021, 1, 10)), 10)
    sent(factories.enquiry(offices=(chengdu,), sector="electronics"), at(date(2021, 1, 20)), 60)
    sent(factories.enquiry(offices=(chengdu,)), at(date(2021, 3, 5)))
    sent(factories.enquiry(offices=(chongqing,)), at(date(2021, 2, 1)), 24)
    factories.project(
        chengdu,
        enquiry=first,
        stage=ProjectStage.CONSTRUCTION,
        signed_on=date(2021, 1, 25),
        construction_started_on=date(2021, 3, 1),
        contract_value_yuan=100_000_000,
        funds_arrived_yuan=40_000_000,
    )
    factories.project(
        chengdu,
        stage=ProjectStage.SIGNED,
        signed_on=date(2021, 3, 1),
        contract_value_yuan=50_000_000,
    )
    factories.project(chongqing, stage=ProjectStage.NEGOTIATION)
    factories.project(
        chongqing, stage=ProjectStage.SIGNED, signed_on=date(2020, 12, 30), contract_value_yuan=9
    )
    return chengdu, chongqing


def test_totals_of_every_measure(crafted):
    total = investment_figures(JAN_TO_APR, now=NOW).total

    assert total.enquiries == 4
    assert total.median_response_hours == 24.0  # of 10, 24 and 60
    assert total.answered_in_time_share == 50.0  # 10 h and 24 h of the four due, within 48 h
    assert total.conversion == 25.0
    assert total.signed == 2
    assert total.contract_value == Decimal(150_000_000)
    assert total.funds_arrived == Decimal(40_000_000)
    assert total.start_rate == 50.0


def test_months_without_data_are_listed_with_nothing_to_measure(crafted):
    months = {row.key: row for row in investment_figures(JAN_TO_APR, now=NOW).by_month}

    assert list(months) == ["2021-01-01", "2021-02-01", "2021-03-01", "2021-04-01"]
    assert (months["2021-01-01"].enquiries, months["2021-01-01"].signed) == (2, 1)
    assert months["2021-02-01"].signed == 0 and months["2021-02-01"].start_rate is None
    april = months["2021-04-01"]
    assert (april.enquiries, april.signed, april.contract_value) == (0, 0, 0)
    assert april.median_response_hours is None
    assert april.answered_in_time_share is None
    assert april.conversion is None
    assert april.start_rate is None


def test_per_city_office_and_sector(crafted):
    chengdu, chongqing = crafted
    found = investment_figures(JAN_TO_APR, now=NOW)

    cities = {row.key: row for row in found.by_city}
    assert list(cities) == ["chengdu", "chongqing"]
    assert (cities["chengdu"].enquiries, cities["chengdu"].signed) == (3, 2)
    assert cities["chengdu"].contract_value == 150_000_000
    assert (cities["chongqing"].enquiries, cities["chongqing"].conversion) == (1, 0.0)
    assert cities["chongqing"].start_rate is None  # nothing signed: no rate, not 0 %
    offices = {row.key: row for row in found.by_office}
    assert offices[str(chengdu.pk)].signed == 2 and offices[str(chongqing.pk)].enquiries == 1
    sectors = {row.key: row for row in found.by_sector}
    assert (sectors["vehicles"].enquiries, sectors["electronics"].enquiries) == (3, 1)
    assert sectors["vehicles"].signed == 2


def test_filters_by_city_office_and_sector(crafted):
    chengdu, chongqing = crafted

    def total(**chosen):
        return investment_figures(
            Filters(start=JAN_TO_APR.start, end=JAN_TO_APR.end, **chosen), now=NOW
        ).total

    assert (total(city="chongqing").enquiries, total(city="chongqing").signed) == (1, 0)
    assert total(office_id=chengdu.pk).contract_value == 150_000_000
    assert total(sector="electronics").enquiries == 1
    assert total(sector="electronics").signed == 0
    one_month = Filters(start=date(2021, 3, 1), end=date(2021, 3, 1))
    assert investment_figures(one_month, now=NOW).total.contract_value == 50_000_000


def test_an_empty_period_has_zeros_and_no_rates():
    total = investment_figures(Filters(date(2019, 1, 1), date(2019, 2, 1))).total

    assert (total.enquiries, total.signed, total.contract_value, total.funds_arrived) == (
        0,
        0,
        0,
        0,
    )
    assert total.median_response_hours is None
    assert total.answered_in_time_share is None
    assert total.conversion is None
    assert total.start_rate is None


def test_a_fresh_enquiry_does_not_count_against_the_office_before_its_time_is_up():
    office = factories.office("chengdu")
    sent(factories.enquiry(offices=(office,)), at(date(2021, 1, 10)))
    period = Filters(date(2021, 1, 1), date(2021, 1, 1))

    early = investment_figures(period, now=at(date(2021, 1, 10), 20)).total
    late = investment_figures(period, now=at(date(2021, 1, 13))).total

    assert (early.responses_due, early.answered_in_time_share) == (0, None)
    assert (late.responses_due, late.answered_in_time_share) == (1, 0.0)


def test_an_enquiry_not_yet_routed_has_a_row_of_its_own():
    sent(factories.enquiry(), at(date(2021, 1, 10)))

    found = investment_figures(Filters(date(2021, 1, 1), date(2021, 1, 1)), now=NOW)

    assert [row.key for row in found.by_city] == ["chengdu", "chongqing", figures.NOT_ROUTED]
    assert found.by_city[-1].enquiries == 1
    assert found.by_office[-1].key == figures.NOT_ROUTED


def test_three_queries_whatever_the_data(crafted, django_assert_num_queries):
    with django_assert_num_queries(3):
        investment_figures(JAN_TO_APR, now=NOW)
    chengdu, _chongqing = crafted
    for day in range(1, 20):
        sent(factories.enquiry(offices=(chengdu,), sector="food"), at(date(2021, 2, day)), day)
        factories.project(chengdu, stage=ProjectStage.SIGNED, signed_on=date(2021, 2, day))
    with django_assert_num_queries(3):
        investment_figures(JAN_TO_APR, now=NOW)


def test_the_default_period_is_the_last_twelve_months():
    default = figures.default_filters(date(2026, 12, 5))

    assert (default.start, default.end) == (date(2026, 1, 1), date(2026, 12, 1))
    assert len(default.months()) == 12


@pytest.mark.parametrize(
    ("amount", "english", "chinese"),
    [
        (0, "CNY 0 million", "0万元"),
        (500_000, "CNY 0.5 million", "50万元"),
        (28_000_000, "CNY 28 million", "2,800万元"),
        (350_000_000, "CNY 350 million", "3.5亿元"),
        (1_250_000_000, "CNY 1.25 billion", "12.5亿元"),
        (None, "–", "–"),
    ],
)
def test_amounts_in_millions_in_english_and_in_wan_and_yi_in_chinese(amount, english, chinese):
    with translation.override("en"):
        assert yuan_text(amount) == english
    with translation.override("zh-hans"):
        assert yuan_text(amount) == chinese


def test_the_charts_pair_the_cities_month_by_month(crafted):
    with translation.override("en"):
        charts = figures.charts(investment_figures(JAN_TO_APR, now=NOW))

    months = charts["month_enquiries"]
    assert months.rows[0] == ("2021-01", 2, 0)
    assert [label for label, _value in months.chart.bars[:2]] == [
        "2021-01 · Chengdu",
        "2021-01 · Chongqing",
    ]
    assert charts["month_contract_value"].rows[0] == ("2021-01", 100.0, 0.0)  # CNY million
    assert charts["city_contract_value"].bars == [("Chengdu", 150.0), ("Chongqing", 0.0)]
