"""The (team) orienteering problem with time windows, and an iterated local search for it.

An :class:`Instance` has ``n`` nodes, each with a score, a visit duration and, per tour, a time
window on the *start* of its visit; a travel-time matrix; and ``M`` tours, each from its start node
to its end node inside its own window (the tour starts at the start node's opening and must reach
the end node by the end node's latest start). A schedule follows the literature:
``arrive = previous start + previous duration + travel``; ``start = max(arrive, open)``; feasible
only if ``start <= latest start``. Each node is visited at most once over all tours.

The trip planner adds three things the benchmark does not use: ``group`` (at most one node of a
group over all tours: the lunch and the dinner copies of one restaurant), ``slot`` (at most one node
of each slot value per tour: one lunch and one dinner a day), and ``fixed`` nodes that are placed
first, in order, and never removed (the day's train).

The search is the iterated local search of Vansteenwegen, Souffriau, Vanden Berghe and Van
Oudheusden (2009), "Iterated local search for the team orienteering problem with time windows",
Computers & Operations Research 36(12):

- *Insert*: for every node not in the solution, its cheapest feasible position over all tours
  (least added time, ``shift``); the node with the best ``score**2 / shift`` goes in; repeat until
  nothing fits. Each tour keeps ``wait`` and ``max_shift`` per visit so that one insertion is checked
  in O(1): inserting ``j`` between ``i`` and ``k`` is feasible iff ``j`` starts before its latest
  start and ``shift_j <= wait_k + max_shift_k``. The cheapest position of every node in a tour is
  computed at once as an array (positions × nodes) and cached per tour; only the tour that changed is
  recomputed.
- *Shake*: remove ``S`` consecutive visits from every tour starting at position ``R`` (wrapping
  round), move the rest of the tour earlier; then ``R += S``, ``S += 1``, ``R`` wraps at the smallest
  tour's size and ``S`` goes back to 1 at ``n / (3 M)`` and after every improvement.
- Added here, each measured on the benchmark (docs/benchmarks.md): the insertion ratio is
  multiplied by a seeded random factor ``1 + noise × U[0, 1)`` (a randomised insertion: with the
  plain ratio the search cycles through the same few solutions; with the cap on the shake it took
  the one-tour mean gap from 2.9 % to 0.4 % at 1 s); the shake is capped at a quarter of the
  smallest tour (the paper's ``n / (3 M)`` empties whole tours of the large pr instances); after
  ``restart_after`` rounds without improvement the search goes back to the best solution with a
  random ``R`` and ``S``, and every ``fresh_every``-th time from an empty solution (a random
  restart: small instances otherwise stay in the best's basin); and every new best is re-sequenced
  by or-opt (move one visit up to ``window`` places) and 2-opt (reverse a stretch of up to
  ``window``) when that brings the tour home earlier and stays feasible, which makes room for more
  insertions; then a *replace* move (take one visit out, put in the best-scoring free node that
  fits in its place, if that scores more) and insertion again, up to ``replace_rounds`` times.

The compiled search (``_optw.c``, built by ``pip install -e .``; the Python ``_Search`` below is
the fallback where no C compiler was found, and the reference the tests compare it with) runs the
same loop 20–60 times faster and adds, each measured on the benchmark (docs/benchmarks.md):

- *Moves between tours* (``MOVE_BETWEEN``, ``MOVE_CROSS``): relocate a visit to another tour,
  exchange two visits, and cross-exchange segments of up to three visits, accepted when the two
  tours spend less time (travel and visits), so that insertion finds room. Each is checked with
  the same start / arrival / max-shift bookkeeping: O(length of the segment), not of the tour.
  A visit is only tried next to its 16 nearest places (a granular neighbourhood).
- *2-opt-star between tours* (``MOVE_TAILS``): two interchangeable tours (same start, end and
  windows) exchange their ends — one keeps its visits up to a point and goes on with the other's
  from a near place on — when the two travel less; the max shift of the first visit of each new
  end decides in O(1) whether the rest still fits. With 4 tours on pr01–pr10 it took the mean gap
  at 1 s from 1.98 % to 1.51 % (five seeds).
- *Ruin and recreate* (``MOVE_RUIN``): a share of the rounds removes a visit and the visits most
  related to it — nearest by travel, nearest by start time, or lowest score per minute — instead
  of the shake; the randomised insertion recreates.
- *An elite pool of tours* (``MOVE_POOL``): the tours of every good solution are kept (400 at
  most); at every other restart the search starts from the best set of disjoint pool tours — an
  exact set packing by branch and bound when the tours are interchangeable (the benchmark), a
  randomised greedy one otherwise — as in Hu & Lim's iterative three-component heuristic.
- ``MOVE_EVERY``: or-opt / 2-opt and the single-visit moves between tours after every round,
  not only on a new best. ``MOVE_TOUR``, emptying a whole tour now and then, is there but off by
  default: it did not help at 1 s.

Deterministic for a given seed and iteration limit; with a time limit the result depends on how
many iterations fit.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import numpy as np

INF = float("inf")
#: Feasibility tolerance: times are sums of decimals and must not fail on the last bit.
EPS = 1e-7


@dataclass
class Instance:
    score: np.ndarray  # (n,) float
    duration: np.ndarray  # (n,) float
    open: np.ndarray  # (n, M) earliest start of the visit in each tour
    close: np.ndarray  # (n, M) latest start of the visit in each tour (< open: not in that tour)
    travel: np.ndarray  # (n, n) float; inf where a hop is not allowed
    starts: list[int]  # start node of each tour
    ends: list[int]  # end node of each tour
    candidates: np.ndarray  # (n,) bool: may be visited (depots and excluded places may not)
    group: np.ndarray | None = None  # (n,) int, -1 for none
    slot: np.ndarray | None = None  # (n,) int, 0 for none
    fixed: list[list[int]] = field(default_factory=list)  # per tour, forced nodes in order
    #: nodes forced in before the search, any tour, then locked; each entry lists alternatives
    #: (the lunch and the dinner copy of a pinned restaurant): the first that fits goes in
    forced: list[list[int]] = field(default_factory=list)
    #: nodes put in right after the forced ones, before the search, but not locked (must-see
    #: places: the search may still trade them away if that scores more)
    seeded: list[list[int]] = field(default_factory=list)
    #: what the insertion ratio uses instead of the score, when the score carries bonuses that
    #: would drown the differences the search should see (the trip's meals)
    priority: np.ndarray | None = None
    name: str = ""

    @property
    def tours(self) -> int:
        return len(self.starts)

    @classmethod
    def single_depot(cls, score, duration, open_, close, travel, tours: int, name: str = ""):
        """The benchmark's form: node 0 is the depot of every tour, windows the same in all."""
        score = np.asarray(score, dtype=float)
        n = score.size
        candidates = np.ones(n, dtype=bool)
        candidates[0] = False
        column = np.asarray(open_, dtype=float)[:, None]
        close_column = np.asarray(close, dtype=float)[:, None]
        return cls(
            score=score,
            duration=np.asarray(duration, dtype=float),
            open=np.repeat(column, tours, axis=1),
            close=np.repeat(close_column, tours, axis=1),
            travel=np.asarray(travel, dtype=float),
            starts=[0] * tours,
            ends=[0] * tours,
            candidates=candidates,
            name=name,
        )


