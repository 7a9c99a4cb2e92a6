"""The class debrief files: ``debrief.html`` (the lesson, laid out to print on two pages and to read
on a projector), ``checks.html`` (which result counts for each seat, every attempt, what was set
apart or rejected and why), ``debrief.csv`` (one row per seat), the chart (``debrief.png``,
``debrief.svg``) and the printable slides (``slides.html``, :mod:`game.classroom.slides`).

Numbers come from the replayed games (:mod:`game.classroom.checks`), so they are the engine's.
Every text is escaped in HTML; every CSV cell that a spreadsheet would read as a formula (it starts
with = + - @, a tab or a carriage return) is prefixed with a quote.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np

from game.classroom.chart import chart
from game.classroom.checks import Accepted, Rejected
from game.classroom.document import Document
from game.atomic import write_atomically
from game.classroom.flags import Flag, class_flags
from game.classroom.folder import Session
from game.classroom.lesson import Lesson, deal_cells, handed_of, how_played, lesson, played_groups
from game.classroom.slides import slides
from game.classroom.results import FORMAT, SERVED
from game.classroom.tally import Absences, Seat, ai_from_move, ai_from_words, order, tally
from game.classroom.tally import absences as absences_of
from game.classroom.unplayed import NotPlayed
from game.session.names import and_list
from game.words import count

FILES = ("debrief.html", "checks.html", "slides.html", "debrief.csv", "debrief.png", "debrief.svg")


# debrief.html's column of the pact's survival, named and defined beside the measure a student's page shows
# (instructor trial: "intact 66%" was read against the page's "honoured by the other side in 59%")
INTACT = "intact (no breach answered)"
INTACT_LEGEND = ("Intact (no breach answered): the share of the deal's compliance histories in which no accusation "
                 "against either government (a caught violation or an unfounded accusation) was answered. It is not the students' pages' \"honoured by the other "
                 "side\": the share of histories in which the other government never broke the pact, seen or unseen, "
                 "for one seat. The two measure different things and need not agree.")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ TAB or CR gets a quote (numbers stay)."""
    text = str(value)
    try:
        float(text)
        return text
    except ValueError:
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def numbers(agreement: tuple[int, ...] | None) -> str:
    return "no deal" if agreement is None else ",".join(str(x + 1) for x in agreement)


def write_debrief(session: Session, accepted: list[Accepted], rejected: list[Rejected], duplicates: list[Path],
                  out: Path, chosen: Sequence[Path] = (), unplayed: Collection[int] = (),
                  ai_seats: Collection[tuple[int, str]] = (), not_played: Sequence[NotPlayed] = (),
                  flags: Sequence[Flag] | None = None, pending: Collection[int] = ()) -> list[Path]:
    """Write the debrief files into ``out``; returns their paths. The class server knows more than the
    results: ``unplayed``, tables nobody joined, and ``ai_seats``, seats no student took at a table that
    was played, and ``pending``, tables still giving their final response after the end of the talks; every
    file says so of them rather than calling them missing (:class:`Absences`). The
    seats nobody took are also read from the results (the server seals them there), and the tables
    nobody joined from the server's sealed markers (``not_played``, :mod:`game.classroom.unplayed`), so
    that ``classroom debrief`` says the same of a served class (:func:`game.classroom.tally.absences`).
    ``flags`` are what the instructor should look at (:mod:`game.classroom.flags`; by default, those of
    ``accepted`` alone: a caller that read duplicates too passes :func:`~game.classroom.flags.reading_flags`,
    which flags an edited one), listed first in checks.html and counted in debrief.html."""
    flags = class_flags(session, accepted) if flags is None else flags
    absences = absences_of(accepted, {*unplayed, *(m.table for m in not_played)}, ai_seats, pending)
    seats = tally(session, accepted, chosen)
    view = lesson(session, seats)
    fig = chart(session, view)
    images = {}
    for fmt in ("png", "svg"):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt)
        images[fmt] = buffer.getvalue()
        write_atomically(out / f"debrief.{fmt}", images[fmt])
    png = "data:image/png;base64," + base64.b64encode(images["png"]).decode()
    write_atomically(out / "debrief.html", _lesson_page(session, view, png, len(rejected), absences,
                                                        len(flags)).html().encode())
    checks = _checks_page(session, view, accepted, rejected, duplicates, absences, not_played, flags)
    write_atomically(out / "checks.html", checks.html().encode())
    write_atomically(out / "slides.html", slides(session, view, png, absences).encode())
    write_atomically(out / "debrief.csv", _csv(session, view, absences).encode())
    return [out / name for name in FILES]


