"""Actions as plain data, and the hash of a game's state, for move logs and replays.

A move log is JSON Lines: a header ``{"type": "header", "version": 1,
"scenario": path, "scenario_sha256": ..., "seed": ..., "humans": [...],
"strategies": {...}}``, one ``{"type": "action", "n": k, "action": {...}}``
per action, and a last ``{"type": "end", "hash": ...}`` once the game is over.
An action whose effects changed the game's parameters (events, a phase's own
effects, a published plan's anchoring) carries them in its record as
``"deltas": [{"source", "parameter", "before", "after", "phase", "round"}...]``
(``phase`` and ``round`` count from 0, as the state does; the reports people read, ``simulate``'s JSON
and CSV among them, count rounds from 1), and the header of a log that records them says ``"deltas": 1`` (older logs have
neither, and replay as before).
A log written by ``simulate`` says in its header whether the events of the talks were on
(``"events": true``) or off (``"events": false``, ``--no-events``); a replay or a resume plays the
scenario as that says (absent, as in every older log: on).
A seat the class server handed to the AI mid-game (a student who left) is recorded as
``{"type": "handover", "party": ..., "from": n, "persona": {...}}`` just before action ``n``: from
that action on, the party's moves are that AI's, and a replay checks them as any AI's
(:func:`game.session.personas.verified_replay`).
Replaying applies the logged actions from the seed; each logged chance move
must equal the one the generator gives (and each logged delta the one the rules
give), so a replay either reaches the same hash or names the first line where
it diverges.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from game.engine.actions import (
    Accept,
    Action,
    Comply,
    EndTalks,
    Inject,
    Lock,
    Message,
    MessageKind,
    Offer,
    Perceive,
    Ratify,
    RoundStart,
    Walk,
)
from game.engine.chance import Schedule, sample
from game.engine.rules import IllegalMoveError, apply, new_game
from game.engine.state import Delta, State
from game.errors import GameError
from game.model.scenario import Scenario

LOG_VERSION = 1


def action_to_dict(action: Action) -> dict[str, Any]:
    """One action as JSON-ready data."""
    if isinstance(action, Offer):
        message: dict[str, str | None] | None = None
        if action.message is not None:
            message = {"kind": str(action.message.kind), "basket": action.message.basket}
            if action.message.option is not None:
                message["option"] = action.message.option   # a red line's option (absent in older logs)
        return {"kind": "offer", "party": action.party, "outcome": list(action.outcome), "message": message}
    if isinstance(action, Accept):
        return {"kind": "accept", "party": action.party}
    if isinstance(action, Walk):
        return {"kind": "walk", "party": action.party}
    if isinstance(action, Lock):
        return {"kind": "lock", "party": action.party, "basket": action.basket}
    if isinstance(action, Perceive):
        return {"kind": "perceive", "noise": [[p, list(n)] for p, n in action.noise]}
    if isinstance(action, RoundStart):
        return {"kind": "round_start", "events": list(action.events)}
    if isinstance(action, Inject):
        return {"kind": "inject", "events": list(action.events), "seal": action.seal}
    if isinstance(action, EndTalks):
        return {"kind": "end_talks", "seal": action.seal}
    if isinstance(action, Ratify):
        out: dict[str, Any] = {"kind": "ratify", "entered": [[p, ok] for p, ok in action.entered]}
        if action.refused:
            out["refused"] = [[p, name] for p, name in action.refused]
        return out
    return {"kind": "comply", "seed": action.seed}


def action_from_dict(data: Any) -> Action:
    """The inverse of :func:`action_to_dict`; ValueError/KeyError/TypeError on malformed data."""
    kind = data["kind"]
    if kind == "offer":
        m = data.get("message")
        basket = None if m is None else m.get("basket")
        if basket is not None and not isinstance(basket, str):
            raise TypeError(f"a message's basket must be a basket id, got {basket!r}")
        option = None if m is None else m.get("option")
        if option is not None and not isinstance(option, str):
            raise TypeError(f"a message's option must be an option id, got {option!r}")
        message = None if m is None else Message(MessageKind(m["kind"]), basket, option)
        return Offer(str(data["party"]), tuple(int(x) for x in data["outcome"]), message)
    if kind == "accept":
        return Accept(str(data["party"]))
    if kind == "walk":
        return Walk(str(data["party"]))
    if kind == "lock":
        return Lock(str(data["party"]), int(data["basket"]))
    if kind == "perceive":
        return Perceive(tuple((str(p), tuple(float(x) for x in n)) for p, n in data["noise"]))
    if kind == "round_start":
        return RoundStart(tuple(str(e) for e in data["events"]))
    if kind == "inject":
        return Inject(tuple(str(e) for e in data["events"]), str(data.get("seal", "")))
    if kind == "end_talks":
        return EndTalks(str(data.get("seal", "")))
    if kind == "ratify":
        return Ratify(tuple((str(p), bool(ok)) for p, ok in data["entered"]),
                      tuple((str(p), str(name)) for p, name in data.get("refused", ())))
    if kind == "comply":
        return Comply(int(data["seed"]))
    raise ValueError(f"unknown action kind {kind!r}")


def delta_to_dict(delta: Delta) -> dict[str, Any]:
    """One recorded effect as JSON-ready data."""
    return {"source": delta.source, "parameter": delta.parameter, "before": delta.before, "after": delta.after,
            "phase": delta.phase, "round": delta.round}


def delta_from_dict(data: Any) -> Delta:
    """The inverse of :func:`delta_to_dict`; ValueError/KeyError/TypeError on malformed data."""
    return Delta(str(data["source"]), str(data["parameter"]), float(data["before"]), float(data["after"]),
                 int(data["phase"]), int(data["round"]))


def new_deltas(before: State, after: State) -> tuple[Delta, ...]:
    """The effects one action recorded (what a move log writes beside it)."""
    return after.deltas[len(before.deltas):]


def state_hash(state: State) -> str:
    """SHA-256 of everything that defines the game so far: its actions and its outcome."""
    payload = {
        "history": [action_to_dict(a) for a in state.history],
        "stage": str(state.stage),
        "results": [[r.phase, list(r.agreement) if r.agreement else None, r.round, r.ended_by] for r in state.results],
        "compliance": None if state.compliance is None else [
            [round(x, 12) for x in state.compliance.mean], round(state.compliance.survival, 12)],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def moves_hash(actions: Sequence[Action]) -> str:
    """SHA-256 of the moves made so far, as logged (:func:`action_to_dict`), in order: what the instructor's
    seal of a move made during the game (an injected event, the end of the talks) binds it to, so that the
    seal holds in that game only, never in another game that reaches the same move number."""
    payload = [action_to_dict(a) for a in actions]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


SHOWN = 160        # the characters of a logged or expected move a divergence shows; the rest is cut


def shown_move(payload: object) -> str:
    """A move (or its effects) as a divergence shows it: compact JSON, cut after :data:`SHOWN` characters with
    the length said (player trial: a changed seed printed screens of raw floats)."""
    text = json.dumps(payload, separators=(",", ":"), default=str)
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}…({len(text):,} characters)"


class Divergence(GameError):
    """A replayed log stops matching the game; ``index`` is the 0-based action number."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


