"""A classroom session on disk: what ``classroom new`` writes and what ``play --session`` reads.

A *table* is one group of students playing one game's roles (a pair when the scenario has two
roles); a *seat* is one role at one table. Every seat has its own key (:mod:`game.classroom.signing`).

    DIR/session.json             the session: id, scenario, tables and their seeds,
                                 the AI persona of each role, the ``--opponent`` (the AI across the
                                 table from a student: :meth:`Session.ais_for`), when it was made
    DIR/scenario.yaml            the scenario, copied (the session does not depend on the install)
    DIR/seeds.csv                table, seed
    DIR/instructor/              session.key (checks every result; keep it from the students), the
                                 instructor's sheet (sheet.md, sheet.html), schedule.json (the planned
                                 events, ``--inject``: in no file a student reads; a seat's and a
                                 table's file carry them sealed with a seat key, so that play there
                                 fires them, each logged only when it fires:
                                 :func:`game.classroom.signing.seal_schedule`, :mod:`game.classroom.planned`)
    DIR/tables/table-K/          one folder per table, to play there (AI or hot-seat): table.json and
                                 scenario.yaml, and one seat folder per role:
    DIR/tables/table-K/ROLE/     seat.json, seat.key, scenario.yaml and the role's brief (.md, .html)
    DIR/briefs/table-K-ROLE.*    the role's brief alone: the face-to-face hand-out
    DIR/results/                 signed result files, one per finished game

What stays secret from whom: playing against the AI or hot-seat needs the whole scenario (the AI
and the compliance simulation use every side's values), so a seat folder holds it; only the
face-to-face hand-out (a brief alone) keeps the other side's values from a student. A seat folder
holds its own seat's key and no other; a table folder holds its seats' keys (for hot-seat).
``session.json`` is written last, so a half-made folder is never taken for a session.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import secrets
import shutil
import string
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from game.atomic import write_atomically
from game.classroom.signing import join_code, new_key, open_schedule, seal_schedule, seat_key
from game.errors import GameError
from game.model.limits import too_large_to_play
from game.model.scenario import Scenario
from game.safeio import Unreadable, read_bounded, read_json
from game.scenario.yamlsafe import MAX_BYTES as SCENARIO_BYTES
from game.scenario.loader import load_scenario
from game.session.personas import table_personas
from game.strategies.registry import DEFAULT, STRATEGIES
from game.words import count, suggest

FORMAT = 2           # 2: tables and seats, one key per seat; format 1 (pairs, one key per pair) is still opened
TIME = "%Y-%m-%dT%H:%M:%S%z"    # how a session and a game say when they began (as the move log's header does)
MAX_TABLES = 500
KEY_DIGITS = 64                 # signing.new_key: 32 random bytes in hexadecimal
SESSION_BYTES = 1024 * 1024     # session.json lists its tables, seats and personas: well under this


class SessionError(GameError):
    """A session folder that cannot be made or read, naming the file and what is wrong."""


@dataclass(frozen=True)
class Session:
    root: Path                          # the session folder, a table folder or a seat folder
    id: str
    scenario: Scenario
    scenario_sha256: str
    tables: tuple[tuple[int, int], ...]  # (table, seed)
    injects: tuple[tuple[str, int], ...]
    personas: Mapping[str, str] = field(default_factory=dict)   # role -> the AI strategy that counts
    kind: str = "session"               # session | table | seat
    seat: str | None = None             # the role of a seat folder
    legacy: bool = False                # a format-1 session: pairs with one shared key each
    made: str = ""                      # when 'classroom new' made it (UTC, ISO 8601); "" if made before this was kept
    opponent: str | None = None         # classroom new --opponent (None without one, or in an older session's file)

    @property
    def pairs(self) -> tuple[tuple[int, int], ...]:
        """The tables under their old name (a session of two roles seats pairs)."""
        return self.tables

    @property
    def roles(self) -> tuple[str, ...]:
        """Every role a table seats (each table plays every party of the scenario)."""
        return tuple(p.id for p in self.scenario.parties)

    def ais_for(self, humans: tuple[str, ...]) -> dict[str, str]:
        """The AI that counts for each seat no student takes at a table where students play ``humans``. With
        an ``opponent``, the rule of ``play --opponent`` (:func:`game.session.personas.table_personas`): the
        opponent across the table from a student, and a seat of a student's own government the AI a game
        gives it anyway (the scenario's, else the default). Without one (or from an older session's file,
        which named one AI per role), and in an AI preview (no students: ``classroom simulate``), each role's
        persona."""
        if self.opponent is None or not humans:
            return {r: self.personas[r] for r in self.roles if r not in humans}
        chosen = table_personas(self.scenario, humans, self.opponent)
        return {r: chosen[r].strategy for r in self.roles if r in chosen}

    def seed_of(self, table: int) -> int:
        for k, seed in self.tables:
            if k == table:
                return seed
        if len(self.tables) == 1:
            raise SessionError(f"{self.root}: this folder is table {self.tables[0][0]}'s, not table {table}'s")
        raise SessionError(f"{self.root}: no table {table}; the tables are 1 to {len(self.tables)}")

    def seat_dir(self, table: int, role: str) -> Path:
        if self.kind == "seat":
            return self.root
        if self.kind == "table":
            return self.root / role
        return self.root / "tables" / f"table-{table:02d}" / role

    def key_for(self, table: int, role: str) -> str:
        """The seat's key, from its seat folder; SessionError says which folder holds it when this one does not."""
        if self.legacy:
            raise SessionError(f"{self.root}: this session was made by an older version (one key per pair); "
                               "make a new one with 'classroom new' to play")
        if self.kind == "seat" and role != self.seat:
            raise SessionError(f"{self.root} is the {self.seat} seat's folder: it holds no key for the {role} seat, "
                               "so it cannot sign for that role (hot-seat plays from the table's folder)")
        path = self.seat_dir(table, role) / "seat.key"
        try:
            return read_key(path)
        except Unreadable as exc:
            raise SessionError(f"{path}: cannot read the {role} seat's key ({exc}); the result of the game "
                               "could not be signed, so nothing was played. Copy the seat's folder again from "
                               "the instructor") from None

    def results_dir(self) -> Path:
        return self.root / "results"


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def check_injects(scenario: Scenario, injects: list[tuple[str, int]]) -> None:
    known = {e.id for e in scenario.events}
    longest = max([p.protocol.rounds for p in scenario.phases] or [scenario.protocol.rounds])
    for event, round_no in injects:
        if event not in known:
            raise SessionError(f"--inject: {scenario.id} has no event {event!r}; its events are: "
                               f"{', '.join(sorted(known)) or 'none'}")
        if not 1 <= round_no <= longest:
            raise SessionError(f"--at-round: expected a round from 1 to {longest}, got {round_no}")


