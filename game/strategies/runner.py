"""Run a game: chance from the one seeded generator, moves from AIs or from a callback.

``play`` is the single game loop used by AI-vs-AI simulation and (with a
``choose`` callback for the human's moves) by the front-ends.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.engine.actions import Action, PlayerAction
from game.engine.chance import Schedule, sample
from game.engine.rules import apply, new_game
from game.engine.state import Stage, State
from game.model.scenario import Scenario
from game.strategies.base import Strategy
from game.strategies.registry import DEFAULT, make

Chooser = Callable[[State, str], PlayerAction]
Observer = Callable[[State, Action, State], None]


def strategies_for(scenario: Scenario, overrides: dict[str, str] | None = None) -> dict[str, Strategy]:
    """An AI per party: the command line's choice, else the scenario's, else the default."""
    overrides = overrides or {}
    return {p.id: make(overrides.get(p.id) or p.strategy or DEFAULT) for p in scenario.parties}


def advance(state: State, rng: np.random.Generator, ais: dict[str, Strategy], humans: frozenset[str] = frozenset(),
            observe: Observer | None = None, stop: tuple[Stage, ...] = (Stage.OVER,), schedule: Schedule = ()) -> State:
    """Apply chance moves (with any scheduled events) and AI moves until a human delegation must
    move or a ``stop`` stage is reached."""
    while state.stage not in stop:
        if state.is_chance:
            action: Action = sample(state, rng, schedule)
        else:
            party = state.to_move
            assert party is not None
            if party in humans:
                return state
            action = ais[party].act(state, party, rng)
        new = apply(state, action)
        if observe is not None:
            observe(state, action, new)
        state = new
    return state


def play(scenario: Scenario, seed: int, ais: dict[str, Strategy], choose: Chooser | None = None,
         humans: frozenset[str] = frozenset(), observe: Observer | None = None,
         start: tuple[State, np.random.Generator] | None = None, bargaining_only: bool = False) -> State:
    """Play to the end from the start, or from ``start`` (a replayed state and its generator);
    with ``bargaining_only``, stop when the last phase's talks end (before entry into force).
    ``choose`` gives the moves of the delegations in ``humans``."""
    state, rng = start if start is not None else (new_game(scenario), np.random.default_rng(seed))
    stop = (Stage.OVER, Stage.RATIFY) if bargaining_only else (Stage.OVER,)
    playing = humans if choose is not None else frozenset()
    while True:
        state = advance(state, rng, ais, playing, observe, stop)
        if state.stage in stop:
            return state
        party = state.to_move
        assert party is not None and choose is not None
        action = choose(state, party)
        new = apply(state, action)
        if observe is not None:
            observe(state, action, new)
        state = new


def game_seeds(master: int, count: int) -> list[int]:
    """The seeds of a run of ``count`` games from the master seed ``master``: game ``k`` plays the
    ``k``-th of ``SeedSequence(master).generate_state(count)`` (32-bit numbers). ``simulate --seed``
    and ``research claims --seed`` both draw their games' seeds here, so the same master seed and
    number of games give the same seeds in both."""
    return [int(s) for s in np.random.SeedSequence(master).generate_state(count).tolist()]
