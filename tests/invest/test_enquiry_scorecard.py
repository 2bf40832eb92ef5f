"""The scorecard staff edit: points, the high-value flag and reasons worded in either language."""

from decimal import Decimal

import pytest
from django.utils import translation

from twincity.invest import scorecard
from twincity.invest.models import PriorityMatch, Scorecard, SectorThreshold
from twincity.invest.routing import Facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def card():
    card = Scorecard.objects.create(
        name="Test card",
        investment_points=40,
        default_threshold_yuan=Decimal(100_000_000),
        jobs_over=100,
        jobs_points=30,
        priority_points=30,
        high_value_score=60,
    )
    SectorThreshold.objects.create(scorecard=card, sector="vehicles", threshold_yuan=500_000_000)
    PriorityMatch.objects.create(scorecard=card, sector="vehicles", city="chongqing")
    return scorecard.current()


def facts(**fields) -> Facts:
    values = {"sector": "vehicles", "intended_city": "chongqing", "investment": None, "jobs": None}
    return Facts(**{**values, **fields})


@pytest.mark.parametrize(
    ("fields", "points", "high_value", "keys"),
    [
        ({}, 30, False, ["priority"]),
        ({"intended_city": "chengdu"}, 0, False, []),
        ({"intended_city": "either"}, 30, False, ["priority"]),
        ({"investment": Decimal(500_000_000)}, 70, True, ["investment", "priority"]),
        ({"investment": Decimal(499_999_999)}, 30, False, ["priority"]),
        ({"jobs": 101, "intended_city": "chengdu"}, 30, False, ["jobs"]),
        ({"jobs": 100, "intended_city": "chengdu"}, 0, False, []),
        # A sector without its own threshold: the default one.
        (
            {"sector": "food", "investment": Decimal(100_000_000), "jobs": 500},
            70,
            True,
            ["investment", "jobs"],
        ),
    ],
)
def test_points_and_high_value(card, fields, points, high_value, keys):
    score = scorecard.score(facts(**fields), card)

    assert (score.points, score.high_value) == (points, high_value)
    assert [reason["key"] for reason in score.reasons] == keys


def test_without_a_scorecard_nothing_scores():
    Scorecard.objects.all().delete()

    assert scorecard.score(facts(jobs=1000), scorecard.current()) == scorecard.Score()


def test_reasons_are_stored_as_keys_and_worded_in_the_readers_language(card):
    score = scorecard.score(facts(investment=Decimal(600_000_000), jobs=150), card)
    assert score.reasons[0] == {
        "key": "investment",
        "points": 40,
        "params": {"amount": 600_000_000, "threshold": 500_000_000, "sector": "vehicles"},
    }

    with translation.override("en"):
        english = scorecard.describe_all(score.reasons)
    with translation.override("zh-hans"):
        chinese = scorecard.describe_all(score.reasons)

    assert "600,000,000" in english[0] and "Intelligent connected" in english[0]
    assert english[1] == "150 planned jobs, more than 100"
    assert "智能网联新能源汽车" in chinese[0] and "重庆" in chinese[2]
    assert scorecard.describe({"key": "retired-rule"}) == ""


def test_the_scorecard_is_read_in_three_queries(card, django_assert_num_queries):
    with django_assert_num_queries(3):
        scorecard.score(facts(), scorecard.current())
