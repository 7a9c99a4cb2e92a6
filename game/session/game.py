"""One game as a front-end plays it: the human's moves in, everything else run, every move logged.

``GameSession`` is non-blocking: :meth:`GameSession.submit` applies the
human's action, then runs chance and the AIs (:func:`game.strategies.runner.advance`)
until the human must move again or the game is over. Every action is appended
to the move log as it happens, and the final state's hash ends the log, so a
game started in the window can be resumed in the terminal and the reverse.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.about import version
from game.engine.actions import Action, InstructorAction, PlayerAction
from game.engine.chance import Schedule
from game.engine.record import new_deltas, state_hash
from game.engine.rules import apply, new_game
from game.engine.state import Stage, State
from game.errors import GameError
from game.model.limits import check_playable
from game.model.scenario import Scenario
from game.session.movelog import (
    MoveLog,
    default_log_dir,
    file_sha256,
    handovers_of,
    played_personas,
    restore,
    schedule_of,
)
from game.session.personas import Handover, Persona, across_overrides, personas_for, personas_to_json, strategies_of
from game.strategies.runner import advance


@dataclass(frozen=True)
class Moment:
    """One applied action and the states around it, for a front-end to show."""

    before: State
    action: Action
    after: State
    why: str | None = None          # an AI's reason for its move, in words (docs/model.md, "Messages")


class GameSession:
    def __init__(self, scenario: Scenario, seed: int, side: str, overrides: dict[str, str], log: MoveLog,
                 start: tuple[State, np.random.Generator] | None = None, schedule: Schedule = (),
                 humans: tuple[str, ...] = (), personas: dict[str, Persona] | None = None) -> None:
        self.scenario, self.seed, self.side, self.overrides = scenario, seed, side, overrides
        self.humans = humans or (side,)        # hot-seat: two people on one machine
        self.schedule = schedule
        self.header: dict[str, Any] = {}        # the log's header (set by new and resume)
        self.personas = personas if personas is not None else personas_for(scenario, self.humans, overrides)
        self.ais = strategies_of(self.personas)
        self.state, self.rng = start if start is not None else (new_game(scenario), np.random.default_rng(seed))
        self.log = log
        self.handovers: dict[str, Handover] = {}   # seats handed to the AI mid-game (:meth:`hand_to_ai`)
        self.moments: list[Moment] = []
        self._count = len(self.state.history)
        self._earlier = self.state.history          # the moves of a resumed game made before this session
        self._earlier_whys: dict[int, str] = {}      # their AI's reasons by move number, re-derived on resuming
        self._run()

    @classmethod
    def new(cls, scenario: Scenario, side: str, seed: int, opponent: str | None = None,
            log_path: Path | None = None, schedule: Schedule = (), extra: dict[str, Any] | None = None,
            humans: tuple[str, ...] = (), across_only: bool = False) -> GameSession:
        """Start a game and its log (by default in the user's data directory); ``schedule`` forces
        events at rounds, and ``extra`` adds keys to the log's header (a classroom pair, say). ``opponent``
        plays every delegation nobody plays, or with ``across_only`` only those across the table from a human
        (:func:`game.session.personas.across_overrides`: the window's side picker, ``classroom new``; newcomer
        trial: choosing an opponent for the US experts also changed their own government's AI)."""
        check_playable(scenario)                       # before the log is written
        ids = [p.id for p in scenario.parties]
        if side not in ids:
            raise GameError(f"{side!r} is not a party of {scenario.id}; expected one of: {', '.join(ids)}")
        humans = humans or (side,)
        unknown = [h for h in humans if h not in ids]
        if unknown:
            raise GameError(f"{unknown[0]!r} is not a party of {scenario.id}; expected one of: {', '.join(ids)}")
        overrides = across_overrides(scenario, humans, opponent) if across_only else \
            {p: opponent for p in ids if p not in humans and opponent}
        personas = personas_for(scenario, humans, overrides)
        source = Path(scenario.path)
        header = {"scenario": str(source.resolve()), "scenario_sha256": file_sha256(source),
                  "seed": seed, "humans": list(humans), "strategies": overrides,
                  "personas": personas_to_json(personas), "game_version": version(),
                  "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                  "injects": [list(x) for x in schedule], **(extra or {})}
        stem = default_log_dir() / f"{scenario.id}-{time.strftime('%Y%m%d-%H%M%S')}-{seed}"
        log = MoveLog.create(log_path, header) if log_path is not None else MoveLog.create_fresh(stem, header)
        session = cls(scenario, seed, side, overrides, log, schedule=schedule, humans=humans, personas=personas)
        session.header = header
        return session

    @classmethod
    def resume(cls, path: Path) -> tuple[GameSession, bool]:
        """Continue an interrupted game from its log; also says whether a half-written line was dropped. The
        player's side is the first seat a person still plays: a seat the log says was handed to the AI is the
        AI's from then on, as on the class server after a restart (window trial: a class log whose first seat
        was handed over made that seat the player's, no longer among the humans, and the table raised KeyError;
        the terminal showed that seat's brief and then played the other)."""
        whys: dict[int, str] = {}
        contents, scenario, state, rng = restore(path, allow_partial_tail=True, whys=whys)
        if contents.end_hash is not None:
            raise GameError(f"{path}: this game is already over; use 'replay {path}' to check it")
        header = contents.header
        if not header["humans"]:
            raise GameError(f"{path}: an AI-only game (from simulate) has nobody to resume it for")
        handovers = handovers_of(contents, scenario)
        humans = tuple(str(h) for h in header["humans"])
        if all(h in handovers for h in humans):        # every seat handed over, the log cut before its end
            raise GameError(f"{path}: the AI plays every seat of this game; nobody is left to resume it for")
        playing = tuple(h for h in humans if h not in handovers)
        log = MoveLog.append_to(path, contents.dropped_partial_line, len(contents.actions))
        session = cls(scenario, int(header["seed"]), playing[0], dict(header.get("strategies") or {}), log,
                      (state, rng), schedule_of(header), playing, played_personas(contents, scenario))
        session.handovers = handovers
        session.header = header
        session._earlier_whys = whys
        return session, contents.dropped_partial_line

    @property
    def over(self) -> bool:
        return self.state.stage is Stage.OVER

    @property
    def to_move(self) -> str | None:
        """The human party whose move it is, else None."""
        party = None if self.over else self.state.to_move
        return party if party in self.humans else None

    def submit(self, action: PlayerAction, run: bool = True) -> None:
        """Apply the human's action (IllegalMoveError leaves the game as it was), then run on -- unless
        ``run`` is False: a server answers the player first and calls :meth:`run_on` after (a killed
        server's log then ends with the human's move, and resuming runs on from there)."""
        new = apply(self.state, action)
        self._observe(self.state, action, new)
        self.state = new
        if run:
            self._run()

    def instruct(self, action: InstructorAction) -> None:
        """Apply an instructor's action now: injected events (rule 15) or the end of the talks (rule 16);
        IllegalMoveError leaves the game as it was. It is logged like any move with its effects, then the
        game runs on (the talks may have been frozen or ended, or an AI owes its final response)."""
        new = apply(self.state, action)
        self._observe(self.state, action, new)
        self.state = new
        self._run()

    def hand_to_ai(self, party: str, persona: Persona, run: bool = True) -> int:
        """From now on the AI ``persona`` plays ``party``, a seat a person played (the class server, when
        a student has left): recorded in the move log, then the game runs on (the AI moves at once if it
        is that seat's turn; not with ``run`` False, a class paused: :meth:`run_on` later). Returns the
        number of the AI's first move; GameError when the game is over or no person plays ``party``."""
        if self.over or party not in self.humans:
            raise GameError(f"{party!r} is not a seat a person plays in this game" if not self.over
                            else "this game is over")
        start = self.log.handover(party, persona)
        self.handovers[party] = Handover(party, start, persona)
        self.personas = {**self.personas, party: persona}
        self.ais = {**self.ais, **strategies_of({party: persona})}
        self.humans = tuple(h for h in self.humans if h != party)
        if run:
            self._run()
        return start

    def run_on(self) -> None:
        """Run chance and the AIs until a human must move or the game is over (after ``submit(..., run=False)``)."""
        self._run()

    def take_moments(self) -> list[Moment]:
        """The actions applied since the last call, oldest first."""
        out, self.moments = self.moments, []
        return out

    def earlier_moments(self) -> list[Moment]:
        """The moves made before this session opened (a resumed game), replayed from the start so that a
        front-end can show the game so far, with the AI's reasons as it gave them in play (player trial: a
        loaded game's log lost its "Why: ..." lines); empty for a new game."""
        return replayed_moments(self.scenario, self._earlier, self._earlier_whys)

    def close(self) -> None:
        self.log.close()

    @property
    def closed(self) -> bool:
        """Whether the game's move log is closed (its lock given up)."""
        return self.log.handle.closed

    def _observe(self, before: State, action: Action, after: State) -> None:
        self.log.action(self._count, action, new_deltas(before, after))
        self._count += 1
        party = getattr(action, "party", None)
        ai = self.ais.get(party) if party is not None and party not in self.humans else None
        self.moments.append(Moment(before, action, after, ai.why if ai is not None else None))

    def _run(self) -> None:
        self.state = advance(self.state, self.rng, self.ais, frozenset(self.humans), self._observe,
                             schedule=self.schedule)
        if self.over:
            self.log.end(state_hash(self.state))
            self.log.close()


def replayed_moments(scenario: Scenario, actions: Sequence[Action],
                     whys: Mapping[int, str] | None = None) -> list[Moment]:
    """Every move of ``actions``, replayed from the start of ``scenario``, as moments (the states around
    each): what a front-end shows of a game it did not play itself; ``whys``: the AI's reasons by move number
    (:func:`game.session.personas.verified_replay`)."""
    state, out = new_game(scenario), []
    for n, action in enumerate(actions):
        after = apply(state, action)
        out.append(Moment(state, action, after, (whys or {}).get(n)))
        state = after
    return out


def hot_seat_humans(scenario: Scenario, side: str) -> tuple[str, ...]:
    """``side`` and the delegation across its first table, both played by people."""
    tables = [ph.parties for ph in scenario.phases if side in ph.parties] or [tuple(p.id for p in scenario.parties)]
    return (side, next(p for p in tables[0] if p != side))
