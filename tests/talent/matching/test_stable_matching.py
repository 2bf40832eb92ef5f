"""Deferred acceptance against an independent checker, on random fairs (hypothesis)."""

import itertools

import pytest
from hypothesis import given, settings

from tests.talent.matching.checkers import assert_valid_and_stable, blocking_pairs, fairs
from twincity.talent.matching.stable import (
    FairRankings,
    MatchingInputError,
    graduate_optimal_assignment,
)


@settings(max_examples=400, deadline=None)
@given(fairs())
def test_every_assignment_is_stable_and_within_headcounts(rankings):
    assert_valid_and_stable(rankings, graduate_optimal_assignment(rankings))


def all_stable_matchings(rankings: FairRankings):
    graduates = list(rankings.graduate_rankings)
    options = [[None, *rankings.graduate_rankings[g]] for g in graduates]
    for choice in itertools.product(*options):
        matching = {g: v for g, v in zip(graduates, choice, strict=True) if v is not None}
        try:
            assert_valid_and_stable(rankings, matching)
        except AssertionError:
            continue
        yield matching


@settings(max_examples=150, deadline=None)
@given(fairs(max_graduates=5, max_vacancies=3))
def test_graduates_do_at_least_as_well_as_in_any_stable_matching(rankings):
    ours = graduate_optimal_assignment(rankings)

    def position(graduate, matching):
        vacancy = matching.get(graduate)
        ranking = rankings.graduate_rankings[graduate]
        return ranking.index(vacancy) if vacancy is not None else len(ranking)

    for other in all_stable_matchings(rankings):
        for graduate in rankings.graduate_rankings:
            assert position(graduate, ours) <= position(graduate, other)


def test_the_checker_catches_an_unstable_matching():
    rankings = FairRankings(
        {"ann": ["a", "b"], "bo": ["a"]}, {"a": ["ann", "bo"], "b": ["ann"]}, {"a": 1, "b": 1}
    )
    assert blocking_pairs(rankings, {"ann": "b", "bo": "a"}) == [("ann", "a")]
    assert graduate_optimal_assignment(rankings) == {"ann": "a"}


def test_a_textbook_instance():
    # Three graduates, two vacancies; "lab" takes two. Graduates propose.
    rankings = FairRankings(
        graduate_rankings={
            "li": ["lab", "depot"],
            "wang": ["lab", "depot"],
            "zhang": ["depot", "lab"],
        },
        vacancy_rankings={"lab": ["zhang", "wang", "li"], "depot": ["li", "zhang", "wang"]},
        headcounts={"lab": 2, "depot": 1},
    )
    assert graduate_optimal_assignment(rankings) == {"li": "lab", "wang": "lab", "zhang": "depot"}


@pytest.mark.parametrize(
    ("graduate_rankings", "headcounts"),
    [({"li": ["a", "a"]}, {"a": 1}), ({"li": ["a"]}, {"a": -1}), ({"li": ["nowhere"]}, {"a": 1})],
)
def test_malformed_rankings_are_refused(graduate_rankings, headcounts):
    with pytest.raises(MatchingInputError):
        FairRankings(graduate_rankings, {"a": ["li"]}, headcounts)


def test_the_engine_does_not_need_django():
    import subprocess
    import sys

    modules = ("stable", "scoring", "stable_arrays", "batch_scoring")
    imports = ", ".join(f"twincity.talent.matching.{module}" for module in modules)
    code = f"import sys, {imports}; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
