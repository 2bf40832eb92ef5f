"""The OPTW core against the independent checker, a trivial greedy and brute force."""

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tourism.planner.checker import (
    Infeasible,
    Problem,
    brute_force_optimum,
    check_tours,
    load_problem,
)
from twincity.tourism.planner import Instance, evaluate, read_instance, solve_optw
from twincity.tourism.planner.optw import (
    MOVE_BETWEEN,
    MOVE_CROSS,
    MOVE_EVERY,
    MOVE_POOL,
    MOVE_REPLACE,
    MOVE_RUIN,
    MOVE_SEQUENCE,
    MOVE_TAILS,
    MOVE_TOUR,
    compiled,
)

ROOT = Path(__file__).resolve().parents[3]
OPTW = ROOT.parent / "shared" / "optw" / "instances"
needs_files = pytest.mark.skipif(not OPTW.exists(), reason="benchmark files not present")


@st.composite
def problems(draw, max_places=12):
    """A random OPTW in integers: places on a 50 × 50 grid, travel = truncated distance."""
    n = draw(st.integers(1, max_places)) + 1
    xs = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    ys = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    budget = draw(st.integers(20, 200))
    score, duration, open_, close = [0], [0], [0], [budget]
    for _ in range(n - 1):
        score.append(draw(st.integers(1, 30)))
        duration.append(draw(st.integers(0, 20)))
        start = draw(st.integers(0, budget))
        open_.append(start)
        close.append(start + draw(st.integers(0, budget)))
    travel = [
        [int(((xs[a] - xs[b]) ** 2 + (ys[a] - ys[b]) ** 2) ** 0.5) for b in range(n)]
        for a in range(n)
    ]
    return Problem(score, duration, open_, close, travel)


def as_instance(problem: Problem, tours: int) -> Instance:
    return Instance.single_depot(
        problem.score, problem.duration, problem.open, problem.close, problem.travel, tours
    )


def greedy(problem: Problem, tours: int) -> int:
    """Fill the tours one by one, always appending the best-scoring place that still fits."""
    left = set(range(1, len(problem.score)))
    total = 0
    for _ in range(tours):
        here, now = 0, problem.open[0]
        while True:
            fits = []
            for v in left:
                start = max(now + problem.duration[here] + problem.travel[here][v], problem.open[v])
                back = start + problem.duration[v] + problem.travel[v][0]
                if start <= problem.close[v] and back <= problem.budget:
                    fits.append((-problem.score[v], v, start))
            if not fits:
                break
            _, v, now = min(fits)
            left.discard(v)
            total += problem.score[v]
            here = v
    return total


settings_fast = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@settings_fast
@given(problems(), st.integers(1, 3), st.integers(0, 3))
def test_every_solution_passes_the_checker_and_beats_greedy(problem, tours, seed):
    answer = solve_optw(as_instance(problem, tours), seconds=None, seed=seed, iterations=100)
    score = check_tours(problem, answer, tours)
    assert score >= greedy(problem, tours)
    assert evaluate(as_instance(problem, tours), answer) == (True, score)


@settings_fast
@given(problems(max_places=7), st.integers(1, 2))
def test_small_instances_never_beat_the_brute_force_optimum(problem, tours):
    answer = solve_optw(as_instance(problem, tours), seconds=None, seed=0, iterations=150)
    assert check_tours(problem, answer, tours) <= brute_force_optimum(problem, tours)


def test_the_search_does_at_least_as_well_as_a_greedy_fill():
    """On 300 seeded random instances (measured: never worse on 900). Not a property for every
    instance: hypothesis found a trap, two places that open for one minute at time 1 and take no
    time, and a better one that must start at 0 and lasts 9; insertion by score² / added time
    takes the two free ones first and no shake undoes both. The brute-force test above bounds
    the search from above on every instance it generates."""
    rng = random.Random(31)
    worse = []
    for _ in range(300):
        problem, tours = random_problem(rng), rng.randint(1, 2)
        answer = solve_optw(as_instance(problem, tours), seconds=None, seed=0, iterations=150)
        if check_tours(problem, answer, tours) < greedy(problem, tours):
            worse.append(problem)
    assert worse == []


def random_problem(rng: random.Random, max_places: int = 7) -> Problem:
    """The same distribution as ``problems()``, from a seeded generator."""
    n = rng.randint(1, max_places) + 1
    xs = [rng.randint(0, 50) for _ in range(n)]
    ys = [rng.randint(0, 50) for _ in range(n)]
    budget = rng.randint(20, 200)
    score, duration, open_, close = [0], [0], [0], [budget]
    for _ in range(n - 1):
        score.append(rng.randint(1, 30))
        duration.append(rng.randint(0, 20))
        start = rng.randint(0, budget)
        open_.append(start)
        close.append(start + rng.randint(0, budget))
    travel = [
        [int(((xs[a] - xs[b]) ** 2 + (ys[a] - ys[b]) ** 2) ** 0.5) for b in range(n)]
        for a in range(n)
    ]
    return Problem(score, duration, open_, close, travel)


def test_small_instances_reach_the_brute_force_optimum():
    """A heuristic, so not always: on 200 seeded random instances with up to 7 places and 1–2
    tours it must reach the proven optimum on at least 197 (measured: 299 of 300 at 150
    iterations; hypothesis finds rarer traps, where a better solution needs visits moved between
    tours)."""
    rng = random.Random(2026)
    misses = []
    for _ in range(200):
        problem, tours = random_problem(rng), rng.randint(1, 2)
        answer = solve_optw(as_instance(problem, tours), seconds=None, seed=0, iterations=150)
        if check_tours(problem, answer, tours) != brute_force_optimum(problem, tours):
            misses.append(problem)
    assert len(misses) <= 3, misses


