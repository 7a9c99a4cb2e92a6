"""Bargaining solutions on a Pareto frontier.

With reservation values ``r`` (what no deal is worth) and the frontier ``F``
of the acceptable outcomes (no red line crossed, ``U_p >= r_p`` for all p):

* Nash point: ``argmax_F prod_p (U_p - r_p)``;
* Kalai-Smorodinsky point: ``argmax_F min_p (U_p - r_p) / (I_p - r_p)``
  with the ideal point ``I_p = max_F U_p`` (a party whose ideal equals its
  reservation counts as fully satisfied), ties broken by the larger sum;
* maximum welfare: ``argmax_F sum_p U_p``;
* zone of agreement (ZOPA): some acceptable outcome gives *every* party
  strictly more than its reservation value.

Each maximum over the frontier is also the maximum over all acceptable
outcomes (a dominating outcome never scores lower), which is what lets the
factored analysis work on the frontier alone. Remaining ties go to the
outcome that comes first in outcome order (lowest value indices).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Point:
    """One outcome, by its value index per issue, and its utilities."""

    digits: IntArray
    utilities: FloatArray


@dataclass(frozen=True)
class Solutions:
    """The frontier (sorted by the first party's utility, descending) and the
    bargaining solutions on it; solutions are None when no outcome is acceptable."""

    frontier_digits: IntArray
    frontier_utilities: FloatArray
    nash: Point | None
    kalai_smorodinsky: Point | None
    max_welfare: Point | None
    zopa: bool


def solve(digits: IntArray, utilities: FloatArray, reservation: FloatArray) -> Solutions:
    """Solutions from frontier candidates (rows of value indices and utilities).

    ``digits``/``utilities`` must be the Pareto frontier of the outcomes that
    cross no red line; rows below some reservation value are dropped here.
    """
    ok = np.all(utilities >= reservation, axis=1)
    digits, utilities = digits[ok], utilities[ok]
    keys = [digits[:, i] for i in range(digits.shape[1] - 1, -1, -1)] + [-utilities[:, 0]]
    order = np.lexsort(keys) if len(digits) else np.arange(0)
    digits, utilities = digits[order], utilities[order]
    if len(digits) == 0:
        return Solutions(digits, utilities, None, None, None, False)
    gains = utilities - reservation
    outcome_order = np.lexsort([digits[:, i] for i in range(digits.shape[1] - 1, -1, -1)])

    def first_best(score: FloatArray) -> Point:
        best = score[outcome_order] == score.max()
        row = int(outcome_order[np.argmax(best)])
        return Point(digits[row], utilities[row])

    nash = first_best(np.prod(gains, axis=1))
    ideal_gain = gains.max(axis=0)
    safe = np.where(ideal_gain > 0, ideal_gain, 1.0)
    normalised = np.where(ideal_gain > 0, gains / safe, 1.0)
    worst = normalised.min(axis=1)
    top = worst == worst.max()
    welfare = utilities.sum(axis=1)
    ks_score = np.where(top, welfare, -np.inf)
    return Solutions(
        frontier_digits=digits,
        frontier_utilities=utilities,
        nash=nash,
        kalai_smorodinsky=first_best(ks_score),
        max_welfare=first_best(welfare),
        zopa=bool(np.any(np.all(gains > 0, axis=1))),
    )
