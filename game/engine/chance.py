"""Chance moves, sampled from the game's one seeded ``numpy.random.Generator``.

The rules never draw random numbers; the session asks :func:`sample` for the
chance action at a chance node and applies it like any other action.
"""

from __future__ import annotations

import numpy as np

from game.engine.actions import ChanceAction, Comply, Perceive, Ratify, RoundStart
from game.engine.events import eligible, spent
from game.engine.ratification import entry_probability
from game.engine.state import Stage, State
from game.engine.tables import noise_shape

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
        return Ratify(tuple((principal, bool(rng.random() < p)) for principal, p in entry_odds(state)))
    if state.stage is Stage.COMPLY:
        return Comply(int(rng.integers(0, 2**63 - 1)))
    raise ValueError(f"stage {state.stage} is not a chance node")


def entry_odds(state: State) -> list[tuple[str, float]]:
    """(principal, P(entry into force)) for the binding agreement, in seat order."""
    assert state.tables is not None and state.binding_result is not None
    outcome = state.binding_result.agreement
    assert outcome is not None
    index = state.tables.problem.encode(np.array(outcome))
    form = state.scenario.forms[outcome[-1]]
    odds = []
    for pid in state.seats:
        party = state.scenario.party(pid)
        table = state.tables.of(pid)
        # a deal that crosses a principal's red line is invalid for it: it never enters into force there
        p = entry_probability(form, party, float(table.true_u[index])) if table.ok[index] else 0.0
        odds.append((party.principal, p))
    return odds
