"""Which AI plays each delegation, recorded so that a game's AI moves can be re-derived and checked.

The AIs are deterministic: given the state (and the one seeded generator, which none of them
draws from today), a persona always makes the same move. So a log or a result that records, for
every delegation no human plays, its *persona* -- the strategy's name and whether it follows a
published plan (:func:`game.strategies.registry.make`) -- and the game's version lets a replay
re-run that AI at each of its turns and reject the first move it would not have made
(:func:`verified_replay`). A persona's behaviour depends on nothing else: the scenario (checked by
its hash), the state and the code (the recorded version says which).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.actions import Action
from game.engine.chance import Schedule
from game.engine.record import replay
from game.engine.state import Delta, State
from game.errors import GameError
from game.model.scenario import Scenario
from game.strategies.base import Strategy
from game.strategies.registry import DEFAULT, STRATEGIES, make
from game.words import shorten


@dataclass(frozen=True)
class Persona:
    """One AI delegation's persona: a strategy of the registry, and whether its opening follows a plan."""

    strategy: str
    follows_anchor: bool = True

    def describe(self) -> str:
        return self.strategy if self.follows_anchor else f"{self.strategy} (ignoring the published plan)"


def personas_for(scenario: Scenario, humans: Iterable[str], overrides: Mapping[str, str] | None = None
                 ) -> dict[str, Persona]:
    """The persona of every delegation not in ``humans``, chosen as a game chooses them
    (:func:`game.strategies.runner.strategies_for`): the override, else the scenario's, else the default."""
    overrides = overrides or {}
    people = set(humans)
    return {p.id: Persona(overrides.get(p.id) or p.strategy or DEFAULT) for p in scenario.parties
            if p.id not in people}


def across_overrides(scenario: Scenario, humans: Iterable[str], opponent: str | None) -> dict[str, str]:
    """Who ``opponent`` plays: every delegation across the table from one of ``humans`` (another government's
    that meets it at a table, :meth:`Scenario.across`) that no human plays; none without an ``opponent``.
    A delegation of a player's own government that nobody plays keeps the AI a game gives it anyway (the
    scenario's, else the default: :func:`personas_for`). The one rule of ``play --opponent``, the window's
    picker and ``classroom new --opponent``."""
    people = tuple(humans)
    if not opponent:
        return {}
    across = {p.id for side in people for p in scenario.across(side)}
    return {p.id: opponent for p in scenario.parties if p.id in across and p.id not in people}


def table_personas(scenario: Scenario, humans: Iterable[str], opponent: str | None) -> dict[str, Persona]:
    """The persona of every delegation ``humans`` do not play when they choose ``opponent`` for those across
    the table (:func:`across_overrides`), the others as a game chooses them (:func:`personas_for`)."""
    people = tuple(humans)
    return personas_for(scenario, people, across_overrides(scenario, people, opponent))


def personas_to_json(personas: Mapping[str, Persona]) -> dict[str, dict[str, Any]]:
    return {pid: {"strategy": p.strategy, "follows_anchor": p.follows_anchor} for pid, p in sorted(personas.items())}


def personas_from_json(data: Any, scenario: Scenario) -> dict[str, Persona]:
    """Read recorded personas; GameError says what is wrong (an unknown party or strategy, a bad type)."""
    if not isinstance(data, dict):
        raise GameError(f"personas: expected a mapping of party to persona, got {type(data).__name__}")
    ids = {p.id for p in scenario.parties}
    out = {}
    for pid, entry in data.items():
        if pid not in ids:
            raise GameError(f"personas: {pid!r} is not a party of {scenario.id}")
        if not isinstance(entry, dict) or not isinstance(entry.get("strategy"), str) \
                or entry["strategy"] not in STRATEGIES \
                or not isinstance(entry.get("follows_anchor", True), bool):
            raise GameError(f"personas: {pid!r}: expected a known strategy ({', '.join(STRATEGIES)}) and "
                            f"follows_anchor true or false, got {shorten(repr(entry), 80)}")
        out[str(pid)] = Persona(str(entry["strategy"]), bool(entry.get("follows_anchor", True)))
    return out


def strategies_of(personas: Mapping[str, Persona]) -> dict[str, Strategy]:
    """Fresh AIs for the personas (the machinery a game plays them with)."""
    return {pid: make(p.strategy, follows_anchor=p.follows_anchor) for pid, p in personas.items()}


@dataclass(frozen=True)
class Handover:
    """A seat a person played until move ``start`` (0-based, the number of the AI's first move in the move
    log), and the AI ``persona`` for the rest of the game: the class server hands the seat of a student
    who left to the AI (docs/classroom.md)."""

    party: str
    start: int
    persona: Persona


def verified_replay(scenario: Scenario, seed: int, actions: list[Action], schedule: Schedule,
                    personas: Mapping[str, Persona],
                    deltas: list[tuple[Delta, ...]] | None = None,
                    since: Mapping[str, int] | None = None,
                    whys: dict[int, str] | None = None) -> tuple[State, np.random.Generator]:
    """:func:`game.engine.record.replay`, and at every turn of a delegation in ``personas`` its AI is
    re-run: :class:`~game.engine.record.Divergence` names the first logged move it would not have made.
    A delegation not in ``personas`` is a human's: any legal move stands. A delegation in ``since``
    (handed to the AI mid-game, :class:`Handover`) is a human's before that move number and its AI's from it.
    ``whys``, if given, receives each AI move's reason in words by move number, as the AI gave it in play
    (:attr:`game.session.game.Moment.why`), so that a loaded game's log reads as before it was saved."""
    ais = strategies_of(personas)
    since = since or {}

    def expect(state: State, rng: np.random.Generator) -> Action | None:
        party = state.to_move
        if party is None or party not in ais or len(state.history) < since.get(party, 0):
            return None
        action = ais[party].act(state, party, rng)
        why = ais[party].why
        if whys is not None and why:
            whys[len(state.history)] = why
        return action
    return replay(scenario, seed, actions, schedule, deltas, expect)
