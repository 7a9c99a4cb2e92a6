"""The analysis as plain JSON-ready data (the ``analyze --json`` contract)."""

from __future__ import annotations

from typing import Any

from game.analytics.analysis import Analysis
from game.analytics.bargaining import Point

DECIMALS = 10  # utilities are printed rounded so outputs are stable across platforms


def _utilities(values: Any) -> list[float]:
    return [round(float(v), DECIMALS) for v in values]


def point_dict(analysis: Analysis, point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {"outcome": analysis.problem.describe(point.digits), "utilities": _utilities(point.utilities)}


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    """``{"parties", "n_outcomes", "reservation", "frontier", "nash",
    "kalai_smorodinsky", "max_welfare", "zopa", "method"}``; utilities follow
    the order of ``parties``."""
    problem, sol = analysis.problem, analysis.solutions
    return {
        "parties": list(problem.party_ids),
        "n_outcomes": problem.size,
        "reservation": _utilities(problem.reservation),
        "frontier": [{"outcome": problem.describe(d), "utilities": _utilities(u)}
                     for d, u in zip(sol.frontier_digits, sol.frontier_utilities)],
        "nash": point_dict(analysis, sol.nash),
        "kalai_smorodinsky": point_dict(analysis, sol.kalai_smorodinsky),
        "max_welfare": point_dict(analysis, sol.max_welfare),
        "zopa": sol.zopa,
        "method": analysis.method,
    }
