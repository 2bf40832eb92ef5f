"""The NumPy engines against the plain ones: stable matching over arrays, and batch scoring."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.talent.matching.checkers import assert_valid_and_stable, fairs, prefixes_of_permutations
from twincity.talent.matching import batch_scoring, stable_arrays
from twincity.talent.matching.batch_scoring import score_matrix, top_k_vacancies
from twincity.talent.matching.scoring import (
    Education,
    Graduate,
    Vacancy,
    Weights,
    recommend,
    score,
)
from twincity.talent.matching.stable import (
    FairRankings,
    MatchingInputError,
    graduate_optimal_assignment,
)
from twincity.talent.matching.stable_arrays import (
    UNPLACED,
    Rankings,
    graduate_optimal_matching,
)

BENCH = Path(__file__).resolve().parents[3] / "bench" / "matching.py"


def load_bench():
    """bench/matching.py, for its fair generator (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_matching", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate_fair = load_bench().generate_fair


# ---------------------------------------------------------------- stable matching over arrays


def vacancy_index(vacancy: str) -> int:
    return int(vacancy.removeprefix("v"))


def as_arrays(rankings: FairRankings) -> tuple[list[int], Rankings, Rankings]:
    """A fair of `checkers.fairs` (graduates 0..n-1, vacancies "v0".."vm") in the array form."""
    vacancies = sorted(rankings.headcounts, key=vacancy_index)
    graduate_lists = [
        [vacancy_index(v) for v in rankings.graduate_rankings[g]]
        for g in range(len(rankings.graduate_rankings))
    ]
    vacancy_lists = [list(rankings.vacancy_rankings[v]) for v in vacancies]
    return (
        [rankings.headcounts[v] for v in vacancies],
        Rankings.from_lists(graduate_lists),
        Rankings.from_lists(vacancy_lists),
    )


def solve_as_dict(rankings: FairRankings, **options) -> dict:
    assignment = graduate_optimal_matching(*as_arrays(rankings), **options)
    return {g: f"v{v}" for g, v in enumerate(assignment.tolist()) if v != UNPLACED}


@st.composite
def mutual_fairs(draw, max_graduates=14, max_vacancies=6):
    """Each vacancy ranks exactly the graduates who rank it (the usual fair); sometimes every
    graduate ranks the same number of vacancies."""
    graduates = range(draw(st.integers(0, max_graduates)))
    vacancies = [f"v{i}" for i in range(draw(st.integers(1, max_vacancies)))]
    same_length = draw(st.none() | st.integers(1, len(vacancies)))
    graduate_rankings = {
        g: draw(st.permutations(vacancies))[:same_length]
        if same_length
        else draw(prefixes_of_permutations(vacancies))
        for g in graduates
    }
    applicants = {v: [g for g in graduates if v in graduate_rankings[g]] for v in vacancies}
    vacancy_rankings = {v: draw(st.permutations(applicants[v])) for v in vacancies}
    headcounts = {v: draw(st.integers(0, 3)) for v in vacancies}
    return FairRankings(graduate_rankings, vacancy_rankings, headcounts)


@settings(max_examples=400, deadline=None)
@given(fairs())
def test_any_rankings_give_the_plain_engines_matching(rankings):
    ours = solve_as_dict(rankings)
    assert ours == graduate_optimal_assignment(rankings)
    assert_valid_and_stable(rankings, ours)


@settings(max_examples=400, deadline=None)
@given(mutual_fairs())
def test_mutual_rankings_take_the_fast_join_and_give_the_same_matching(rankings):
    # Force the join without a sort of all pairs even on tiny fairs (it needs long rankings).
    with mock.patch.object(stable_arrays, "LOOP_MIN_PAIRS_PER_VACANCY", 0):
        ours = solve_as_dict(rankings, require_mutual=True)
    assert ours == graduate_optimal_assignment(rankings)
    assert_valid_and_stable(rankings, ours)


def test_the_fast_join_is_taken_when_each_side_ranks_the_other():
    capacities, graduates, vacancies = as_arrays(
        FairRankings({0: ["v1", "v0"], 1: ["v1"]}, {"v0": [0], "v1": [1, 0]}, {"v0": 1, "v1": 1})
    )
    with mock.patch.object(stable_arrays, "LOOP_MIN_PAIRS_PER_VACANCY", 0):
        slots = stable_arrays._exact_join(
            graduates, vacancies, vacancies.ids.astype(np.int32), vacancies.owner_of_each()
        )
    # Graduate 0 ranks v1 (slot 2: second in v1's ranking) then v0 (slot 0); graduate 1, v1.
    assert slots.tolist() == [2, 0, 1]


def test_a_generated_fair_gives_the_plain_engines_matching():
    fair = generate_fair(graduates=3_000, vacancies=60, list_length=10, seed=5)
    ours = graduate_optimal_matching(
        fair.capacities, fair.graduate_rankings, fair.vacancy_rankings, require_mutual=True
    )
    plain = graduate_optimal_assignment(
        FairRankings(
            dict(enumerate(fair.graduate_rankings.to_lists())),
            dict(enumerate(fair.vacancy_rankings.to_lists())),
            dict(enumerate(fair.capacities.tolist())),
        )
    )
    assert ours.tolist() == [plain.get(g, UNPLACED) for g in range(3_000)]
    assert 2_000 < len(plain) < 3_000  # most placed, some not: a fair worth the name


@pytest.mark.parametrize("loop_min", [0, 10**9])  # with and without the fast join
def test_rankings_in_32_bit_arrays_give_the_same_matching(loop_min):
    fair = generate_fair(graduates=400, vacancies=30, list_length=8, seed=11)
    narrow = [
        Rankings(rankings.offsets.astype(np.int32), rankings.ids.astype(np.int32))
        for rankings in (fair.graduate_rankings, fair.vacancy_rankings)
    ]
    with mock.patch.object(stable_arrays, "LOOP_MIN_PAIRS_PER_VACANCY", loop_min):
        wide = graduate_optimal_matching(
            fair.capacities, fair.graduate_rankings, fair.vacancy_rankings
        )
        assert np.array_equal(graduate_optimal_matching(fair.capacities, *narrow), wide)


def test_a_pair_only_one_side_ranks_is_never_matched():
    rankings = FairRankings({0: ["v0"], 1: []}, {"v0": [1]}, {"v0": 1})
    assert solve_as_dict(rankings) == {} == graduate_optimal_assignment(rankings)


def arrays(capacities, graduate_lists, vacancy_lists):
    return capacities, Rankings.from_lists(graduate_lists), Rankings.from_lists(vacancy_lists)


@pytest.mark.parametrize(
    ("fair", "message"),
    [
        (([1], [[1]], [[0]]), "graduate 0 ranks vacancy 1, but vacancy ids run from 0 to 0"),
        (([1], [[-1]], [[0]]), "graduate 0 ranks vacancy -1"),
        (([1], [[0]], [[0, 3]]), "vacancy 0 ranks graduate 3, but graduate ids run from 0 to 0"),
        (([1, 1], [[1, 0, 1]], [[0], [0]]), "graduate 0 ranks vacancy 1 twice"),
        (([1], [[0], [0]], [[1, 0, 1]]), "vacancy 0 ranks graduate 1 twice"),
        (([1, -2], [[0]], [[0], []]), r"vacancy 1 has a negative capacity \(-2\)"),
        (([1, 1], [[0]], [[0]]), "1 vacancy rankings for 2 capacities"),
        (([1.5], [[0]], [[0]]), "capacities must be a list of whole numbers"),
    ],
)
def test_bad_fairs_are_refused_with_a_clear_message(fair, message):
    with pytest.raises(MatchingInputError, match=message):
        graduate_optimal_matching(*arrays(*fair))


@pytest.mark.parametrize("loop_min", [0, 10**9])  # with and without the fast join
def test_a_repeat_is_refused_by_either_join(loop_min):
    fair = arrays([2], [[0], [0]], [[1, 1]])  # as many pairs on each side
    with (
        mock.patch.object(stable_arrays, "LOOP_MIN_PAIRS_PER_VACANCY", loop_min),
        pytest.raises(MatchingInputError, match="vacancy 0 ranks graduate 1 twice"),
    ):
        graduate_optimal_matching(*fair)


@pytest.mark.parametrize(
    ("fair", "message"),
    [
        (([1], [[0]], [[]]), "graduate 0 ranks vacancy 0, which does not rank them"),
        (([1], [[], []], [[1]]), "vacancy 0 ranks graduate 1, who does not rank it"),
    ],
)
def test_one_sided_pairs_are_refused_when_asked(fair, message):
    assert graduate_optimal_matching(*arrays(*fair)).tolist().count(UNPLACED) >= 1
    with pytest.raises(MatchingInputError, match=message):
        graduate_optimal_matching(*arrays(*fair), require_mutual=True)


def test_malformed_rankings_are_refused():
    with pytest.raises(MatchingInputError, match="whole numbers"):
        Rankings.from_lists([[0, "1"]])
    with pytest.raises(MatchingInputError, match="offsets must run from 0 to len"):
        graduate_optimal_matching(
            [1], Rankings(np.array([0, 2]), np.array([0])), arrays([1], [], [[]])[2]
        )


# ---------------------------------------------------------------- the command-line solver


def run_bench(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCH), *args], cwd=cwd, capture_output=True, text=True
    )