def seat_names(session: Session, seats: Sequence[Seat]) -> str:
    """Seats by table and delegation name: 'table 1: Russian delegation; table 3: US delegation and Russian
    delegation' (tables and, within a table, delegations in the order given)."""
    by_table: dict[int, list[str]] = {}
    for seat in seats:
        by_table.setdefault(seat.table, []).append(session.scenario.party(seat.role).name)
    return "; ".join(f"table {table}: " + and_list(names) for table, names in by_table.items())


def summary(session: Session, view: Lesson, absences: Absences = Absences()) -> str:
    """One sentence: how many games count for how many seats, and which seats have no result yet, which the
    AI played and which tables nobody joined (by table and delegation name)."""
    counted = [s for s in view.seats if s.counted is not None]
    games = len(view.games)
    text = (f"{count(games, 'game counts', 'games count')} for {len(counted)} of {count(len(view.seats), 'seat')} "
            "(one result per table and role)")
    groups = {key: [s for s in view.missing if absences.of(s).key == key]
              for key in ("missing", "pending", "ai", "unplayed")}
    if groups["missing"]:
        text += "; no result yet for: " + seat_names(session, groups["missing"])
    pending = sorted({s.table for s in groups["pending"]})
    if pending:
        text += ("; still giving its final response (the debrief is written again when it finishes): "
                 + ", ".join(f"table {k}" for k in pending))
    if groups["ai"]:
        text += "; played by the AI (seat not taken): " + seat_names(session, groups["ai"])
    unplayed = sorted({s.table for s in groups["unplayed"]})
    if unplayed:
        text += "; not played (nobody joined): " + ", ".join(f"table {k}" for k in unplayed)
    taken = [(s, move) for s in view.seats if (move := ai_from_move(s)) is not None]
    if taken:
        text += "; handed to the AI mid-game (the student had left): " + "; ".join(
            f"{seat_names(session, [s])} from move {move}" for s, move in taken)
    return text + "."


def _lesson_page(session: Session, view: Lesson, png: str, rejected: int, absences: Absences,
                 flagged: int = 0) -> Document:
    s = session.scenario
    g = view.governments
    doc = Document(f"Class debrief: {s.title} ({s.year})")
    doc.p(f"Session {session.id}. {summary(session, view, absences)} Rejected files: {rejected}; "
          f"{f'flags to look at: {flagged}; ' if flagged else ''}which result counts for each seat, and why: checks.html.")
    doc.image(png, "every table's deal on the Pareto chart")
    games = view.games
    if games:
        doc.h2("Means")
        doc.table(["", *(f"score: {n}" for n in g), "deals", "entered into force"], [
            [f"{label} ({count(len(rows), 'game')})", *(f"{np.mean([x.scores[i] for x in rows]):.3f}" for i in range(len(g))),
             f"{sum(x.agreement is not None for x in rows)}", f"{sum(x.entered for x in rows)}"]
            for label, rows in [("all", list(games)), *played_groups(games)]])
        doc.p("Score: the deal's expected value to the government before the vote (rule 7), i.e. the chance "
              "that it enters into force times what it is expected to be worth each year once in force (trust, "
              "detection, the other side's likely breaches, the responses and revocation counted; not its value "
              "on paper) plus the rest times the value of no deal. The vote's actual outcome (the draw) does not "
              "change a score; it is shown apart.")
    if any(x.track15 is not None for x in games):
        doc.h2("The Track 1.5 lesson")
        doc.table(*_track15_table(view))
        doc.p("Felt: what the delegation at the Track 1.5 table believed its government won with the plan; got: what "
              "the plan is really worth to that government. Absent government's loss: its value at the official "
              "table's Nash deal minus the plan's true value to it (positive: the plan gave it less). Anchoring: how "
              "far the published plan pulled the official talks.")
    doc.page()
    scoped = any(ph.scope is not None for ph in s.phases)     # a definitions table: the scope each game took
    if scoped:
        doc.h2("The scope each table settled on (what counts as interference)")
        taken = [x.scope for x in games if x.scope]
        doc.table(["scope", "games"], [[label, str(taken.count(label))] for label in dict.fromkeys(taken)])
    doc.h2("Every game (option numbers per basket, then the form, as in the briefs)")
    doc.table(["table", "played", *(["scope"] if scoped else []), "deal", *(f"score: {n}" for n in g),
               "chance of entry", "the draw", INTACT],
              [[x.label, x.played, *([x.scope or "-"] if scoped else []), numbers(x.agreement),
                *(f"{v:.3f}" for v in x.scores), f"{x.entry:.0%}",
                "-" if x.agreement is None else ("in force" if x.entered else "not ratified"),
                "-" if not x.entered else f"{x.intact:.0%}"] for x in games])
    doc.p(INTACT_LEGEND)
    doc.h2("Deals by basket (how many games agreed each option)")
    agreed = [x.agreement for x in games if x.agreement is not None]
    rows = []
    for i, basket in enumerate(s.baskets):
        counts = [sum(1 for a in agreed if a[i] == k) for k in range(len(basket.options))]
        rows.append([basket.name, "; ".join(f"{k + 1}. {o.label}: {c}" for k, (o, c) in
                                            enumerate(zip(basket.options, counts)) if c) or "no deal agreed"])
    counts = [sum(1 for a in agreed if a[-1] == k) for k in range(len(s.forms))]
    rows.append(["Agreement form", "; ".join(f"{k + 1}. {f.label}: {c}" for k, (f, c) in
                                             enumerate(zip(s.forms, counts)) if c) or "-"])
    doc.table(["basket", "agreed options"], rows)
    return doc


