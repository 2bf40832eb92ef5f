"""Fair-wide stable assignment: graduates rank vacancies, vacancies rank graduates.

This is the college-admissions form of the stable marriage problem (many graduates to one
vacancy, up to its headcount). Deferred acceptance with graduates proposing (Gale and Shapley,
1962; Roth's form is the one the US residency match uses) gives the stable matching that
every graduate likes at least as well as any other stable matching, in O(total ranking length).

Only mutually acceptable pairs can be matched: a graduate who did not rank a vacancy, or whom
the vacancy did not rank, is never placed there.
"""

import heapq
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field


class MatchingInputError(ValueError):
    """The rankings or headcounts cannot describe a fair (a duplicate, a negative headcount...)."""


@dataclass(frozen=True)
class FairRankings:
    graduate_rankings: Mapping[Hashable, Sequence[Hashable]]
    """Each graduate's acceptable vacancies, best first."""
    vacancy_rankings: Mapping[Hashable, Sequence[Hashable]]
    """Each vacancy's acceptable graduates, best first."""
    headcounts: Mapping[Hashable, int]
    """How many graduates each vacancy takes."""
    _vacancy_rank: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_rankings(self)
        ranks = {
            vacancy: {graduate: rank for rank, graduate in enumerate(ranking)}
            for vacancy, ranking in self.vacancy_rankings.items()
        }
        object.__setattr__(self, "_vacancy_rank", ranks)

    def vacancy_rank(self, vacancy: Hashable, graduate: Hashable) -> int | None:
        """Position of `graduate` in the vacancy's ranking (0 is best), None if unacceptable."""
        return self._vacancy_rank.get(vacancy, {}).get(graduate)


def check_rankings(rankings: FairRankings) -> None:
    for owner, ranking in [*rankings.graduate_rankings.items(), *rankings.vacancy_rankings.items()]:
        if len(set(ranking)) != len(ranking):
            raise MatchingInputError(f"{owner!r} ranks someone twice")
    for vacancy, headcount in rankings.headcounts.items():
        if not isinstance(headcount, int) or headcount < 0:
            raise MatchingInputError(f"vacancy {vacancy!r} has headcount {headcount!r}")
    unknown = {
        vacancy
        for ranking in rankings.graduate_rankings.values()
        for vacancy in ranking
        if vacancy not in rankings.headcounts
    }
    if unknown:
        raise MatchingInputError(
            f"ranked vacancies without a headcount: {sorted(map(repr, unknown))}"
        )


def graduate_optimal_assignment(rankings: FairRankings) -> dict[Hashable, Hashable]:
    """The graduate-optimal stable matching, as {graduate: vacancy}; unplaced graduates are absent."""
    next_choice = dict.fromkeys(rankings.graduate_rankings, 0)
    # Per vacancy, a heap of (-rank, graduate): its worst-ranked holder is on top.
    held: dict[Hashable, list[tuple[int, Hashable]]] = {
        vacancy: [] for vacancy in rankings.headcounts
    }
    free = list(rankings.graduate_rankings)
    while free:
        graduate = free.pop()
        ranking = rankings.graduate_rankings[graduate]
        while next_choice[graduate] < len(ranking):
            vacancy = ranking[next_choice[graduate]]
            next_choice[graduate] += 1
            let_go = propose(rankings, held[vacancy], vacancy, graduate)
            if let_go == graduate:
                continue  # refused: on to the graduate's next choice
            if let_go is not None:
                free.append(let_go)  # displaced by a graduate the vacancy ranks higher
            break
    return {graduate: vacancy for vacancy, heap in held.items() for _rank, graduate in heap}


def propose(
    rankings: FairRankings, heap: list, vacancy: Hashable, graduate: Hashable
) -> Hashable | None:
    """The vacancy holds `graduate` if it can; returns whoever it lets go (maybe the proposer)."""
    rank = rankings.vacancy_rank(vacancy, graduate)
    capacity = rankings.headcounts[vacancy]
    if rank is None or capacity == 0:
        return graduate
    if len(heap) < capacity:
        heapq.heappush(heap, (-rank, graduate))
        return None
    worst_rank = -heap[0][0]
    if rank < worst_rank:
        return heapq.heapreplace(heap, (-rank, graduate))[1]
    return graduate
