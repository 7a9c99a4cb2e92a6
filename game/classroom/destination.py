"""Where a classroom result may be written: never over a file that is not the same seat's result of the same game.

A student's ``--out`` (``play --session``, ``classroom result LOG``, the ``out`` of a resumed log's header) may name
a .json file that already holds a result: another seat's, another table's, or the seat's own earlier game, which
the debrief may count. Such a file is never replaced (a class trial: a student's ``--out`` silently overwrote table
1's signed result with table 2's game, and the debrief then said "no result yet for: table 1"). A file is replaced
only when it is the *same game's* result (:class:`GameId`: the same session, table and humans, the same game
numbers and start): the same log's result written again. A game that has not begun is refused at once when its
``--out`` is taken (:func:`taken`); a finished game whose ``--out`` is taken is written next to it, under a free
name (:func:`free_target`), and the player is told where (:func:`moved_aside`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from game.classroom.folder import Session, SessionError
from game.classroom.signing import out_seal, same
from game.safeio import Unreadable, read_json

KIND = "backchannel-result"
MAX_BYTES = 2 * 1024 * 1024
FREE_NAMES = 1000        # STEM-2.json ... STEM-999.json: the names tried next to a taken file


@dataclass(frozen=True)
class GameId:
    """What makes two results the same seat's result of the same game: the session, the table, the humans
    (in order of their ids), each seat's game number as written (None: a game without numbers) and the
    moment it started, as its log's header records them."""

    session: str
    table: int
    humans: tuple[str, ...]
    games: Any
    started: str


def game_id(session: str, table: int, humans: Sequence[str], games: Any, started: str) -> GameId:
    return GameId(session, table, tuple(sorted(str(h) for h in humans)), games or None, started)


def record_id(record: Any) -> GameId | None:
    """The game a result file's record is of; None when it is no result (or a malformed one)."""
    if not isinstance(record, dict) or record.get("kind") != KIND:
        return None
    table, humans = record.get("table", record.get("pair")), record.get("humans")
    if not isinstance(table, int) or not isinstance(humans, list):
        return None
    return game_id(str(record.get("session")), table, humans, record.get("games"), str(record.get("started", "")))


def header_id(session: str, header: Mapping[str, Any]) -> GameId:
    """The game a classroom log's header is of (its result's :class:`GameId`)."""
    info = header.get("classroom") or {}
    table = info.get("table", info.get("pair"))
    return game_id(session, table if isinstance(table, int) else -1, [str(h) for h in header.get("humans") or ()],
                   info.get("games"), str(header.get("started", "")))


def _held(path: Path) -> Any:
    """The JSON a file at ``path`` holds (None when it holds none that can be read)."""
    try:
        return read_json(path, MAX_BYTES)
    except (Unreadable, OSError, UnicodeDecodeError):
        return None


def describe(held: GameId | None, session: str) -> str:
    """What a taken file holds, in words: 'holds the result of table 1's us seat', or 'is not a result of this
    session (it would be replaced)'."""
    if held is None or held.session != session:
        return "is not a result of this session (it would be replaced)"
    seats = " and ".join(held.humans) or "the AIs"
    return (f"holds the result of table {held.table}'s {seats} {'seats' if len(held.humans) > 1 else 'seat'} (a "
            "result never replaces another game's)")


def taken(out: Path, session: str, game: GameId | None) -> str | None:
    """Why a result of ``game`` (None: a game not begun, whose result no file can hold yet) may not be written
    to the .json file ``out`` because a file is there, or None: none is there, or the same game's result."""
    if not (out.exists() or out.is_symlink()):
        return None
    held = None if out.is_symlink() else record_id(_held(out))
    if game is not None and held == game:
        return None
    return f"{out} exists and {describe(held, session)}"


def free_target(target: Path, session: str, game: GameId) -> Path:
    """``target``, or when it is taken (:func:`taken`), the first free name next to it (``STEM-2.json``...)."""
    if taken(target, session, game) is None:
        return target
    for n in range(2, FREE_NAMES):
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if taken(candidate, session, game) is None:
            return candidate
    raise OSError(f"{target}: no free name next to it for the result")


def moved_aside(wanted: Path | None, written: Path) -> str | None:
    """What to tell the player when the result was written next to the .json file they named (it was taken), or
    None when it went where they said."""
    if wanted is None or wanted.suffix.lower() != ".json" or written == wanted:
        return None
    return (f"{wanted} already holds another file (another game's result is never replaced): the signed result is "
            f"written next to it, at {written}; hand in that file")


class Refusal(NamedTuple):
    """Why a classroom log's result may not go where its header's ``out`` says (``problem``), and what to do
    before resuming it (``remedy``, a sentence: each problem has its own; class trial, defect 3)."""

    problem: str
    remedy: str


def result_may_go(session: Session, out: Path, header: Mapping[str, Any]) -> Refusal | None:
    """Why ``out`` is not where the result of the game of a classroom log's ``header`` may go, or None: a result
    goes into a folder that exists, or to a .json file in one, which it replaces only when that file is the
    same seat's result of the same game (the log's result written again, :func:`taken`; a class trial: another
    seat's result was replaced); never anywhere else (a log's header edited to send it to /etc/cron.d/x: attack
    trial h103)."""
    if out.is_dir():
        return None
    make = "Make that folder, then resume"
    if out.suffix.lower() != ".json":
        return Refusal(f"{out} is not a folder that exists (give a folder, or a .json file in one)", make)
    if not out.parent.is_dir():
        return Refusal(f"{out.parent} is not a folder that exists", make)
    problem = taken(out, session.id, header_id(session.id, header))
    return None if problem is None else Refusal(problem, "Move that file away, then resume")


def out_problem(session: Session, header: Mapping[str, Any], out: Path) -> Refusal | None:
    """Why a classroom log's ``out`` is not where its result may go, or None: the same rule as when the game
    began, where its student typed ``--out``: the header's path must carry that start's seal
    (:func:`game.classroom.signing.out_seal`, made with the seat folder's key), since anyone can edit a log's
    header (a new .json file in any folder was accepted); and it must be a place a result may go
    (:func:`result_may_go`). A log written before the seal existed keeps the older rule, less a new .json file."""
    info = header["classroom"]
    table, raw, seal = int(info.get("table", info.get("pair"))), str(info["out"]), info.get("out_seal")
    if seal is not None:
        humans = [str(h) for h in header.get("humans") or ()]
        try:
            key = session.key_for(table, min(humans)) if humans else None
        except SessionError as exc:
            return Refusal(str(exc), "Resume it where its seat folder, with its key, was when the game began")
        if key is None or not same(seal, out_seal(key, session.id, table, raw, info.get("games"))):
            return Refusal(f"{out} is not where the game was started to send it: the log's \"out\" does not match "
                           "its \"out_seal\" (made with the seat's key when the game began), so the header was "
                           "edited", "Restore the header's original \"out\" (the path the game was started with), "
                           "then resume; to send the finished game's result elsewhere, use 'classroom result LOG "
                           "--out PATH'")
    elif out.suffix.lower() == ".json" and not (out.exists() or out.is_symlink()):
        return Refusal(f"{out} is a new file, named by a log of an older version, whose \"out\" is not sealed "
                       "(expected a folder that exists or this game's result)",
                       f"Set its \"out\" to null (the result then goes to {session.results_dir()}) or to the "
                       f"folder {out.parent}, then resume")
    return result_may_go(session, out, header)
