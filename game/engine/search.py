"""Candidate deals of an outcome space too large to tabulate, found basket by basket.

Above :data:`game.model.limits.EXACT_TABLE_OUTCOMES` packages the engine does not value every
outcome (:mod:`game.engine.tables` would need about 80 bytes per package and a valuation of each).
The AI then bargains over *candidates*: the deals a search over the additive part of the valuation
finds, ranked by the full expected value ``V`` (:mod:`game.engine.valuation`), which is not
additive (entry into force, compliance and trust).

The additive part is the value on paper: for the delegation searching, its perceived value
``sum_b u_b(o_b)``, and for the other side its value ``sum_b w_b(o_b)``. The search grows the
two-party Pareto frontier of these sums one basket at a time, as
:mod:`game.analytics.factored` does (every Pareto-optimal sum is a sum of Pareto-optimal parts),
keeping back-pointers to recover the packages. The agreement form is left out of the sums and
crossed with the frontier at the end: the form moves entry into force, revocation and credibility
far more than its value on paper, so every form keeps its own frontier. Options on either side's
red lines and options a lock excludes are never searched (such deals never enter into force).

The frontier stays exact while it holds at most :data:`BEAM` points after each basket; beyond
that it is thinned to :data:`BEAM` points evenly spread along the searching side's value (both
ends kept), so the work per basket is bounded whatever the size of the space: at most
``BEAM * options`` sums per basket, about 3 ms for 12 baskets of 6 options.

Where ``V`` rises with both sides' values on paper (each form apart), the best candidate is the
best deal of the whole space; tests/test_search.py checks it against brute force.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

BEAM = 4096
"""Frontier points kept after each basket (the exact frontier while it is no larger)."""


def frontier_2d(points: FloatArray) -> IntArray:
    """Rows of ``points`` ``(n, 2)`` on the strict Pareto frontier (both coordinates maximised), one
    row per distinct frontier point (the lowest row of equal points), in decreasing first coordinate."""
    if len(points) == 0:
        return np.zeros(0, dtype=np.int64)
    rows = np.lexsort((np.arange(len(points)), -points[:, 1], -points[:, 0]))
    y = points[rows, 1]
    best_before = np.maximum.accumulate(np.concatenate(([-np.inf], y[:-1])))
    return rows[y > best_before].astype(np.int64)


def thin(order_x: FloatArray, beam: int) -> IntArray:
    """At most ``beam`` positions of a frontier sorted by decreasing first coordinate ``order_x``,
    evenly spread along it (both ends kept)."""
    n = len(order_x)
    if n <= beam:
        return np.arange(n, dtype=np.int64)
    targets = np.linspace(order_x[0], order_x[-1], beam)
    picks = np.searchsorted(-order_x, -targets, side="left")
    picks = np.unique(np.clip(picks, 0, n - 1))
    return np.union1d(picks, [0, n - 1]).astype(np.int64)


def basket_frontier(mine: Sequence[FloatArray], theirs: Sequence[FloatArray], allowed: Sequence[BoolArray],
                    beam: int = BEAM) -> IntArray:
    """Option digits ``(m, B)`` of the packages on the frontier of ``(sum mine, sum theirs)`` over the
    allowed options of every basket (thinned to ``beam`` points after each basket), best for the
    searching side first; ``(0, B)`` when some basket allows no option."""
    n_baskets = len(mine)
    points = np.zeros((1, 2))
    steps: list[tuple[IntArray, IntArray]] = []
    for b in range(n_baskets):
        options = np.flatnonzero(allowed[b])
        if options.size == 0:
            return np.zeros((0, n_baskets), dtype=np.int64)
        part = np.stack([mine[b][options], theirs[b][options]], axis=1)
        local = frontier_2d(part)
        options, part = options[local], part[local]
        sums = (points[:, None, :] + part[None, :, :]).reshape(-1, 2)
        keep = frontier_2d(sums)
        keep = keep[thin(sums[keep, 0], beam)]
        steps.append((keep // len(options), options[keep % len(options)]))
        points = sums[keep]
    digits = np.empty((len(points), n_baskets), dtype=np.int64)
    current = np.arange(len(points))
    for b in range(n_baskets - 1, -1, -1):
        parent, choice = steps[b]
        digits[:, b] = choice[current]
        current = parent[current]
    return digits


def with_forms(digits: IntArray, forms: Sequence[int]) -> IntArray:
    """Every basket package of ``digits`` ``(m, B)`` with each of ``forms``: ``(m * len(forms), B + 1)``,
    form by form."""
    if not len(forms):
        return np.zeros((0, digits.shape[1] + 1), dtype=np.int64)
    blocks = [np.concatenate([digits, np.full((len(digits), 1), f, dtype=np.int64)], axis=1) for f in forms]
    return np.concatenate(blocks, axis=0)
