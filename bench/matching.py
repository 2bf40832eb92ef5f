#!/usr/bin/env python3
"""Stable matching and top-k recommendations at scale: our NumPy engine, the `matching` package as peer.

    .venv/bin/python bench/matching.py                      # `run`: the whole benchmark (~10 min)
    .venv/bin/python bench/matching.py run --quick          # no 20,000 or 1,000,000 fair; top 20
                                                            # for 10,000 graduates, not 100,000
    .venv/bin/python bench/matching.py run --peer-timeout 300 --no-peer
    .venv/bin/python bench/matching.py generate --graduates 2000 --vacancies 100 fair.json
    .venv/bin/python bench/matching.py solve fair.json matching.json

`run` solves generated fairs of 2,000 graduates × 100 vacancies and 20,000 × 500 (rankings of 10)
with our engine (`twincity.talent.matching.stable_arrays`) and with the PyPI `matching` package
(`HospitalResident`, residents optimal), checks that both give the same matching, then ours alone
on 100,000 × 2,000 and 1,000,000 × 20,000 (rankings of 30), and the top 20 recommendations for
each of 100,000 graduates over 20,000 vacancies (`batch_scoring`, two processes), with plain
`scoring.recommend` timed on 20 of them and checked to give the same lists. Every solver runs
in a fresh process of its own; its peak memory is that process's peak resident set (VmHWM in
/proc/self/status), fair included, and the resident set before solving is printed beside it.

A generated fair: vacancy v has a latent attractiveness a_v ~ N(0, 1); each graduate ranks their
top L vacancies by a_v plus Gumbel noise (a Plackett–Luce draw, weights exp(a_v)). Each vacancy
ranks exactly its applicants by a latent graduate quality q_g ~ N(0, 1) plus N(0, 0.5²) noise.
Headcounts are log-normal (σ = 0.8), at least 1, with a mean that makes the total about the
number of graduates.

`solve` reads {"capacities": [...], "graduate_prefs": [[vacancy, ...], ...], "vacancy_prefs":
[[graduate, ...], ...]} (0-based ids, best first, each vacancy ranking exactly the graduates who
rank it) and writes {"assignment": [vacancy or null, one per graduate]}; a bad file is one line
on stderr and exit status 2.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

# This file is bench/matching.py, and the peer is the package `matching`: keep this folder
# off the import path, or `import matching` would find this script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from twincity.talent.matching.scoring import Education, Graduate, Vacancy  # noqa: E402
from twincity.talent.matching.stable import MatchingInputError  # noqa: E402
from twincity.talent.matching.stable_arrays import (  # noqa: E402
    UNPLACED,
    Rankings,
    graduate_optimal_matching,
)

PEER_SIZES = [(2_000, 100, 10), (20_000, 500, 10)]
OUR_SIZES = [(100_000, 2_000, 30), (1_000_000, 20_000, 30)]
RECOMMENDATION_SIZE = (100_000, 20_000, 20)  # graduates, vacancies, k
PLAIN_GRADUATES = 20  # plain `recommend` is timed on this many of them
HEADCOUNT_SIGMA = 0.8
QUALITY_NOISE = 0.5
PEER_STACK_BYTES = 2**31 - 2**20  # the largest stack a thread may ask for


@dataclass(frozen=True)
class Fair:
    capacities: np.ndarray
    graduate_rankings: Rankings
    vacancy_rankings: Rankings

    def to_json(self) -> dict:
        return {
            "capacities": self.capacities.tolist(),
            "graduate_prefs": self.graduate_rankings.to_lists(),
            "vacancy_prefs": self.vacancy_rankings.to_lists(),
        }


def generate_fair(graduates: int, vacancies: int, list_length: int, seed: int) -> Fair:
    """A seeded random fair; see the module's docstring for the model."""
    rng = np.random.default_rng(seed)
    list_length = min(list_length, vacancies)
    attractiveness = rng.normal(0.0, 1.0, vacancies)
    choices = _plackett_luce_rows(rng, np.exp(attractiveness), graduates, list_length)
    graduate_offsets = np.arange(graduates + 1, dtype=np.int64) * list_length
    quality = rng.normal(0.0, 1.0, graduates)
    applicant = np.repeat(np.arange(graduates, dtype=np.int64), list_length)
    impression = quality[applicant] + rng.normal(0.0, QUALITY_NOISE, applicant.size)
    by_vacancy_then_impression = np.lexsort((-impression, choices))
    vacancy_offsets = np.zeros(vacancies + 1, dtype=np.int64)
    np.cumsum(np.bincount(choices, minlength=vacancies), out=vacancy_offsets[1:])
    mean = graduates / vacancies
    headcounts = rng.lognormal(np.log(mean) - HEADCOUNT_SIGMA**2 / 2, HEADCOUNT_SIGMA, vacancies)
    return Fair(
        capacities=np.maximum(1, np.round(headcounts)).astype(np.int64),
        graduate_rankings=Rankings(graduate_offsets, choices),
        vacancy_rankings=Rankings(vacancy_offsets, applicant[by_vacancy_then_impression]),
    )


