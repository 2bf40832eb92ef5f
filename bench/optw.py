"""The trip planner's core on the standard OPTW/TOPTW instances, beside OR-Tools, and a real trip.

python bench/optw.py solve INSTANCE.txt --tours M --seconds S --out OUT.json
    OUT.json: a list of tours, each a list of place ids in visiting order without the depot.

python bench/optw.py run [--seconds 1] [--peer-seconds S] [--no-peer] [--only c101,pr01]
                        [--cpu-clock] [--markdown TABLE.md]
    Every instance of ../shared/optw/bks_dev.csv for one tour, pr01–pr10 for 2, 3 and 4 tours:
    our score, the best-known score, the gap and the time, then OR-Tools' routing solver with the
    same time limit (optional visits as disjunctions, a time dimension, guided local search);
    every solution is checked by tests/tourism/planner/checker.py (its own parser, exact integers) before
    its score counts; per group, the mean gap and how many instances match the best-known
    score. Then a 3-day trip over 200 places, the default plan and the "better plan" (median of
    several runs). Results go to bench/results/optw.json.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tourism.planner.checker import Infeasible, check_itinerary, check_tours, load_problem  # noqa: E402
from twincity.tourism.planner import (  # noqa: E402
    GreatCircleTravel,
    Place,
    TripRequest,
    plan_trip,
    read_instance,
    solve_optw,
)
from twincity.tourism.planner.synthetic import city_pair, pad  # noqa: E402
from twincity.tourism.planner.trip import RAIL_RIDE, main_stations  # noqa: E402

OPTW_DIR = Path(os.environ.get("OPTW_DIR", ROOT.parent / "shared" / "optw"))
PLACES_FILE = ROOT / "twincity" / "tourism" / "data" / "places.json"
RESULTS = ROOT / "bench" / "results" / "optw.json"


def instance_path(name: str) -> Path:
    return OPTW_DIR / "instances" / f"{name}.txt"


# ---- ours -----------------------------------------------------------------------------------------
def solve_ours(
    path: Path, tours: int, seconds: float, seed: int = 0, cpu_clock: bool = False
) -> tuple[list[list[int]], float]:
    start = time.perf_counter()
    instance = read_instance(path, tours)
    # The limit covers reading the file too: the search gets what is left of it.
    left = max(0.01, seconds - (time.perf_counter() - start) - max(0.01, 0.04 * seconds))
    answer = solve_optw(instance, seconds=left, seed=seed, cpu_clock=cpu_clock)
    return [[int(v) for v in tour] for tour in answer], time.perf_counter() - start


# ---- the peer: OR-Tools ---------------------------------------------------------------------------
def solve_ortools(problem, tours: int, seconds: float) -> tuple[list[list[int]], float]:
    """OR-Tools' routing solver on the checker's exact integer data (hundredths, parsed before the
    clock starts); the limit covers building the model and the search."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    start = time.perf_counter()
    n = len(problem.score)
    manager = pywrapcp.RoutingIndexManager(n, tours, 0)
    routing = pywrapcp.RoutingModel(manager)

    def transit(from_index, to_index):
        a, b = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        return problem.duration[a] + problem.travel[a][b]

    callback = routing.RegisterTransitCallback(transit)
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    budget = problem.budget
    routing.AddDimension(callback, budget, budget, False, "time")
    time_dimension = routing.GetDimensionOrDie("time")
    for node in range(1, n):
        index = manager.NodeToIndex(node)
        time_dimension.CumulVar(index).SetRange(problem.open[node], problem.close[node])
        # A skipped place costs its score, scaled so that one point outweighs any travel.
        routing.AddDisjunction([index], problem.score[node] * 10 * budget)
    for vehicle in range(tours):
        time_dimension.CumulVar(routing.Start(vehicle)).SetRange(problem.open[0], budget)
        time_dimension.CumulVar(routing.End(vehicle)).SetRange(0, budget)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    remaining = max(0.01, seconds - (time.perf_counter() - start))
    params.time_limit.FromMilliseconds(int(remaining * 1000))
    solution = routing.SolveWithParameters(params)
    answer = []
    if solution:
        for vehicle in range(tours):
            index = solution.Value(routing.NextVar(routing.Start(vehicle)))
            tour = []
            while not routing.IsEnd(index):
                tour.append(manager.IndexToNode(index))
                index = solution.Value(routing.NextVar(index))
            answer.append(tour)
    return answer, time.perf_counter() - start


