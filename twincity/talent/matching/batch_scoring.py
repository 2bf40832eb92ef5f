"""Top-k vacancies for many graduates at once: `scoring.score(...).total`, in NumPy.

The scores are the very numbers `scoring.score` gives, to the last bit: every part is
computed with the same float operations, and the parts are added in the same order (skills,
certificates, major, education, salary, place), then divided by the sum of the weights. So
the order of the top k is the order `recommend` gives over the same vacancies: best first,
ties to the lower vacancy index.

How the work is cut down, for 100,000 graduates × 20,000 vacancies (two billion pairs):
- skills and certificates are bitmasks over the vacancies' vocabulary, and an overlap is an
  AND and a popcount. A vacancy that asks for none counts as asking for one "always" bit
  that every graduate has: 1/1, the 1.0 that `coverage` gives.
- major, education and place depend on the pair only through a graduate's major, level or
  preferred cities, which few graduates differ in (majors no vacancy names count as one, and
  so do cities no vacancy is in or near): each is a table row per distinct value, weighted
  once, and a graduate's row is copied in.
- salary depends on the vacancy only through its top pay, of which there are few distinct
  amounts: computed per distinct amount, then spread to the vacancies.
- top k: the k-th best of every 16th vacancy is a floor the true k-th best cannot be
  under, so only the few vacancies at or above it are sorted.
- graduates are scored in small blocks that stay in the processor's cache, with buffers
  reused from block to block, in one or more forked processes.
"""

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain

import numpy as np

from .scoring import (
    CROSS_CITY_COMMUTE_FACTOR,
    HIGH_SPEED_RAIL_MINUTES,
    Graduate,
    Vacancy,
    Weights,
)

DEFAULT_WEIGHTS = Weights()
# About this many pairs a block: the block's arrays (a few MB) stay in cache.
PAIRS_PER_BLOCK = 1 << 18
# The top-k floor is taken from one vacancy in this many.
SAMPLE_STRIDE = 16


@dataclass(frozen=True)
class TopK:
    indices: np.ndarray
    """(graduates, k) vacancy indices, best first; ties to the lower index."""
    scores: np.ndarray
    """(graduates, k) the matching `score(...).total`."""


@dataclass(frozen=True)
class _WordSet:
    """Sets of words as bitmasks over a vocabulary, with each vacancy's set size."""

    vacancy_masks: np.ndarray  # (vacancies, words) uint64
    graduate_masks: np.ndarray  # (graduates, words) uint64
    vacancy_sizes: np.ndarray  # (vacancies,) float64, 1 for an empty set (the "always" bit)


@dataclass(frozen=True)
class _Encoded:
    skills: _WordSet
    certificates: _WordSet
    major_rows: np.ndarray  # (distinct majors, vacancies): weighted major part
    major_of: np.ndarray  # (graduates,) row index
    education_rows: np.ndarray
    education_of: np.ndarray
    place_rows: np.ndarray
    place_of: np.ndarray
    expected_salary: np.ndarray  # (graduates,) float64
    distinct_tops: np.ndarray  # (distinct top pays,) float64
    top_of: np.ndarray  # (vacancies,) index into distinct_tops
    weights: tuple[float, ...]  # skills, certificates, major, education, salary, place
    weight_sum: float


def score_matrix(
    graduates: Sequence[Graduate], vacancies: Sequence[Vacancy], weights: Weights = DEFAULT_WEIGHTS
) -> np.ndarray:
    """(graduates, vacancies) of `score(graduate, vacancy, weights).total`; for small inputs."""
    encoded = _encode(graduates, vacancies, weights)
    scores = np.empty((len(graduates), len(vacancies)))
    if scores.size:
        _score_block(encoded, 0, len(graduates), _Buffers(len(graduates), len(vacancies)), scores)
    return scores


