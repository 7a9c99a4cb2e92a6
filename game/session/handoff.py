"""The Track 1.5 hand-off: the plan an unofficial table published, how it anchors the official
talks, and the closing sentence of the trap.

The closing sentence states, with numbers: what the delegation that wrote the plan felt it won
(its negotiating utility), what its government got from the binding deal (expected before the votes,
rule 7: P(in force) x E + the rest x no deal, the figure the debrief's tables give; no deal's value
without one; when the deal then never entered into force, it says so after those figures), and what the
absent parties lost. Two kinds are absent: each delegation of the binding table that did not sit
at the plan's table (the officials whose hands the plan tied; its loss is its government's no-deal
value minus what its government got, a negative loss being a gain, and the sentence says how far
the plan moved its bar at home), and each stakeholder of the scenario (a principal with no seat,
rule 8 of docs/model.md: its loss is its no-deal value minus the outcome's value to it under
:mod:`game.session.stakeholders`' rule, none when the agreement did not enter into force, and the
plan's value to it is given beside).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.result import DelegationResult, GameResult
from game.engine.valuation import stakeholder_values
from game.engine.state import Delta, State
from game.session.names import capitalised, government_of, is_plural, possessive
from game.session.stakeholders import change_words, standings


@dataclass(frozen=True)
class Plan:
    """The published plan and the official talks it anchors."""

    phase: str                         # the name of the table that wrote it
    next_phase: str                    # the name of the table it anchors
    authors: tuple[str, ...]           # party ids of the delegations that wrote it
    terms: tuple[tuple[str, str], ...] # (basket or "Agreement form", option label)
    weight: float                      # the anchoring weight of the next phase
    moves: tuple[Delta, ...]           # each official's bar at home, before -> after


def published_plan(state: State) -> Plan | None:
    """The plan the first publishing phase agreed, once the phase after it has opened (else None)."""
    s = state.scenario
    for index, result in enumerate(state.results):
        if result.agreement is None or index + 1 >= len(s.phases) or not s.phases[index].publishes:
            continue
        nxt = s.phases[index + 1]
        terms = tuple((b.name, b.options[result.agreement[i]].label) for i, b in enumerate(s.baskets))
        terms += (("Agreement form", s.forms[result.agreement[-1]].label),)
        moves = tuple(d for d in state.deltas if d.source == f"anchor:{nxt.id}")
        return Plan(s.phases[index].name, nxt.name, s.phases[index].parties, terms,
                    weight_at_opening(state, index + 1), moves)
    return None


def weight_at_opening(state: State, index: int) -> float:
    """The anchoring weight of phase ``index`` when it opened, the one that moved the bars at home (rule 3):
    an event of those talks that changes the weight later (``phase.anchoring``) moves the AI's asks from then
    on, not the bars (newcomer trial: the hand-off gave the weight after a disavowal, 30%, for bars moved at
    40%). Read back from the recorded changes: the last weight set before the plan's anchoring, else the
    first one changed after it, else the weight now."""
    s = state.scenario
    anchored = False
    first_after: float | None = None
    before: float | None = None
    for d in state.deltas:
        if d.source == f"anchor:{s.phases[index].id}":
            anchored = True
        elif d.parameter == "phase.anchoring" and d.phase == index:
            if not anchored:
                before = d.after
            elif first_after is None:
                first_after = d.before
    return before if before is not None else first_after if first_after is not None else s.phases[index].anchoring


def absent_parties(state: State) -> tuple[str, ...]:
    """Delegations of the binding table that did not sit at the plan's table (the hook for issue 8's
    stakeholders: an absent party then is one of them)."""
    plan = published_plan(state)
    if plan is None or not state.scenario.phases:
        return ()
    return tuple(p for p in state.scenario.phases[-1].parties if p not in plan.authors)


def _author(state: State, result: GameResult, plan: Plan | None) -> DelegationResult | None:
    """The delegation that wrote ``plan`` and had no seat at the binding table (the trap's subject), if any."""
    if plan is None:
        return None
    last = state.scenario.phases[-1].parties
    return next((d for d in result.delegations if d.party in plan.authors and d.party not in last), None)


def trap_for(state: State, result: GameResult, viewer: str) -> str | None:
    """:func:`closing_sentence` for a seat of the government whose delegation wrote the plan, else None: the
    sentence gives that government's figures and its officials' bar at home, which the class server shows
    only to that government's seats (the terminal and the window, which reveal both sides, give it always)."""
    author = _author(state, result, published_plan(state))
    s = state.scenario
    if author is None or s.party(author.party).principal != s.party(viewer).principal:
        return None
    return closing_sentence(state, result)


def closing_sentence(state: State, result: GameResult) -> str | None:
    """The trap's plain sentence (None when no plan was published)."""
    plan = published_plan(state)
    author = _author(state, result, plan)
    if plan is None or author is None:
        return None
    s = state.scenario
    name = s.party(author.party).name
    principal = s.party(author.party).principal
    got = next((p for p in result.principals if p.principal == principal), None)
    text = f"{name} felt {'they' if is_plural(name) else 'it'} won {author.negotiating_utility:+.2f}"
    if got is not None:
        what = (f"{got.expected:.2f} expected before the votes ({got.paper:.2f} on paper) against {got.reservation:.2f} "
                f"without a deal" if result.agreement is not None
                else f"no deal: {got.reservation:.2f}, its value without a deal")
        text += f"; {government_of(s, author.party, article=True)} got {what}"
    if result.agreement is not None and not result.in_force:   # the figures are before the votes: say what came of them
        text += " (but the agreement never entered into force: each government keeps its value without a deal)"
    for pid in absent_parties(state):
        mine = next((p for p in result.principals if p.party == pid), None)
        if mine is None:
            continue
        lost = mine.reservation - (mine.expected if result.agreement is not None else mine.reservation)
        move = next((d for d in plan.moves if d.parameter == f"{pid}.domestic_threshold"), None)
        bar = ("" if move is None else f", the plan leaving its bar at home at {move.after:.2f}"
               if f"{move.before:.2f}" == f"{move.after:.2f}" else
               f", after the plan moved its bar at home {move.before:.2f} → {move.after:.2f}")
        verb = ("kept its no-deal value" if abs(lost) < 0.005 else
                f"lost {lost:.2f} against no deal" if lost > 0 else f"gained {-lost:.2f} against no deal")
        if result.agreement is not None and abs(lost) >= 0.005:
            verb += " in expectation, before the votes"   # not what the draw gave (regression trial)
        text += f"; {s.party(pid).name}, which had no seat at '{plan.phase}', {verb}{bar}"
    plan_agreement = next((r.agreement for r in state.results if r.agreement is not None), None)
    planned = {h.id: v for h, v, _ in stakeholder_values(s, plan_agreement)}
    for standing in standings(state, result):          # one rule: an agreement not in force touches no one
        text += (f"; {standing.holder.name}, absent from both tables, {change_words(standing)} "
                 f"(the plan alone would have left it {planned[standing.holder.id]:.2f} of {standing.reservation:.2f})")
    return text + "."


def anchoring_lines(state: State, plan: Plan, viewer: str) -> list[str]:
    """How the plan moved each official's bar, in words (the viewer's own in numbers; the other
    government's only in direction: its figures are confidential)."""
    s = state.scenario
    out = []
    for d in plan.moves:
        pid = d.parameter.split(".")[0]
        if viewer and s.party(pid).principal == s.party(viewer).principal:
            toward = ""
            if plan.weight > 0:                  # rule 3: after = (1 - w) before + w E(plan), so E(plan) is known
                worth = (d.after - (1 - plan.weight) * d.before) / plan.weight
                toward = (f" ({plan.weight:.0%} of the way toward {worth:.2f}, what the plan would be worth to it "
                          "once in force)")
            out.append(f"Your government's bar for approval at home: {d.before:.2f} → {d.after:.2f}{toward}")
        else:
            way = "rises" if d.after > d.before else "falls" if d.after < d.before else "stays"
            out.append(f"{capitalised(possessive(government_of(s, pid, article=True)))} bar at home {way} "
                       "toward the plan (its figures are confidential)")
    return out