def _plackett_luce_rows(
    rng: np.random.Generator, weights: np.ndarray, rows: int, length: int
) -> np.ndarray:
    """`rows` rankings of `length` distinct items, flat: draws with replacement, repeats
    dropped, which is the same as ranking by log-weight plus Gumbel noise."""
    cumulative = np.cumsum(weights / weights.sum())
    block = 50_000
    parts = [
        _distinct_draws(rng, cumulative, min(block, rows - start), length)
        for start in range(0, rows, block)
    ]
    return np.concatenate(parts).ravel() if parts else np.zeros(0, dtype=np.int64)


def _distinct_draws(
    rng: np.random.Generator, cumulative: np.ndarray, rows: int, length: int
) -> np.ndarray:
    """(rows, length): each row the first `length` distinct items of its draws; rows whose
    draws had too few distinct items draw again, twice as many."""
    result = np.empty((rows, length), dtype=np.int64)
    pending = np.arange(rows)
    draws_per_row = 3 * length
    while pending.size:
        draws = np.searchsorted(cumulative, rng.random((pending.size, draws_per_row)), "right")
        draws = np.minimum(draws, cumulative.size - 1)  # rounding at the top of the cumsum
        order = np.argsort(draws, axis=1, kind="stable")
        in_order = np.take_along_axis(draws, order, axis=1)
        first_in_order = np.ones_like(in_order, dtype=bool)
        first_in_order[:, 1:] = in_order[:, 1:] != in_order[:, :-1]
        first = np.empty_like(first_in_order)
        np.put_along_axis(first, order, first_in_order, axis=1)
        enough = first.sum(axis=1) >= length
        keep = first & (np.cumsum(first, axis=1) <= length)
        result[pending[enough]] = draws[enough][keep[enough]].reshape(-1, length)
        pending = pending[~enough]
        draws_per_row *= 2
    return result


def generate_profiles(
    graduates: int, vacancies: int, seed: int
) -> tuple[list[Graduate], list[Vacancy]]:
    """Seeded graduates and vacancies for the recommendation benchmark: 60 skills, 20
    certificates, 40 majors, 6 cities (Chengdu and Chongqing the most common)."""
    # Two streams: the first graduates are the same whatever the number of graduates.
    rng, vacancy_rng = random.Random(f"{seed} graduates"), random.Random(f"{seed} vacancies")
    skills = [f"skill {i}" for i in range(60)]
    certificates = [f"certificate {i}" for i in range(20)]
    majors = [f"major {i}" for i in range(40)]
    cities = ["Chengdu", "Chongqing", "Deyang", "Mianyang", "Yongchuan", "Leshan"]
    city_weights = [4, 4, 1, 1, 1, 1]
    people = [
        Graduate(
            skills=frozenset(rng.sample(skills, rng.randint(2, 10))),
            certificates=frozenset(rng.sample(certificates, rng.randint(0, 3))),
            major=rng.choice(majors),
            education=Education(rng.choice([1, 2, 2, 2, 3, 3, 4])),
            expected_monthly_salary=rng.randrange(3000, 12001, 250),
            preferred_cities=tuple(
                dict.fromkeys(rng.choices(cities, city_weights, k=rng.randint(1, 2)))
            ),
        )
        for _ in range(graduates)
    ]
    rng = vacancy_rng
    jobs = []
    for _ in range(vacancies):
        low = rng.randrange(3000, 9001, 500)
        jobs.append(
            Vacancy(
                skills=frozenset(rng.sample(skills, rng.randint(1, 6))),
                certificates=frozenset(rng.sample(certificates, rng.randint(0, 2))),
                majors=frozenset(rng.sample(majors, rng.randint(0, 3))),
                min_education=Education(rng.choice([1, 2, 2, 3])),
                monthly_salary_min=low,
                monthly_salary_max=low + rng.randrange(0, 4001, 500),
                city=rng.choices(cities, city_weights)[0],
            )
        )
    return people, jobs


# ---------------------------------------------------------------- files: generate and solve