def test_the_solve_command_gives_the_plain_engines_matching(tmp_path):
    generated = run_bench(
        "generate", "--graduates", "300", "--vacancies", "20", "--list-length", "6",
        "--seed", "7", "fair.json", cwd=tmp_path,
    )  # fmt: skip
    assert generated.returncode == 0, generated.stderr
    solved = run_bench("solve", "fair.json", "out.json", cwd=tmp_path)
    assert solved.returncode == 0, solved.stderr

    fair = json.loads((tmp_path / "fair.json").read_text())
    assignment = json.loads((tmp_path / "out.json").read_text())["assignment"]
    expected = graduate_optimal_assignment(
        FairRankings(
            dict(enumerate(fair["graduate_prefs"])),
            dict(enumerate(fair["vacancy_prefs"])),
            dict(enumerate(fair["capacities"])),
        )
    )
    assert assignment == [expected.get(g) for g in range(len(fair["graduate_prefs"]))]
    assert sum(v is not None for v in assignment) > 200  # a real fair, not an empty one


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"capacities": [1], "graduate_prefs": [[0]]}', "missing key(s): vacancy_prefs"),
        ('{"capacities": [1], "graduate_prefs": [[0]], "vacancy_prefs": [[]]}', "does not rank"),
        ('{"capacities": [-1], "graduate_prefs": [[0]], "vacancy_prefs": [[0]]}', "negative"),
        ('{"capacities": [1], "graduate_prefs": [[0.5]], "vacancy_prefs": [[0]]}', "whole"),
    ],
)
def test_the_solve_command_refuses_a_bad_file_in_one_line(tmp_path, content, message):
    (tmp_path / "fair.json").write_text(content)
    solved = run_bench("solve", "fair.json", "out.json", cwd=tmp_path)
    assert solved.returncode == 2
    assert solved.stderr.count("\n") == 1 and message in solved.stderr
    assert solved.stderr.startswith("error: ")
    assert not (tmp_path / "out.json").exists()