Expect = Callable[[State, np.random.Generator], Action | None]


def replay(scenario: Scenario, seed: int, actions: list[Action], schedule: Schedule = (),
           deltas: list[tuple[Delta, ...]] | None = None,
           expect: Expect | None = None) -> tuple[State, np.random.Generator]:
    """Apply logged ``actions`` from the start, checking every chance move against the seed
    (and the events the instructor scheduled); given the logged ``deltas`` (one tuple per
    action), every effect against the one the rules record; and every player move against
    ``expect`` (an instructor's :class:`~game.engine.actions.Inject` or
    :class:`~game.engine.actions.EndTalks` is neither chance nor a player's move: the rules check it, and
    whoever reads the log checks its ``seal``): when it returns an action for the state (the move an AI delegation makes there),
    the logged move must be that one. ``expect`` receives the generator in step, as the AI did
    during play.

    Returns the state and the generator, in step, so that play can continue.
    """
    rng = np.random.default_rng(seed)
    state = new_game(scenario)
    for index, action in enumerate(actions):
        if state.is_chance:
            expected = sample(state, rng, schedule)
            if expected != action:
                raise Divergence(index, f"chance move differs from the seed's: logged {shown_move(action_to_dict(action))}, "
                                        f"expected {shown_move(action_to_dict(expected))}")
        elif expect is not None and not isinstance(action, (Inject, EndTalks)):
            wanted = expect(state, rng)
            if wanted is not None and wanted != action:
                raise Divergence(index, f"the AI of {state.to_move!r} did not make this move: logged "
                                        f"{shown_move(action_to_dict(action))}, the AI plays "
                                        f"{shown_move(action_to_dict(wanted))}")
        try:
            after = apply(state, action)
        except IllegalMoveError as exc:
            raise Divergence(index, f"illegal move: {exc}") from None
        if deltas is not None:
            logged, recorded = deltas[index] if index < len(deltas) else (), new_deltas(state, after)
            if logged != recorded:
                raise Divergence(index, f"the effects logged with this move differ from the rules': logged "
                                        f"{shown_move([delta_to_dict(d) for d in logged])}, expected "
                                        f"{shown_move([delta_to_dict(d) for d in recorded])}")
        state = after
    return state, rng