def session_personas(scenario: Scenario, opponent: str | None = None) -> dict[str, str]:
    """Each role's AI when the AI plays it across the table from a student, or in the seat the class server
    hands to the AI, or in a preview: ``opponent`` for every role, else the scenario's choice for the role,
    else the default persona (a seat of a student's own government: :meth:`Session.ais_for`)."""
    if opponent is not None and opponent not in STRATEGIES:
        raise SessionError(f"--opponent: unknown AI {opponent!r}{suggest(opponent, STRATEGIES)}")
    return {p.id: opponent or p.strategy or DEFAULT for p in scenario.parties}


def create_session(scenario_path: Path, tables: int, out: Path, seed: int | None = None,
                   injects: list[tuple[str, int]] | None = None, opponent: str | None = None) -> Session:
    """Make a session folder for ``tables`` tables of students (see the module docstring), built in a
    staging folder beside ``out`` and renamed into place only when complete."""
    scenario = load_scenario(scenario_path)
    why = too_large_to_play(scenario)
    if why is not None:
        raise SessionError(f"{scenario.path}: no table could play this scenario: {why}")
    source = Path(scenario.path)
    injects = list(injects or [])
    check_injects(scenario, injects)
    if not 1 <= tables <= MAX_TABLES:
        raise SessionError(f"--tables: expected 1 to {MAX_TABLES}, got {tables}")
    if (out / "session.json").exists():
        raise SessionError(f"{out}: already holds a session; choose another folder")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SessionError(f"{out}: exists and is not an empty folder")
    text = source.read_bytes()
    sha = hashlib.sha256(text).hexdigest()
    session_id = secrets.token_hex(6)
    seeds = np.random.default_rng(seed).integers(0, 2**31 - 1, tables)
    personas = session_personas(scenario, opponent)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)                     # as a plain mkdir would make it
    try:
        made = datetime.now(timezone.utc).strftime(TIME)
        spec = Session(staging, session_id, scenario, sha, tuple((k + 1, int(s)) for k, s in enumerate(seeds)),
                       tuple(injects), personas, made=made, opponent=opponent)
        _build(spec, text, scenario)
        if out.exists():
            out.rmdir()                                  # empty, checked above
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dataclasses.replace(spec, root=out)


