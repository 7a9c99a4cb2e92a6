"""How far a game's deal is from the Pareto frontier, on paper and at expected value, and from the Nash deal on
paper: one definition for the terminal debrief, ``simulate`` (its JSON, CSV and summary's ``dist``/``distV``) and
the class debrief (debrief.csv's ``distance_to_frontier`` and ``distance_to_nash``).

Rule: a deal is measured at the table the game ended at, as the final state left it — after a definitions
phase only the agreed rung counts (docs/model.md, D2: a basket left out is locked at its first rung, so only
that rung is in the frontier; D3: a covered basket's disputes are in its expected values), with every event of
the talks applied (weights, values, no-deal values). So

* on paper: the distance from the deal's paper values to the frontier of :func:`game.engine.nash.final_problem`
  (the debriefs' problem, each government's no-deal value as the game left it);
* to the Nash deal: the Euclidean distance from the deal's paper values to those of that problem's Nash deal
  (the one the debriefs state); undefined (None) where the problem has none;
* at expected value: the distance from the deal's ``V`` (rule 7, as the final tables hold it: the values the AIs
  bargained on) to the frontier of ``V`` over the packages of that table crossing no red line; undefined (None)
  where the last table has no exact ``V``: not two delegations, non-binding talks (valued on paper, rule 14), a
  definitions phase, or a space searched rather than tabulated.

Frontiers (with their Nash deal) are memoised on the table (the engine memoises tables, so games that end at the
same table share one), by weak reference: the memo never keeps a table alive once the engine's own cache has let
it go (it held eight tables of ryabkov_2017 alive, 280 MB more at the peak of ``simulate --games 20``).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.analytics.analysis import frontier_solutions
from game.analytics.bargaining import FloatArray, Solutions
from game.analytics.pareto import distance_to_frontier, pareto_mask
from game.engine.nash import final_problem
from game.engine.state import State
from game.engine.tables import Tables
from game.model.problem import BargainingProblem


@dataclass(frozen=True)
class DealDistances:
    """The deal's distance to the frontier on paper and at expected value, and to the Nash deal on paper (None
    where undefined: no deal, no frontier, no exact expected values at the last table, or no Nash deal)."""

    paper: float | None
    expected: float | None
    nash: float | None


_PAPER: dict[tuple[int, bytes], tuple[weakref.ref[BargainingProblem], Solutions]] = {}
_EXPECTED: weakref.WeakKeyDictionary[Tables, tuple[FloatArray, FloatArray]] = weakref.WeakKeyDictionary()
_MEMO = 8


def _remember(memo: dict[Any, Any], key: object, value: object) -> None:
    """Keep ``value`` under ``key``, forgetting the oldest entry beyond a few."""
    if len(memo) >= _MEMO:
        memo.pop(next(iter(memo)))
    memo[key] = value


def paper_solutions(state: State) -> Solutions:
    """The frontier on paper of the last table as the game left it (``frontier_utilities`` ``(k, parties)``, in
    the order of its problem's parties; empty when even the issue-by-issue frontier is too large) and its Nash,
    Kalai-Smorodinsky and max-welfare deals: :func:`game.analytics.analysis.frontier_solutions` of
    :func:`game.engine.nash.final_problem`, memoised (the module's rule)."""
    assert state.tables is not None
    problem = final_problem(state)
    key = (id(state.tables.problem), problem.reservation.tobytes())
    hit = _PAPER.get(key)
    if hit is not None and hit[0]() is state.tables.problem:
        return hit[1]
    solutions = frontier_solutions(problem)
    _remember(_PAPER, key, (weakref.ref(state.tables.problem), solutions))
    return solutions


def expected_values(state: State) -> tuple[FloatArray, FloatArray] | None:
    """``V`` of every package ``(n, 2)`` at the last table (rule 7, the true values the AIs bargained on) and
    its Pareto frontier over the packages crossing no red line; None where the table has no exact ``V`` (the
    module's rule)."""
    tables = state.tables
    assert tables is not None
    phase = state.phase_def
    if len(tables.problem.party_ids) != 2 or not phase.protocol.binding or phase.scope is not None \
            or tables.searched:
        return None
    hit = _EXPECTED.get(tables)
    if hit is not None:
        return hit
    value = np.stack([tables.of(pid).expected for pid in tables.problem.party_ids], axis=1)
    keep = np.flatnonzero(tables.problem.allowed_mask())
    front = np.asarray(value[keep][pareto_mask(value[keep])])
    _EXPECTED[tables] = (value, front)
    return value, front


def deal_distances(state: State) -> DealDistances:
    """The distances of the finished game's binding deal (the module's rule); all None without a deal."""
    result = state.binding_result
    if state.tables is None or result is None or result.agreement is None:
        return DealDistances(None, None, None)
    problem = state.tables.problem
    digits = np.asarray(result.agreement, dtype=np.int64)
    solutions = paper_solutions(state)
    front = np.asarray(solutions.frontier_utilities)
    point = problem.utilities_of(digits)
    paper = float(distance_to_frontier(point[None, :], front)[0]) if len(front) else None
    nash = None if solutions.nash is None else float(np.linalg.norm(point - solutions.nash.utilities))
    at_value = None
    valued = expected_values(state)
    if valued is not None and len(valued[1]):
        v = valued[0][int(problem.encode(digits))]
        at_value = float(distance_to_frontier(v[None, :], valued[1])[0])
    return DealDistances(paper, at_value, nash)