def test_the_checker_rejects_what_it_must():
    problem = Problem(
        [0, 5, 7], [0, 2, 2], [0, 0, 10], [20, 3, 12], [[0, 2, 4], [2, 0, 3], [4, 3, 0]]
    )
    assert check_tours(problem, [[1, 2]], 1) == 12
    for tours, allowed, why in [
        ([[2, 1]], 1, "latest start"),  # 2 starts at 10, then 1 at 15 > 3
        ([[1], [1]], 2, "twice"),
        ([[1], [2]], 1, "tours"),  # two tours, one allowed
        ([[3]], 1, "not a place"),
    ]:
        with pytest.raises(Infeasible, match=why):
            check_tours(problem, tours, allowed)
    tight = Problem([0, 5], [0, 2], [0, 0], [5, 5], [[0, 2], [2, 0]])
    with pytest.raises(Infeasible, match="back at the depot"):
        check_tours(tight, [[1]], 1)  # back at 2 + 2 + 2 = 6 > 5


def test_same_seed_and_iterations_give_the_same_tours():
    instance = read_instance(OPTW / "50_rc105.txt", 2) if OPTW.exists() else None
    if instance is None:
        pytest.skip("benchmark files not present")
    first = solve_optw(instance, seconds=None, seed=3, iterations=60)
    assert first == solve_optw(instance, seconds=None, seed=3, iterations=60)


@needs_files
@pytest.mark.parametrize("name", ["c101", "r105", "pr01", "50_rc101"])
def test_reader_matches_the_checker_parser(name):
    instance = read_instance(OPTW / f"{name}.txt")
    problem = load_problem(OPTW / f"{name}.txt")
    assert np.array_equal(np.round(instance.travel * 100).astype(int), np.array(problem.travel))
    assert instance.close[0, 0] * 100 == problem.budget
    assert list(instance.score.astype(int)) == problem.score


@needs_files
def test_solve_command_writes_checked_tours(tmp_path):
    out = tmp_path / "tours.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "optw.py"),
            "solve",
            str(OPTW / "pr01.txt"),
            "--tours",
            "2",
            "--seconds",
            "0.3",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    tours = json.loads(out.read_text())
    assert len(tours) == 2 and all(0 not in tour for tour in tours)
    assert check_tours(load_problem(OPTW / "pr01.txt"), tours, 2) > 0.8 * 502  # best known 502


# ---- the compiled search's moves, one at a time --------------------------------------------------
needs_compiled = pytest.mark.skipif(compiled is None, reason="the compiled search is not built")

#: Each new move alone (on top of the insertion every round does), with what it needs to run:
#: the moves between tours act in the polish, which MOVE_EVERY runs after every round.
SINGLE_MOVES = {
    "between": MOVE_BETWEEN | MOVE_EVERY,
    "cross": MOVE_BETWEEN | MOVE_CROSS | MOVE_EVERY,
    "ruin": MOVE_RUIN,
    "pool": MOVE_POOL | MOVE_SEQUENCE,
    "tour": MOVE_TOUR,
    "replace": MOVE_REPLACE,
    "sequence": MOVE_SEQUENCE | MOVE_EVERY,
    "tails": MOVE_TAILS | MOVE_EVERY,
}


@needs_compiled
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(2, 3), st.sampled_from(sorted(SINGLE_MOVES)), st.integers(0, 3))
def test_each_move_alone_gives_solutions_the_checker_accepts(problem, tours, move, seed):
    instance = as_instance(problem, tours)
    answer = solve_optw(
        instance, seconds=None, seed=seed, iterations=60, moves=SINGLE_MOVES[move], restart_after=5
    )
    score = check_tours(problem, answer, tours)
    assert evaluate(instance, answer) == (True, score)


@needs_compiled
@needs_files
@pytest.mark.parametrize("move", sorted(SINGLE_MOVES))
def test_each_move_alone_changes_solutions_and_stays_feasible(move):
    """On a real instance each move does happen (so the property above tests something), and the
    best solution passes the checker."""
    name = "pr01"
    stats = {}
    answer = solve_optw(
        read_instance(OPTW / f"{name}.txt", 3),
        seconds=None,
        seed=1,
        iterations=400,
        moves=SINGLE_MOVES[move],
        restart_after=10,
        fresh_every=0,
        stats=stats,
    )
    assert stats["moves_applied"][move] > 0, stats
    assert check_tours(load_problem(OPTW / f"{name}.txt"), answer, 3) > 0


@pytest.mark.parametrize("engine", ["c", "python"])
def test_both_engines_reach_the_brute_force_optimum_on_small_instances(engine):
    if engine == "c" and compiled is None:
        pytest.skip("the compiled search is not built")
    rng = random.Random(7)
    misses = 0
    for _ in range(60):
        problem, tours = random_problem(rng), rng.randint(1, 3)
        answer = solve_optw(
            as_instance(problem, tours), seconds=None, seed=0, iterations=150, engine=engine
        )
        misses += check_tours(problem, answer, tours) != brute_force_optimum(problem, tours)
    assert misses <= 1