def _build(spec: Session, text: bytes, scenario: Scenario) -> None:
    """Write a whole session into ``spec.root``, a staging folder that is renamed into place when complete
    (so a failure, a full disk, leaves no half-made session to block a retry or to be played)."""
    from game.classroom.briefs import instructor_sheet, role_brief
    out, session_id, sha, injects, personas = spec.root, spec.id, spec.scenario_sha256, spec.injects, spec.personas
    key = new_key()
    public = {"format": FORMAT, "id": session_id, "scenario": "scenario.yaml", "scenario_sha256": sha,
              "scenario_id": scenario.id, "tables": [list(p) for p in spec.tables],
              "personas": personas, "made": spec.made,
              "opponent": spec.opponent}
    write_atomically(out / "scenario.yaml", text)
    write_atomically(out / "instructor" / "session.key", (key + "\n").encode(), private=True)
    write_atomically(out / "instructor" / SCHEDULE, _json({"injects": [list(x) for x in injects]}))
    write_atomically(out / "seeds.csv", ("table,seed\n" + "".join(f"{k},{s}\n" for k, s in spec.tables)).encode())
    markdown, html_text = instructor_sheet(spec)
    write_atomically(out / "instructor" / "sheet.md", markdown.encode())
    write_atomically(out / "instructor" / "sheet.html", html_text.encode())
    (out / "results").mkdir(exist_ok=True)
    for k, table_seed in spec.tables:
        folder = out / "tables" / f"table-{k:02d}"
        mine = {**public, "tables": [[k, table_seed]], "table": k}
        first = seat_key(key, session_id, k, spec.roles[0])       # a table's folder: its first seat's key
        write_atomically(folder / "scenario.yaml", text)
        write_atomically(folder / "table.json", _json({**mine, "schedule": seal_schedule(first, injects)}))
        for role in spec.roles:
            seat = folder / role
            markdown, html_text = role_brief(spec, k, role, join_code(seat_key(key, session_id, k, role)))
            write_atomically(seat / "scenario.yaml", text)
            write_atomically(seat / "seat.key", (seat_key(key, session_id, k, role) + "\n").encode(), private=True)
            write_atomically(seat / f"brief-{role}.md", markdown.encode())
            write_atomically(seat / f"brief-{role}.html", html_text.encode())
            write_atomically(seat / "seat.json", _json({**mine, "seat": role, "schedule": seal_schedule(
                seat_key(key, session_id, k, role), injects)}))
            write_atomically(out / "briefs" / f"table-{k:02d}-{role}.md", markdown.encode())
            write_atomically(out / "briefs" / f"table-{k:02d}-{role}.html", html_text.encode())
    write_atomically(out / "session.json", _json(public))            # last: the folder is now a session


SCHEDULE = "schedule.json"      # in instructor/: the planned events (classroom new --inject E --at-round R)


def _planned(path: Path, kind: str, data: dict[str, Any], scenario: Scenario, plain: tuple[tuple[str, int], ...], sealed: object) -> tuple[tuple[str, int], ...]:
    """The planned events of the folder at ``path``: an older session's, written in plain in its file; else
    the instructor's folder's ``instructor/schedule.json``; else a seat's or a table's sealed copy, opened
    with the seat key beside it (a table's: its first seat's). A folder without its key gets none (play there
    stops for the missing key before any move)."""
    if "injects" in data:
        return plain
    if kind in ("session", "pair"):
        mine = path / "instructor" / SCHEDULE
        if not mine.exists():
            return ()
        try:
            listed = read_json(mine, SESSION_BYTES)["injects"]
            return tuple((str(e), int(r)) for e, r in listed)
        except (Unreadable, ValueError, KeyError, TypeError) as exc:
            raise SessionError(f"{mine}: not a readable list of planned events ({type(exc).__name__}: {exc})") from None
    if not isinstance(sealed, str):
        return ()
    holder = path if kind == "seat" else path / scenario.parties[0].id
    try:
        key = read_key(holder / "seat.key")
    except Unreadable:
        return ()
    opened = open_schedule(key, sealed)
    if opened is None:
        raise SessionError(f"{path / (kind + '.json')}: schedule: not sealed with this folder's seat key; the file "
                           "was changed since 'classroom new' wrote it")
    return opened


KINDS = (("session.json", "session"), ("table.json", "table"), ("seat.json", "seat"), ("pair.json", "pair"))


