"""What each delegation felt it won beside what its government gets, in the debrief of every front-end
(docs/model.md, Incentives).

Rules: the felt values are shown only once some delegation has stakes of its own (unofficial, or weighing
prestige or its own reading of the terms; :func:`felt_shown`); a felt score is given with its non-zero
terms (:func:`felt_terms`); and only the binding table's deal counts for what the government gets
(:func:`felt_line`).
"""

from __future__ import annotations

from game.engine.result import DelegationResult, GameResult
from game.engine.state import State
from game.model.scenario import Delegation, Scenario

FELT_HEADING = "What each delegation felt it won, and what its government gets"


def own_stakes(scenario: Scenario, party: str) -> bool:
    """Whether a delegation has stakes of its own beside its government's: unofficial, or weighing
    prestige or its own reading of the terms (then what it felt it won can differ from what its
    government gets)."""
    p = scenario.party(party)
    return p.delegation is Delegation.UNOFFICIAL or p.incentives.prestige > 0 or p.incentives.self_knowledge > 0


def felt_shown(state: State, result: GameResult) -> list[DelegationResult]:
    """The delegations whose felt value the debrief shows under :data:`FELT_HEADING`, in every front-end:
    all that reached a value, once any of them has stakes of its own; none when all are plain official
    delegations (what each felt is then its government's value, and an unexplained 'felt' figure only
    puzzles)."""
    valued = [d for d in result.delegations if d.true_value is not None and d.perceived is not None]
    return valued if any(own_stakes(state.scenario, d.party) for d in valued) else []


def felt_terms(parts: tuple[float, ...]) -> str:
    """How a felt score is made (docs/model.md, Incentives), its non-zero terms in words:
    "(0.440 over no deal - 0.189 for conceding below its best in non-binding talks) × 0.90 for the rounds it took"."""
    if not parts:
        return ""
    stake, prestige, reveal, kept = parts
    text = f"{stake:.3f} over no deal"
    if prestige:
        text += f" + {prestige:.3f} for coming home with a deal"
    if reveal > 0.0005:
        text += f" - {reveal:.3f} for conceding below its best in non-binding talks"
    return f"({text}) × {kept:.2f} for the rounds it took" if kept < 0.9995 else text


def felt_line(state: State, result: GameResult, d: DelegationResult) -> str:
    """What a delegation thought its government got against what it gets. Only the binding table's deal
    counts: a deal that never took effect, or binding talks that ended without one, leave the government
    its no-deal value; a non-binding table's plan gives it nothing by itself, so the experts' line says
    what the official talks gave (newcomer trial: "it gets 0.513" where the government kept 0.55)."""
    perceived, true = d.perceived or 0.0, d.true_value or 0.0
    party = state.scenario.party(d.party)
    home = next((p for p in result.principals if p.principal == party.principal), None)
    reservation = home.reservation if home is not None else party.reservation
    truly = "" if f"{perceived:.3f}" == f"{true:.3f}" else f" (truly {true:.3f})"
    phases = state.scenario.phases
    binding = not phases or next(p for p in phases if p.id == d.phase).protocol.binding
    if not binding:
        if result.agreement is None:
            gets = f"the official talks reached no deal, so its government keeps its no-deal value {reservation:.3f}"
        elif not result.in_force:
            gets = (f"the official deal never entered into force, so its government keeps its no-deal value "
                    f"{reservation:.3f}")
        else:
            gets = f"its government gets the official deal, worth {home.expected if home else reservation:.3f} expected"
        return f"thought its plan worth {perceived:.3f}{truly} to its government; {gets}"
    if result.agreement is not None and not result.in_force:
        return (f"expected its government to get {perceived:.3f}{truly}, but the agreement never entered into "
                f"force: its government keeps its no-deal value {reservation:.3f}")
    return f"thought its government got {perceived:.3f}; it gets {true:.3f}"