def top_k_vacancies(
    graduates: Sequence[Graduate],
    vacancies: Sequence[Vacancy],
    k: int = 20,
    weights: Weights = DEFAULT_WEIGHTS,
    processes: int = 1,
) -> TopK:
    """For every graduate, the `k` best vacancies by `score(...).total`, best first (ties to
    the lower index), with their scores. `processes` > 1 forks workers that share the
    encoded vacancies."""
    k = min(k, len(vacancies))
    encoded = _encode(graduates, vacancies, weights)
    blocks = _blocks(len(graduates), len(vacancies), processes)
    if processes > 1 and len(blocks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        parts = _in_processes(encoded, blocks, k, processes)
    else:
        parts = [_top_k_of_range(encoded, start, end, k) for start, end in blocks]
    indices = np.concatenate([p[0] for p in parts]) if parts else np.zeros((0, k), np.int64)
    scores = np.concatenate([p[1] for p in parts]) if parts else np.zeros((0, k))
    return TopK(indices, scores)


def _blocks(graduates: int, vacancies: int, processes: int) -> list[tuple[int, int]]:
    """Ranges of graduates for the workers: a few per process, so none waits long at the end."""
    pieces = max(1, processes * 4) if processes > 1 else 1
    size = max(1, -(-graduates // pieces))
    return [(start, min(start + size, graduates)) for start in range(0, graduates, size)]


_forked: _Encoded | None = None  # what forked workers inherit


def _in_processes(encoded: _Encoded, blocks: list, k: int, processes: int) -> list:
    global _forked
    _forked = encoded
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            futures = [pool.submit(_top_k_in_worker, start, end, k) for start, end in blocks]
            return [future.result() for future in futures]
    finally:
        _forked = None


def _top_k_in_worker(start: int, end: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    assert _forked is not None
    return _top_k_of_range(_forked, start, end, k)


def _top_k_of_range(
    encoded: _Encoded, start: int, end: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    vacancies = encoded.top_of.size
    rows = max(1, PAIRS_PER_BLOCK // max(vacancies, 1))
    buffers = _Buffers(rows, vacancies)
    scores = np.empty((rows, vacancies))
    indices = np.empty((end - start, k), dtype=np.int64)
    best = np.empty((end - start, k))
    for first in range(start, end, rows):
        last = min(first + rows, end)
        block = scores[: last - first]
        _score_block(encoded, first, last, buffers, block)
        done = slice(first - start, last - start)
        indices[done], best[done] = _top_k_rows(block, k)
    return indices, best


class _Buffers:
    """Scratch arrays for one block, reused from block to block."""

    def __init__(self, rows: int, vacancies: int) -> None:
        self.words = np.empty((rows, vacancies), dtype=np.uint64)
        self.counts = np.empty((rows, vacancies), dtype=np.uint8)
        self.total = np.empty((rows, vacancies), dtype=np.uint16)
        self.part = np.empty((rows, vacancies))

    def view(self, rows: int) -> "_Buffers":
        view = object.__new__(_Buffers)
        for name, array in vars(self).items():
            setattr(view, name, array[:rows])
        return view


def _score_block(
    encoded: _Encoded, first: int, last: int, buffers: _Buffers, out: np.ndarray
) -> None:
    """`out[i, v]` = the total score of graduate `first + i` for vacancy v."""
    buffers = buffers.view(last - first)
    graduates = slice(first, last)
    w_skills, w_certificates, _major, _education, w_salary, _place = encoded.weights
    _coverage_part(encoded.skills, graduates, w_skills, buffers, out)
    _coverage_part(encoded.certificates, graduates, w_certificates, buffers, buffers.part)
    out += buffers.part
    out += encoded.major_rows[encoded.major_of[graduates]]
    out += encoded.education_rows[encoded.education_of[graduates]]
    out += _salary_part(encoded, graduates, w_salary, buffers.part)
    out += encoded.place_rows[encoded.place_of[graduates]]
    if encoded.weight_sum:
        out /= encoded.weight_sum
    else:
        out[...] = 0.0  # as `MatchScore.total` when no part weighs anything


def _coverage_part(
    words: _WordSet, graduates: slice, weight: float, buffers: _Buffers, out: np.ndarray
) -> None:
    """weight × |graduate's ∩ vacancy's| / |vacancy's|, as `coverage(...) * weight`."""
    held = words.graduate_masks[graduates]
    word_count = words.vacancy_masks.shape[1]
    total = buffers.counts if word_count == 1 else buffers.total  # one word: no sum to keep
    for word in range(word_count):
        np.bitwise_and(held[:, word, None], words.vacancy_masks[:, word], out=buffers.words)
        bits = _popcount(buffers.words, buffers.counts)
        if word_count > 1 and word == 0:
            np.copyto(total, bits)
        elif word_count > 1:
            total += bits
    np.divide(total, words.vacancy_sizes, out=out)
    out *= weight


_BYTE_BITS = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.uint8)


def _popcount(words: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Set bits of each uint64, into uint8 `out`: `np.bitwise_count` (NumPy 2), or a table of
    the 256 bytes on NumPy 1.26."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words, out=out)
    per_byte = _BYTE_BITS[words.view(np.uint8)].reshape(*words.shape, 8)
    return per_byte.sum(axis=-1, dtype=np.uint8, out=out)


def _salary_part(encoded: _Encoded, graduates: slice, weight: float, out: np.ndarray) -> np.ndarray:
    """`salary_part(...).value * weight`, per distinct top pay, then spread to vacancies."""
    expected = encoded.expected_salary[graduates, None]
    top = encoded.distinct_tops[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        shortfall = (expected - top) / expected
    value = np.maximum(0.0, 1.0 - 2 * shortfall)
    value[(expected == 0) | (top == 0) | (expected <= top)] = 1.0
    value *= weight
    return np.take(value, encoded.top_of, axis=1, out=out)


def _top_k_rows(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the k best columns (ties to the lower column) and their scores.

    The k-th best of a sample of the columns is a floor: every column of the true top k
    reaches it. Only the few columns that do (the candidates) are looked at again: their
    k-th best value is the row's, all columns above it are in, and of those equal to it, the
    lowest as many as are still needed."""
    rows, columns = scores.shape
    if k == 0:
        return np.zeros((rows, 0), dtype=np.int64), np.zeros((rows, 0))
    sample = scores[:, ::SAMPLE_STRIDE] if -(-columns // SAMPLE_STRIDE) >= k else scores
    floor = np.partition(sample, -k, axis=1)[:, -k]
    row, column = np.divmod(np.flatnonzero(scores >= floor[:, None]), columns)
    value = scores[row, column]  # row by row, columns ascending
    kth = _kth_best_per_row(row, value, rows, k)[row]
    above, tied = value > kth, value == kth
    still_needed = k - np.bincount(row[above], minlength=rows)
    tied_before = np.cumsum(tied) - tied  # ties earlier in the array, in any row
    first_tie = np.searchsorted(row, np.arange(rows))  # where each row's candidates start
    tie_rank = tied_before - tied_before[first_tie][row]
    chosen = above | (tied & (tie_rank < still_needed[row]))
    row, column, value = row[chosen], column[chosen], value[chosen]
    order = np.lexsort((-value, row))  # stable: equal scores keep the lower column first
    return column[order].reshape(rows, k), value[order].reshape(rows, k)


def _kth_best_per_row(row: np.ndarray, value: np.ndarray, rows: int, k: int) -> np.ndarray:
    """The k-th largest value of each row, from (row, value) pairs grouped by row."""
    counts = np.bincount(row, minlength=rows)
    padded = np.full((rows, counts.max()), -np.inf)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    padded[row, np.arange(row.size) - starts[row]] = value
    return np.partition(padded, -k, axis=1)[:, -k]


def _encode(
    graduates: Sequence[Graduate], vacancies: Sequence[Vacancy], weights: Weights
) -> _Encoded:
    # In the order of `scoring.PARTS`, which is the order `MatchScore.total` adds them in.
    w = (
        weights.skills,
        weights.certificates,
        weights.major,
        weights.education,
        weights.salary,
        weights.place,
    )
    w_skills, w_certificates, w_major, w_education, w_salary, w_place = w
    major_rows, major_of = _major_table(graduates, vacancies, w_major)
    education_rows, education_of = _education_table(graduates, vacancies, w_education)
    place_rows, place_of = _place_table(graduates, vacancies, w_place)
    distinct_tops, top_of = np.unique(
        np.array([v.monthly_salary_max for v in vacancies], dtype=np.float64),
        return_inverse=True,
    )
    return _Encoded(
        skills=_word_set([g.skills for g in graduates], [v.skills for v in vacancies]),
        certificates=_word_set(
            [g.certificates for g in graduates], [v.certificates for v in vacancies]
        ),
        major_rows=major_rows,
        major_of=major_of,
        education_rows=education_rows,
        education_of=education_of,
        place_rows=place_rows,
        place_of=place_of,
        expected_salary=np.array([g.expected_monthly_salary for g in graduates], dtype=np.float64),
        distinct_tops=distinct_tops,
        top_of=top_of.ravel(),
        weights=w,
        # The same float as `MatchScore.total` divides by: the weights summed in part order.
        weight_sum=sum(w),
    )


def _word_set(graduate_sets: list[frozenset], vacancy_sets: list[frozenset]) -> _WordSet:
    vocabulary = {word: bit for bit, word in enumerate(sorted(set().union(*vacancy_sets)), 1)}
    words = (len(vocabulary) + 1 + 63) // 64  # bit 0: the "always" bit
    vacancy_masks = _masks(
        [[vocabulary[w] for w in wanted] or [0] for wanted in vacancy_sets], words
    )
    graduate_masks = _masks(
        [[0, *(vocabulary[w] for w in held if w in vocabulary)] for held in graduate_sets],
        words,
    )
    sizes = np.array([max(len(wanted), 1) for wanted in vacancy_sets], dtype=np.float64)
    return _WordSet(vacancy_masks, graduate_masks, sizes)


def _masks(bit_lists: list[list[int]], words: int) -> np.ndarray:
    """One bitmask row per list of distinct bit numbers (so adding the bits is OR-ing them)."""
    lengths = [len(bits) for bits in bit_lists]
    bits = np.fromiter(chain.from_iterable(bit_lists), dtype=np.int64, count=sum(lengths))
    rows = np.repeat(np.arange(len(bit_lists)), lengths)
    masks = np.zeros((len(bit_lists), words), dtype=np.uint64)
    np.add.at(masks, (rows, bits // 64), np.uint64(1) << (bits % 64).astype(np.uint64))
    return masks


def _major_table(
    graduates: Sequence[Graduate], vacancies: Sequence[Vacancy], weight: float
) -> tuple[np.ndarray, np.ndarray]:
    # A major no vacancy names scores like any other such major: one row serves them all,
    # so the table stays small however many majors graduates write in.
    named = set().union(*(v.majors for v in vacancies))
    majors, major_of = _distinct([g.major if g.major in named else None for g in graduates])
    rows = np.array(
        [[1.0 if not v.majors or major in v.majors else 0.0 for v in vacancies] for major in majors]
    ).reshape(len(majors), len(vacancies))
    return rows * weight, major_of


def _education_table(
    graduates: Sequence[Graduate], vacancies: Sequence[Vacancy], weight: float
) -> tuple[np.ndarray, np.ndarray]:
    levels, level_of = _distinct([int(g.education) for g in graduates])
    required = np.array([int(v.min_education) for v in vacancies], dtype=np.float64)
    level = np.array(levels, dtype=np.float64)[:, None]
    gap = required[None, :] - level
    value = np.where(level >= required, 1.0, np.maximum(0.0, 1.0 - 0.5 * gap))
    return value * weight, level_of


def _place_table(
    graduates: Sequence[Graduate], vacancies: Sequence[Vacancy], weight: float
) -> tuple[np.ndarray, np.ndarray]:
    cities, city_of = _distinct([v.city.lower() for v in vacancies])
    # Only a preferred city that is a vacancy's city, or a rail link away from one, can
    # change a score (besides preferring any city at all): one row per such choice.
    linked = {home for pair in HIGH_SPEED_RAIL_MINUTES for home in pair if pair & set(cities)}
    relevant = set(cities) | linked
    homes, home_of = _distinct(
        [
            (bool(g.preferred_cities), frozenset(c.lower() for c in g.preferred_cities) & relevant)
            for g in graduates
        ]
    )
    by_city = np.array([[_place_value(*home, city) for city in cities] for home in homes])
    by_city = by_city.reshape(len(homes), len(cities))
    return by_city[:, city_of] * weight, home_of


def _place_value(prefers_any: bool, preferred: frozenset[str], city: str) -> float:
    """`place_part(...).value`, from a graduate's lower-cased cities and a vacancy's city."""
    if not prefers_any or city in preferred:
        return 1.0
    if any(frozenset({home, city}) in HIGH_SPEED_RAIL_MINUTES for home in preferred):
        return CROSS_CITY_COMMUTE_FACTOR
    return 0.0


def _distinct(values: list) -> tuple[list, np.ndarray]:
    """The distinct values, in first-seen order, and each value's index among them."""
    index: dict = {}
    of = np.array([index.setdefault(value, len(index)) for value in values], dtype=np.int64)
    return list(index), of
