"""The domestic audience: who must approve a deal at home, and how likely each is to.

Today each principal has one veto player, its ratifying system, and its chance is the entry rule of
:mod:`game.engine.ratification` (no new model quantity): ``logistic(logit(approval) + sensitivity
(U - bar))`` under the deal's form, 0 across one of its red lines. :func:`veto_players` is the one
place the front-ends ask; when a principal gets several veto players (issue 8: a legislature, the
security services, the public...), it returns one entry each and nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.ratification import entry_probability
from game.engine.result import GameResult
from game.engine.state import State
from game.session.names import principal_name
from game.session.views import crossed


@dataclass(frozen=True)
class VetoPlayer:
    """One veto player's view of one deal."""

    name: str            # in words, for running text: "the United States" (today: its ratifying system)
    principal: str
    party: str           # the delegation that speaks for it at this table
    value: float         # the deal's value to it (as its delegation sees it, or the truth)
    bar: float           # the value at which it approves with the form's base chance (its domestic threshold)
    chance: float        # P(it approves)
    red_line: bool       # the deal crosses one of its red lines: it can never approve


def veto_players(state: State, party: str, outcome: tuple[int, ...], truth: bool = False) -> tuple[VetoPlayer, ...]:
    """The veto players of ``party``'s government for ``outcome`` under the live parameters: their
    chances as ``party``'s delegation sees its government's values (``truth``: the real values)."""
    assert state.tables is not None
    table = state.tables.of(party)
    index = state.tables.problem.index_of(outcome)
    value = float((table.true_u if truth else table.perceived)[index])
    p = state.scenario.party(party)
    blocked = bool(crossed(state, party, outcome))
    chance = 0.0 if blocked else entry_probability(state.scenario.forms[outcome[-1]], p, value)
    return (VetoPlayer(principal_name(p.principal, article=True), p.principal, party, value,
                       p.domestic_threshold, chance, blocked),)


@dataclass(frozen=True)
class Vote:
    """How a veto player voted on the agreement, and what the deal was worth to it."""

    player: VetoPlayer
    paper: float         # the deal's value on paper
    expected: float      # its expected value: as kept over the compliance years when the pact took effect,
                         # else before the votes (P(in force) x paper + the rest x no deal)
    expected_label: str  # "as kept" | "before the votes"
    no_deal: float
    approved: bool | None  # None: no vote was taken (no agreement)


def votes(state: State, result: GameResult) -> tuple[Vote, ...]:
    """Each veto player's vote on the binding agreement (empty without one), in seat order."""
    if result.agreement is None or state.tables is None:
        return ()
    entered = dict(state.entered or ())
    out = []
    for p in result.principals:
        kept = state.compliance is not None
        for player in veto_players(state, p.party, tuple(int(x) for x in np.asarray(result.agreement)), truth=True):
            out.append(Vote(player, p.paper, p.compliance_mean if kept else p.in_force,
                            "as kept" if kept else "before the votes", p.reservation, entered.get(p.principal)))
    return tuple(out)


def refused(state: State, result: GameResult) -> list[str]:
    """The names of the veto players that refused the agreement."""
    return [v.player.name for v in votes(state, result) if v.approved is False]
