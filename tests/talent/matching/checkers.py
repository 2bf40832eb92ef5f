"""Shared by the tests of both matching engines: random fairs, and a stability checker written
from the definition, sharing nothing with either algorithm."""

from hypothesis import strategies as st

from twincity.talent.matching.stable import FairRankings


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


def prefixes_of_permutations(items: list):
    return st.permutations(items).flatmap(lambda p: st.integers(0, len(p)).map(lambda k: p[:k]))


@st.composite
def fairs(draw, max_graduates=12, max_vacancies=6):
    """Any rankings: a graduate may rank a vacancy that does not rank them, and the other way."""
    graduates = list(range(draw(st.integers(0, max_graduates))))
    vacancies = [f"v{i}" for i in range(draw(st.integers(1, max_vacancies)))]
    headcounts = {v: draw(st.integers(0, 3)) for v in vacancies}
    graduate_rankings = {g: draw(prefixes_of_permutations(vacancies)) for g in graduates}
    vacancy_rankings = {v: draw(prefixes_of_permutations(graduates)) for v in vacancies}
    return FairRankings(graduate_rankings, vacancy_rankings, headcounts)