# ---- the run --------------------------------------------------------------------------------------
def best_knowns() -> list[tuple[str, int, int]]:
    with open(OPTW_DIR / "bks_dev.csv") as handle:
        rows = [
            (r["instance"], int(r["m"]), int(r["best_known_score"])) for r in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda r: (r[1], r[0][:2] == "pr", r[0]))


def checked_score(problem, tours, m) -> int | None:
    try:
        return check_tours(problem, tours, m)
    except Infeasible as error:
        print(f"    INFEASIBLE: {error}", flush=True)
        return None


def gap(score, best) -> float:
    return 100.0 * (best - (score or 0)) / best


def run_instances(args) -> list[dict]:
    rows = []
    only = set(args.only.split(",")) if args.only else None
    print(
        f"{'instance':<8} {'m':>2} {'best':>6} | {'ours':>6} {'gap %':>6} {'time s':>6} | "
        f"{'OR-Tools':>8} {'gap %':>6} {'time s':>6}",
        flush=True,
    )
    for name, m, best in best_knowns():
        if only and name not in only or args.tours and m not in args.tours:
            continue
        path = instance_path(name)
        problem = load_problem(path)
        tours, elapsed = solve_ours(path, m, args.seconds, args.seed, args.cpu_clock)
        ours = checked_score(problem, tours, m)
        row = {
            "instance": name,
            "m": m,
            "best_known": best,
            "ours": ours,
            "ours_gap": gap(ours, best),
            "ours_seconds": elapsed,
        }
        peer_text = ""
        if not args.no_peer:
            peer_tours, peer_elapsed = solve_ortools(problem, m, args.peer_seconds or args.seconds)
            peer = checked_score(problem, peer_tours, m)
            row.update(peer=peer, peer_gap=gap(peer, best), peer_seconds=peer_elapsed)
            peer_text = f"{peer if peer is not None else '-':>8} {row['peer_gap']:>6.2f} {peer_elapsed:>6.2f}"
        print(
            f"{name:<8} {m:>2} {best:>6} | {ours if ours is not None else '-':>6} "
            f"{row['ours_gap']:>6.2f} {elapsed:>6.2f} | {peer_text}",
            flush=True,
        )
        rows.append(row)
    return rows


def markdown_table(rows: list[dict]) -> str:
    """The per-instance table of docs/benchmarks.md."""
    lines = [
        "| instance | m | best known | ours | gap | time | OR-Tools | gap |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        peer = (
            f"{r['peer'] if r['peer'] is not None else '-'} | {r['peer_gap']:.2f} %"
            if "peer_gap" in r
            else "- | -"
        )
        lines.append(
            f"| {r['instance']} | {r['m']} | {r['best_known']} | {r['ours']} | "
            f"{r['ours_gap']:.2f} % | {r['ours_seconds']:.2f} s | {peer} |"
        )
    return "\n".join(lines) + "\n"


def summarise(rows: list[dict]) -> dict:
    summary = {}
    groups = {"m=1 all": [r for r in rows if r["m"] == 1]}
    for m in (1, 2, 3, 4):
        groups[f"m={m} pr01-pr10"] = [
            r for r in rows if r["m"] == m and r["instance"].startswith("pr")
        ]
    groups["m=1 Solomon (c, r, rc)"] = [
        r for r in rows if r["m"] == 1 and not r["instance"].startswith("pr")
    ]
    print()
    for label, group in groups.items():
        if not group:
            continue
        entry = {
            "instances": len(group),
            "ours_mean_gap": statistics.fmean(r["ours_gap"] for r in group),
            "ours_max_seconds": max(r["ours_seconds"] for r in group),
            "ours_optimal_or_best": sum(r["ours"] == r["best_known"] for r in group),
        }
        line = (
            f"{label:<24} n={len(group):>2}  ours: mean gap {entry['ours_mean_gap']:.2f} % "
            f"(max {entry['ours_max_seconds']:.2f} s, {entry['ours_optimal_or_best']} at best-known)"
        )
        if "peer_gap" in group[0]:
            entry["peer_mean_gap"] = statistics.fmean(r["peer_gap"] for r in group)
            entry["peer_infeasible"] = sum(r["peer"] is None for r in group)
            line += f"  OR-Tools: mean gap {entry['peer_mean_gap']:.2f} %"
        print(line)
        summary[label] = entry
    return summary


# ---- a real trip ----------------------------------------------------------------------------------
def trip_places(count: int) -> tuple[list[Place], str]:
    if PLACES_FILE.exists():
        records = json.loads(PLACES_FILE.read_text())
        places = [Place.from_json(r) for r in records]
        return pad(places, count), f"{PLACES_FILE.name} ({len(places)} places, padded to {count})"
    return city_pair(count, seed=1), f"synthetic city pair (seed 1, {count} places)"


