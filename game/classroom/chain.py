"""A seat's games in file mode, numbered as they start and chained, so that their order is not a time
the student signs.

A student's machine holds everything a game needs, the seat's key included, so any field of a result
can be rewritten and signed again; a start time proves nothing. What a student cannot rewrite is a
game's moves: the debrief replays them against the dice, and the dice of a seat's game depend on its
number. So each game played from a seat folder takes the seat's next number when it starts (the count
is kept in the seat folder, :data:`COUNTER`), and:

* game 1 of every seat of a result is played with the table's seed (the same events reach every
  player of the table); any later game with dice drawn from the table's seed and the games' numbers
  (:func:`game_seed`), so a game given another number does not replay (game 3 handed in as game 1)
  as far as its chance moves show its dice: always when its deal entered into force (the compliance
  history is drawn), not always for a short game without a deal, whose events may come out the same;
* each game carries the link of the seat's game before it, a hash over that game's number, link and
  start time (:func:`link`), so a game handed in without the ones before it shows a gap, two histories
  of one seat (its count started again) show as a broken chain or two games of one number, and the start
  time of a game followed by another cannot be changed unseen.

What it cannot do: a student who starts the count again (a fresh copy of the seat folder, the count
deleted) and hands in only one history, or only their best game, leaves nothing to see. Only the class
server, which holds the games, prevents that (docs/classroom.md).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shlex
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.about import program
from game.atomic import write_atomically
from game.classroom.folder import TIME, Session, SessionError
from game.errors import GameError
from game.safeio import Unreadable, read_json
from game.session.lock import LogInUse, WriterLock

COUNTER = "games.json"          # in the seat folder, beside seat.key
COUNTER_BYTES = 4096
LINK_DIGITS = 64
WAIT_S = 5.0                    # how long a game waits for another starting from the same seat folder


@dataclass(frozen=True)
class Number:
    """A game's place among its seat's games: its ``number`` (1, 2, ...) and the ``previous`` game's link
    ("" for game 1)."""

    number: int
    previous: str


def link(session_id: str, table: int, seat: str, number: Number, started: str) -> str:
    """The link of a seat's game: a hash over the session, the seat, the game's number, the link before it
    and the time it started. The next game of the seat carries it as its ``previous``."""
    text = f"backchannel/game/{session_id}/{table}/{seat}/{number.number}/{number.previous}/{started}"
    return hashlib.sha256(text.encode()).hexdigest()


def game_seed(table_seed: int, numbers: Mapping[str, Number]) -> int:
    """The seed of a game whose seats have ``numbers``: the table's when it is every seat's first (or
    when nothing numbers it: a game of the class server, an entry, a preview), else one drawn from the
    table's seed and every seat's number (below 2**63, as a session's seeds are)."""
    if all(n.number == 1 for n in numbers.values()):
        return table_seed
    text = f"{table_seed}/" + ",".join(f"{seat}:{numbers[seat].number}" for seat in sorted(numbers))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") >> 1


def numbers_to_json(numbers: Mapping[str, Number]) -> dict[str, dict[str, Any]]:
    """The ``games`` entry of a result or a log's header: each seat's number and previous link."""
    return {seat: {"number": n.number, "previous": n.previous} for seat, n in numbers.items()}


def numbers_from_json(raw: object, seats: Sequence[str]) -> dict[str, Number] | str:
    """A result's (or a log's) ``games``, one entry per seat in ``seats``; or what is wrong with it."""
    if not isinstance(raw, dict) or set(raw) != set(seats):
        return f"its games {raw!r} do not number the seats it speaks for ({', '.join(seats)})"
    numbers = {}
    for seat in seats:
        entry = raw[seat]
        number = entry.get("number") if isinstance(entry, dict) else None
        previous = entry.get("previous") if isinstance(entry, dict) else None
        if type(number) is not int or not isinstance(previous, str) or not 1 <= number <= 10**6 or \
                (number == 1) != (previous == "") or \
                (previous and (len(previous) != LINK_DIGITS or any(c not in "0123456789abcdef" for c in previous))):
            return f"the number of its {seat} game is malformed ({entry!r})"
        numbers[seat] = Number(number, previous)
    return numbers


def _count(session: Session, table: int, seat: str) -> tuple[int, str]:
    """(games started from the seat's folder, the link of the last), (0, "") before the first."""
    path = session.seat_dir(table, seat) / COUNTER
    if not path.exists():
        return 0, ""
    try:
        data = read_json(path, COUNTER_BYTES)
    except Unreadable as exc:
        raise SessionError(f"{path}: cannot read the seat's count of games ({exc}); copy the seat's folder again "
                           "from the instructor") from None
    expected = {"session": session.id, "table": table, "seat": seat}
    games, last = (data.get("games"), data.get("link")) if isinstance(data, dict) else (None, None)
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in expected.items()) or \
            type(games) is not int or games < 0 or not isinstance(last, str) or (games == 0) != (last == ""):
        raise SessionError(f"{path}: not the {seat} seat's count of games of table {table} in this session; copy the "
                           "seat's folder again from the instructor")
    return games, last


READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)


def cannot_write(session: Session, folder: Path, exc: OSError) -> str:
    """One line for a seat folder where the game cannot count itself (``exc``): which folder, why, and what to
    do. A plain copy of a read-only folder is read-only too (``cp -r`` keeps the modes), so it says to make the
    copy writable (manual trial: "play from a copy" failed the same way)."""
    reason = exc.strerror or str(exc)
    where = session.root
    copy = f"~/{where.name or 'seat'}-copy"
    if exc.errno not in READ_ONLY:
        return (f"cannot write in the seat's folder {folder} ({reason}), where each game counts itself "
                f"({COUNTER}), so the game was not started; free the space or play from a copy of {where} elsewhere")
    return (f"the seat's folder {folder} is read-only ({reason}): each game counts itself there ({COUNTER}), so the "
            f"game was not started. Copy {where} to a folder you can write, make the copy writable, and play from "
            f"it: cp -r {shlex.quote(str(where))} {copy} && chmod -R u+w {copy}, then the same '{program()} play' with "
            f"--session {copy} (on Windows: copy the folder, then clear Read-only in the copy's Properties)")


def check_writable(session: Session, table: int, seats: Sequence[str]) -> None:
    """SessionError (:func:`cannot_write`) unless a file can be made in each seat's folder, as the count and the
    result will be: a temporary file is made there and removed."""
    for seat in seats:
        folder = session.seat_dir(table, seat)
        try:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".backchannel-check-")
        except OSError as exc:
            raise SessionError(cannot_write(session, folder, exc)) from None
        os.close(handle)
        os.unlink(temp)


@contextmanager
def _counting(session: Session, table: int, seats: Sequence[str]) -> Iterator[None]:
    """Hold each seat's count of games (:data:`COUNTER`) against any other game starting from the same
    folder at the same moment (two terminals: without it both read N and both took N + 1), waiting up
    to :data:`WAIT_S` for a start under way elsewhere. SessionError when the count cannot be locked."""
    locks = []
    try:
        for seat in sorted(seats):
            path = session.seat_dir(table, seat) / COUNTER
            lock = WriterLock(path, "the seat's count of games",
                              "another game is starting from this seat's folder; try again in a moment")
            deadline = time.monotonic() + WAIT_S
            while True:
                try:
                    lock.acquire()
                    break
                except LogInUse as exc:
                    if time.monotonic() > deadline:
                        raise SessionError(str(exc)) from None
                    time.sleep(0.02)
                except GameError as exc:
                    raise SessionError(f"{exc}, so the game was not started; play from a copy of the folder that "
                                       "can be written") from None
            locks.append(lock)
        yield
    finally:
        for lock in locks:
            lock.release()


def claim(session: Session, table: int, seats: Sequence[str]) -> tuple[str, dict[str, Number]]:
    """Start a game of ``seats`` at ``table``: (its start time, each seat's number), the seats' counts
    moved on in their folders first (atomically, each held by :func:`_counting` from its reading to its
    writing), so a game abandoned half-way keeps its number and shows as a gap if it is not handed in.
    SessionError when a count cannot be read, locked or written (a read-only folder: :func:`check_writable`)."""
    check_writable(session, table, seats)
    with _counting(session, table, seats):
        return _claim(session, table, seats)


def _claim(session: Session, table: int, seats: Sequence[str]) -> tuple[str, dict[str, Number]]:
    started = time.strftime(TIME)
    numbers = {}
    for seat in seats:
        games, last = _count(session, table, seat)
        number = Number(games + 1, last)
        path = session.seat_dir(table, seat) / COUNTER
        record = {"session": session.id, "table": table, "seat": seat, "games": number.number,
                  "link": link(session.id, table, seat, number, started)}
        try:
            write_atomically(path, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())
        except OSError as exc:
            raise SessionError(f"{path}: cannot count the game in the seat's folder ({exc.strerror or exc}), so "
                               "it was not started; play from a copy of the folder that can be written") from None
        numbers[seat] = number
    return started, numbers
