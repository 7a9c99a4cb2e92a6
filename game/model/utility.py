"""Principal utility: what a deal is really worth to a state.

For party ``p`` with basket weights ``w_pb`` (normally summing to 1), option
values ``v_pb`` in [0, 1], the form's share ``omega_p`` in [0, 1] and form
values ``m_p`` in [0, 1]::

    U_p(o) = (1 - omega_p) * sum_b (w_pb / W_p) * v_pb(o_b) + omega_p * m_p(o_form)
    W_p    = sum_b w_pb

so ``U_p`` lies in [0, 1] whatever the basket weights add up to (a lint warns
when they do not add up to 1). A deal that gives a principal an option on its red
line is invalid for that principal. This is the only place the formula lives.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.model.problem import BargainingProblem
from game.model.scenario import Party, Scenario

FORM_ISSUE = "form"


def total_weight(party: Party) -> float:
    """``W_p``: the sum of a party's basket weights."""
    return float(sum(party.weights.values()))


def bargaining_problem(scenario: Scenario, parties: Sequence[Party] | None = None) -> BargainingProblem:
    """The additive problem of ``parties`` (default: those of the binding phase).

    Issues are the baskets in file order followed by the agreement form
    (issue id ``"form"``). Red lines of every listed party are merged into the
    ``allowed`` masks.
    """
    chosen = tuple(scenario.table_parties() if parties is None else parties)
    issues: list[str] = []
    values_of: list[tuple[str, ...]] = []
    tables: list[np.ndarray] = []
    allowed: list[np.ndarray] = []
    scale = np.array([(1.0 - p.form_weight) / max(total_weight(p), 1e-300) for p in chosen])
    for basket in scenario.baskets:
        ids = tuple(o.id for o in basket.options)
        columns = []
        for p in chosen:
            weight = p.weights.get(basket.id, 0.0)
            values = p.values.get(basket.id, {})
            columns.append([weight * values.get(o, 0.0) for o in ids])
        lines = set().union(*(p.red_lines.get(basket.id, ()) for p in chosen))
        issues.append(basket.id)
        values_of.append(ids)
        tables.append(np.ascontiguousarray(np.array(columns, dtype=np.float64).reshape(len(chosen), len(ids)).T) * scale)
        # a basket outside the scope a definitions phase agreed allows only its first rung (no commitment)
        allowed.append(np.array([o not in lines and (basket.in_scope or k == 0) for k, o in enumerate(ids)],
                                dtype=bool))
    form_ids = tuple(f.id for f in scenario.forms)
    raw = np.array([[p.form_weight * p.form_values.get(f, 0.0) for p in chosen] for f in form_ids],
                   dtype=np.float64)
    issues.append(FORM_ISSUE)
    values_of.append(form_ids)
    tables.append(raw)
    allowed.append(np.ones(len(form_ids), dtype=bool))
    return BargainingProblem(
        party_ids=tuple(p.id for p in chosen),
        issues=tuple(issues),
        values=tuple(values_of),
        tables=tuple(tables),
        allowed=tuple(allowed),
        reservation=np.array([p.reservation for p in chosen], dtype=np.float64),
    )
