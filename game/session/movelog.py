"""Move logs on disk: append-only JSON Lines, flushed after every line.

The format is described in :mod:`game.engine.record`. Writing flushes each
line as it is written, so killing the program loses at most the move in
flight. Reading names the first bad line of a truncated or edited log.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from game.engine.actions import Action
from game.engine.record import (
    LOG_VERSION,
    Divergence,
    action_from_dict,
    action_to_dict,
    replay,
)
from game.engine.state import State
from game.errors import GameError
from game.model.scenario import Scenario
from game.paths import log_dir
from game.scenario.loader import load_scenario

MAX_LOG_BYTES = 16 * 1024 * 1024


class LogError(GameError):
    """A move log that cannot be read, naming the file and line."""


@dataclass(frozen=True)
class LogContents:
    header: dict[str, Any]
    actions: list[Action]
    end_hash: str | None
    dropped_partial_line: bool


def default_log_dir() -> Path:
    """Where games are saved by default: ``logs`` in the player's data folder (:func:`game.paths.log_dir`)."""
    return log_dir()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class MoveLog:
    """An open, append-only move log."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self.handle = handle
        self.path = path

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> MoveLog:
        path.parent.mkdir(parents=True, exist_ok=True)
        log = cls(path.open("w", encoding="utf-8"), path)
        log._write({"type": "header", "version": LOG_VERSION, **header})
        return log

    @classmethod
    def append_to(cls, path: Path, drop_partial: bool) -> MoveLog:
        """Reopen a log to continue it (dropping a half-written last line first)."""
        if drop_partial:
            text = path.read_text(encoding="utf-8")
            path.write_text(text[: text.rfind("\n") + 1], encoding="utf-8")
        return cls(path.open("a", encoding="utf-8"), path)

    def _write(self, record: dict[str, Any]) -> None:
        self.handle.write(json.dumps(record, separators=(",", ":")) + "\n")
        self.handle.flush()

    def action(self, n: int, action: Action) -> None:
        self._write({"type": "action", "n": n, "action": action_to_dict(action)})

    def end(self, state_hash: str) -> None:
        self._write({"type": "end", "hash": state_hash})

    def close(self) -> None:
        self.handle.close()


def read_log(path: Path, allow_partial_tail: bool = False) -> LogContents:
    """Parse a log; LogError names the first bad line. With ``allow_partial_tail`` a
    half-written last line (a killed game) is dropped instead of rejected."""
    try:
        if path.is_dir():
            raise LogError(f"{path}: is a directory; expected a move log (.jsonl)")
        if path.stat().st_size > MAX_LOG_BYTES:
            raise LogError(f"{path}: too large for a move log (more than {MAX_LOG_BYTES:,} bytes)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LogError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LogError(f"{path}: cannot read the log: {exc}") from None
    lines = text.split("\n")
    partial = bool(lines and lines[-1].strip())
    if partial and not allow_partial_tail:
        raise LogError(f"{path}:{len(lines)}: truncated log: the last line is incomplete")
    records = []
    for number, line in enumerate(lines[:-1], start=1):
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise LogError(f"{path}:{number}: not a log record ({exc.msg})") from None
    if not records or records[0][1].get("type") != "header":
        raise LogError(f"{path}:1: expected a header record; is this a Backchannel move log?")
    header = records[0][1]
    if header.get("version") != LOG_VERSION:
        raise LogError(f"{path}:1: log version {header.get('version')!r}; expected {LOG_VERSION}")
    for key, kind in (("scenario", str), ("scenario_sha256", str), ("seed", int), ("humans", list), ("strategies", dict)):
        if not isinstance(header.get(key), kind):
            raise LogError(f"{path}:1: header key {key!r}: expected {kind.__name__}, got {header.get(key)!r}")
    actions: list[Action] = []
    end_hash = None
    for number, record in records[1:]:
        if end_hash is not None:
            raise LogError(f"{path}:{number}: record after the end of the game")
        if not isinstance(record, dict):
            raise LogError(f"{path}:{number}: expected a JSON object")
        if record.get("type") == "end":
            end_hash = str(record.get("hash"))
            continue
        if record.get("type") != "action" or record.get("n") != len(actions):
            raise LogError(f"{path}:{number}: expected action number {len(actions)}")
        try:
            actions.append(action_from_dict(record["action"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise LogError(f"{path}:{number}: malformed action ({exc})") from None
    return LogContents(header, actions, end_hash, partial)


def schedule_of(header: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    """The instructor's scheduled events recorded in a log's header (none in most games)."""
    return tuple((str(event), int(round_no)) for event, round_no in header.get("injects") or ())


def restore(path: Path, allow_partial_tail: bool = False) -> tuple[LogContents, Scenario, State, np.random.Generator]:
    """Read a log and replay it: its contents, its scenario, the state reached and the generator in step.

    LogError/GameError name the line: a changed scenario file (line 1) or the first divergent action.
    """
    contents = read_log(path, allow_partial_tail)
    scenario_path = Path(contents.header["scenario"])
    scenario = load_scenario(scenario_path)
    if file_sha256(scenario_path) != contents.header["scenario_sha256"]:
        raise LogError(f"{path}:1: the scenario file {scenario_path} has changed since this game was played")
    try:
        state, rng = replay(scenario, contents.header["seed"], contents.actions, schedule_of(contents.header))
    except Divergence as exc:
        raise LogError(f"{path}:{exc.index + 2}: diverges: {exc}") from None
    return contents, scenario, state, rng
