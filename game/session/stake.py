"""A Track 1.5 delegation's own stake in a package, beside its government's (docs/model.md, Incentives):
what the window's meter draws as its second bar and the terminal prints under a package's worth."""

from __future__ import annotations

from game.engine.state import State
from game.model.incentives import scalar_negotiating_utility
from game.session.views import value_of


def has_stake(state: State, side: str) -> bool:
    """Whether ``side``'s delegation has a stake of its own to show: it weighs prestige, feels less than all
    it concedes, or the talks are non-binding."""
    inc = state.scenario.party(side).incentives
    return inc.prestige > 0 or inc.concession_weight < 1 or not state.protocol.binding


def delegation_stake(state: State, side: str, outcome: tuple[int, ...]) -> float:
    """What ``outcome`` is worth to ``side``'s delegation itself against no deal (0), from its government's
    expected value as the delegation sees it (:func:`game.session.views.value_of`)."""
    assert state.tables is not None
    party = state.scenario.party(side)
    return scalar_negotiating_utility(value_of(state, side, outcome), party.reservation, party.incentives,
                                      state.protocol.binding, state.tables.of(side).best)


def stake_words(stake: float) -> str:
    """"Your delegation: +0.356 vs no deal", the words the window's meter and the terminal share for a
    :func:`delegation_stake`."""
    return f"Your delegation: {stake:+.3f} vs no deal"
