"""Checking result files for the debrief: every file is accepted or rejected with its reason.

A result is checked, in order: that it is a result file at all (a regular file, small, JSON of the
right kind and format), that it belongs to this session and to one of its tables, that what it
claims is consistent (a game against the AI speaks for one seat, hot-seat for its two or more
humans -- a campaign table of three or four students on the class server --, face to face for every role), that it holds a valid signature *of every seat it speaks for*, each
made with that seat's key, and that its moves replay from the table's seed to its recorded end:
chance moves against the seed, and every AI delegation's move against its recorded persona, re-run
at each of its turns (:func:`game.session.personas.verified_replay`), so an AI that "accepted" a
package it would not have accepted is caught at that move. The numbers the debrief shows are those
of the replayed game. An event the instructor injected on the class server is one move of the game
(rule 15), accepted when it carries the instructor's seal for this game (made with the session key,
:func:`game.classroom.signing.inject_seal`) in a result the instructor's side sealed whole, and replayed
like any other: its effects are the rules'. So is the instructor's end of the talks (rule 16,
:func:`game.classroom.signing.end_seal`): the AI's final response after it is re-run like any of its
moves. A game played from a seat folder holds neither (:mod:`game.classroom.instructed`). It holds instead
each event the instructor planned (``classroom new --inject``) as a move sealed ``planned`` right after its
round opens, checked against the instructor's schedule: a planned event dropped from its log, or one not
planned there, is rejected (:func:`game.classroom.planned.planned_error`).

A result the class server wrote may say which seats of its table no student took (the session's AI
played them); that claim is accepted only with the class server's seal, made with the session key
for that game (:func:`game.classroom.signing.not_taken_seal`), so a student cannot say that their
seat was empty to escape a grade. A table nobody joined has no result: the class server's sealed
marker says so instead (:mod:`game.classroom.unplayed`), read here with the results
(:func:`read_class`); a forged or contradicted marker is rejected with its reason. A seat the
instructor handed to the AI mid-game (its student had left) is accepted only with the class
server's seal too (:func:`game.classroom.signing.ai_from_seal`): its moves before that move are
the student's, and from it on its AI's, re-run like any other.

A result the instructor's side wrote (the class server, ``classroom enter``, ``classroom simulate``)
carries that side's seal over all of it (:func:`game.classroom.signing.result_seal`): a seal that does
not match, or a face-to-face result without one, is rejected. A game played from a seat folder carries
instead each seat's game number (:mod:`game.classroom.chain`), which decides its seed: it replays with
the dice of that number or not at all, and a format-4 one without a number is rejected. A result whose
figures differ from its replay is accepted (its replayed figures are used) and marked ``edited``
(:mod:`game.classroom.figures`), for the debrief's flags (:mod:`game.classroom.flags`).

A result whose AI persona is not the one the session counts (``play --opponent``, ``classroom
simulate --a``) is accepted but set apart (``apart`` says why). Results of formats 1 and 2
(pairs, one key shared by both students) are still read: their AIs are the session's personas,
and ``legacy`` marks that either student of the pair could have signed them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom.chain import Number, game_seed, numbers_from_json
from game.classroom.claimed import claimed
from game.classroom.figures import edited_fields
from game.classroom.folder import Session
from game.classroom.instructed import instructed_moves
from game.classroom.planned import is_planned, planned_error
from game.classroom.results import ENTERED_BY, FORMAT, KIND, MODES, SERVED, result_record
from game.classroom.signing import (
    pair_key,
    seat_key,
    verify,
    verify_ai_from,
    verify_not_taken,
    verify_result_seal,
    verify_seat,
)
from game.classroom.unplayed import NotPlayed, check_marker, contradicted, is_marker
from game.engine.record import Divergence, action_from_dict, state_hash
from game.engine.record_shape import action_problem, found
from game.engine.result import GameResult, game_result
from game.engine.state import Stage, State
from game.errors import GameError
from game.safeio import Unreadable, read_json
from game.session.personas import Persona, personas_from_json, verified_replay

MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Accepted:
    path: Path
    table: int
    side: str                        # who played it (a role), or who entered it (face to face)
    seats: tuple[str, ...]           # the roles it speaks for
    mode: str
    personas: Mapping[str, Persona]  # every AI delegation's persona
    started: str                     # when the game started (as the player's clock said), "" if unknown
    state: State                     # the replayed game
    result: GameResult               # its numbers, from the engine
    legacy: bool = False             # format 1 or 2: signed with the pair's shared key
    apart: str | None = None         # why it is not counted (another AI than the session's)
    not_taken: tuple[str, ...] = ()  # the seats no student took on the class server (sealed by it)
    # the seats the class server handed to the AI mid-game (their student had left; sealed by it), each with
    # the number (0-based) of the AI's first move
    ai_from: Mapping[str, int] = field(default_factory=dict)
    edited: tuple[str, ...] = ()     # the figures that differ from the replay's (game.classroom.figures)
    version: str = ""                # the version of the game that says it wrote the file
    sealed: bool = False             # written and sealed by the instructor's side (server, enter, simulate)
    format: int = FORMAT             # the result's format (older ones are still read)
    numbers: Mapping[str, Number] = field(default_factory=dict)   # each seat's game number (game.classroom.chain)
    copy_of: Path | None = None      # a copy of this game read before, which says it started otherwise
    copies: int = 0                  # how many more files held this same game (counted once: duplicates)

    @property
    def pair(self) -> int:
        return self.table


@dataclass(frozen=True)
class Rejected:
    path: Path
    reason: str
    table: int | None = None              # the table and seats a student's result claims, when it got that far
    seats: tuple[str, ...] = ()           # (unverified: what the file says, for the debrief's flags)


@dataclass(frozen=True)
class Reading:
    """What a class's files say: the results accepted, the files rejected with their reasons, the
    duplicates (counted once), the tables the class server sealed as not played
    (:mod:`game.classroom.unplayed`), and every result, accepted or a duplicate, whose figures differ
    from the replay of its own moves or that contradicts a copy of its game (``edited``: the debrief
    flags them)."""

    accepted: list[Accepted]
    rejected: list[Rejected]
    duplicates: list[Path]
    not_played: list[NotPlayed]
    edited: list[Accepted] = field(default_factory=list)

    @property
    def unplayed(self) -> frozenset[int]:
        return frozenset(m.table for m in self.not_played)


def read_class(session: Session, key: str, paths: list[Path]) -> Reading:
    """Read the result files and not-played markers ``paths``: a file whose game (seats, end state and
    game numbers) was already read is a duplicate, counted once, as is a second marker of a table; a
    duplicate that says the game started at another time (or after another game) than the copy read
    first names that copy (``copy_of``: one of the two was edited); of two copies whose figures were
    edited in one (it differs from its own replay), the other counts, whatever the files' names; the
    counted one says how many copies came (``copies``); a marker of a table that holds a student's
    result (not a simulated preview) is rejected."""
    accepted: list[Accepted] = []
    rejected: list[Rejected] = []
    duplicates: list[Path] = []
    markers: list[NotPlayed] = []
    edited: list[Accepted] = []
    seen: dict[tuple[int, tuple[str, ...], str, tuple[tuple[str, int], ...]], Accepted] = {}
    for path in paths:
        try:
            outcome = _check(session, key, path)
        except (RecursionError, ValueError, TypeError, KeyError, OverflowError, GameError) as exc:
            outcome = Rejected(path, f"malformed ({type(exc).__name__}: {exc})")
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            continue
        if isinstance(outcome, NotPlayed):
            if any(m.table == outcome.table for m in markers):
                duplicates.append(path)
            else:
                markers.append(outcome)
            continue
        identity = (outcome.table, outcome.seats, state_hash(outcome.state),
                    tuple(sorted((seat, n.number) for seat, n in outcome.numbers.items())))
        copy = seen.get(identity)
        if copy is not None and (copy.started, copy.numbers) != (outcome.started, outcome.numbers):
            outcome = dataclasses.replace(outcome, copy_of=copy.path)      # one of the two was edited
        if outcome.edited or outcome.copy_of is not None:
            edited.append(outcome)
        if copy is not None:
            if copy.edited and not outcome.edited:       # the untouched copy counts, whatever the files' names
                outcome = dataclasses.replace(outcome, copies=copy.copies + 1)
                accepted[_at(accepted, copy)] = seen[identity] = outcome
                duplicates.append(copy.path)
            else:
                accepted[_at(accepted, copy)] = seen[identity] = dataclasses.replace(copy, copies=copy.copies + 1)
                duplicates.append(path)
            continue
        seen[identity] = outcome
        accepted.append(outcome)
    played = {a.table: a.path.name for a in reversed(accepted) if a.mode != "simulated"}
    kept, refused = contradicted(markers, played)
    return Reading(accepted, rejected + [Rejected(path, why) for path, why in refused], duplicates, kept, edited)


def _at(accepted: list[Accepted], result: Accepted) -> int:
    """The index of ``result`` itself in ``accepted`` (by identity: results hold arrays)."""
    return next(i for i, a in enumerate(accepted) if a is result)


def read_results(session: Session, key: str, paths: list[Path]) -> tuple[list[Accepted], list[Rejected], list[Path]]:
    """(accepted, rejected with reasons, duplicates) among the result files ``paths`` (:func:`read_class`
    without the tables sealed as not played)."""
    reading = read_class(session, key, paths)
    return reading.accepted, reading.rejected, reading.duplicates


def _read(path: Path) -> Any:
    """The JSON in a regular file of at most MAX_BYTES, with bounded nesting and numbers
    (:mod:`game.safeio`; Unreadable otherwise)."""
    return read_json(path, MAX_BYTES)


def _not_taken(session: Session, key: str, record: dict[str, Any], table: int,
               humans: tuple[str, ...]) -> tuple[str, ...] | str:
    """The seats the record says no student took on the class server (none if it says nothing), or why
    that claim is refused: only the class server, which holds the session key, can seal it
    (:func:`game.classroom.signing.not_taken_seal`), for the game that ended at the record's end."""
    if "not_taken" not in record:
        return ()
    claim, mode = record["not_taken"], record.get("mode")
    roles = claim.get("seats") if isinstance(claim, dict) else None
    seal = claim.get("seal") if isinstance(claim, dict) else None
    if not isinstance(roles, list) or not roles or not isinstance(seal, str) or \
            not all(isinstance(r, str) and r in session.roles for r in roles) or len(set(roles)) != len(roles):
        return "malformed: its not_taken entry does not name seats of this session with the class server's seal"
    if record.get("format") not in (3, FORMAT) or mode not in SERVED:
        return f"a {mode} result cannot say that a seat was not taken on the class server"
    played = [r for r in roles if r in humans]
    if played:
        return f"it says no student took the {', '.join(played)} seat of table {table}, which a student played"
    if not verify_not_taken(key, session.id, table, roles, str(record.get("end_hash")), seal):
        return (f"it says no student took the {', '.join(roles)} seat of table {table} on the class server, "
                "without the class server's seal: a student cannot say that a seat was empty (edited, or "
                "the seal of another game)")
    return tuple(roles)