# ---------------------------------------------------------------- batch scoring


WORDS = ["wms", "forklift", "excel", "cold chain", "english", "python", "sql"]
CITIES = ["Chengdu", "chongqing", "Chongqing", "Shanghai", ""]
SALARIES = st.sampled_from([0, 2999, 3000, 4500, 6000, 8000, 12000])

graduates = st.builds(
    Graduate,
    skills=st.frozensets(st.sampled_from(WORDS), max_size=5),
    certificates=st.frozensets(st.sampled_from(["c1", "c2", "c3"]), max_size=2),
    major=st.sampled_from(["logistics", "commerce", "", "it"]),
    education=st.sampled_from(Education),
    expected_monthly_salary=SALARIES,
    preferred_cities=st.lists(st.sampled_from(CITIES), max_size=2).map(tuple),
)
vacancies = st.builds(
    Vacancy,
    skills=st.frozensets(st.sampled_from(WORDS), max_size=4),
    certificates=st.frozensets(st.sampled_from(["c1", "c2", "c4"]), max_size=2),
    majors=st.frozensets(st.sampled_from(["logistics", "commerce", "it"]), max_size=2),
    min_education=st.sampled_from(Education),
    monthly_salary_max=SALARIES,
    city=st.sampled_from(CITIES),
)


