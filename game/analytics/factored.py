"""Exact Pareto frontier of an additive space, built issue by issue.

Because utilities are additive, the outcome space's utility set is the
Minkowski sum of the issues' utility sets, and every Pareto-optimal sum is a
sum of Pareto-optimal parts: if ``a + b`` is optimal and ``a'`` dominated
``a``, then ``a' + b`` would dominate ``a + b``. So the frontier is grown one
issue at a time::

    F_0 = {0};   F_i = pareto(F_{i-1} (+) pareto(T_i restricted to allowed values))

keeping back-pointers to recover each frontier outcome. Floating-point
addition is monotone but not strictly so: a part that beats another by one
unit in the last place can tie with it once a later issue is added (0.85 and
0.8500000000000001 plus 0.15 are both 1.0), and the enumeration keeps both of
such a tie. So a step before the last also keeps the parts that are not
dominated once rounded to 9 decimals (:func:`_kept`): a near-tie survives to
the last step, whose exact pass settles it as the enumeration does, while a
part beaten by more than the rounding stays beaten after any addition.
The work depends on
the frontier's size, not on the size of the space, so spaces of 10^14
outcomes and more are analysed exactly. Partial sums are accumulated in issue
order, exactly as :meth:`BargainingProblem.utility_matrix` does, so both
paths produce bit-identical utilities.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.analytics.pareto import pareto_mask
from game.errors import GameError
from game.model.problem import BargainingProblem

MAX_CANDIDATES = 40_000_000  # |F_{i-1}| * |T_i| beyond which we give up
MAX_CANDIDATE_NUMBERS = 16_000_000  # ... and |F_{i-1}| * |T_i| * parties: 128 MB of float64 per step


class FrontierTooLarge(GameError):
    """The issue-by-issue frontier grew past :data:`MAX_CANDIDATES` candidates, or past
    :data:`MAX_CANDIDATE_NUMBERS` utilities (candidates times parties): the memory bound."""


def factored_frontier(problem: BargainingProblem) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Value indices ``(F, k)`` and utilities ``(F, P)`` of the frontier of the
    outcomes that cross no red line (reservation values are not applied here)."""
    n_parties = problem.n_parties
    points = np.zeros((1, n_parties))
    steps: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
    for issue, table, ok in zip(problem.issues, problem.tables, problem.allowed):
        values = np.flatnonzero(ok)
        if values.size == 0:
            empty = np.empty((0, len(problem.issues)), dtype=np.int64)
            return empty, np.empty((0, n_parties))
        last = issue == problem.issues[-1]
        local = _kept(table[values], False)        # a part's own near-ties can tie once added to the points
        values, part = values[local], table[values[local]]
        if len(points) * len(values) > MAX_CANDIDATES or len(points) * len(values) * n_parties > MAX_CANDIDATE_NUMBERS:
            raise FrontierTooLarge(
                f"the frontier grew past {min(MAX_CANDIDATES, MAX_CANDIDATE_NUMBERS // n_parties):,} candidates at "
                f"issue {issue!r}: too large to analyse in bounded memory")
        candidates = (points[:, None, :] + part[None, :, :]).reshape(-1, n_parties)
        keep = np.flatnonzero(_kept(candidates, last))
        steps.append((keep // len(values), values[keep % len(values)]))
        points = candidates[keep]
    digits = np.empty((len(points), len(steps)), dtype=np.int64)
    current = np.arange(len(points))
    for i in range(len(steps) - 1, -1, -1):
        parent, choice = steps[i]
        digits[:, i] = choice[current]
        current = parent[current]
    return digits, points


def _kept(u: NDArray[np.float64], last: bool) -> NDArray[np.bool_]:
    """The rows of ``u`` to carry on: the non-dominated ones, and before the last issue also those not dominated
    once rounded to 9 decimals (near-ties that a later addition can make exact ties; the module's rule)."""
    exact = pareto_mask(u)
    return exact if last else exact | pareto_mask(np.round(u, 9))
