"""Chance moves, sampled from the game's one seeded ``numpy.random.Generator``.

The rules never draw random numbers; the session asks :func:`sample` for the
chance action at a chance node and applies it like any other action.
"""

from __future__ import annotations

import numpy as np

from game.engine.actions import ChanceAction, Comply, Perceive, Ratify, RoundStart
from game.engine.events import eligible, spent
from game.engine.state import Stage, State
from game.engine.tables import noise_shape
from game.engine.valuation import DealValue, value_deal

Schedule = tuple[tuple[str, int], ...]
"""Events an instructor forces: (event id, 1-based round); in the phases where the event may fire."""


def sample(state: State, rng: np.random.Generator, schedule: Schedule = ()) -> ChanceAction:
    """The chance action at ``state`` (which must be a chance node).

    At a round's start every event of the phase is drawn as usual (the generator's stream depends
    neither on ``schedule`` nor on the events' timing and conditions); an event fires when its draw
    is below its probability and :func:`game.engine.events.eligible` allows it. The events scheduled
    for this round are added (an instructor's schedule overrides timing and conditions, never
    ``once``)."""
    scenario = state.scenario
    if state.stage is Stage.PERCEIVE:
        size = noise_shape(scenario)
        noise = tuple((p.id, tuple(float(x) for x in rng.normal(0.0, p.incentives.self_knowledge, size)))
                      if p.incentives.self_knowledge > 0 else (p.id, ()) for p in scenario.parties)
        return Perceive(noise)
    if state.stage is Stage.ROUND_START:
        phase = state.phase_def.id
        events = [e for e in scenario.events if not e.phases or phase in e.phases]
        draws = rng.random(len(events))
        forced = {event for event, round_no in schedule if round_no == state.round + 1}
        return RoundStart(tuple(e.id for e, u in zip(events, draws)
                                if (u < e.probability and eligible(state, e)) or (e.id in forced and not spent(state, e))))
    if state.stage is Stage.RATIFY:
        entered, refused = [], []
        for principal, players in veto_odds(state):
            votes = [(name, bool(rng.random() < p)) for name, p in players]
            entered.append((principal, all(ok for _, ok in votes)))
            refused += [(principal, name) for name, ok in votes if not ok]
        return Ratify(tuple(entered), tuple(refused) if any(len(p) > 1 for _, p in veto_odds(state)) else ())
    if state.stage is Stage.COMPLY:
        return Comply(int(rng.integers(0, 2**63 - 1)))
    raise ValueError(f"stage {state.stage} is not a chance node")


def binding_value(state: State) -> DealValue:
    """The valuation of the binding agreement (rules 3-7 and 10 of docs/model.md)."""
    assert state.tables is not None and state.binding_result is not None
    outcome = state.binding_result.agreement
    assert outcome is not None
    index = state.tables.problem.index_of(outcome)
    parties = tuple(state.scenario.party(pid) for pid in state.seats)
    # a deal that crosses a principal's red line is invalid for it: it never enters into force there
    allowed = tuple(bool(state.tables.of(pid).ok[index]) for pid in state.seats)
    return value_deal(state.scenario, (parties[0], parties[1]), outcome, (allowed[0], allowed[1]))


def veto_odds(state: State) -> list[tuple[str, tuple[tuple[str, float], ...]]]:
    """(principal, ((veto player, P(approves)), ...)) for the binding agreement, in seat order."""
    value = binding_value(state)
    return [(state.scenario.party(pid).principal, value.players[s]) for s, pid in enumerate(state.seats)]


def entry_odds(state: State) -> list[tuple[str, float]]:
    """(principal, P(entry into force)) for the binding agreement, in seat order: every veto player approves."""
    value = binding_value(state)
    return [(state.scenario.party(pid).principal, value.principal_entry(s)) for s, pid in enumerate(state.seats)]
