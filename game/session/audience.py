"""The domestic audience: who must approve a deal at home, and how likely each is to.

Each principal has the veto players its scenario names for the deal's form (docs/model.md, rule 10;
one for the whole government when the file names none). Each approves independently with
``logistic(logit(approval) + sensitivity (E - bar))``, where ``E`` is the deal's expected yearly value
in force to the principal (rule 7) and ``bar`` its domestic threshold; never across one of its red
lines (:func:`game.engine.valuation.value_deal`). A principal whose ``acceptance`` an event lowered has one
more, "the timing", approving with that chance whatever the deal. :func:`veto_players` is the one place the
front-ends ask.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.result import GameResult
from game.engine.state import State
from game.engine.valuation import TIMING
from game.session.names import principal_name, verdicts
from game.session.views import crossed, deal_value


@dataclass(frozen=True)
class VetoPlayer:
    """One veto player's view of one deal."""

    name: str            # in words, for running text: "the Senate (United States)", or "the United States"
    principal: str
    party: str           # the delegation that speaks for it at this table
    value: float         # the deal's expected value in force to its government (what the vote weighs)
    bar: float           # the value at which it approves with the form's base chance (its domestic threshold)
    chance: float        # P(it approves)
    red_line: bool       # the deal crosses one of its red lines: it can never approve
    timing: bool = False  # "the timing" (rule 10's acceptance below 1): a chance whatever the deal, no vote on it


def veto_players(state: State, party: str, outcome: tuple[int, ...], truth: bool = False) -> tuple[VetoPlayer, ...]:
    """The veto players of ``party``'s government for ``outcome`` under the live parameters, each with
    its chance of approving; the values are the expected ones (``truth`` is kept for callers: a
    delegation's misperception does not change how its government votes)."""
    del truth
    assert state.tables is not None
    p = state.scenario.party(party)
    blocked = bool(crossed(state, party, outcome))
    valued = deal_value(state, outcome)
    side = state.phase_def.parties.index(party)
    players = valued.players[side]
    government = principal_name(p.principal, article=True)
    out = []
    for name, chance in players:
        label = government if len(players) == 1 or name == p.principal else f"{name} ({principal_name(p.principal)})"
        out.append(VetoPlayer(label, p.principal, party, valued.in_force[side], p.domestic_threshold,
                              0.0 if blocked else chance, blocked, name == TIMING))
    return tuple(out)


@dataclass(frozen=True)
class Vote:
    """How a veto player voted on the agreement, and what the deal was worth to it."""

    player: VetoPlayer
    paper: float         # the deal's value on paper
    expected: float      # its expected value V = P(in force) E + (1 - P(in force)) no deal (rule 7)
    expected_label: str  # "expected"
    no_deal: float
    approved: bool | None  # None: no vote was taken (no agreement)


def votes(state: State, result: GameResult) -> tuple[Vote, ...]:
    """Each veto player's vote on the binding agreement (empty without one), in seat order."""
    if result.agreement is None or state.tables is None:
        return ()
    entered = dict(state.entered or ())
    named = {(principal, body) for principal, body in state.refused}
    out = []
    for p in result.principals:
        players = veto_players(state, p.party, tuple(int(x) for x in np.asarray(result.agreement)))
        for player, (body, _) in zip(players, deal_value(state, tuple(int(x) for x in result.agreement)).players[
                state.phase_def.parties.index(p.party)]):
            approved = entered.get(p.principal)
            if approved is False and len(players) > 1:
                approved = (p.principal, body) not in named
            out.append(Vote(player, p.paper, p.expected, "expected", p.reservation, approved))
    return tuple(out)


def refused(state: State, result: GameResult) -> list[str]:
    """The names of the veto players that refused the agreement (not "the timing": :func:`held_back`)."""
    return [v.player.name for v in votes(state, result) if v.approved is False and not v.player.timing]


def held_back(state: State, result: GameResult) -> list[str]:
    """The governments ("the United States") whose timing held the agreement back (rule 10's acceptance)."""
    return [principal_name(v.player.principal, article=True) for v in votes(state, result)
            if v.approved is False and v.player.timing]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def refused_by(state: State, result: GameResult) -> str:
    """Who refused the agreement, for running text: "the United States", "the Senate (United States) and
    the State Duma (Russia)"; "a vote" when none is named."""
    names = refused(state, result)
    return _listed(names) if names else "a vote"


def refusal_clause(state: State, result: GameResult) -> str:
    """Why the agreement did not enter into force, as a clause: "the United States declined to sign it",
    "the timing held the United States back", "Russia refused it, and the timing held the United States
    back". The page's aftermath and the debrief say it."""
    words = verdicts(state.scenario, result.agreement)
    bodies, held = refused(state, result), held_back(state, result)
    parts = [f"{_listed(bodies) if bodies else 'a vote'} {words.no_past}"] if bodies or not held else []
    if held:
        parts.append(f"the timing held {_listed(held)} back")
    return ", and ".join(parts)