def brute_force_top(graduate: Graduate, jobs: list[Vacancy], k: int) -> list[int]:
    totals = [score(graduate, job).total for job in jobs]
    return sorted(range(len(jobs)), key=lambda j: (-totals[j], j))[:k]


@settings(max_examples=150, deadline=None)
@given(st.lists(graduates, max_size=6), st.lists(vacancies, max_size=40), st.integers(0, 25))
def test_batch_scores_and_top_k_are_those_of_score_and_recommend(people, jobs, k):
    expected = np.array([[score(g, v).total for v in jobs] for g in people]).reshape(
        len(people), len(jobs)
    )
    assert np.allclose(score_matrix(people, jobs), expected, rtol=0, atol=1e-9)

    top = top_k_vacancies(people, jobs, k=k)
    for i, graduate in enumerate(people):
        best = brute_force_top(graduate, jobs, k)
        assert top.indices[i].tolist() == best
        assert np.allclose(top.scores[i], expected[i, best], rtol=0, atol=1e-9)
        assert [key for key, _ in recommend(graduate, dict(enumerate(jobs)), k)] == best


def random_profiles(seed: int, people: int, jobs: int, words: int):
    """Larger inputs than hypothesis draws: many ties, and skills past 64 bits of mask."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"skill {i}" for i in range(words)]

    def some(items, most):
        return frozenset(rng.choice(items, rng.integers(0, most + 1), replace=False).tolist())

    graduates_ = [
        Graduate(
            skills=some(vocabulary, 12),
            major=str(rng.choice(["a", "b"])),
            education=Education(int(rng.integers(1, 6))),
            expected_monthly_salary=int(rng.choice([0, 4000, 7000])),
            preferred_cities=(str(rng.choice(CITIES)),),
        )
        for _ in range(people)
    ]
    vacancies_ = [
        Vacancy(
            skills=some(vocabulary, 6),
            majors=some(["a", "b", "c"], 1),
            min_education=Education(int(rng.integers(1, 6))),
            monthly_salary_max=int(rng.choice([0, 5000, 9000])),
            city=str(rng.choice(CITIES)),
        )
        for _ in range(jobs)
    ]
    return graduates_, vacancies_


def test_top_k_over_many_vacancies_in_two_processes_is_the_brute_force_order():
    people, jobs = random_profiles(seed=3, people=40, jobs=700, words=150)
    with mock.patch.object(batch_scoring, "PAIRS_PER_BLOCK", 5_000):  # several blocks each
        top = top_k_vacancies(people, jobs, k=20, processes=2)
    assert top.indices.shape == (40, 20)
    for i, graduate in enumerate(people):
        assert top.indices[i].tolist() == brute_force_top(graduate, jobs, 20)


def test_popcount_without_numpy_2(monkeypatch):
    people, jobs = random_profiles(seed=5, people=10, jobs=50, words=100)
    expected = score_matrix(people, jobs)
    monkeypatch.delattr(np, "bitwise_count", raising=False)
    assert np.array_equal(score_matrix(people, jobs), expected)


def test_weights_of_nothing_score_nothing_as_score_does():
    people, jobs = random_profiles(seed=2, people=3, jobs=5, words=10)
    nothing = Weights(0, 0, 0, 0, 0, 0)
    assert score(people[0], jobs[0], nothing).total == 0.0
    assert not score_matrix(people, jobs, nothing).any()
