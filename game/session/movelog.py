"""Move logs on disk: append-only JSON Lines, flushed after every line.

The format is described in :mod:`game.engine.record`. Writing flushes each
line as it is written, so killing the program loses at most the move in
flight. Reading names the first bad line of a truncated or edited log, and
treats the file as untrusted: only a regular file of at most
:data:`MAX_LOG_BYTES` is read, each line is bounded JSON (:mod:`game.safeio`),
the header's fields are checked for type and range, and the scenario it names
must be a ``.yaml``/``.yml`` file. Any bad content is a :class:`LogError`
naming ``file:line``, never another exception.
One game at a time writes a log (a writer lock), and a move is appended only
if its number follows the last one on disk.
"""

from __future__ import annotations

import dataclasses
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
    delta_from_dict,
    delta_to_dict,
)
from game.engine.record_shape import action_problem, deltas_problem, found
from game.engine.state import Delta, State
from game.errors import GameError
from game.model.scenario import Scenario
from game.paths import log_dir
from game.safeio import Unreadable, loads_json, read_bounded
from game.scenario.loader import SCENARIO_SUFFIXES, load_scenario
from game.session.lock import LogInUse, WriterLock
from game.session.logtail import LogError, ended, last_action_on_disk
from game.session.personas import (
    Handover,
    Persona,
    personas_for,
    personas_from_json,
    personas_to_json,
    verified_replay,
)
from game.strategies.registry import STRATEGIES
from game.words import shorten

MAX_LOG_BYTES = 16 * 1024 * 1024



class LogExists(LogError):
    """A new game's log would write over a file."""


@dataclass(frozen=True)
class LogContents:
    header: dict[str, Any]
    actions: list[Action]
    end_hash: str | None
    dropped_partial_line: bool
    deltas: list[tuple[Delta, ...]] | None = None   # per action; None for a log from before deltas
    # seats handed to the AI mid-game (the class server): (party, the AI's first move number, its persona
    # as recorded); read with their scenario by handovers_of
    handovers: tuple[tuple[str, int, Any], ...] = ()


def default_log_dir() -> Path:
    """Where games are saved by default: ``logs`` in the player's data folder (:func:`game.paths.log_dir`)."""
    return log_dir()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class MoveLog:
    """An open, append-only move log, held with its writer lock (:mod:`game.session.lock`) until closed.

    Every write first checks the log's last line on disk: a move is appended only if its number
    follows the last one there, so two programs can never interleave their moves in one log.
    """

    def __init__(self, handle: IO[str], path: Path, lock: WriterLock, last: int) -> None:
        self.handle = handle
        self.path = path
        self.lock = lock
        self.last = last            # the number of the last action written (-1: none yet)

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> MoveLog:
        """Start a new log; LogError if the file exists (a new game never writes over a file).

        A log is created with its header whole or not at all: whatever stops the header being written
        (Ctrl-C, a full disk) removes the file this call created and gives up the lock, so no empty or
        half-written log is left behind, and the caller owns an open log only once this returns."""
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = WriterLock(path)
        lock.acquire()
        handle: IO[str] | None = None
        try:
            handle = path.open("x", encoding="utf-8")
            log = cls(handle, path, lock, -1)
            log._write({"type": "header", "version": LOG_VERSION, "deltas": 1, **header})
        except FileExistsError:
            lock.release()
            raise LogExists(f"{path}: already exists; a new game never writes over a file") from None
        except BaseException as exc:
            _abandon(path, handle, lock)
            if isinstance(exc, OSError):
                raise LogError(f"{path}: cannot write the move log ({exc.strerror or exc})") from None
            raise
        return log

    @classmethod
    def create_fresh(cls, stem: Path, header: dict[str, Any]) -> MoveLog:
        """Start a new log at ``STEM.jsonl``, or ``STEM-2.jsonl``, ``STEM-3.jsonl``... when that name is
        taken (two games of one scenario and seed started in the same second)."""
        for n in range(1, 1000):
            path = stem.with_name(f"{stem.name}{'' if n == 1 else f'-{n}'}.jsonl")
            try:
                return cls.create(path, header)
            except (LogExists, LogInUse):
                continue
        raise LogError(f"{stem}: no free name for a new move log")

    @classmethod
    def append_to(cls, path: Path, drop_partial: bool, moves: int) -> MoveLog:
        """Reopen a log read with ``moves`` actions to continue it (dropping a half-written last line
        first). :class:`~game.session.lock.LogInUse` if another game has it open; LogError if it
        changed since it was read."""
        lock = WriterLock(path)
        lock.acquire()
        try:
            if drop_partial:
                text = path.read_text(encoding="utf-8")
                path.write_text(text[: text.rfind("\n") + 1], encoding="utf-8")
            last = last_action_on_disk(path)
            if last != moves - 1:
                raise LogError(f"{path}: the log changed since it was read (it now ends at move {last}, not "
                               f"{moves - 1}); resume it again")
            handle = path.open("a", encoding="utf-8")
        except BaseException:
            lock.release()
            raise
        return cls(handle, path, lock, last)

    def _write(self, record: dict[str, Any]) -> None:
        self.handle.write(json.dumps(record, separators=(",", ":")) + "\n")
        self.handle.flush()

    def _follows(self, n: int | None) -> None:
        """Refuse to write unless the log on disk still ends where this game left it (and ``n`` follows)."""
        on_disk = last_action_on_disk(self.path)
        if on_disk != self.last or (n is not None and n != on_disk + 1):
            what = "the end of the game" if n is None else f"move {n}"
            raise LogError(f"{self.path}: refusing to write {what}: the last move in the log on disk is {on_disk}"
                           f"{'' if on_disk == self.last else f', not {self.last} (another program wrote to it)'}")

    def action(self, n: int, action: Action, deltas: tuple[Delta, ...] = ()) -> None:
        """Append move ``n`` and the effects it recorded (``deltas``: before -> after)."""
        self._follows(n)
        record: dict[str, Any] = {"type": "action", "n": n, "action": action_to_dict(action)}
        if deltas:
            record["deltas"] = [delta_to_dict(d) for d in deltas]
        self._write(record)
        self.last = n

    def handover(self, party: str, persona: Persona) -> int:
        """Record that the AI ``persona`` plays ``party`` from the next move on (the class server hands it
        the seat of a student who left); returns that move's number."""
        start = self.last + 1
        self._follows(start)
        self._write({"type": "handover", "party": party, "from": start,
                     "persona": personas_to_json({party: persona})[party]})
        return start

    def end(self, state_hash: str) -> None:
        self._follows(None)
        self._write({"type": "end", "hash": state_hash})

    def close(self) -> None:
        """Close the log and give up its lock (again: nothing)."""
        self.handle.close()
        self.lock.release()