def evaluate(instance: Instance, tours: list[list[int]]) -> tuple[bool, float]:
    """(feasible, score) of tours given without their start and end nodes (the solver's own view;
    the tests use an independent checker)."""
    seen: set[int] = set()
    fixed = {v for tour in instance.fixed for v in tour}
    for t, visits in enumerate(tours):
        route = [instance.starts[t], *visits, instance.ends[t]]
        clock = float(instance.open[route[0], t])
        for prev, node in zip(route, route[1:], strict=False):
            arrive = clock + instance.duration[prev] + instance.travel[prev, node]
            clock = max(arrive, instance.open[node, t])
            if clock > instance.close[node, t] + EPS:
                return False, 0.0
        if any(v in seen or not (instance.candidates[v] or v in fixed) for v in visits):
            return False, 0.0
        seen.update(visits)
    return True, float(sum(instance.score[v] for v in seen))


try:  # the compiled search (setup.py builds it; without a C compiler the Python one runs)
    from . import _optw as compiled
except ImportError:  # pragma: no cover - only on a machine without a compiler
    compiled = None

#: The moves of the compiled search (a bit mask of ``moves=``; the tests switch them one by one).
MOVE_BETWEEN = 1  # relocate and exchange of visits between tours
MOVE_CROSS = 2  # cross-exchange of segments of up to three visits between tours
MOVE_RUIN = 4  # ruin a related group of visits (by place, time or score) and recreate
MOVE_POOL = 8  # recombine the tours of an elite pool (randomised greedy set packing)
MOVE_TOUR = 16  # empty a whole tour now and then (a tour-level shake)
MOVE_REPLACE = 32  # swap a visit for a better free node
MOVE_SEQUENCE = 64  # or-opt and 2-opt inside a tour
MOVE_EVERY = 128  # sequence and between-tour moves after every round, not only on a new best
MOVE_TAILS = 256  # 2-opt* between interchangeable tours: exchange their ends
ALL_MOVES = 511
#: The default: everything but the tour-level shake, which did not help at 1 s (docs/benchmarks.md).
DEFAULT_MOVES = ALL_MOVES & ~MOVE_TOUR