def open_session(path: Path) -> Session:
    """Read a session, table or seat folder (or an older session's pair folder); SessionError names
    the file and the problem."""
    odd = next((path / name for name, _ in KINDS if (path / name).exists() and not (path / name).is_file()), None)
    found = next(((path / name, kind) for name, kind in KINDS if (path / name).is_file()), None)
    if found is None and odd is not None:
        raise SessionError(f"{odd}: not a regular file (a folder, a pipe or a device); a session folder holds it "
                           "as a file written by 'classroom new'")
    if found is None:
        raise SessionError(f"{path}: not a classroom session (no session.json, table.json or seat.json); "
                           "make one with 'classroom new'")
    meta, kind = found
    try:
        data = read_json(meta, SESSION_BYTES)
        legacy = data.get("format") == 1
        tables = tuple((int(k), int(s)) for k, s in data["pairs" if legacy else "tables"])
        injects = tuple((str(e), int(r)) for e, r in data.get("injects") or ())   # an older session's, in plain
        sealed = data.get("schedule") if kind in ("seat", "table") else None
        session_id, sha = str(data["id"]), str(data["scenario_sha256"])
        personas = {str(k): str(v) for k, v in (data.get("personas") or {}).items()}
        seat = str(data["seat"]) if kind == "seat" else None
        made = data.get("made") if isinstance(data.get("made"), str) else ""
        opponent = data.get("opponent") if isinstance(data.get("opponent"), str) \
            and data["opponent"] in STRATEGIES else None
    except (Unreadable, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SessionError(f"{meta}: not a readable session file ({type(exc).__name__}: {exc})") from None
    wrong = _wrong_tables(tables)
    if wrong:
        raise SessionError(f"{meta}: {'pairs' if legacy else 'tables'}: {wrong}; the file was changed since "
                           "'classroom new' wrote it")
    scenario_file = path / "scenario.yaml"
    try:
        actual = hashlib.sha256(read_bounded(scenario_file, SCENARIO_BYTES)).hexdigest()
    except Unreadable as exc:
        raise SessionError(f"{scenario_file}: cannot read the session's scenario ({exc})") from None
    if actual != sha:
        raise SessionError(f"{scenario_file}: the scenario has changed since the session was made")
    scenario = load_scenario(scenario_file)
    injects = _planned(path, kind, data, scenario, injects, sealed)
    try:
        check_injects(scenario, list(injects))
    except SessionError as exc:
        raise SessionError(f"{meta}: injects: {str(exc).split(': ', 1)[1]}; the file was changed since "
                           "'classroom new' wrote it") from None
    chosen = {**session_personas(scenario), **{k: v for k, v in personas.items() if v in STRATEGIES}}
    if seat is not None and seat not in {p.id for p in scenario.parties}:
        raise SessionError(f"{meta}: seat {seat!r} is not a role of {scenario.id}")
    return Session(path, session_id, scenario, sha, tables, injects, chosen,
                   "session" if kind in ("session", "pair") else kind, seat, legacy, str(made),
                   str(opponent) if opponent is not None else None)


def _wrong_tables(tables: tuple[tuple[int, int], ...]) -> str | None:
    """What is wrong with a session file's (table, seed) list, or None: numbers 1 to MAX_TABLES, each
    once, seeds that a generator accepts (0 to 2**63 - 1)."""
    numbers = [k for k, _ in tables]
    if not tables:
        return "expected at least one table"
    if any(not 1 <= k <= MAX_TABLES for k in numbers):
        return f"expected table numbers from 1 to {MAX_TABLES}, found {min(numbers)} to {max(numbers)}"
    if len(set(numbers)) != len(numbers):
        return "a table is listed twice"
    if any(not 0 <= seed < 2**63 for _, seed in tables):
        return "expected seeds from 0 to 2**63 - 1"
    return None


def session_key(session: Session) -> str:
    path = session.root / "instructor" / "session.key"
    try:
        return read_key(path)
    except Unreadable as exc:
        raise SessionError(f"{path}: cannot read the session key ({exc}); this needs the "
                           "instructor's copy of the session folder") from None


def read_key(path: Path) -> str:
    """A key file as :func:`game.classroom.signing.new_key` writes it: 64 hexadecimal digits (a newline
    allowed), read through :func:`game.safeio.read_bounded` so a pipe or ``/dev/zero`` in its place is
    refused, not waited on or read without end; Unreadable says what is wrong."""
    raw = read_bounded(path, 256)
    key = raw.decode("ascii", "replace").strip()
    if len(key) != KEY_DIGITS or any(c not in string.hexdigits for c in key):
        raise Unreadable(f"not a key: expected {KEY_DIGITS} hexadecimal digits, found {count(len(key), 'character')}")
    return key