def _abandon(path: Path, handle: IO[str] | None, lock: WriterLock) -> None:
    """Undo a :meth:`MoveLog.create` that did not finish: close and remove the file it created (``handle``
    None: it created none), then give up the lock, so that no other game takes the name meanwhile."""
    try:
        if handle is not None:
            handle.close()
            path.unlink(missing_ok=True)
    except OSError:
        pass                         # the error being raised says what went wrong; this one adds nothing
    finally:
        lock.release()


def read_log(path: Path, allow_partial_tail: bool = False) -> LogContents:
    """Parse a log; LogError names the first bad line. With ``allow_partial_tail`` a
    half-written last line (a killed game) is dropped instead of rejected."""
    try:
        text = read_bounded(path, MAX_LOG_BYTES).decode("utf-8")
    except Unreadable as exc:
        reason = str(exc).replace("too large", "too large for a move log")
        raise LogError(f"{path}: {reason}" + ("; expected a move log (.jsonl)" if "directory" in reason else "")) \
            from None
    except UnicodeDecodeError as exc:
        raise LogError(f"{path}: cannot read the log: not UTF-8 text ({exc.reason})") from None
    lines = text.split("\n")
    partial = bool(lines and lines[-1].strip())
    if partial and (not allow_partial_tail or len(lines) == 1):     # a header cut short is not dropped: it is the log
        cut = " (it is the header: the log was cut before its first move)" if len(lines) == 1 else ""
        raise LogError(f"{path}:{len(lines)}: truncated log: the last line is incomplete{cut}")
    records = []
    for number, line in enumerate(lines[:-1], start=1):
        try:
            records.append((number, loads_json(line)))
        except Unreadable as exc:
            raise LogError(f"{path}:{number}: not a log record ({exc})") from None
    if not records or not isinstance(records[0][1], dict) or records[0][1].get("type") != "header":
        raise LogError(f"{path}:1: expected a header record; is this a Backchannel move log?")
    header = records[0][1]
    _check_header(path, header)
    actions: list[Action] = []
    deltas: list[tuple[Delta, ...]] = []
    end_hash = None
    handovers: list[tuple[str, int, Any]] = []
    for number, record in records[1:]:
        if end_hash is not None:
            raise LogError(f"{path}:{number}: record after the end of the game")
        if not isinstance(record, dict):
            raise LogError(f"{path}:{number}: expected a JSON object")
        if record.get("type") == "end":
            end_hash = str(record.get("hash"))
            continue
        if record.get("type") == "handover":
            party = record.get("party")
            if not isinstance(party, str) or record.get("from") != len(actions) or \
                    party in {h[0] for h in handovers}:
                raise LogError(f"{path}:{number}: malformed handover (expected a party handed to the AI once, "
                               f"from action number {len(actions)})")
            handovers.append((party, len(actions), record.get("persona")))
            continue
        if record.get("type") != "action" or record.get("n") != len(actions):
            raise LogError(f"{path}:{number}: expected action number {len(actions)}")
        # the shape first (a key, what it should hold, what it holds), never Python's words (a class trial)
        problem = action_problem(record.get("action")) or deltas_problem(record.get("deltas"))
        if problem is not None:
            raise LogError(f"{path}:{number}: malformed action: {problem}")
        try:
            actions.append(action_from_dict(record["action"]))
            deltas.append(tuple(delta_from_dict(d) for d in record.get("deltas") or ()))
        except (KeyError, TypeError, ValueError, OverflowError, AttributeError):      # a number out of range
            raise LogError(f"{path}:{number}: malformed action: key 'action': a value out of range, found "
                           f"{found(record.get('action'))}") from None
    return LogContents(header, actions, end_hash, partial, deltas if header.get("deltas") else None,
                       tuple(handovers))


