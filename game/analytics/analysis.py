"""The full analysis of a bargaining problem, by enumeration or issue by issue.

``analyze`` enumerates the space into one ``(n, P)`` utility matrix when it
has at most :data:`ENUMERATION_LIMIT` outcomes, and otherwise builds the
frontier issue by issue (:mod:`game.analytics.factored`); both give the same
frontier and solutions (a property test checks it). Enumerating a larger space
is refused with the reason rather than attempted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.analytics.bargaining import Solutions, solve
from game.analytics.factored import FrontierTooLarge, factored_frontier
from game.analytics.pareto import pareto_mask
from game.errors import GameError
from game.model import limits
from game.model.problem import BargainingProblem

ENUMERATION_LIMIT = 20_000_000
Method = Literal["auto", "enumerate", "factored"]


@dataclass(frozen=True)
class Analysis:
    problem: BargainingProblem
    solutions: Solutions
    method: str

    @property
    def n_outcomes(self) -> int:
        return self.problem.size


def enumerated_frontier(problem: BargainingProblem) -> tuple[np.ndarray, np.ndarray]:
    """Frontier of the red-line-free outcomes from the full utility matrix."""
    utilities = problem.utility_matrix()
    if all(ok.all() for ok in problem.allowed):
        front = np.flatnonzero(pareto_mask(utilities))
    else:
        allowed = np.flatnonzero(problem.allowed_mask())
        front = allowed[pareto_mask(utilities[allowed])]
    return problem.decode(front), utilities[front]


def analyze(problem: BargainingProblem, method: Method = "auto") -> Analysis:
    """Frontier, Nash, Kalai-Smorodinsky, max welfare and ZOPA of ``problem``."""
    if method == "auto":
        method = "enumerate" if problem.size <= ENUMERATION_LIMIT else "factored"
    if method == "enumerate" and problem.size > ENUMERATION_LIMIT:
        raise GameError(f"too many outcomes to enumerate: {problem.size:,} (at most {ENUMERATION_LIMIT:,} fit in "
                        "memory); use --method factored (or auto), which builds the frontier issue by issue")
    if method == "enumerate":
        digits, utilities = enumerated_frontier(problem)
    else:
        digits, utilities = factored_frontier(problem)
    return Analysis(problem, solve(digits, utilities, problem.reservation), method)


def analyze_played(problem: BargainingProblem) -> Analysis:
    """The analysis a debrief shows: as :func:`analyze` finds it, but issue by issue whenever the space is
    beyond the engine's exact tables (:data:`game.model.limits.EXACT_TABLE_OUTCOMES`: a debrief never
    enumerates a space the game did not), and with an empty frontier (method ``"none"``) when even that
    is too large to build."""
    method: Method = "factored" if problem.size > limits.EXACT_TABLE_OUTCOMES else "auto"
    try:
        return analyze(problem, method)
    except FrontierTooLarge:
        empty = np.zeros((0, len(problem.issues)), dtype=np.int64)
        return Analysis(problem, solve(empty, np.zeros((0, problem.n_parties)), problem.reservation), "none")


def frontier_solutions(problem: BargainingProblem) -> Solutions:
    """The solutions a chart draws (:func:`analyze_played`)."""
    return analyze_played(problem).solutions
