"""``analyze --scope RUNG``: the table after a definitions phase, as a rung of its scope leaves it.

Rule (docs/model.md, D1-D3): a table after a definitions phase is never the file's table with every basket open
and no disputes. When that phase opens the next one, the engine applies the agreed rung — or, when the phase
ended without an agreement, the scope's ``default`` rung, which is what the game plays then — with
:func:`game.engine.scope.apply_scope`: each basket the rung does not cover is locked at its first option and
only that option counts in the tables and the analytics (D2); each covered basket takes the rung's disputes as
unfounded accusations (D3, which only the analysis at expected value sees). ``analyze`` analyses the table as
``--scope RUNG`` leaves it, else as the default rung does, through that same function, and says which; each
earlier definitions phase (if a scenario has more than one) at its default rung.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.scope import apply_scope
from game.errors import GameError
from game.model.problem import BargainingProblem
from game.model.scenario import Phase, Scenario, ScopeRung
from game.words import closest


@dataclass(frozen=True)
class ScopedTable:
    """The scenario as the definitions ``phase`` left it with ``rung`` (``agreed``: named by ``--scope``; else
    the default rung, which applies without an agreement) and the baskets it left out (``out``)."""

    phase: Phase
    rung: ScopeRung
    agreed: bool
    scenario: Scenario
    out: tuple[str, ...]


def scoped_table(scenario: Scenario, phase_id: str | None, rung_id: str | None) -> ScopedTable | None:
    """The table of phase ``phase_id`` (default: the last) as the rung ``rung_id`` (default: the scope's default)
    of the last definitions phase before it leaves it; None when no definitions phase comes before that table and
    no rung is asked for. Refused: ``--scope`` for a scenario without a definitions phase, for a table that is
    not after one, or naming a rung the ladder does not have."""
    ids = [p.id for p in scenario.phases]
    index = len(ids) - 1 if phase_id is None else ids.index(phase_id)
    definitions = [i for i, p in enumerate(scenario.phases) if p.scope is not None]
    before = [i for i in definitions if i < index]
    if not before:
        if rung_id is None:
            return None
        if not definitions:
            raise GameError(f"--scope: {scenario.id} has no definitions phase (a phase with a scope, docs/model.md "
                            "D1), so no rung applies to its tables; leave out --scope")
        after = [ids[i + 1] for i in definitions if i + 1 < len(ids)]
        what = ("is the definitions phase itself, bargained over the scope ladder" if index in definitions
                else "comes before the definitions phase")
        raise GameError(f"--scope: phase {ids[index]!r} {what}; expected the table of a phase after it"
                        + (f": --phase {after[0]}" if after else ""))
    last = scenario.phases[before[-1]]
    assert last.scope is not None
    rungs = [r.id for r in last.scope.rungs]
    if rung_id is not None and rung_id not in rungs:
        hint = closest(rung_id, rungs)
        raise GameError(f"--scope {rung_id}: no such rung in the scope of phase {last.id!r}; expected one of: "
                        f"{', '.join(rungs)}" + (f" (did you mean {hint!r}?)" if hint else ""))
    scoped = scenario
    for i in before:
        phase = scenario.phases[i]
        agreement = (rungs.index(rung_id), 0) if i == before[-1] and rung_id is not None else None
        scoped = apply_scope(scoped, phase, agreement, i + 1)[0]
    rung = last.scope.rungs[rungs.index(rung_id if rung_id is not None else last.scope.default)]
    out = tuple(b.id for b in scoped.baskets if not b.in_scope)
    return ScopedTable(last, rung, rung_id is not None, scoped, out)


def scope_line(table: ScopedTable) -> str:
    """One line saying which table is analysed: the rung, what it leaves out and adds, and the other rungs."""
    rung, phase = table.rung, table.phase
    assert phase.scope is not None
    how = (f"as the rung {rung.id!r} ({rung.label}) of phase {phase.id!r} leaves it (--scope)" if table.agreed else
           f"as phase {phase.id!r} leaves it with no agreed definition: its default rung {rung.id!r} ({rung.label}) "
           "applies, as in the game (docs/model.md D1)")
    out = (f"{', '.join(table.out)} out of scope, fixed at the first option (D2)" if table.out
           else "every basket in scope")
    disputes = (f"each covered basket {rung.disputes:.0%} a year more likely to be accused unfounded (D3)"
                if rung.disputes > 0 else "no disputes added (D3)")
    return (f"Table analysed: {how}; {out}; {disputes}. Rungs: {', '.join(r.id for r in phase.scope.rungs)} "
            "(--scope RUNG analyses another)")


def table_shape(problem: BargainingProblem, table: ScopedTable | None) -> tuple[int, ...]:
    """The options per issue of the table analysed, whose product is the size of its outcome space: a basket the
    rung left out counts one option, the first, at which it is locked (D2: ``problem`` keeps its other options,
    barred as a red line is, which no deal at that table can take); every other issue all its values. Without a
    definitions phase before the table (``table`` None), the problem's own shape."""
    if table is None:
        return problem.shape
    return tuple(1 if issue in table.out else k for issue, k in zip(problem.issues, problem.shape))


def scope_dict(table: ScopedTable | None) -> dict[str, Any] | None:
    """The JSON ``scope``: the definitions phase, the rung applied, whether ``--scope`` named it (else it is the
    default), the ladder, the baskets left out and the rung's disputes; None without a definitions phase."""
    if table is None:
        return None
    assert table.phase.scope is not None
    return {"phase": table.phase.id, "rung": table.rung.id, "agreed": table.agreed,
            "default": table.phase.scope.default, "rungs": [r.id for r in table.phase.scope.rungs],
            "out_of_scope": list(table.out), "disputes": table.rung.disputes}


def check_scoped_deal(table: ScopedTable, digits: np.ndarray) -> None:
    """Refuse a ``--deal`` that commits a basket the rung left out: it is locked at its first option (D2), so
    no such deal can be made at that table (it would read as crossing a red line)."""
    for basket, digit in zip(table.scenario.baskets, digits):
        if not basket.in_scope and int(digit) != 0:
            rung = f"--scope {table.rung.id}" if table.agreed else f"the default rung {table.rung.id!r}"
            raise GameError(f"--deal: {basket.id}={basket.options[int(digit)].id}: {rung} leaves {basket.id!r} "
                            f"out of scope, fixed at its first option; expected {basket.id}={basket.options[0].id} "
                            "or no value for it (docs/model.md D2)")