def _check_header(path: Path, header: dict[str, Any]) -> None:
    """Types and ranges of the header's fields (LogError at line 1)."""
    if header.get("version") != LOG_VERSION:
        raise LogError(f"{path}:1: log version {header.get('version')!r}; expected {LOG_VERSION}")
    for key, kind in (("scenario", str), ("scenario_sha256", str), ("seed", int), ("humans", list), ("strategies", dict)):
        if not isinstance(header.get(key), kind) or isinstance(header.get(key), bool):
            raise LogError(f"{path}:1: header key {key!r}: expected {kind.__name__}, "
                           f"got {shorten(repr(header.get(key)), 40)}")
    if header["seed"] < 0:
        raise LogError(f"{path}:1: header key 'seed': expected a whole number >= 0, got {header['seed']}")
    if not all(isinstance(h, str) for h in header["humans"]):
        raise LogError(f"{path}:1: header key 'humans': expected a list of party ids, "
                       f"got {shorten(repr(header['humans']), 40)}")
    for party, name in header["strategies"].items():
        if not isinstance(name, str) or name not in STRATEGIES:
            raise LogError(f"{path}:1: header key 'strategies': {party!r} is played by {shorten(repr(name), 40)}; "
                           f"expected one of: {', '.join(sorted(STRATEGIES))}")
    if not isinstance(header.get("events", True), bool):   # the talks' events on/off; absent (older logs): on
        raise LogError(f"{path}:1: header key 'events': expected true or false, got {shorten(repr(header['events']), 40)}")
    injects = header.get("injects")
    if injects is not None and not (isinstance(injects, list) and all(
            isinstance(i, list) and len(i) == 2 and isinstance(i[0], str) and isinstance(i[1], int)
            and not isinstance(i[1], bool) and i[1] >= 1 for i in injects)):
        raise LogError(f"{path}:1: header key 'injects': expected a list of [event id, round >= 1] pairs, got "
                       f"{shorten(repr(injects), 40)}")


