"""The analysis of a table at expected value (docs/model.md, rule 7), beside the analysis on paper.

The game's delegations bargain on ``V = P(entry) E + (1 - P(entry)) r``, not on paper values, so a
researcher asking where the deals are needs the frontier, the Nash, Kalai-Smorodinsky and
maximum-welfare deals and the zone of agreement of ``V``. ``V`` is not additive over baskets, so it
is computed for every package (:func:`game.engine.valuation.value_all`, over the outcome grid) and
the frontier is taken over that matrix; above the engine's exact tables
(:data:`game.model.limits.EXACT_TABLE_OUTCOMES`) this is refused with the reason, as the game does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.analytics.analysis import Analysis
from game.analytics.bargaining import solve
from game.analytics.bargaining import FloatArray, IntArray
from game.analytics.pareto import pareto_mask
from game.engine.valuation import value_all
from game.errors import GameError
from game.model import limits
from game.model.scenario import Party, Scenario
from game.model.utility import bargaining_problem


@dataclass(frozen=True)
class ExpectedAnalysis:
    """The analysis of ``V``, how many packages beat no deal for both sides at ``V`` (crossing no red line),
    ``V`` of every package ``(size, 2)`` in outcome-index order, the matrix the frontier was taken over, and
    the highest chance of entry into force (rule 10, both capitals) of any package crossing no red line and
    of any in the zone of agreement (None without such a package): how far the votes at home let any deal go."""

    analysis: Analysis
    zone: int
    values: FloatArray
    best_entry: float | None = None           # None: every package crosses a red line
    best_entry_in_zone: float | None = None

    def value_of(self, digits: IntArray) -> FloatArray:
        """``V`` ``(2,)`` of one package given by its value indices: read from the matrix the frontier was
        taken over, so a deal on the frontier is exactly at distance 0 from it (one valuation)."""
        return self.values[int(self.analysis.problem.encode(digits))]


def analyze_expected(scenario: Scenario, parties: tuple[Party, Party]) -> ExpectedAnalysis:
    """Frontier, solutions and zone of agreement of the two sides' expected values ``V`` (rule 7)."""
    problem = bargaining_problem(scenario, parties)
    if problem.size > limits.EXACT_TABLE_OUTCOMES:
        raise GameError(f"too many packages to value each one at expected value: {problem.size:,} (at most "
                        f"{limits.EXACT_TABLE_OUTCOMES:,}, as the game's exact tables); analyse on paper instead")
    allowed = problem.allowed_mask()
    valued = value_all(scenario, parties, problem.shape, allowed)
    value = valued.value
    keep = np.flatnonzero(allowed)
    front = keep[pareto_mask(value[keep])]
    solutions = solve(problem.decode(front), value[front], problem.reservation)
    inside = keep[(value[keep] > problem.reservation[None, :]).all(axis=1)]
    best = float(valued.entry[keep].max()) if len(keep) else None
    best_zone = float(valued.entry[inside].max()) if len(inside) else None
    return ExpectedAnalysis(Analysis(problem, solutions, "expected"), len(inside), value, best, best_zone)