def _ai_from(session: Session, key: str, record: dict[str, Any], table: int,
             humans: tuple[str, ...]) -> dict[str, int] | str:
    """The seats the record says the class server handed to the AI mid-game (none if it says nothing), each
    with the AI's first move, or why that claim is refused: only the class server can seal it
    (:func:`game.classroom.signing.ai_from_seal`), for seats students played, in the game that ended at
    the record's end."""
    if "ai_from" not in record:
        return {}
    claim = record["ai_from"]
    seats = claim.get("seats") if isinstance(claim, dict) else None
    seal = claim.get("seal") if isinstance(claim, dict) else None
    if not isinstance(seats, dict) or not seats or not isinstance(seal, str) or \
            not all(r in humans and type(n) is int and n >= 0 for r, n in seats.items()):
        return "malformed: its ai_from entry does not name seats students played, each with a move number"
    if record.get("format") != FORMAT or record.get("mode") not in SERVED:
        return f"a {record.get('mode')} result cannot say that the AI took over a seat on the class server"
    if not verify_ai_from(key, session.id, table, seats, str(record.get("end_hash")), seal):
        return (f"it says the AI played the {', '.join(seats)} seat of table {table} from a move on, without the "
                "class server's seal (edited, the seal of another game, or written away from the instructor's "
                "folder: 'classroom result LOG' there writes it again)")
    return {str(r): int(n) for r, n in seats.items()}