def schedule_of(header: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    """The instructor's scheduled events recorded in a log's header (none in most games)."""
    return tuple((str(event), int(round_no)) for event, round_no in header.get("injects") or ())


def personas_of(header: dict[str, Any], scenario: Scenario) -> dict[str, Persona]:
    """The AI persona of every delegation the log's humans do not play: as recorded, or, in a log
    written before personas were recorded, as the game chose them (its ``strategies`` overrides,
    else the scenario's, else the default). GameError when the header names an unknown party or AI."""
    humans = header.get("humans") or []
    ids = {p.id for p in scenario.parties}
    unknown = [h for h in [*humans, *(header.get("strategies") or {})] if h not in ids]
    if unknown:
        raise GameError(f"{unknown[0]!r} is not a party of {scenario.id}")
    if "personas" in header:
        personas = personas_from_json(header["personas"], scenario)
        missing = ids - set(humans) - set(personas)
        if missing:
            raise GameError(f"personas: no AI recorded for {', '.join(sorted(missing))}, which no human plays")
        return personas
    overrides = header.get("strategies") or {}
    if any(not isinstance(v, str) for v in overrides.values()):
        raise GameError("strategies: expected strategy names")
    made = personas_for(scenario, humans, overrides)
    personas_from_json({pid: {"strategy": p.strategy} for pid, p in made.items()}, scenario)   # known names only
    return made


def handovers_of(contents: LogContents, scenario: Scenario) -> dict[str, Handover]:
    """The seats the log says were handed to the AI, by party; GameError when one names a party no human
    played or an unknown AI."""
    out = {}
    for party, start, persona in contents.handovers:
        if party not in contents.header["humans"]:
            raise GameError(f"the seat of {party!r} is handed to the AI, but no human played it")
        out[party] = Handover(party, start, personas_from_json({party: persona}, scenario)[party])
    return out


def played_personas(contents: LogContents, scenario: Scenario) -> dict[str, Persona]:
    """Every AI that played in the log's game: the personas of the seats no human played
    (:func:`personas_of`), and those of the seats handed to the AI mid-game (:func:`handovers_of`)."""
    return {**personas_of(contents.header, scenario), **{p: h.persona for p, h in handovers_of(contents, scenario).items()}}


def restore(path: Path, allow_partial_tail: bool = False,
            scenario_file: Path | None = None,
            whys: dict[int, str] | None = None) -> tuple[LogContents, Scenario, State, np.random.Generator]:
    """Read a log and replay it: its contents, its scenario, the state reached and the generator in step.
    Every AI delegation's move is re-derived from its recorded persona (:func:`personas_of`): an edited
    AI move is rejected like an edited chance move. ``scenario_file`` replaces the header's scenario path
    (``replay``'s fallback to a shipped file; its SHA-256 is checked against the header's all the same).
    ``whys``, if given, receives the AI moves' reasons as the replay re-derives them (:func:`verified_replay`).

    LogError/GameError name the line: a changed scenario file (line 1) or the first divergent action.
    """
    contents = read_log(path, allow_partial_tail)
    scenario_path = scenario_file if scenario_file is not None else Path(contents.header["scenario"])
    if scenario_path.suffix not in SCENARIO_SUFFIXES:
        raise LogError(f"{path}:1: the scenario this log names ({str(scenario_path)!r}) is not a scenario file "
                       "(expected .yaml or .yml)")
    scenario = load_scenario(scenario_path)
    if contents.header.get("events", True) is False:     # 'simulate --no-events': replayed as it was played
        scenario = dataclasses.replace(scenario, events=())
    parties = {p.id for p in scenario.parties}
    strangers = [h for h in [*contents.header["humans"], *contents.header["strategies"]] if h not in parties]
    if strangers:
        raise LogError(f"{path}:1: the header names {strangers[0]!r}, which is no party of {scenario.id!r} "
                       f"(parties: {', '.join(sorted(parties))})")
    if file_sha256(scenario_path) != contents.header["scenario_sha256"]:
        raise LogError(f"{path}:1: the scenario file {scenario_path} has changed since this game was played")
    try:
        personas = played_personas(contents, scenario)
        handovers = handovers_of(contents, scenario)
    except GameError as exc:
        raise LogError(f"{path}:1: {exc}") from None
    try:
        state, rng = verified_replay(scenario, contents.header["seed"], contents.actions,
                                     schedule_of(contents.header), personas, contents.deltas,
                                     {p: h.start for p, h in handovers.items()}, whys)
    except Divergence as exc:
        raise LogError(f"{path}:{exc.index + 2}: diverges: {exc}{human_suspects(contents, exc.index)}. {CHANGED}") from None
    return contents, scenario, state, rng


CHANGED = ("The log was changed after the game wrote it (or another version of the game wrote it), so it cannot be "
           "replayed or resumed.")


def human_suspects(contents: LogContents, before: int) -> str:
    """Where else to look when a replay diverges at move ``before`` (or, ``before`` = every move, only at the
    end): every chance move, AI move and effect is checked at its own line as the log replays, but a human's
    move is the log's input, with no state beside it to check, so a changed one shows only later, where an AI
    answers it otherwise or at the end. The lines of the humans' moves before it (line = move + 2, after the
    header), the first six; '' where there is none."""
    humans = contents.header.get("humans") or []
    lines = [n + 2 for n, a in enumerate(contents.actions[:before]) if getattr(a, "party", None) in humans]
    if not lines:
        return ""
    shown = ", ".join(str(n) for n in lines[:6]) + (f", … ({len(lines)} in all)" if len(lines) > 6 else "")
    return (f"; a human's move before it may have been changed, which the log cannot check at its line: the "
            f"humans' moves are on line{'s' if len(lines) > 1 else ''} {shown}")