def _track15_table(view: Lesson) -> tuple[list[str], list[list[str]]]:
    games = [x for x in view.games if x.track15 is not None]
    first = games[0].track15
    assert first is not None
    header = ["table", "plan", "anchoring", *(f"{f.delegation}: felt / got" for f in first.felt),
              *(f"loss of {name}" for name, _ in first.absent)]
    rows = []
    for x in games:
        t = x.track15
        assert t is not None
        rows.append([x.label, numbers(t.plan), "-" if t.anchoring is None else f"{t.anchoring:.2f}",
                     *("-" if f.felt is None or f.got is None else f"{f.felt:.3f} / {f.got:.3f}" for f in t.felt),
                     *("-" if loss is None else f"{loss:+.3f}" for _, loss in t.absent)])
    return header, rows


def _checks_page(session: Session, view: Lesson, accepted: list[Accepted], rejected: list[Rejected],
                 duplicates: list[Path], absences: Absences, not_played: Sequence[NotPlayed],
                 flags: Sequence[Flag]) -> Document:
    doc = Document(f"Debrief checks: {session.scenario.title}")
    doc.p(f"Session {session.id}. {summary(session, view, absences)}")
    doc.h2("Look at these (flags)")
    if flags:
        doc.p("Nothing here changes a score: the figures are the replayed games', and which result counts follows "
              "the rule below. Each line says what is not as the game writes it, and what that may mean.")
        doc.table(["file or seat", "flag", "why"], [[f.about, f.kind, f.why] for f in flags])
    else:
        doc.bullets(["none"])
    if any(a.mode in SERVED and not a.sealed for a in accepted):
        doc.note("What file mode cannot see: a student who starts their seat's count of games again (a fresh copy "
                 "of the seat folder) and hands in one game only leaves no trace of the others. Only the class "
                 "server, which holds every game, prevents that (docs/classroom.md).")
    doc.h2("The result that counts for each seat")
    s = session.scenario

    def absent(seat: Seat) -> tuple[str, str, str]:
        a = absences.of(seat)
        return (a.label.upper() if a.key == "missing" else a.label, "the AI" if a.key == "ai" else "-", a.why)
    doc.table(["table", "delegation", "counts", "how played", "why", "attempts"],
              [[str(x.table), s.party(x.role).name, x.counted.path.name if x.counted else absent(x)[0],
                how_played(x.counted.mode, handed=handed_of(s, x.counted)) if x.counted else absent(x)[1],
                how_counted(x) if x.counted else absent(x)[2],
                str(len(x.attempts))] for x in view.seats])
    doc.h2("Every attempt")
    doc.p("Game: the game's number among its seat's games (file mode numbers them as they start); '-' for what "
          "the instructor's side wrote (the class server, 'classroom enter', previews) and older results.")
    doc.table(["file", "table", "speaks for", "how played", "game", "started", "deal", "note"],
              [[a.path.name, str(a.table), ", ".join(s.party(r).name for r in a.seats),
                how_played(a.mode, handed=handed_of(s, a)),
                game_numbers(a), a.started or "-", numbers(a.result.agreement),
                "; ".join(n for n in (a.apart or "", "signed with the pair's shared key (older version): either "
                                      "student of the pair could have signed it" if a.legacy else "",
                                      older(a), "edited: see the flags" if a.edited else "") if n) or "-"]
               for a in sorted(accepted, key=lambda a: (a.table, a.seats, order(a, a.seats[0] if a.seats else "")))]
              or [["none"] * 8])
    if not_played:
        doc.h2("Tables not played (the class server's sealed word that nobody joined them)")
        doc.bullets([f"{m.path.name}: table {m.table}" for m in sorted(not_played, key=lambda m: m.table)])
    apart = [a for a in accepted if a.apart]
    doc.h2("Set apart (not counted)")
    doc.bullets([f"{a.path.name}: {a.apart}" for a in apart] or ["none"])
    doc.h2("Rejected files")
    doc.bullets([f"{r.path.name}: {r.reason}" for r in rejected] or ["none"])
    doc.h2("Duplicates (counted once)")
    marked = {f.about for f in flags if f.kind == "edited"}
    doc.bullets([p.name + (" (edited: see the flags)" if p.name in marked else "") for p in duplicates] or ["none"])
    return doc


