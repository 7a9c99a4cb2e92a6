"""Hypothesis generators for small random bargaining problems (named to avoid
clashing with game.strategies, the AI)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from game.model.problem import BargainingProblem

# Utilities on a grid of hundredths, as scenario authors write them: distinct
# sums then differ by far more than rounding, so exact comparisons are fair.
GRID = st.integers(0, 20).map(lambda k: k / 20)


@st.composite
def problems(draw: st.DrawFn, n_parties: int | None = None, max_issues: int = 4, max_values: int = 4,
             red_lines: bool = True) -> BargainingProblem:
    parties = draw(st.integers(2, 3)) if n_parties is None else n_parties
    n_issues = draw(st.integers(1, max_issues))
    shape = [draw(st.integers(1, max_values)) for _ in range(n_issues)]
    tables = tuple(np.array([[draw(GRID) for _ in range(parties)] for _ in range(k)]) for k in shape)
    allowed = tuple(np.array([draw(st.booleans()) or not red_lines for _ in range(k)]) for k in shape)
    reservation = np.array([draw(st.integers(0, 10).map(lambda k: k / 10)) * 0.5 * n_issues for _ in range(parties)])
    return BargainingProblem(
        party_ids=tuple(f"p{i}" for i in range(parties)),
        issues=tuple(f"i{j}" for j in range(n_issues)),
        values=tuple(tuple(f"v{v}" for v in range(k)) for k in shape),
        tables=tables, allowed=allowed, reservation=reservation,
    )