def _sealed(session: Session, key: str, record: dict[str, Any]) -> bool | str:
    """Whether the record carries the instructor's side's seal (:func:`game.classroom.signing.result_seal`),
    or why it is refused: a seal that does not match (the file was edited after that side wrote it, or
    the seal copied from another result), or a face-to-face result without one, of format 4 or of a
    session made by a version that seals every entry (it was signed with the seat keys of a table's
    folder, not entered with ``classroom enter``)."""
    if "seal" in record:
        if record.get("format") != FORMAT or not verify_result_seal(key, session.id, record):
            return ("its instructor's seal does not match: the file was edited after the instructor's side (the "
                    "class server, 'classroom enter' or 'classroom simulate') wrote it, or the seal was copied")
        return True
    if record.get("mode") == "face-to-face" and (record.get("format") == FORMAT or session.made):
        return ("a face-to-face result is entered in the instructor's folder, which seals it; this one has no seal: "
                "it was signed with the seat keys of a table's folder, not entered with 'classroom enter'")
    return False


def _numbers(record: dict[str, Any], seats: tuple[str, ...], sealed: bool) -> dict[str, Number] | str:
    """The game numbers of a result played from a seat folder (:mod:`game.classroom.chain`), none for the
    others, or why they are refused: a format-4 student's game without them (they were removed), or a
    result that the instructor's side wrote (or an older one) with them."""
    student = record.get("mode") in SERVED and not sealed
    if "games" not in record:
        if student and record.get("format") == FORMAT:
            return ("a game played from a seat folder carries its game number (format 4); this one has none: it "
                    "was removed")
        return {}
    if not student or record.get("format") != FORMAT:
        return "malformed: only a game played from a seat folder (format 4) is numbered"
    numbers = numbers_from_json(record["games"], seats)
    return f"malformed: {numbers}" if isinstance(numbers, str) else numbers


