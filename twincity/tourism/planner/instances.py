"""Reader for the standard OPTW/TOPTW benchmark files (Righini & Salani's Solomon-derived c/r/rc
files, their 50-place cuts, and Cordeau's pr files), as described in ``shared/optw/README.md``.

Lines 1 and 2 are skipped; every further non-blank line is ``i x y d S f a <a numbers> O C``: we
take fields 0–4 and the last two. Node 0 is the depot and its ``C`` is the budget of every tour.
Travel time is the Euclidean distance *truncated* to one decimal (Solomon files) or two (``pr``
files), as in the literature; the truncation is part of the benchmark.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .optw import Instance


def decimals_for(path: str | Path) -> int:
    """2 for Cordeau's ``pr`` files, 1 for the Solomon ones (``c``, ``r``, ``rc``, ``50_*``)."""
    return 2 if Path(path).name.lower().startswith("pr") else 1


def truncated_distances(x: np.ndarray, y: np.ndarray, decimals: int) -> np.ndarray:
    """Euclidean distances rounded down to ``decimals`` (a hair of tolerance first, so that an
    exact 12.3 computed as 12.299999… stays 12.3)."""
    factor = 10**decimals
    exact = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    return np.floor(exact * factor + 1e-9) / factor


def read_instance(path: str | Path, tours: int = 1) -> Instance:
    rows = []
    lines = Path(path).read_text().splitlines()[2:]
    for line in lines:
        fields = line.split()
        if not fields:
            continue
        rows.append(
            (int(fields[0]), *map(float, fields[1:5]), float(fields[-2]), float(fields[-1]))
        )
    rows.sort()
    ids = [r[0] for r in rows]
    if ids != list(range(len(ids))):
        raise ValueError(f"{path}: node ids are not 0..n-1")
    data = np.array([r[1:] for r in rows], dtype=float)
    x, y, duration, score, open_, close = data.T
    travel = truncated_distances(x, y, decimals_for(path))
    name = Path(path).stem
    return Instance.single_depot(score, duration, open_, close, travel, tours, name=name)


def budget(instance: Instance) -> float:
    return float(instance.close[instance.ends[0], 0])


__all__ = ["decimals_for", "read_instance", "truncated_distances", "budget"]