def trip_request(places: list[Place]) -> TripRequest:
    def first(city, kind, role=""):
        options = sorted(
            (p for p in places if p.city == city and p.kind == kind and p.transport_role == role),
            key=lambda p: str(p.id),
        )
        return options[0].id

    stations = main_stations(places)
    return TripRequest(
        start_date=dt.date(2026, 12, 4),  # a Friday: the trip runs Friday to Sunday
        days=3,
        day_starts=[
            stations["chengdu"].id,
            first("chengdu", "accommodation"),
            first("chongqing", "accommodation"),
        ],
        end_place=stations["chongqing"].id,
        interests={"hotpot": 3, "history": 2, "night-view": 2, "pandas": 2, "tea-house": 1},
        pace="normal",
    )


def run_trip(repeats: int) -> dict:
    """The default plan and the "better plan" of the same request, each timed ``repeats`` times
    and checked every time."""
    places, origin = trip_places(200)
    travel = GreatCircleTravel(main_stations(places), RAIL_RIDE)
    result = {}
    for label, better in (("default", False), ("better", True)):
        request = dataclasses.replace(trip_request(places), better=better)
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            itinerary = plan_trip(places, request)
            timings.append(time.perf_counter() - start)
            check_itinerary(places, request, itinerary, travel)
        result[label] = {
            "places": origin,
            "days": request.days,
            "median_ms": statistics.median(timings) * 1000,
            "max_ms": max(timings) * 1000,
            "runs": repeats,
            "stops": sum(len(d.stops) for d in itinerary.days),
            "score": itinerary.score,
        }
        print(
            f"\nreal trip ({label} plan): 3 days over {origin}: median "
            f"{result[label]['median_ms']:.0f} ms, max {result[label]['max_ms']:.0f} ms over "
            f"{repeats} runs; {result[label]['stops']} stops, score {itinerary.score:.0f}; "
            "every plan passed the checker"
        )
    return result


def machine() -> dict:
    load = os.getloadavg()
    return {
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "load_before": [round(x, 2) for x in load],
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# ---- command line ---------------------------------------------------------------------------------
def command_solve(args) -> None:
    tours, elapsed = solve_ours(Path(args.instance), args.tours, args.seconds, args.seed)
    Path(args.out).write_text(json.dumps(tours))
    print(f"{len(tours)} tours, {sum(map(len, tours))} places, {elapsed:.2f} s -> {args.out}")


def command_run(args) -> None:
    facts = machine()
    print(
        f"Python {facts['python']}, {facts['cores']} cores, load {facts['load_before']}, "
        f"{args.seconds} s per instance (OR-Tools {args.peer_seconds or args.seconds} s)\n"
    )
    rows = [] if args.trip_only else run_instances(args)
    summary = summarise(rows) if rows else {}
    if args.markdown and rows:
        Path(args.markdown).write_text(markdown_table(rows))
    trip = run_trip(args.trip_runs)
    facts["load_after"] = [round(x, 2) for x in os.getloadavg()]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "machine": facts,
                "seconds": args.seconds,
                "peer_seconds": args.peer_seconds or args.seconds,
                "instances": rows,
                "summary": summary,
                "trip": trip,
            },
            indent=1,
        )
    )
    print(f"\nresults: {out}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve one benchmark file")
    solve.add_argument("instance")
    solve.add_argument("--tours", type=int, default=1)
    solve.add_argument("--seconds", type=float, default=1.0)
    solve.add_argument("--seed", type=int, default=0)
    solve.add_argument("--out", required=True)
    run = sub.add_parser("run", help="the whole benchmark with OR-Tools beside")
    run.add_argument("--seconds", type=float, default=1.0)
    run.add_argument("--peer-seconds", type=float, default=None)
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--no-peer", action="store_true")
    run.add_argument("--only", default="", help="comma-separated instance names")
    run.add_argument("--tours", type=int, nargs="*", default=[], help="only these tour counts")
    run.add_argument("--out", default=str(RESULTS), help="where the JSON goes")
    run.add_argument("--trip-only", action="store_true")
    run.add_argument(
        "--cpu-clock",
        action="store_true",
        help="limit our search by its own processor time, not the wall clock (to compare "
        "variants on a busy machine; OR-Tools keeps the wall clock)",
    )
    run.add_argument("--markdown", default="", help="also write the per-instance table here")
    run.add_argument("--trip-runs", type=int, default=9)
    args = parser.parse_args(argv)
    (command_solve if args.command == "solve" else command_run)(args)


if __name__ == "__main__":
    main()