def _moves_problem(moves: Any) -> str | None:
    """What is wrong with a result's ``moves`` (a key, what it should hold, what it holds), or None."""
    if not isinstance(moves, list):
        return f"key 'moves': expected a list of moves, found {found(moves)}"
    return next((p for i, move in enumerate(moves) if (p := action_problem(move, f"moves[{i}]")) is not None), None)


def _games(numbers: Mapping[str, Number]) -> str:
    """'game 2 of the us seat' (and of each other seat numbered)."""
    return " and ".join(f"game {n.number} of the {seat} seat" for seat, n in numbers.items())


def _check(session: Session, key: str, path: Path) -> Accepted | Rejected | NotPlayed:
    try:
        record = _read(path)
    except Unreadable as exc:
        kind = "malformed" if str(exc).startswith("not JSON") else "unreadable"
        return Rejected(path, f"{kind}: {exc}; truncated or edited?")
    except UnicodeDecodeError:
        return Rejected(path, "unreadable: not UTF-8 text")
    if is_marker(record):
        marker = check_marker(session, key, path, record)
        return Rejected(path, marker) if isinstance(marker, str) else marker
    if not isinstance(record, dict) or record.get("kind") != KIND or record.get("format") not in (1, 2, 3, FORMAT):
        return Rejected(path, "malformed: not a Backchannel result file")
    legacy = record["format"] in (1, 2)
    if record.get("session") != session.id:
        return Rejected(path, f"belongs to another session ({record.get('session')!r}, not {session.id!r})")
    table, side, mode = record.get("pair" if legacy else "table"), record.get("side"), record.get("mode")
    if not isinstance(table, int) or table not in {k for k, _ in session.tables}:
        return Rejected(path, f"names no table of this session (table {table!r})")
    sides = set(session.roles) | ({ENTERED_BY} if mode == "face-to-face" and not legacy else set())
    if side not in sides or mode not in MODES:
        return Rejected(path, f"malformed: side {side!r} or mode {mode!r} is not one of this session's")
    claims = claimed(session, key, record, legacy)
    if isinstance(claims, str):
        return Rejected(path, claims)
    humans, seats = claims
    if legacy:
        if not verify(record, pair_key(key, session.id, table)):
            return Rejected(path, "signature does not match: the file was edited, or signed with another key",
                            table, seats if mode != "simulated" else ())
    else:
        for seat in seats:
            if not verify_seat(record, seat, seat_key(key, session.id, table, seat)):
                return Rejected(path, f"no valid signature of the {seat} seat of table {table}: the file was edited, "
                                      "or signed with another seat's key", table, seats if mode != "simulated" else ())
    not_taken = _not_taken(session, key, record, table, humans)
    if isinstance(not_taken, str):
        return Rejected(path, not_taken)
    ai_from = _ai_from(session, key, record, table, humans)
    if isinstance(ai_from, str):
        return Rejected(path, ai_from)
    sealed = _sealed(session, key, record)
    if isinstance(sealed, str):
        return Rejected(path, sealed)
    numbers = _numbers(record, seats, sealed)
    if isinstance(numbers, str):
        return Rejected(path, numbers)
    try:
        personas = {p: Persona(session.personas[p]) for p in session.roles if p not in humans} if legacy else \
            personas_from_json(record.get("personas"), session.scenario)
    except GameError as exc:
        return Rejected(path, f"malformed: {exc}")
    if set(personas) != (set(session.roles) - set(humans)) | set(ai_from):
        return Rejected(path, "malformed: it does not name the AI of every delegation no human played")
    moves, shape = record.get("moves"), _moves_problem(record.get("moves"))
    if shape is not None or not isinstance(moves, list):
        return Rejected(path, f"malformed moves: {shape}")
    try:
        actions = [action_from_dict(a) for a in moves]
        instructed = instructed_moves(key, session.id, table, actions, sealed is True and mode in SERVED)
        if instructed is not None:
            return Rejected(path, instructed)
        # planned events (classroom new --inject): a student's game holds them as moves, each where the instructor's
        # schedule says, and replays without the plan; an older one (and the instructor's side's) fired them at
        # the round's start, and replays with it (game.classroom.planned)
        planned = planned_error(session.scenario, actions, session.injects) if sealed is not True else None
        if planned is not None:
            return Rejected(path, planned)
        schedule = () if any(is_planned(a) for a in actions) else session.injects
        seed = game_seed(session.seed_of(table), numbers)
        state, _ = verified_replay(session.scenario, seed, actions, schedule, personas, since=ai_from)
    except Divergence as exc:
        return Rejected(path, f"its moves do not replay (move {exc.index + 1}: {exc})" + (
            f", with the dice of {_games(numbers)}, which its number decides: a game given another number does not "
            "replay" if numbers else ""))
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        return Rejected(path, f"malformed moves ({type(exc).__name__}: {exc})")
    # A format-1 result's end hash holds the compliance figures of the model before format 2 (the
    # cheater's gains, intact); its signed moves still replay, and its numbers are recomputed.
    if state.stage is not Stage.OVER or (record["format"] != 1 and state_hash(state) != record.get("end_hash")):
        return Rejected(path, "its moves do not reach the recorded end of the game")
    # the session's AI across the table from the students, a seat handed to the AI the role's (Session.ais_for)
    counts = {**session.ais_for(tuple(humans)), **{p: session.personas[p] for p in ai_from}}
    others = {p: persona.describe() for p, persona in personas.items() if persona != Persona(counts[p])}
    apart = ("played against another AI than the session's (" + "; ".join(
        f"{p}: {name}, not {counts[p]}" for p, name in sorted(others.items())) + ")") if others else None
    started = record.get("started") if isinstance(record.get("started"), str) else ""
    edited = () if legacy else edited_fields(record, result_record(session, table, str(side), str(mode), state,
                                                                   humans, personas, str(started), numbers))
    version = record.get("game_version") if isinstance(record.get("game_version"), str) else ""
    return Accepted(path, table, str(side), seats, str(mode), personas, str(started), state, game_result(state),
                    legacy, apart, not_taken, ai_from, edited, str(version), sealed, int(record["format"]), numbers)
