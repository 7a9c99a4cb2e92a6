"""Lint checks of a definitions phase (docs/model.md, "Definitions", rules D1-D2): can its outcome
leave the talks after it a deal to strike?

* ``scope-no-zopa``: no rung of the scope is worth more than the ``default`` to every delegation at
  the definitions table (rule D1: no deal is worth the default), so the phase can never agree and
  the default always applies; the warning points at the value of the delegation that can never
  gain (the one whose default value is highest above its best rung);
* ``scope-no-deal``: under a rung (agreed, or applied as the default), the binding table can never
  agree: a basket the rung leaves out is locked at its first option (rule D2), which a delegation
  at that table has as a red line, or the locked baskets leave no package that beats no deal for
  every side there. Only the rungs that can apply are checked: the default, and each rung that
  every delegation at the definitions table values above it. One warning per such rung, at the
  rung; when every rung that can apply is such a rung, one warning at the scope says that no deal
  can ever happen.

To stay fast, the definitions table is analysed as its small one-issue problem (the scope ladder,
no deal worth the default) and the binding table under each rung by the factored frontier.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.analytics.analysis import analyze
from game.authoring.warnings import Collector
from game.errors import GameError
from game.model.problem import BargainingProblem
from game.model.scenario import Phase, Scenario, Scope
from game.model.utility import bargaining_problem

__all__ = ["check_scopes", "scope_problem"]


def scope_problem(scope: Scope, seated: tuple[str, ...]) -> BargainingProblem:
    """The definitions table as a one-issue problem (rule D1): the ladder is the issue, each seated
    delegation values a rung as the scope says, and no deal is worth the default rung."""
    values = np.array([[float(scope.values.get(pid, {}).get(r.id, 0.0)) for pid in seated] for r in scope.rungs])
    default = scope.rung_index(scope.default)
    return BargainingProblem(party_ids=seated, issues=("scope",), values=(tuple(r.id for r in scope.rungs),),
                             tables=(values,), allowed=(np.ones(len(scope.rungs), dtype=bool),),
                             reservation=values[default].copy())


def _why_no_deal(scenario: Scenario, phase: Phase, rung: int) -> str | None:
    """Why the binding table can never agree when rung ``rung`` of ``phase``'s scope applies (None
    when it can): a locked basket's first option on a red line, or no zone of agreement."""
    assert phase.scope is not None
    covered = phase.scope.rungs[rung].baskets
    table = scenario.table_parties()
    for basket in scenario.baskets:
        if basket.id in covered:
            continue
        first = basket.options[0].id
        refusing = [p.id for p in table if first in p.red_lines.get(basket.id, ())]
        if refusing:
            return (f"it leaves {basket.id!r} out, locked at its first option {first!r} (rule D2), a red line of "
                    f"{refusing[0]!r}")
    scoped = dataclasses.replace(scenario, baskets=tuple(
        b if b.id in covered else dataclasses.replace(b, in_scope=False) for b in scenario.baskets))
    try:
        zopa = analyze(bargaining_problem(scoped), "factored").solutions.zopa
    except GameError:                                     # too large to build: say nothing
        return None
    if zopa:
        return None
    left_out = [b.id for b in scenario.baskets if b.id not in covered]
    locked = f"with {', '.join(map(repr, left_out))} locked at the first option" if left_out else "with every basket"
    return f"{locked}, no package beats no deal for every side"


def check_scopes(c: Collector) -> None:
    """Add the ``scope-no-zopa`` and ``scope-no-deal`` warnings of every definitions phase to ``c``."""
    s = c.scenario
    if not s.phases:
        return
    binding = s.phases[-1].id
    for k, phase in enumerate(s.phases):
        scope = phase.scope
        if scope is None:
            continue
        base = ("phases", k, "scope")
        default = scope.rung_index(scope.default)
        problem = scope_problem(scope, phase.parties)
        agrees = analyze(problem).solutions.zopa
        if not agrees:
            others = np.delete(problem.tables[0], default, axis=0)
            best = others.max(axis=0) if len(others) else np.full(len(phase.parties), -np.inf)
            stuck = int(np.argmax(problem.reservation - best))
            pid = phase.parties[stuck]
            than = (f"no other rung is worth more to it (at most {best[stuck]:g})" if len(others)
                    else "the default is the only rung")
            c.warn(base + ("values", pid, scope.default), "scope-no-zopa",
                   f"no rung is worth more than the default {scope.default!r} to every delegation at "
                   f"{phase.id!r}: {pid!r} values the default at {problem.reservation[stuck]:g} and {than}, so the "
                   "phase can never agree and the default always applies (lower its value of the default, or raise "
                   "a rung above it)", at_key=False)
        gains = problem.tables[0] - problem.reservation
        possible = sorted({default} | {int(r) for r in np.flatnonzero(np.all(gains > 0, axis=1))})
        why = {r: _why_no_deal(s, phase, r) for r in possible}
        names = ", ".join(repr(scope.rungs[r].id) for r in possible)
        if all(why[r] is not None for r in possible):
            which = (f"every rung that can apply ({names}: the default, or one both sides prefer to it)"
                     if len(possible) > 1 else f"the only rung that can apply, the default {scope.default!r}")
            detail = "; ".join(f"under {scope.rungs[r].id!r}, {why[r]}" for r in possible)
            c.warn(base, "scope-no-deal",
                   f"no deal can ever happen: under {which}, the binding talks of {binding!r} can never agree "
                   f"({detail}); cover the locked baskets in the rungs, or remove the red line")
            continue
        for r in possible:
            reason = why[r]
            if reason is not None:
                state = " (the default)" if r == default else ""
                c.warn(base + ("rungs", r), "scope-no-deal",
                       f"if rung {scope.rungs[r].id!r}{state} applies, the binding talks of {binding!r} can never "
                       f"agree: {reason}", at_key=False)
