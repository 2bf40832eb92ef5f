"""The routing rules staff edit: the first active matching rule wins, the fallback last."""

from decimal import Decimal

import pytest

from tests.invest import factories
from twincity.invest import routing
from twincity.invest.models import RoutingRule
from twincity.invest.routing import Facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules():
    """Only the test's rules (the demo's are set aside)."""
    RoutingRule.objects.all().delete()
    cq, cd = factories.office("chongqing"), factories.office("chengdu")
    factories.routing_rule(
        (cd, cq), position=5, sectors=["electronics"], intended_cities=["either"]
    )
    factories.routing_rule(
        (cq,), position=8, sectors=["vehicles"], min_investment_yuan=Decimal(1_000_000_000)
    )
    factories.routing_rule((cq,), position=10, intended_cities=["chongqing"])
    factories.routing_rule((cd,), position=20, intended_cities=["chengdu"])
    factories.routing_rule(
        (cd,), position=30, intended_cities=["either"], max_investment_yuan=Decimal(10_000_000)
    )
    factories.routing_rule((cq, cd), position=40, intended_cities=["either"])
    factories.routing_rule((cd,), position=1, active=False)
    factories.routing_rule((cq, cd), is_fallback=True, position=0)
    return {"chongqing": cq, "chengdu": cd}


@pytest.mark.parametrize(
    ("sector", "city", "investment", "expected"),
    [
        ("food", "chongqing", 5_000_000, ["chongqing"]),
        ("food", "chengdu", None, ["chengdu"]),
        ("electronics", "either", None, ["chengdu", "chongqing"]),  # joint, Chengdu leads
        ("vehicles", "chengdu", 2_000_000_000, ["chongqing"]),  # over the minimum
        ("vehicles", "chengdu", 999_999_999, ["chengdu"]),  # under it
        ("vehicles", "chengdu", None, ["chengdu"]),  # no amount meets no minimum
        ("food", "either", 10_000_000, ["chengdu"]),  # up to and including the maximum
        ("food", "either", 10_000_001, ["chongqing", "chengdu"]),
        ("food", "either", None, ["chongqing", "chengdu"]),
    ],
)
def test_the_first_matching_rule_routes(rules, sector, city, investment, expected):
    amount = Decimal(investment) if investment is not None else None
    route = routing.route_for(Facts(sector=sector, intended_city=city, investment=amount))

    assert [office.city for office in route.offices] == expected
    assert route.lead == rules[expected[0]]


def test_the_fallback_catches_what_no_rule_matches(rules):
    RoutingRule.objects.filter(is_fallback=False, intended_cities=["chengdu"]).delete()

    route = routing.route_for(Facts(sector="food", intended_city="chengdu"))

    assert route.rule.is_fallback
    assert [office.city for office in route.offices] == ["chongqing", "chengdu"]


def test_without_a_matching_rule_nobody_is_routed_to(rules):
    RoutingRule.objects.filter(is_fallback=True).delete()
    RoutingRule.objects.filter(intended_cities=["chengdu"]).delete()

    route = routing.route_for(Facts(sector="food", intended_city="chengdu"))

    assert route.rule is None and route.offices == [] and route.lead is None


def test_the_rules_are_read_in_two_queries(rules, django_assert_num_queries):
    with django_assert_num_queries(2):
        routing.route_for(Facts(sector="food", intended_city="either"))