def fair_from_json(data: object) -> Fair:
    """The fair an instance file describes, or MatchingInputError saying what is wrong."""
    if not isinstance(data, dict):
        raise MatchingInputError("the file must hold a JSON object")
    missing = [key for key in ("capacities", "graduate_prefs", "vacancy_prefs") if key not in data]
    if missing:
        raise MatchingInputError(f"missing key(s): {', '.join(missing)}")
    capacities, graduate_prefs, vacancy_prefs = (
        data["capacities"],
        data["graduate_prefs"],
        data["vacancy_prefs"],
    )
    for name, value in [("graduate_prefs", graduate_prefs), ("vacancy_prefs", vacancy_prefs)]:
        if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
            raise MatchingInputError(f"{name} must be a list of lists of ids")
    if not isinstance(capacities, list) or not all(type(c) is int for c in capacities):
        raise MatchingInputError("capacities must be a list of whole numbers")
    try:
        capacities = np.array(capacities, dtype=np.int64)
    except OverflowError:
        raise MatchingInputError("a capacity is too large") from None
    return Fair(capacities, Rankings.from_lists(graduate_prefs), Rankings.from_lists(vacancy_prefs))


def solve_file(instance: Path, output: Path) -> None:
    try:
        fair = fair_from_json(json.loads(instance.read_text()))
        assignment = solve(fair, require_mutual=True)
    except OSError as error:
        fail(f"cannot read {instance}: {error.strerror}")
    except json.JSONDecodeError as error:
        fail(f"{instance} is not JSON: {error.msg} at line {error.lineno}")
    except UnicodeDecodeError:
        fail(f"{instance} is not UTF-8 text")
    except MatchingInputError as error:
        fail(f"{instance}: {error}")
    result = [None if vacancy == UNPLACED else vacancy for vacancy in assignment.tolist()]
    try:
        output.write_text(json.dumps({"assignment": result}))
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")


def fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def solve(fair: Fair, require_mutual: bool = False) -> np.ndarray:
    return graduate_optimal_matching(
        fair.capacities,
        fair.graduate_rankings,
        fair.vacancy_rankings,
        require_mutual=require_mutual,
    )


# ---------------------------------------------------------------- measuring, one process each


def save_fair(fair: Fair, path: Path) -> None:
    np.savez(
        path,
        capacities=fair.capacities,
        graduate_offsets=fair.graduate_rankings.offsets,
        graduate_ids=fair.graduate_rankings.ids,
        vacancy_offsets=fair.vacancy_rankings.offsets,
        vacancy_ids=fair.vacancy_rankings.ids,
    )


