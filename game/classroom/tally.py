"""Which result counts for each seat: one per table and role, every attempt listed, missing seats named.

The rule, for each seat (a role at a table), among the accepted results that speak for it and
were played against the session's AI:

1. a result the instructor chose (``classroom debrief --count FILE``) counts;
2. else students' results (against the AI, hot-seat, face to face) come before simulated previews;
3. else the earliest game counts (:func:`order`): a result the instructor's side wrote and sealed
   (the class server, ``classroom enter``) by its time; else the game of the seat folder with the
   lowest number (games are numbered as they start, and the number decides the dice, so a later game
   cannot pass for an earlier one: :mod:`game.classroom.chain`); else, for older results without a
   number, the time the file states. Playing again does not improve a seat's score, unless a student
   starts the seat's count again and hands in one history only, which file mode cannot see
   (docs/classroom.md).

A seat the instructor handed to the AI mid-game (its student had left) keeps its table's result, and
every file says from which move the AI played it (:func:`ai_from`): the grades credit its student
with nothing. Every other result for the seat is listed as an attempt; a seat with no result is named missing,
unless the class server knows why it has none (:class:`Absences`): its table was never joined (not
played), or no student took it at a table that was played (the session's AI played it). The latter
is also known from the results alone, in file mode: the class server seals the seats nobody took
into the result of their table (:func:`absences`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.classroom.checks import Accepted
from game.classroom.folder import Session
from game.session.movenumber import seen_move


@dataclass(frozen=True)
class Seat:
    table: int
    role: str
    counted: Accepted | None
    attempts: tuple[Accepted, ...]     # every result for this seat, the counted one included
    how: str                           # why the counted one counts ("" when missing)


@dataclass(frozen=True)
class Absence:
    """Why a seat has no result: ``label`` for the CSV's mode and the checks' "counts" column (the
    checks print a missing seat in capitals), ``why`` in words, ``key`` to group seats."""
    key: str          # "missing", "ai" or "unplayed"
    label: str
    why: str


MISSING = Absence("missing", "missing", "no result was handed in")
AI_SEAT = Absence("ai", "AI (seat not taken)", "no student took this seat: the session's AI played it, "
                                               "and the game counts for the student at the table")
UNPLAYED = Absence("unplayed", "not played", "no student joined this table")
PENDING = Absence("pending", "pending", "its table is still giving its final response after the end of the talks: "
                                        "the debrief is written again when it finishes")


@dataclass(frozen=True)
class Absences:
    """What the class server knows about seats without a result of their own: ``unplayed``, the tables
    nobody joined; ``ai``, the (table, role) seats nobody took at a table that was played. A seat in
    neither is missing (a student handed nothing in); ``pending``, the tables still giving their final response
    when the talks were ended (the class server writes the debrief at once, then again when they finish):
    their seats are pending, not missing (instructor trial: checks.html said "MISSING" of them)."""
    unplayed: frozenset[int] = frozenset()
    ai: frozenset[tuple[int, str]] = frozenset()
    pending: frozenset[int] = frozenset()

    def of(self, seat: Seat) -> Absence:
        if seat.table in self.unplayed:
            return UNPLAYED
        if seat.table in self.pending:
            return PENDING
        return AI_SEAT if (seat.table, seat.role) in self.ai else MISSING


def absences(accepted: Sequence[Accepted], unplayed: Collection[int] = (),
             ai_seats: Collection[tuple[int, str]] = (), pending: Collection[int] = ()) -> Absences:
    """What is known of the seats without a result: the server's ``unplayed`` tables, ``ai_seats`` and
    ``pending`` tables (when it is the server that asks), and the seats the accepted results of served
    tables say no student took (sealed by the server, checked by :mod:`game.classroom.checks`)."""
    sealed = {(a.table, role) for a in accepted for role in a.not_taken}
    return Absences(frozenset(unplayed), frozenset(ai_seats) | frozenset(sealed), frozenset(pending))


def ai_from(seat: Seat) -> int | None:
    """The move (0-based) from which the AI played the seat, when the instructor handed it to the AI mid-game
    on the class server because its student had left (sealed in the result); None otherwise."""
    return None if seat.counted is None else seat.counted.ai_from.get(seat.role)


def ai_from_move(seat: Seat) -> int | None:
    """The move from which the AI played the seat, as people read it (1-based, the delegations' moves counted:
    :func:`game.session.movenumber.seen_move`); None when no student's seat was handed to the AI."""
    start = ai_from(seat)
    return None if start is None or seat.counted is None else seen_move(seat.counted.state.history, start)


def ai_from_words(move: int) -> str:
    """What the debrief and the grades say of a seat handed to the AI from ``move`` (:func:`ai_from_move`)."""
    return f"the student left: the AI played this seat from move {move} on"


def _matches(result: Accepted, chosen: Sequence[Path]) -> bool:
    return any(result.path == c or result.path.resolve() == c.resolve() or result.path.name == str(c)
               for c in chosen)


def order(result: Accepted, role: str) -> tuple[bool, int, int, str, str]:
    """Where ``result`` stands among the results for the ``role`` seat of its table: students' results
    before previews; then what the instructor's side wrote and sealed (the class server's games, the
    deals entered), whose times are that side's, by time; then the games of a seat folder by their
    number; then older results, without a number, by the time their file states; then by file name."""
    number = result.numbers.get(role)
    rank = 0 if result.sealed else 1 if number is not None else 2
    return (result.mode == "simulated", rank, number.number if number else 0,
            "" if number else result.started or "~", result.path.name)


def _first(result: Accepted, role: str) -> str:
    """Why ``result`` is the first of its seat's results, in words."""
    number = result.numbers.get(role)
    if result.sealed:
        return "written by the instructor's side: the class server or 'classroom enter', by time"
    if number is not None:
        return f"game {number.number} of the seat: games are numbered as they start"
    return "by the time the game started, as its file says: older results carry no game number"


def tally(session: Session, accepted: Sequence[Accepted], chosen: Sequence[Path] = ()) -> list[Seat]:
    """One :class:`Seat` per table and role of the session, in table then role order."""
    seats = []
    for table, _ in session.tables:
        for role in session.roles:
            mine = [a for a in accepted if a.table == table and role in a.seats and a.apart is None]
            mine.sort(key=lambda a: order(a, role))
            picked = [a for a in mine if _matches(a, chosen)]
            if picked:
                counted, how = picked[0], "chosen by the instructor (--count)"
            elif mine:
                counted = mine[0]
                how = ("the only result" + copies_words(counted.copies)) if len(mine) == 1 else (
                    f"the first of {len(mine)} results ({_first(counted, role)}); '--count FILE' chooses another")
                if counted.mode == "simulated":
                    how = "a simulated preview: no student's result" + ("" if len(mine) == 1 else f" ({how})")
            else:
                counted, how = None, ""
            seats.append(Seat(table, role, counted, tuple(mine), how))
    return seats


def copies_words(copies: int) -> str:
    """What the counted game's line adds when more files held the same game (counted once)."""
    if not copies:
        return ""
    return f" ({copies + 1} files held this same game: counted once)"


def unknown_choices(accepted: Sequence[Accepted], chosen: Sequence[Path]) -> list[Path]:
    """The ``--count`` files that name no accepted result (the instructor is told)."""
    return [c for c in chosen if not any(_matches(a, [c]) for a in accepted)]
