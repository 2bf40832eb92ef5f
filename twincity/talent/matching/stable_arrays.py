"""Graduate-optimal stable matching over integer ids, in NumPy: `stable` for a million graduates.

`stable.graduate_optimal_assignment` takes dicts of hashable ids and proposes one graduate at
a time; that is clear, and too slow past some 100,000 graduates. This module computes the same
matching over ids 0..n-1 with rankings in CSR form (`Rankings`: offsets plus one flat array,
best first), whole rounds at a time:

- every free graduate proposes to their next choice at once; every vacancy that receives
  proposals keeps the best `capacity` of what it held and what it got, and lets the rest go.
  McVitie and Wilson (1971): the order of proposals does not change the outcome, so rounds
  give the same graduate-optimal matching as one-at-a-time deferred acceptance.
- a vacancy compares graduates by their position in its ranking. Positions are worked out
  once for every pair, aligned with the graduates' rankings, so a round is array arithmetic
  with no lookups. A pair is written as its index into the vacancies' flat ranking (its
  "slot"): the slots of a vacancy are consecutive, best first, so comparing slots compares
  ranks, and sorting slots groups proposals by vacancy.
- each vacancy's held graduates are kept sorted in a slab of `capacity` cells; a proposal
  that does not beat the vacancy's worst holder is refused without touching the slab, and
  only vacancies that accept someone are merged and re-sorted.

Only mutually acceptable pairs are ever matched: a vacancy a graduate ranks but that does not
rank them (or the other way round) is skipped, as in `stable`; `require_mutual=True` makes
such a pair an error instead.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from .stable import MatchingInputError

UNPLACED = -1
# Below this many pairs per vacancy, one sort regroups the vacancies' rankings by graduate
# faster than a Python loop over the vacancies does.
LOOP_MIN_PAIRS_PER_VACANCY = 64


@dataclass(frozen=True)
class Rankings:
    """Rankings of owners 0..n-1 in CSR form: owner i ranks `ids[offsets[i]:offsets[i + 1]]`,
    best first."""

    offsets: np.ndarray
    ids: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "offsets", np.asarray(self.offsets))
        object.__setattr__(self, "ids", np.asarray(self.ids))

    @classmethod
    def from_lists(cls, rankings: Sequence[Iterable[int]]) -> "Rankings":
        rows = [list(row) for row in rankings]
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(row) for row in rows], out=offsets[1:])
        flat = list(chain.from_iterable(rows))
        if not all(type(value) is int for value in flat):
            raise MatchingInputError("ids in rankings must be whole numbers")
        try:
            return cls(offsets, np.array(flat, dtype=np.int64))
        except OverflowError:
            raise MatchingInputError("an id in the rankings is too large") from None

    @property
    def owners(self) -> int:
        return len(self.offsets) - 1

    def owner_of_each(self, dtype: type = np.int64) -> np.ndarray:
        """The owner of every entry of `ids`."""
        return np.repeat(np.arange(self.owners, dtype=dtype), np.diff(self.offsets))

    def to_lists(self) -> list[list[int]]:
        ids, bounds = self.ids.tolist(), self.offsets.tolist()
        return [ids[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def graduate_optimal_matching(
    capacities: Sequence[int] | np.ndarray,
    graduate_rankings: Rankings,
    vacancy_rankings: Rankings,
    *,
    require_mutual: bool = False,
) -> np.ndarray:
    """The graduate-optimal stable matching: for each graduate, their vacancy or `UNPLACED`.

    `capacities[v]` is the headcount of vacancy v; `vacancy_rankings` has one ranking per
    vacancy. Raises `MatchingInputError` on ids out of range, someone ranked twice, a negative
    capacity, and (with `require_mutual`) a pair that only one side ranks."""
    capacities = _checked_capacities(capacities)
    if vacancy_rankings.owners != capacities.size:
        raise MatchingInputError(
            f"{vacancy_rankings.owners} vacancy rankings for {capacities.size} capacities"
        )
    _check_shape(graduate_rankings, "graduate", "vacancy", capacities.size)
    _check_shape(vacancy_rankings, "vacancy", "graduate", graduate_rankings.owners)
    pairs = _mutual_pairs(graduate_rankings, vacancy_rankings, require_mutual)
    return _deferred_acceptance(pairs, capacities)


def _checked_capacities(capacities: Sequence[int] | np.ndarray) -> np.ndarray:
    array = np.asarray(capacities)
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.ndim != 1 or array.dtype.kind not in "iu":
        raise MatchingInputError("capacities must be a list of whole numbers")
    negative = np.flatnonzero(array < 0)
    if negative.size:
        vacancy = int(negative[0])
        raise MatchingInputError(f"vacancy {vacancy} has a negative capacity ({array[vacancy]})")
    return array.astype(np.int64)


def _check_shape(rankings: Rankings, owner: str, target: str, targets: int) -> None:
    offsets, ids = rankings.offsets, rankings.ids
    if offsets.ndim != 1 or offsets.size == 0 or offsets[0] != 0 or offsets[-1] != ids.size:
        raise MatchingInputError(f"{owner} rankings: offsets must run from 0 to len(ids)")
    if np.any(np.diff(offsets) < 0):
        raise MatchingInputError(f"{owner} rankings: offsets must not decrease")
    if ids.size and ids.dtype.kind not in "iu":
        raise MatchingInputError(f"{owner} rankings: ids must be whole numbers")
    if ids.size and (ids.min() < 0 or ids.max() >= targets):
        entry = int(np.flatnonzero((ids < 0) | (ids >= targets))[0])
        who = int(np.searchsorted(offsets, entry, side="right") - 1)
        known = f"{target} ids run from 0 to {targets - 1}" if targets else f"there is no {target}"
        raise MatchingInputError(f"{owner} {who} ranks {target} {ids[entry]}, but {known}")


@dataclass(frozen=True)
class _Pairs:
    """The mutually acceptable pairs, laid out for the rounds."""

    offsets: np.ndarray
    """Graduate g proposes along `slots[offsets[g]:offsets[g + 1]]`, best first."""
    slots: np.ndarray
    vacancy_of_slot: np.ndarray
    graduate_of_slot: np.ndarray
    vacancy_starts: np.ndarray
    """The first slot of each vacancy (and the end of the last one)."""


def _mutual_pairs(
    graduate_rankings: Rankings, vacancy_rankings: Rankings, require_mutual: bool
) -> _Pairs:
    sizes = (graduate_rankings.ids.size, vacancy_rankings.ids.size, graduate_rankings.owners)
    index = np.int32 if max(sizes) < 2**31 - 1 else np.int64
    vacancy_of_slot = vacancy_rankings.owner_of_each(index)
    graduate_of_slot = vacancy_rankings.ids.astype(index)
    slot_of_entry = _exact_join(
        graduate_rankings, vacancy_rankings, graduate_of_slot, vacancy_of_slot
    )
    offsets = graduate_rankings.offsets
    if slot_of_entry is None:
        slot_of_entry = _general_join(graduate_rankings, vacancy_rankings).astype(index)
        if require_mutual:
            _refuse_one_sided(graduate_rankings, vacancy_rankings, slot_of_entry)
        mutual = slot_of_entry >= 0
        offsets = np.concatenate(([0], np.cumsum(mutual, dtype=np.int64)))[offsets]
        slot_of_entry = slot_of_entry[mutual]
    return _Pairs(
        offsets=offsets,
        slots=slot_of_entry,
        vacancy_of_slot=vacancy_of_slot,
        graduate_of_slot=graduate_of_slot,
        vacancy_starts=vacancy_rankings.offsets,
    )


def _exact_join(
    graduate_rankings: Rankings,
    vacancy_rankings: Rankings,
    graduate_of_slot: np.ndarray,
    vacancy_of_slot: np.ndarray,
) -> np.ndarray | None:
    """For each entry of the graduates' rankings, the slot of the same pair in the vacancies'
    rankings, when each vacancy ranks exactly the graduates who rank it; None otherwise.

    No sort of all pairs: the pair (graduate g, vacancy v) stands in g's row, sorted by
    vacancy, after the vacancies before v that rank g; one pass over the vacancies counts
    those for every slot, and sorting short rows is cheap. One gather then finds each slot's
    entry in the sorted rows (and the column it came from), and a check that the vacancies
    agree proves the two sides rank the same pairs."""
    graduates, vacancies = graduate_rankings.owners, vacancy_rankings.owners
    pairs, index = vacancy_rankings.ids.size, graduate_of_slot.dtype
    if pairs != graduate_rankings.ids.size or pairs < LOOP_MIN_PAIRS_PER_VACANCY * vacancies:
        return None
    # 64-bit ids index without a conversion; 32-bit counts halve the memory traffic.
    graduate_ids = vacancy_rankings.ids.astype(np.int64, copy=False)
    earlier, ranked = _earlier_vacancies(graduate_ids, vacancy_rankings.offsets, graduates, index)
    lengths = np.diff(graduate_rankings.offsets)
    if not np.array_equal(ranked, lengths):
        return None  # someone is ranked by more or fewer vacancies than they rank
    width = int(lengths[0]) if lengths.size and np.all(lengths == lengths[0]) else None
    sorted_rows = _rows_sorted_by_vacancy(graduate_rankings, vacancies, width)
    if sorted_rows is None:
        return None
    keys, column_bits = sorted_rows
    # Each slot's place in its graduate's sorted row: a one-to-one map onto the graduates'
    # entries, now that every graduate is ranked by as many distinct vacancies as they rank.
    row_start = graduate_rankings.offsets
    place = row_start[graduate_ids] if width is None else graduate_ids * width
    place += earlier
    there = keys[place]
    if not np.array_equal(there >> column_bits, vacancy_of_slot):
        return None  # some pair is ranked by one side only
    place -= earlier  # the start of the graduate's row...
    place += there & ((1 << column_bits) - 1)  # ...plus the column the pair came from
    slot_of_entry = np.empty(pairs, dtype=index)
    slot_of_entry[place] = np.arange(pairs, dtype=index)
    return slot_of_entry


def _earlier_vacancies(
    graduate_ids: np.ndarray, vacancy_starts: np.ndarray, graduates: int, count_type: type
) -> tuple[np.ndarray, np.ndarray]:
    """For each slot, how many vacancies before its own rank the same graduate; and for each
    graduate, how many distinct vacancies rank them. A Python step per vacancy, each a few
    array operations over its whole ranking: cheap when rankings are long."""
    seen = np.zeros(graduates, dtype=count_type)
    earlier = np.empty(graduate_ids.size, dtype=count_type)
    bounds = vacancy_starts.tolist()
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start != end:
            row = graduate_ids[start:end]
            counts = seen[row]
            earlier[start:end] = counts
            counts += 1
            seen[row] = counts  # a graduate twice in the row counts once: seen in the totals
    return earlier, seen


def _rows_sorted_by_vacancy(
    rankings: Rankings, vacancies: int, width: int | None
) -> tuple[np.ndarray, int] | None:
    """Keys (vacancy << column_bits | column) of each owner's entries, each row sorted, and
    column_bits; None if the keys would not fit in 63 bits. Rows of one length (`width`) are
    sorted as a matrix; else one sort with the owner in the top bits finds runs in order."""
    lengths = np.diff(rankings.offsets)
    column_bits = int(lengths.max(initial=1)).bit_length()
    if width is not None:
        key_type = np.int32 if (vacancies << column_bits) < 2**31 else np.int64
        keys = rankings.ids.astype(key_type).reshape(lengths.size, -1)
        keys <<= column_bits
        keys |= np.arange(keys.shape[1], dtype=key_type)
        keys.sort(axis=1)
        return keys.ravel(), column_bits
    owner_shift = column_bits + max(vacancies - 1, 1).bit_length()
    if (rankings.owners << owner_shift) >= 2**62:
        return None
    keys = rankings.owner_of_each() << owner_shift
    keys |= rankings.ids.astype(np.int64) << column_bits
    keys |= np.arange(keys.size) - np.repeat(rankings.offsets[:-1], lengths)
    keys.sort(kind="stable")  # timsort: the rows are runs already in owner order
    keys &= (1 << owner_shift) - 1
    return keys, column_bits


def _general_join(graduate_rankings: Rankings, vacancy_rankings: Rankings) -> np.ndarray:
    """`_exact_join` for any rankings: -1 where only the graduate ranks the pair. Sorts all
    pairs of both sides by (graduate, vacancy), refusing a pair ranked twice."""
    vacancies = vacancy_rankings.owners
    graduate_keys = graduate_rankings.owner_of_each() * vacancies + graduate_rankings.ids
    graduate_order = np.argsort(graduate_keys, kind="stable")
    graduate_keys = graduate_keys[graduate_order]
    _refuse_repeats(graduate_keys, vacancies, "graduate {owner} ranks vacancy {target} twice")
    vacancy_keys = vacancy_rankings.ids.astype(np.int64) * vacancies
    vacancy_keys += vacancy_rankings.owner_of_each()
    vacancy_order = np.argsort(vacancy_keys, kind="stable")
    vacancy_keys = vacancy_keys[vacancy_order]
    _refuse_repeats(vacancy_keys, vacancies, "vacancy {target} ranks graduate {owner} twice")
    slot_of_entry = np.full(graduate_keys.size, -1, dtype=np.int64)
    if vacancy_keys.size:
        found = np.minimum(np.searchsorted(vacancy_keys, graduate_keys), vacancy_keys.size - 1)
        mutual = vacancy_keys[found] == graduate_keys
        slot_of_entry[graduate_order[mutual]] = vacancy_order[found[mutual]]
    return slot_of_entry


def _refuse_repeats(sorted_keys: np.ndarray, vacancies: int, message: str) -> None:
    """Keys are graduate * vacancies + vacancy: equal neighbours are a pair ranked twice."""
    repeat = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
    if repeat.size:
        owner, target = divmod(int(sorted_keys[repeat[0]]), vacancies)
        raise MatchingInputError(message.format(owner=owner, target=target))


def _refuse_one_sided(
    graduate_rankings: Rankings, vacancy_rankings: Rankings, slot_of_entry: np.ndarray
) -> None:
    missing = np.flatnonzero(slot_of_entry < 0)
    if missing.size:
        entry = int(missing[0])
        graduate = int(np.searchsorted(graduate_rankings.offsets, entry, side="right") - 1)
        vacancy = int(graduate_rankings.ids[entry])
        raise MatchingInputError(
            f"graduate {graduate} ranks vacancy {vacancy}, which does not rank them"
        )
    if vacancy_rankings.ids.size != graduate_rankings.ids.size:
        reached = np.zeros(vacancy_rankings.ids.size, dtype=bool)
        reached[slot_of_entry[slot_of_entry >= 0]] = True
        slot = int(np.flatnonzero(~reached)[0])
        vacancy = int(np.searchsorted(vacancy_rankings.offsets, slot, side="right") - 1)
        graduate = int(vacancy_rankings.ids[slot])
        raise MatchingInputError(
            f"vacancy {vacancy} ranks graduate {graduate}, who does not rank it"
        )


def _deferred_acceptance(pairs: _Pairs, capacities: np.ndarray) -> np.ndarray:
    """Rounds of simultaneous proposals until no free graduate has a choice left."""
    graduates = pairs.offsets.size - 1
    slab = _Slab(pairs, capacities)
    next_choice = pairs.offsets[:-1].copy()
    last_choice = pairs.offsets[1:]
    free = np.flatnonzero(next_choice < last_choice)
    while free.size:
        choice = next_choice[free]
        next_choice[free] += 1
        slots = pairs.slots[choice]
        beats_worst = slots < slab.worst_held(pairs.vacancy_of_slot[slots])
        let_go = slab.admit(slots[beats_worst])
        free = np.concatenate((free[~beats_worst], pairs.graduate_of_slot[let_go]))
        free = free[next_choice[free] < last_choice[free]]
    return slab.assignment(graduates)


class _Slab:
    """What each vacancy holds: its best slots so far, sorted, in `capacity` cells of one array.
    Empty cells hold a slot number larger than any, so "beats the worst held" is one compare."""

    def __init__(self, pairs: _Pairs, capacities: np.ndarray) -> None:
        self.pairs = pairs
        applicants = np.diff(pairs.vacancy_starts)
        self.capacity = np.minimum(capacities, applicants)
        self.start = np.concatenate(([0], np.cumsum(self.capacity)[:-1]))
        self.empty = np.iinfo(pairs.slots.dtype).max
        # One cell more, never written: -1, which no slot beats. Vacancies without a cell
        # (no capacity or no applicant) look there, so they refuse everyone.
        cells = int(self.capacity.sum())
        self.cells = np.full(cells + 1, self.empty, dtype=pairs.slots.dtype)
        self.cells[cells] = -1
        self.held = np.zeros(capacities.size, dtype=np.int64)
        self.last_cell = np.where(self.capacity > 0, self.start + self.capacity - 1, cells)

    def worst_held(self, vacancies: np.ndarray) -> np.ndarray:
        return self.cells[self.last_cell[vacancies]]

    def admit(self, slots: np.ndarray) -> np.ndarray:
        """Each vacancy keeps its best `capacity` of held and new slots; returns the others."""
        if not slots.size:
            return slots
        slots = np.sort(slots)
        vacancy_of_slot = self.pairs.vacancy_of_slot
        new_vacancy = vacancy_of_slot[slots]
        first = np.concatenate(([True], new_vacancy[1:] != new_vacancy[:-1]))
        touched = new_vacancy[first]
        # Held slots of the touched vacancies, in order: already sorted, so the sort below
        # only merges two sorted runs (a stable sort does that in one pass).
        held = self.cells[_ranges(self.start[touched], self.held[touched])]
        candidates = np.sort(np.concatenate((held, slots)), kind="stable")
        group_start = np.searchsorted(candidates, self.pairs.vacancy_starts[touched])
        size = np.diff(np.append(group_start, candidates.size))
        within = np.arange(candidates.size) - np.repeat(group_start, size)
        keep = within < np.repeat(self.capacity[touched], size)
        cell = np.repeat(self.start[touched], size) + within
        self.cells[cell[keep]] = candidates[keep]
        self.held[touched] = np.minimum(size, self.capacity[touched])
        return candidates[~keep]

    def assignment(self, graduates: int) -> np.ndarray:
        taken = self.cells[(self.cells != self.empty) & (self.cells >= 0)]
        vacancy_of = np.full(graduates, UNPLACED, dtype=np.int64)
        vacancy_of[self.pairs.graduate_of_slot[taken]] = self.pairs.vacancy_of_slot[taken]
        return vacancy_of


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of range(start, start + length) for each pair."""
    total = int(lengths.sum())
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total)
