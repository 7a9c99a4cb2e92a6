"""The class debrief the server writes when the talks end: ``classroom debrief``'s files and a grade sheet.

Rules:

* The debrief reads the session's results/ folder exactly as ``classroom debrief DIR`` does (every
  result checked and replayed, and flagged as it flags them: an edited result, a duplicate included,
  :func:`game.classroom.flags.reading_flags`), into ``DIR/debrief``: debrief.html, slides.html,
  checks.html, debrief.csv, debrief.png, debrief.svg.
* ``grades.csv`` adds the students' names: one row per claimed seat, with the score that counts for
  that seat (:func:`game.classroom.score.score`), empty when no result counts; every cell is safe to
  open in a spreadsheet (no formulas). A seat the instructor handed to the AI mid-game gets no score:
  its note says from which move the AI played it, and the table's score for it. A seat without a
  result says why in its note: its table still giving its final response (the rows are written again
  when it finishes), or no result handed in.
* A table nobody joined is "not played" in every file, and a seat nobody took at a table that was
  played is "AI (seat not taken)" (the session's AI played it): neither is a missing result, which
  an instructor reads as a student who handed nothing in. The seats nobody took are also sealed
  into their table's result (:func:`game.classroom.results.not_taken`), so ``classroom debrief``
  run by hand on the class folder says the same of them; and each table nobody joined gets a marker
  in the results, sealed the same way (:mod:`game.classroom.unplayed`), so that the hand-run debrief
  says 'not played' of it too.
* Only files of that list can be fetched from the dashboard.
* The debrief is written when the talks end, but tables still giving their final response finish
  after that: a result newer than the debrief makes it stale (:func:`is_stale`), and the dashboard
  writes it again before serving any of its files, so every finished table is in it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from game.classroom.checks import read_class
from game.atomic import write_atomically
from game.classroom.flags import reading_flags
from game.classroom.folder import session_key
from game.classroom.report import FILES, safe_cell, write_debrief
from game.classroom.score import score
from game.classroom.tally import absences, ai_from_move, ai_from_words, tally
from game.classroom.unplayed import write_markers
from game.web.tables import Classroom
from game.web.summary import rejoined

GRADES = "grades.csv"


def out_dir(classroom: Classroom) -> Path:
    return classroom.root / "debrief"


def export_debrief(classroom: Classroom) -> list[Path]:
    """Write the class debrief and the grade sheet; returns the files written."""
    session = classroom.session
    key = session_key(session)
    names = classroom.names()
    unplayed = [k for k, _ in session.tables if not any((k, role) in names for role in session.roles)]
    write_not_played(classroom, key, unplayed)
    reading = read_class(session, key, sorted(session.results_dir().glob("*.json")))
    accepted, rejected, duplicates = reading.accepted, reading.rejected, reading.duplicates
    ai_seats = [(k, role) for k, tg in classroom.tables.items() for role in session.roles if role not in tg.humans]
    # a table still giving its final response (the end of the talks came as it was to answer) has no result yet
    pending = [k for k, tg in classroom.tables.items() if tg.game is not None and not tg.result]
    written = write_debrief(session, accepted, rejected, duplicates, out_dir(classroom), unplayed=unplayed,
                            ai_seats=ai_seats, not_played=reading.not_played, flags=reading_flags(session, reading),
                            pending=pending)
    absent = absences(accepted, unplayed, ai_seats, pending)
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(["table", "role", "name", "score", "result", "note"])
    for seat in tally(session, accepted):
        name = names.get((seat.table, seat.role))
        if name is None:
            continue
        party = session.scenario.party(seat.role)
        value = "" if seat.counted is None else f"{score(seat.counted.result, party.principal, party.reservation):.4f}"
        result = "" if seat.counted is None else seat.counted.path.name
        note, move = "" if seat.counted is not None else absent.of(seat).why, ai_from_move(seat)
        if move is not None:           # the AI finished the game: no credit, the table's score said apart
            note, value = f"{ai_from_words(move)} (the table's score for this seat: {value}; not credited)", ""
        again = rejoined(classroom, seat.table).get(seat.role)
        if again is not None:          # graded under the seat's first name, the later one beside it
            note = (f"{note}; " if note else "") + f"rejoined under another name: {again}"
        out.writerow([safe_cell(x) for x in (seat.table, seat.role, name, value, result, note)])
    write_atomically(out_dir(classroom) / GRADES, buffer.getvalue().encode())
    return [*written, out_dir(classroom) / GRADES]


def write_not_played(classroom: Classroom, key: str, unplayed: list[int]) -> None:
    """Seal the tables nobody joined into the class's results (:mod:`game.classroom.unplayed`), once the
    talks have ended (nobody can join after that). A marker that cannot be written is left out: the
    server's debrief still says 'not played' of its table, and ``classroom debrief`` run by hand says
    'missing' (the safe side) until the debrief is written again."""
    if not classroom.ended:
        return
    try:
        write_markers(classroom.session, key, unplayed)
    except OSError:
        pass


def is_stale(classroom: Classroom) -> bool:
    """Whether a result was written after the debrief (or the debrief was never written)."""
    written = out_dir(classroom) / GRADES
    if not written.is_file():
        return True
    since = written.stat().st_mtime_ns
    return any(p.stat().st_mtime_ns > since for p in classroom.session.results_dir().glob("*.json"))


def debrief_path(classroom: Classroom, name: str) -> Path | None:
    """The debrief file ``name`` if it is one of the exported files and exists, else None."""
    if name not in (*FILES, GRADES):
        return None
    path = out_dir(classroom) / name
    return path if path.is_file() else None