def solve_optw(
    instance: Instance,
    seconds: float | None = 1.0,
    seed: int = 0,
    iterations: int | None = None,
    restart_after: int = 40,
    noise: float = 1.2,
    shake_cap: float = 0.25,
    polish_margin: float = -1e-9,
    window: int = 6,
    fresh_every: int = 5,
    replace_rounds: int = 3,
    stats: dict | None = None,
    moves: int = DEFAULT_MOVES,
    ruin_share: float = 0.3,
    accept: float = 0.0,
    cpu_clock: bool = False,
    engine: str = "auto",
) -> list[list[int]]:
    """Tours (lists of node ids without start and end) of the best solution found.

    Stops after ``seconds`` (wall clock) or ``iterations`` shaking rounds, whichever comes first;
    at least one of them must be given. ``stats``, if given, receives the number of iterations
    and the engine that ran. The other knobs are the search's tuning (measured on the benchmark,
    see docs/benchmarks.md): ``restart_after`` rounds without improvement before going back to
    the best solution; ``noise``, the random spread of the insertion ratio
    (``ratio × (1 + noise × U[0, 1))``); ``shake_cap``, the largest shake as a share of the
    smallest tour; ``polish_margin``, how close to the best a solution must be to get the
    polish (negative: only new bests); ``window``, how far or-opt and 2-opt move a visit;
    ``fresh_every``: every so many restarts, start from an empty solution instead of the best (0:
    never). Compiled search only: ``moves``, which moves it may use (``MOVE_*``);
    ``ruin_share``, the share of rounds that ruin a related group instead of the shake.
    ``engine``: ``"c"``, ``"python"`` or ``"auto"`` (the compiled one when it is built).
    """
    if seconds is None and iterations is None:
        raise ValueError("give a time limit or an iteration limit")
    started = time.perf_counter()
    search = _Search(instance, random.Random(seed), noise)
    use_c = engine == "c" or (engine == "auto" and compiled is not None)
    if use_c:
        left = None if seconds is None else max(0.0, seconds - (time.perf_counter() - started))
        tours, done, applied = _compiled_search(
            search,
            seed=seed,
            seconds=left,
            iterations=iterations,
            noise=noise,
            window=window,
            moves=moves,
            replace_rounds=replace_rounds,
            restart_after=restart_after,
            fresh_every=fresh_every,
            shake_cap=shake_cap,
            polish_margin=polish_margin,
            ruin_share=ruin_share,
            accept=accept,
            cpu_clock=cpu_clock,
        )
    else:
        search.shake_cap = shake_cap
        search.polish_margin = polish_margin
        search.window = window
        search.fresh_every = fresh_every
        search.max_replace_rounds = replace_rounds
        tours = search.run(seconds, iterations, restart_after)
        done, applied = search.iterations, {}
    if stats is not None:
        stats["iterations"] = done
        stats["engine"] = "c" if use_c else "python"
        stats["moves_applied"] = applied
    return tours


