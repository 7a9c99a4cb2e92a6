"""Result files of a classroom session: written signed when a game ends, read back for the debrief.

A result holds the session, the pair, the side, how it was played, the seed, every move and the
final state's hash, and the payoffs, signed with the pair's key (:mod:`game.classroom.signing`).
Reading one checks, in order: that it is a regular file of bounded size holding bounded JSON
(:mod:`game.safeio`), of the right kind, that it belongs to this session and to one of its
pairs, that its signature matches, and that its moves replay to its recorded hash; the debrief
then uses the numbers of the replayed game, not the file's. No file can stop the debrief: every
failure while reading or checking one file makes it a :class:`Rejected` entry with the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.classroom.folder import Session, write_atomically
from game.classroom.signing import pair_key, sign, verify
from game.engine.record import (
    Divergence,
    action_from_dict,
    action_to_dict,
    replay,
    state_hash,
)
from game.engine.result import GameResult, game_result
from game.engine.state import Stage, State
from game.errors import GameError
from game.safeio import Unreadable, loads_json, read_bounded
from game.session.game import GameSession

KIND = "backchannel-result"
FORMAT = 2          # 2: yearly_value, honoured_by_other, answered, intact; format 1 ("honoured") is still read
MAX_BYTES = 2 * 1024 * 1024
MODES = ("ai", "hot-seat", "face-to-face", "simulated")


@dataclass(frozen=True)
class Accepted:
    path: Path
    pair: int
    side: str
    mode: str
    state: State                 # the replayed game
    result: GameResult           # its numbers, from the engine


@dataclass(frozen=True)
class Rejected:
    path: Path
    reason: str


def result_record(session: Session, pair: int, side: str, mode: str, state: State) -> dict[str, Any]:
    """The unsigned result of a finished game."""
    result = game_result(state)
    s = session.scenario
    agreement = list(result.agreement) if result.agreement is not None else None
    return {
        "kind": KIND, "format": FORMAT, "session": session.id, "scenario_sha256": session.scenario_sha256,
        "pair": pair, "side": side, "mode": mode, "seed": session.seed_of(pair),
        "agreement": agreement,
        "agreement_labels": None if agreement is None else
        {**{b.id: b.options[agreement[i]].id for i, b in enumerate(s.baskets)}, "form": s.forms[agreement[-1]].id},
        "principals": {p.principal: {"party": p.party, "paper": round(p.paper, 10), "in_force": round(p.in_force, 10),
                                     "yearly_value": round(p.compliance_mean, 10),
                                     "honoured_by_other": round(p.honoured_by_other, 10),
                                     "answered": round(p.answered, 10), "reservation": p.reservation}
                       for p in result.principals},
        "in_force": result.in_force, "intact": round(result.survival, 10),
        "moves": [action_to_dict(a) for a in state.history], "end_hash": state_hash(state),
    }


def write_result(session: Session, pair: int, side: str, mode: str, state: State, out: Path | None = None) -> Path:
    """Sign and write the result of a finished game to ``out`` (a folder or a .json path; by
    default the session's results/ folder), atomically."""
    record = result_record(session, pair, side, mode, state)
    record["signature"] = sign(record, session.key_for(pair))
    name = f"pair-{pair:02d}-{side}-{record['end_hash'][:10]}.json"
    target = out if out is not None and out.suffix == ".json" else (out or session.results_dir()) / name
    write_atomically(target, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())
    return target


def finish_classroom_game(session: GameSession) -> Path | None:
    """When a finished game was a classroom pair's (its log's header says so), write its signed
    result and return where; None for any other game."""
    info = session.header.get("classroom")
    if not isinstance(info, dict) or not session.over:
        return None
    from game.classroom.folder import open_session
    folder = open_session(Path(info["folder"]))
    mode = "hot-seat" if len(session.humans) > 1 else "ai"
    out = Path(info["out"]) if info.get("out") else None
    return write_result(folder, int(info["pair"]), session.side, mode, session.state, out)


def read_results(session: Session, key: str, paths: list[Path]) -> tuple[list[Accepted], list[Rejected], list[Path]]:
    """(accepted, rejected with reasons, duplicates) among the result files ``paths``."""
    accepted: list[Accepted] = []
    rejected: list[Rejected] = []
    duplicates: list[Path] = []
    seen: set[tuple[int, str, str]] = set()
    for path in paths:
        outcome = _check(session, key, path)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            continue
        identity = (outcome.pair, outcome.side, state_hash(outcome.state))
        if identity in seen:
            duplicates.append(path)
            continue
        seen.add(identity)
        accepted.append(outcome)
    return accepted, rejected, duplicates


def _check(session: Session, key: str, path: Path) -> Accepted | Rejected:
    """Accepted, or Rejected with the reason; never raises for anything in the file."""
    try:
        return _check_record(session, key, path)
    except (GameError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        return Rejected(path, f"malformed ({type(exc).__name__}: {str(exc)[:200]})")


def _check_record(session: Session, key: str, path: Path) -> Accepted | Rejected:
    try:
        record = loads_json(read_bounded(path, MAX_BYTES).decode("utf-8"))
    except Unreadable as exc:
        if str(exc).startswith("not JSON"):
            return Rejected(path, f"malformed: {exc}; truncated or edited?")
        return Rejected(path, f"unreadable: {exc}")
    except UnicodeDecodeError:
        return Rejected(path, "unreadable: not UTF-8 text")
    if not isinstance(record, dict) or record.get("kind") != KIND or record.get("format") not in (1, FORMAT):
        return Rejected(path, "malformed: not a Backchannel result file")
    if record.get("session") != session.id:
        return Rejected(path, f"belongs to another session ({record.get('session')!r}, not {session.id!r})")
    pair, side, mode = record.get("pair"), record.get("side"), record.get("mode")
    if not isinstance(pair, int) or pair not in {k for k, _ in session.pairs}:
        return Rejected(path, f"names no pair of this session (pair {pair!r})")
    if side not in {p.id for p in session.scenario.parties} or mode not in MODES:
        return Rejected(path, f"malformed: side {side!r} or mode {mode!r} is not one of this session's")
    if not verify(record, pair_key(key, session.id, pair)):
        return Rejected(path, "signature does not match: the file was edited, or signed with another key")
    try:
        actions = [action_from_dict(a) for a in record["moves"]]
        state, _ = replay(session.scenario, session.seed_of(pair), actions, session.injects)
    except Divergence as exc:
        return Rejected(path, f"its moves do not replay (move {exc.index + 1}: {exc})")
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
        return Rejected(path, f"malformed moves ({type(exc).__name__}: {exc})")
    # A format-1 result's end hash holds the compliance figures of the model before format 2 (the
    # cheater's gains, intact); its signed moves still replay, and its numbers are recomputed.
    legacy = record.get("format") == 1
    if state.stage is not Stage.OVER or (not legacy and state_hash(state) != record.get("end_hash")):
        return Rejected(path, "its moves do not reach the recorded end of the game")
    return Accepted(path, pair, str(side), str(mode), state, game_result(state))