def how_counted(seat: Seat) -> str:
    """Why the seat's result counts, and, for a seat handed to the AI mid-game, from which move the AI
    played it (:func:`game.classroom.tally.ai_from_words`)."""
    move = ai_from_move(seat)
    return seat.how if move is None else f"{seat.how}; {ai_from_words(move)}"
def game_numbers(result: Accepted) -> str:
    """'2' (one seat), 'us 2, ru 1' (hot-seat), '-' when the result is not numbered."""
    if len(result.numbers) == 1:
        return str(next(iter(result.numbers.values())).number)
    return ", ".join(f"{seat} {n.number}" for seat, n in result.numbers.items()) or "-"


def older(result: Accepted) -> str:
    """The note of a result of an older format than this version writes ('' for the current one)."""
    if result.format >= FORMAT or result.legacy:
        return ""
    unnumbered = ", without a game number: ordered by the time it states" if result.mode in SERVED else ""
    return f"older format ({result.format}){unnumbered}"


def _csv(session: Session, view: Lesson, absences: Absences) -> str:
    """One row per seat: ``mode`` a code (:attr:`game.classroom.lesson.GameRow.mode_code`: ``ai``, ``hot-seat``,
    ``own-devices``, ``face-to-face``, ``simulated``), ``played`` the words of
    debrief.html's games table (:func:`game.classroom.lesson.how_played`). A seat with no counted result
    says ``not played`` (its table was never joined), ``AI (seat not taken)`` (the session's AI played it,
    its ``how`` says so) or ``missing`` (no result was handed in), as the checks page does.
    ``distance_to_frontier`` and ``distance_to_nash``: the deal's distances on paper to the frontier and the Nash
    deal of the table its game ended at, scope and events counted (:func:`game.engine.distance.deal_distances`,
    as the student's debrief and ``simulate``); empty without a deal."""
    s = session.scenario
    ids = view.problem.party_ids
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    scoped = any(ph.scope is not None for ph in s.phases)
    header = ["table", "role", "mode", "played", *(["scope"] if scoped else []), "deal", *(f"{b.id}" for b in s.baskets),
              "form",
              *(f"score_{p}" for p in ids), *(f"paper_{p}" for p in ids), "entry_chance", "in_force",
              *(f"yearly_value_{p}" for p in ids), "intact", "distance_to_frontier", "distance_to_nash",
              "how", "file"]
    writer.writerow(header)
    rows = {x.path: x for x in view.games}
    for seat in view.seats:
        x = rows.get(str(seat.counted.path)) if seat.counted else None
        if x is None:
            absent = absences.of(seat)
            # as many cells as the header: the figures empty, "how" saying why (a missing seat: nothing)
            writer.writerow([seat.table, seat.role, absent.label] + [""] * (len(header) - 5) +
                            ["" if absent.key == "missing" else absent.why, ""])
            continue
        writer.writerow([safe_cell(c) for c in [
            x.table, seat.role, x.mode_code, x.played, *([x.scope] if scoped else []), numbers(x.agreement),
            *(deal_cells(s, x.agreement) if x.agreement is not None else [""] * (len(s.baskets) + 1)),
            *(f"{v:.6f}" for v in x.scores), *(f"{v:.6f}" for v in x.paper), f"{x.entry:.6f}", int(x.entered),
            *(f"{v:.6f}" for v in x.yearly), "" if not x.entered else f"{x.intact:.6f}",   # no pact in force: undefined
            "" if x.to_frontier is None else f"{x.to_frontier:.6f}", "" if x.to_nash is None else f"{x.to_nash:.6f}",
            how_counted(seat), x.file]])
    return buffer.getvalue()