def tour_classes(instance: Instance) -> np.ndarray:
    """Tours that are interchangeable (same start, end and windows, no fixed nodes) share a
    class: a tour of the elite pool may go into any tour of its class."""
    keys: dict[tuple, int] = {}
    classes = []
    for t in range(instance.tours):
        fixed = instance.fixed[t] if t < len(instance.fixed) else []
        key = (
            ("fixed", t)
            if fixed
            else (
                instance.starts[t],
                instance.ends[t],
                instance.open[:, t].tobytes(),
                instance.close[:, t].tobytes(),
            )
        )
        classes.append(keys.setdefault(key, len(keys)))
    return np.asarray(classes, dtype=np.int32)


def _compiled_search(search: _Search, seed: int, seconds, iterations, **knobs):
    """Run the compiled search from ``search``'s fresh solution (fixed, forced and seeded nodes
    in place, forced ones locked); the answer is checked with :func:`evaluate` before it is
    trusted."""
    instance, n = search.inst, search.n
    locked = np.zeros(n, dtype=np.uint8)
    locked[list(search.locked)] = 1
    group = np.full(n, -1, np.int32) if instance.group is None else instance.group
    slot = np.zeros(n, np.int32) if instance.slot is None else instance.slot
    routes, done, applied = compiled.search(
        n=n,
        m=search.m,
        score=np.ascontiguousarray(search.score, dtype=np.float64),
        guide2=np.ascontiguousarray(search.score2, dtype=np.float64),
        duration=np.ascontiguousarray(search.dur, dtype=np.float64),
        open=np.ascontiguousarray(np.asarray(instance.open, dtype=np.float64).T),
        close=np.ascontiguousarray(np.asarray(instance.close, dtype=np.float64).T),
        travel=search.T,
        group=np.ascontiguousarray(group, dtype=np.int32),
        slot=np.ascontiguousarray(slot, dtype=np.int32),
        tour_class=tour_classes(instance),
        candidates=np.ascontiguousarray(search.cand, dtype=np.uint8),
        locked=locked,
        routes=[[int(v) for v in route] for route in search.routes],
        seed=seed & (2**64 - 1),
        seconds=-1.0 if seconds is None else float(seconds),
        iterations=-1 if iterations is None else int(iterations),
        **knobs,
    )
    feasible, _score = evaluate(instance, routes)
    if not feasible:  # a bug, not a case: say so rather than hand out a broken plan
        raise RuntimeError(
            f"compiled OPTW search returned an infeasible solution on {instance.name!r}"
        )
    names = ["between", "cross", "ruin", "pool", "tour", "replace", "sequence", "every", "tails"]
    return routes, done, dict(zip(names, applied, strict=True))