def load_fair(path: Path) -> Fair:
    data = np.load(path)
    return Fair(
        data["capacities"],
        Rankings(data["graduate_offsets"], data["graduate_ids"]),
        Rankings(data["vacancy_offsets"], data["vacancy_ids"]),
    )


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """This process's peak resident set since it started (VmHWM). Not ru_maxrss: that one
    keeps the high-water mark of the process it was forked from, here the big benchmark."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def measure_ours(fair_path: Path, out_path: Path) -> dict:
    fair = load_fair(fair_path)
    before = resident_mb()
    started = time.perf_counter()
    assignment = solve(fair)
    seconds = time.perf_counter() - started
    np.save(out_path, assignment)
    return {"seconds": seconds, "before_mb": before, "peak_mb": peak_mb()}


def measure_peer(fair_path: Path, out_path: Path) -> dict:
    """The `matching` package: it deep-copies players that point at each other, a recursion
    as deep as the fair is large, so it runs with a high recursion limit on a large stack."""
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(PEER_STACK_BYTES)
    figures: dict = {}
    worker = threading.Thread(target=lambda: figures.update(_peer(fair_path, out_path)))
    worker.start()
    worker.join()
    if not figures:
        raise RuntimeError("the matching package failed (see above)")
    return figures


def _peer(fair_path: Path, out_path: Path) -> dict:
    from matching.games import HospitalResident

    fair = load_fair(fair_path)
    resident_prefs = dict(enumerate(fair.graduate_rankings.to_lists()))
    hospital_prefs = dict(enumerate(fair.vacancy_rankings.to_lists()))
    capacities = dict(enumerate(fair.capacities.tolist()))
    before = resident_mb()
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # vacancies nobody ranked: a warning each
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
        built = time.perf_counter()
        matching = game.solve(optimal="resident")
    finished = time.perf_counter()
    assignment = np.full(fair.graduate_rankings.owners, UNPLACED, dtype=np.int64)
    for hospital, residents in matching.items():
        for resident in residents:
            assignment[resident.name] = hospital.name
    np.save(out_path, assignment)
    return {
        "seconds": finished - started,
        "build_seconds": built - started,
        "before_mb": before,
        "peak_mb": peak_mb(),
    }


def measure_recommendations(graduates: int, vacancies: int, k: int, processes: int) -> dict:
    from twincity.talent.matching.batch_scoring import top_k_vacancies

    people, jobs = generate_profiles(graduates, vacancies, seed=1)
    started = time.perf_counter()
    top = top_k_vacancies(people, jobs, k=k, processes=processes)
    seconds = time.perf_counter() - started
    assert top.indices.shape == (graduates, k)
    return {"seconds": seconds}  # time only: the work is spread over processes


def measure_plain_recommendations(graduates: int, vacancies: int, k: int) -> dict:
    """`scoring.recommend`, one graduate at a time, on the first graduates of the same data;
    and whether `top_k_vacancies` gives them the very same lists."""
    from twincity.talent.matching.batch_scoring import top_k_vacancies
    from twincity.talent.matching.scoring import recommend

    people, jobs = generate_profiles(graduates, vacancies, seed=1)
    candidates = dict(enumerate(jobs))
    started = time.perf_counter()
    plain = [[key for key, _ in recommend(g, candidates, k)] for g in people]
    seconds = time.perf_counter() - started
    ours = top_k_vacancies(people, jobs, k=k).indices.tolist()
    return {"seconds": seconds, "identical": ours == plain}


def in_fresh_process(args: list[str], timeout: float | None = None) -> dict | None:
    """Run `measure ...` in a new Python process; its figures, or None if it ran out of time."""
    command = [sys.executable, str(Path(__file__).resolve()), "measure", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


# ---------------------------------------------------------------- the benchmark


def size_label(graduates: int, vacancies: int, length: int) -> str:
    return f"{graduates:,} × {vacancies:,}, lists of {length}"


def report(label: str, solver: str, figures: dict | None, extra: str = "") -> None:
    if figures is None:
        print(f"{label:<34} {solver:<26} {extra}", flush=True)
        return
    memory = ""
    if "peak_mb" in figures:
        memory = (
            f"peak {figures['peak_mb']:>7.0f} MB (before solving {figures['before_mb']:.0f} MB)"
        )
    print(f"{label:<34} {solver:<26} {figures['seconds']:>9.3f} s   {memory}  {extra}", flush=True)


def best_of(runs: list[dict]) -> dict:
    best = min(runs, key=lambda figures: figures["seconds"])
    return {**best, "all_seconds": [round(r["seconds"], 3) for r in runs]}


def run(args: argparse.Namespace) -> None:
    results = []
    print(
        f"Python {sys.version.split()[0]}, NumPy {np.__version__}; {os.cpu_count()} cores; "
        f"ours: best of {args.repeat} fresh processes; peak = VmHWM of the solving process"
    )
    print_load("at the start")
    with tempfile.TemporaryDirectory(prefix="twincity-bench-matching-") as tmp:
        folder = Path(tmp)
        peer_sizes = PEER_SIZES[:1] if args.quick else PEER_SIZES
        for graduates, vacancies, length in peer_sizes:
            results.append(compare_with_peer(folder, graduates, vacancies, length, args))
        our_sizes = OUR_SIZES[:1] if args.quick else OUR_SIZES
        for graduates, vacancies, length in our_sizes:
            results.append(ours_alone(folder, graduates, vacancies, length, args))
    results.extend(recommendations(args))
    print_load("at the end")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def recommendations(args: argparse.Namespace) -> list[dict]:
    graduates, vacancies, k = RECOMMENDATION_SIZE
    if args.quick:
        graduates //= 10
    label = f"top {k}: {graduates:,} × {vacancies:,}"
    sizes = [str(graduates), str(vacancies), str(k)]
    figures = best_of([in_fresh_process(["recommend", *sizes, "2"]) for _ in range(args.repeat)])
    report(label, "ours, 2 processes", figures, f"runs: {figures['all_seconds']} s")
    plain = in_fresh_process(["recommend-plain", str(PLAIN_GRADUATES), *sizes[1:]])
    verdict = "identical top k" if plain["identical"] else "TOP K DIFFERS"
    plain_label = f"top {k}: {PLAIN_GRADUATES:,} × {vacancies:,}"
    report(plain_label, "plain recommend()", plain, f"ours on the same: {verdict}")
    return [
        {"size": label, "solver": "batch_scoring", **figures},
        {"size": plain_label, "solver": "scoring.recommend", **plain},
    ]


def print_load(when: str) -> None:
    """Other work on the machine slows every figure: say how busy it was."""
    one, five, fifteen = os.getloadavg()
    print(f"load average {when}: {one:.2f} {five:.2f} {fifteen:.2f}", flush=True)


def prepared(folder: Path, graduates: int, vacancies: int, length: int, seed: int) -> Path:
    fair = generate_fair(graduates, vacancies, length, seed)
    path = folder / f"fair-{graduates}-{vacancies}-{length}.npz"
    save_fair(fair, path)
    return path


def ours(fair_path: Path, out_path: Path, repeat: int) -> dict:
    return best_of(
        [in_fresh_process(["ours", str(fair_path), str(out_path)]) for _ in range(repeat)]
    )


def compare_with_peer(folder: Path, graduates, vacancies, length, args) -> dict:
    label = size_label(graduates, vacancies, length)
    fair_path = prepared(folder, graduates, vacancies, length, args.seed)
    our_path, peer_path = folder / "ours.npy", folder / "peer.npy"
    mine = ours(fair_path, our_path, args.repeat)
    report(label, "ours (NumPy)", mine, f"runs: {mine['all_seconds']} s")
    result = {"size": label, "ours": mine}
    if args.no_peer:
        return result
    peer = in_fresh_process(["peer", str(fair_path), str(peer_path)], timeout=args.peer_timeout)
    if peer is None:
        report(label, "peer: matching", None, f"did not finish in {args.peer_timeout:.0f} s")
        result["peer"] = f"did not finish in {args.peer_timeout:.0f} s"
        return result
    same = np.array_equal(np.load(our_path), np.load(peer_path))
    verdict = "identical matchings" if same else "MATCHINGS DIFFER"
    report(label, "peer: matching", peer, f"(building the game: {peer['build_seconds']:.1f} s)")
    print(f"{label:<34} {verdict}", flush=True)
    result.update(peer=peer, identical=bool(same))
    return result


def ours_alone(folder: Path, graduates, vacancies, length, args) -> dict:
    label = size_label(graduates, vacancies, length)
    fair_path = prepared(folder, graduates, vacancies, length, args.seed)
    mine = ours(fair_path, folder / "ours.npy", args.repeat)
    placed = int((np.load(folder / "ours.npy") != UNPLACED).sum())
    report(label, "ours (NumPy)", mine, f"runs: {mine['all_seconds']} s; placed {placed:,}")
    return {"size": label, "ours": mine, "placed": placed}


# ---------------------------------------------------------------- command line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", metavar="{run,generate,solve}")

    run_parser = commands.add_parser("run", help="the benchmark (the default)")
    add_run_options(run_parser)
    add_run_options(parser)

    generate = commands.add_parser("generate", help="write a random fair as JSON")
    generate.add_argument("--graduates", type=int, default=2_000)
    generate.add_argument("--vacancies", type=int, default=100)
    generate.add_argument("--list-length", type=int, default=10)
    generate.add_argument("--seed", type=int, default=1)
    generate.add_argument("output", type=Path)

    solve_parser = commands.add_parser("solve", help="solve a fair from a JSON file")
    solve_parser.add_argument("instance", type=Path)
    solve_parser.add_argument("output", type=Path)

    measure = commands.add_parser("measure")  # internal: one solver in a fresh process
    measure.add_argument("what", choices=["ours", "peer", "recommend", "recommend-plain"])
    measure.add_argument("arguments", nargs="*")

    args = parser.parse_args()
    if args.command == "generate":
        fair = generate_fair(args.graduates, args.vacancies, args.list_length, args.seed)
        args.output.write_text(json.dumps(fair.to_json()))
    elif args.command == "solve":
        solve_file(args.instance, args.output)
    elif args.command == "measure":
        print(json.dumps(run_measure(args.what, args.arguments)))
    else:
        run(args)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="skip the largest sizes")
    parser.add_argument("--no-peer", action="store_true", help="skip the matching package")
    parser.add_argument("--peer-timeout", type=float, default=900.0, help="seconds (900)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per size (3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")


def run_measure(what: str, arguments: list[str]) -> dict:
    if what == "ours":
        return measure_ours(Path(arguments[0]), Path(arguments[1]))
    if what == "peer":
        return measure_peer(Path(arguments[0]), Path(arguments[1]))
    if what == "recommend-plain":
        return measure_plain_recommendations(*map(int, arguments))
    return measure_recommendations(*map(int, arguments))


if __name__ == "__main__":
    main()
