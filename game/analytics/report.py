"""The analysis as plain JSON-ready data (the ``analyze --json`` contract)."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.analytics.analysis import Analysis
from game.analytics.bargaining import Point
from game.analytics.pareto import distance_to_frontier

DECIMALS = 10  # utilities are printed rounded so outputs are stable across platforms


def _utilities(values: Any) -> list[float]:
    return [round(float(v), DECIMALS) for v in values]


def point_dict(analysis: Analysis, point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {"outcome": analysis.problem.describe(point.digits), "utilities": _utilities(point.utilities)}


def analysis_dict(analysis: Analysis, n_outcomes: int | None = None) -> dict[str, Any]:
    """``{"parties", "n_outcomes", "reservation", "frontier", "nash",
    "kalai_smorodinsky", "max_welfare", "zopa", "method"}``; utilities follow
    the order of ``parties``. ``n_outcomes``: the outcomes the table analysed has, the problem's whole space
    unless given (a table a definitions phase's rung left baskets out of counts one option of each)."""
    problem, sol = analysis.problem, analysis.solutions
    return {
        "parties": list(problem.party_ids),
        "n_outcomes": problem.size if n_outcomes is None else n_outcomes,
        "reservation": _utilities(problem.reservation),
        "frontier": [{"outcome": problem.describe(d), "utilities": _utilities(u)}
                     for d, u in zip(sol.frontier_digits, sol.frontier_utilities)],
        "nash": point_dict(analysis, sol.nash),
        "kalai_smorodinsky": point_dict(analysis, sol.kalai_smorodinsky),
        "max_welfare": point_dict(analysis, sol.max_welfare),
        "zopa": sol.zopa,
        "method": analysis.method,
    }


def deal_dict(analysis: Analysis, digits: np.ndarray, utilities: np.ndarray | None = None) -> dict[str, Any]:
    """One outcome judged against the analysis: its utilities, whether it crosses
    a red line or falls below a reservation value, and its distance to the frontier.

    ``utilities``: the outcome's values in the analysis's own valuation when it is not on paper (an
    analysis at expected value: ``V``); by default its paper utilities, as the frontier on paper."""
    problem, sol = analysis.problem, analysis.solutions
    if utilities is None:
        utilities = problem.utilities_of(digits)
    crossed = [problem.issues[i] for i, d in enumerate(digits) if not problem.allowed[i][int(d)]]
    below = [pid for pid, u, r in zip(problem.party_ids, utilities, problem.reservation) if u < r]
    distance = float(distance_to_frontier(utilities[None, :], sol.frontier_utilities)[0])
    return {
        "outcome": problem.describe(digits),
        "utilities": _utilities(utilities),
        "red_lines_crossed": crossed,
        "below_reservation": below,
        "acceptable": not crossed and not below,
        "distance_to_frontier": round(distance, DECIMALS) if np.isfinite(distance) else None,
    }