class _Search:
    def __init__(self, instance: Instance, rng: random.Random, noise: float = 0.0):
        self.inst = instance
        self.rng = rng
        self.noise = noise
        self.np_rng = np.random.default_rng(rng.randrange(2**32))
        self.deadline = None
        self.m = instance.tours
        n = instance.score.size
        self.n = n
        travel = np.ascontiguousarray(instance.travel, dtype=float)
        self.T = travel
        self.TT = np.ascontiguousarray(travel.T)
        self.Tl = travel.tolist()
        self.dur = np.asarray(instance.duration, dtype=float)
        self.durl = self.dur.tolist()
        self.score = np.asarray(instance.score, dtype=float)
        guide = self.score if instance.priority is None else np.asarray(instance.priority, float)
        self.score2 = guide**2
        self.O = [np.ascontiguousarray(instance.open[:, t], dtype=float) for t in range(self.m)]
        self.C = [np.ascontiguousarray(instance.close[:, t], dtype=float) for t in range(self.m)]
        self.Ol = [o.tolist() for o in self.O]
        self.Cl = [c.tolist() for c in self.C]
        self.cand = np.asarray(instance.candidates, dtype=bool).copy()
        self.group = instance.group
        self.slot = instance.slot
        self.group_members: dict[int, np.ndarray] = {}
        if self.group is not None:
            for g in np.unique(self.group[self.group >= 0]):
                self.group_members[int(g)] = np.flatnonzero(self.group == g)
        self.arange = np.arange(n)
        self.max_s = max(1, n // (3 * self.m))
        self.start_fresh()

    def start_fresh(self):
        """The empty solution: fixed nodes, then the forced ones (locked), then the seeded ones."""
        instance = self.inst
        self.locked = {v for tour in instance.fixed for v in tour}
        self._reset_empty()
        for alternatives in instance.forced:
            for node in alternatives:
                if self.insert_forced(node):
                    break
        locked = set(self.locked)
        for alternatives in instance.seeded:
            for node in alternatives:
                if self.insert_forced(node):
                    break
        self.locked = locked

    # ---- state --------------------------------------------------------------------------------
    def _reset_empty(self):
        inst = self.inst
        self.routes = [[inst.starts[t], inst.ends[t]] for t in range(self.m)]
        for t, forced in enumerate(inst.fixed):
            self.routes[t][1:1] = list(forced)
        self.used = np.zeros(self.n, dtype=bool)
        for route in self.routes:
            self.used[route[1:-1]] = True
        self._refresh_all()

    def _refresh_all(self):
        self.sched = [self._schedule(t) for t in range(self.m)]
        self.best_shift = np.empty((self.m, self.n))
        self.best_pos = np.empty((self.m, self.n), dtype=np.int64)
        for t in range(self.m):
            self._tour_positions(t)
        self._refresh_blocked()

    def _refresh_blocked(self):
        blocked = self.used.copy()
        if self.group is not None:
            for node in np.flatnonzero(self.used):
                g = self.group[node]
                if g >= 0:
                    blocked[self.group_members[int(g)]] = True
        self.blocked = blocked

    def _schedule(self, t):
        """Start, arrival and max shift of every node of tour ``t`` (earliest times)."""
        route = self.routes[t]
        opens, C, Tl, d = self.Ol[t], self.Cl[t], self.Tl, self.durl
        size = len(route)
        arrive = [0.0] * size
        start = [0.0] * size
        prev = route[0]
        clock = opens[prev]
        arrive[0] = start[0] = clock
        for k in range(1, size):
            node = route[k]
            a = clock + d[prev] + Tl[prev][node]
            arrive[k] = a
            o = opens[node]
            clock = a if a > o else o
            start[k] = clock
            prev = node
        max_shift = [0.0] * size
        slack = C[route[-1]] - start[-1]
        max_shift[-1] = slack
        for k in range(size - 2, -1, -1):
            own = C[route[k]] - start[k]
            slack = start[k + 1] - arrive[k + 1] + slack
            if own < slack:
                slack = own
            max_shift[k] = slack
        return start, arrive, max_shift

    def _tour_positions(self, t):
        """Cheapest feasible insertion (shift, position) of every node in tour ``t``."""
        route = self.routes[t]
        start, arrive, max_shift = self.sched[t]
        frm = route[:-1]
        to = route[1:]
        start_a = np.asarray(start)
        dep = start_a[:-1] + self.dur[frm]
        arr_to = np.asarray(arrive[1:])
        slack = (start_a[1:] - arr_to) + np.asarray(max_shift[1:])
        begin = np.maximum(dep[:, None] + self.T[frm], self.O[t])
        ok = begin <= self.C[t] + EPS
        shift = begin + self.dur + self.TT[to] - arr_to[:, None]
        ok &= shift <= slack[:, None] + EPS
        shift[~ok] = INF
        if self.slot is not None:
            taken = {self.slot[v] for v in route[1:-1] if self.slot[v] > 0}
            if taken:
                shift[:, np.isin(self.slot, list(taken))] = INF
        pos = shift.argmin(axis=0)
        self.best_pos[t] = pos
        self.best_shift[t] = shift[pos, self.arange]

    # ---- moves ----------------------------------------------------------------------------------
    def insert_all(self):
        """Insert the best-ratio node until nothing fits."""
        while True:
            if self.m == 1:
                best = self.best_shift[0]
                tour_of = None
            else:
                tour_of = self.best_shift.argmin(axis=0)
                best = self.best_shift[tour_of, self.arange]
            fits = self.cand & ~self.blocked & (best < INF)
            if not fits.any():
                return
            ratio = np.where(fits, self.score2 / np.maximum(best, 1e-3), -1.0)
            if self.noise:
                ratio *= 1.0 + self.noise * self.np_rng.random(self.n)
            node = int(ratio.argmax())
            t = 0 if tour_of is None else int(tour_of[node])
            self._insert(t, node, int(self.best_pos[t, node]) + 1)

    def _insert(self, t, node, index):
        self.routes[t].insert(index, node)
        self.used[node] = True
        self.blocked[node] = True
        if self.group is not None and self.group[node] >= 0:
            self.blocked[self.group_members[int(self.group[node])]] = True
        self.sched[t] = self._schedule(t)
        self._tour_positions(t)

    def insert_forced(self, node) -> bool:
        """Put ``node`` at its cheapest feasible place (any tour) whatever its ratio; lock it."""
        if self.blocked[node]:
            return False
        t = int(self.best_shift[:, node].argmin())
        if self.best_shift[t, node] == INF:
            return False
        self._insert(t, node, int(self.best_pos[t, node]) + 1)
        self.locked.add(node)
        return True

    def shake(self, size, first):
        for t in range(self.m):
            route = self.routes[t]
            visits = route[1:-1]
            count = len(visits)
            if count == 0:
                continue
            doomed = set()
            for k in range(min(size, count)):
                node = visits[(first + k) % count]
                if node not in self.locked:
                    doomed.add(node)
            if not doomed:
                continue
            self.routes[t] = [route[0], *(v for v in visits if v not in doomed), route[-1]]
            self.used[list(doomed)] = False
        self._refresh_all()

    def replace_pass(self) -> bool:
        """Swap one visit for a better-scoring node that fits in its place (best swap per tour);
        True if anything changed."""
        changed = False
        for t in range(self.m):
            route = self.routes[t]
            best = None  # (gain, index of the visit, node that replaces it, its position)
            for k in range(1, len(route) - 1):
                out = route[k]
                if out in self.locked or self.out_of_time():
                    continue
                self.routes[t] = route[:k] + route[k + 1 :]
                self.sched[t] = self._schedule(t)
                self._tour_positions(t)
                fits = self.cand & ~self.blocked & (self.best_shift[t] < INF)
                if not fits.any():
                    continue
                gains = np.where(fits, self.score - self.score[out], -INF)
                node = int(gains.argmax())
                if gains[node] > 1e-9 and (best is None or gains[node] > best[0]):
                    best = (gains[node], k, node, int(self.best_pos[t, node]) + 1)
            if best is None:
                self.routes[t] = route
                self.sched[t] = self._schedule(t)
                self._tour_positions(t)
                continue
            _gain, k, node, index = best
            self.routes[t] = route[:k] + route[k + 1 :]
            self.used[route[k]] = False
            self._refresh_blocked()
            self.sched[t] = self._schedule(t)
            self._insert(t, node, index)
            changed = True
        return changed

    def improve_sequences(self):
        """Shorten every tour by moving one visit (or-opt) or reversing a stretch (2-opt) when the
        result is feasible and ends earlier; first improvement, until none."""
        for t in range(self.m):
            route = self.routes[t]
            if len(route) < 4:
                continue
            changed = False
            finish = self._finish(route, t)
            improved = True
            while improved:
                improved = False
                inner = len(route) - 2
                for i in range(1, inner + 1):
                    node = route[i]
                    if node in self.locked:
                        continue
                    rest = route[:i] + route[i + 1 :]
                    for j in range(max(1, i - self.window), min(len(rest), i + self.window + 1)):
                        if j == i:
                            continue
                        trial = rest[:j] + [node] + rest[j:]
                        end = self._finish(trial, t)
                        if end < finish - 1e-9:
                            route, finish, improved, changed = trial, end, True, True
                            break
                    if improved:
                        break
                if improved:
                    continue
                for i in range(1, inner):
                    for j in range(i + 1, min(inner, i + self.window) + 1):
                        stretch = route[i : j + 1]
                        if self.locked.intersection(stretch):
                            continue
                        trial = route[:i] + stretch[::-1] + route[j + 1 :]
                        end = self._finish(trial, t)
                        if end < finish - 1e-9:
                            route, finish, improved, changed = trial, end, True, True
                            break
                    if improved:
                        break
            if changed:
                self.routes[t] = route
                self.sched[t] = self._schedule(t)
                self._tour_positions(t)

    def polish(self):
        """Shorten the tours, fill them, and swap visits for better ones while that helps."""
        for _ in range(self.max_replace_rounds + 1):
            self.improve_sequences()
            self.insert_all()
            if self.out_of_time() or not self.max_replace_rounds or not self.replace_pass():
                break
            self.insert_all()

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.perf_counter() >= self.deadline

    def _finish(self, route, t):
        """Arrival at the end of ``route``, or inf if a window is missed."""
        opens, C, Tl, d = self.Ol[t], self.Cl[t], self.Tl, self.durl
        prev = route[0]
        clock = opens[prev]
        for node in route[1:]:
            a = clock + d[prev] + Tl[prev][node]
            o = opens[node]
            clock = a if a > o else o
            if clock > C[node] + EPS:
                return INF
            prev = node
        return clock

    # ---- the loop -------------------------------------------------------------------------------
    def total(self):
        return float(self.score[self.used].sum())

    def snapshot(self):
        return [list(r) for r in self.routes]

    def restore(self, routes):
        self.routes = [list(r) for r in routes]
        self.used[:] = False
        for route in self.routes:
            self.used[route[1:-1]] = True
        self._refresh_all()

    def run(self, seconds, iterations, restart_after):
        # Small instances go stale sooner: restart after at most n / 2 idle rounds.
        restart_after = max(1, min(restart_after, max(8, self.n // 2)))
        deadline = None if seconds is None else time.perf_counter() + seconds
        self.deadline = deadline
        self.insert_all()
        self.polish()
        best_routes, best_score = self.snapshot(), self.total()
        size, first, stale, done = 1, 0, 0, 0
        while True:
            if iterations is not None and done >= iterations:
                break
            if deadline is not None and time.perf_counter() >= deadline:
                break
            done += 1
            smallest = min(len(r) - 2 for r in self.routes) or 1  # before the shake shrinks it
            self.shake(size, first)
            first += size
            size += 1
            if first >= smallest:
                first -= smallest
            if size > self.max_s or size > self.shake_cap * smallest:
                size = 1
            self.insert_all()
            score = self.total()
            if score > best_score - self.polish_margin:
                self.polish()
                score = self.total()
            if score > best_score + 1e-9:
                best_routes, best_score = self.snapshot(), score
                size, stale = 1, 0
            else:
                stale += 1
                if (
                    stale % restart_after == 0
                    and self.fresh_every
                    and (stale // restart_after % self.fresh_every == 0)
                ):
                    self.start_fresh()
                    self.insert_all()
                    size, first = 1, 0
                elif stale % restart_after == 0:
                    self.restore(best_routes)
                    first = self.rng.randrange(max(1, min(len(r) - 2 for r in self.routes)))
                    size = self.rng.randint(1, self.max_s)
        self.iterations = done
        return [r[1:-1] for r in best_routes]
