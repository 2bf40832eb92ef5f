"""Deferred acceptance against an independent checker, on random fairs (hypothesis)."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twincity.talent.matching.stable import (
    FairRankings,
    MatchingInputError,
    graduate_optimal_assignment,
)


def blocking_pairs(rankings: FairRankings, matching: dict) -> list[tuple]:
    """Pairs (graduate, vacancy) who would both rather have each other: written from the
    definition, sharing nothing with the algorithm."""
    holders = {
        vacancy: [g for g, v in matching.items() if v == vacancy] for vacancy in rankings.headcounts
    }
    pairs = []
    for graduate, ranking in rankings.graduate_rankings.items():
        current = matching.get(graduate)
        better = ranking[: ranking.index(current)] if current is not None else ranking
        for vacancy in better:
            vacancy_ranking = list(rankings.vacancy_rankings.get(vacancy, []))
            if graduate not in vacancy_ranking or rankings.headcounts[vacancy] == 0:
                continue
            if len(holders[vacancy]) < rankings.headcounts[vacancy] or any(
                vacancy_ranking.index(graduate) < vacancy_ranking.index(h) for h in holders[vacancy]
            ):
                pairs.append((graduate, vacancy))
    return pairs


def assert_valid_and_stable(rankings: FairRankings, matching: dict) -> None:
    for graduate, vacancy in matching.items():
        assert vacancy in rankings.graduate_rankings[graduate], "graduate did not rank it"
        assert graduate in rankings.vacancy_rankings.get(vacancy, []), "vacancy did not rank them"
    for vacancy, headcount in rankings.headcounts.items():
        assert sum(1 for v in matching.values() if v == vacancy) <= headcount
    assert blocking_pairs(rankings, matching) == []


@st.composite
def fairs(draw, max_graduates=12, max_vacancies=6):
    graduates = list(range(draw(st.integers(0, max_graduates))))
    vacancies = [f"v{i}" for i in range(draw(st.integers(1, max_vacancies)))]
    headcounts = {v: draw(st.integers(0, 3)) for v in vacancies}
    graduate_rankings = {
        g: draw(
            st.permutations(vacancies).flatmap(
                lambda p: st.integers(0, len(p)).map(lambda k: p[:k])
            )
        )
        for g in graduates
    }
    vacancy_rankings = {
        v: draw(
            st.permutations(graduates).flatmap(
                lambda p: st.integers(0, len(p)).map(lambda k: p[:k])
            )
        )
        for v in vacancies
    }
    return FairRankings(graduate_rankings, vacancy_rankings, headcounts)


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

    code = "import sys, twincity.talent.matching.stable, twincity.talent.matching.scoring; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
