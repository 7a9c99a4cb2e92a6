"""What the instructor should look at in a class's results: files and seats the debrief flags.

A flag never changes a score (the debrief's figures are always the replayed games', and which result
counts is :mod:`game.classroom.tally`'s rule); it tells the instructor that something in the files
is not as the game writes it, and what that may mean. checks.html lists every flag first, and
``classroom debrief`` prints them.

Flagged, for a file: a result whose figures differ from the replay of its own moves (edited and
signed again with the seat's key, :mod:`game.classroom.figures`); a student's game without a game
number in a session that numbers them (an older version of the game wrote it, or someone rewrote it:
its place among the seat's games is only the time it states); a game played from a seat folder at a
table the class server played (:func:`served_elsewhere`); a face-to-face entry whose deal crosses a
government's red line (:func:`red_line_entries`); a seat whose student's result was rejected and
that an AI preview scores in its place (:func:`preview_stands_in`). For a seat, from the numbers of its
games (:mod:`game.classroom.chain`): more than one result; a number missing (a game started and
abandoned, or kept back); two games of one number (the seat's count was started again); a game that
does not follow the game before it that was handed in (another history, or that game's time edited).
Times, which a student's clock writes and a student can rewrite, are flagged when they are impossible:
not a time, before the session was made, after the debrief, or a game started before the seat's game
numbered before it (:func:`time_flags`; a few minutes are allowed for clocks that differ).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from game.about import version
from game.classroom.chain import link
from game.classroom.checks import Accepted, Reading, Rejected
from game.classroom.figures import named
from game.classroom.folder import TIME, Session
from game.classroom.play import red_lines_crossed
from game.classroom.results import SERVED

SLACK = timedelta(minutes=10)       # clocks that differ by this much are not flagged
ZONES = timedelta(hours=14)         # a time without its offset may be this far from UTC


@dataclass(frozen=True)
class Flag:
    """One thing to look at: ``about`` a file (its name) or a seat ("table 1, US delegation"), ``kind``
    in a word or two, ``why`` in a sentence."""

    about: str
    kind: str
    why: str


def edited(result: Accepted) -> Flag:
    """A result whose figures are not its replay's (``result.edited`` names them), or that says its game
    started at another time (or after another game) than a copy of that game read before (``copy_of``)."""
    if not result.edited and result.copy_of is not None:
        return Flag(result.path.name, "edited",
                    f"it and {result.copy_of.name} are the same game, but they say it started at different times (or "
                    "after different games): one of the two was edited and signed again with the seat's key, which "
                    "the student holds. The game is counted once, " + (
                        "and its number, not its time, places it among the seat's games" if result.numbers else
                        f"with the time of {result.copy_of.name} (read first): older results are ordered by their time"))
    other = f", or written by another version of the game ({result.version})" if result.version not in ("", version()) \
        else ""
    return Flag(result.path.name, "edited",
                f"its figures differ from the replay of its own moves: {named(result.edited)}. The file was edited "
                f"and signed again with the seat's key, which the student holds{other}. The debrief shows the "
                "replayed figures: the edit changes no score, but the file is not as the game wrote it")


def class_flags(session: Session, accepted: Sequence[Accepted], changed: Sequence[Accepted] | None = None,
                now: datetime | None = None, rejected: Sequence[Rejected] = ()) -> list[Flag]:
    """Every flag of a class's results, files first: ``accepted`` are the results read, ``changed``
    those (duplicates included) whose figures differ from their replay or that contradict a copy of
    their game (:attr:`game.classroom.checks.Reading.edited`; default: the edited among ``accepted``),
    ``now`` the debrief's time (default: the clock's), ``rejected`` the files refused."""
    changed = [a for a in accepted if a.edited] if changed is None else changed
    older = [a for a in accepted if session.made and a.mode in SERVED and not a.sealed and not a.numbers]
    return [edited(a) for a in changed] + [unnumbered(a) for a in older] + served_elsewhere(session, accepted) + \
        red_line_entries(session, accepted) + preview_stands_in(session, accepted, rejected) + \
        time_flags(session, accepted, now or datetime.now(timezone.utc)) + \
        [flag for table, _ in session.tables for role in session.roles for flag in seat_flags(session, accepted, table, role)]


def served_elsewhere(session: Session, accepted: Sequence[Accepted]) -> list[Flag]:
    """A game played from a seat folder (numbered) at a table whose game the class server played (its move
    log is in the session's ``server/games``, which only the server writes). A student who holds the table
    folder's seat keys can rewrite the server's result, a seat handed to the AI included, as a game of
    their own (attack trial); the server's sealed result still counts first."""
    games = session.root / "server" / "games"
    return [Flag(a.path.name, "also served",
                 f"the class server played table {a.table}'s game, yet this result says it was played from a seat "
                 "folder: it may be the server's result rewritten with the table folder's seat keys. The server's "
                 "result counts before it; check that it is among the results, and count this one only if the "
                 "student really played apart") for a in accepted
            if a.numbers and not a.sealed and (games / f"table-{a.table:02d}.jsonl").exists()]


def red_line_entries(session: Session, accepted: Sequence[Accepted]) -> list[Flag]:
    """A face-to-face entry whose deal crosses a government's red line (:func:`game.classroom.play.red_lines_crossed`):
    that government never approves it, so the debrief shows 0% entry. The terminal and the browser ask before
    such an offer; ``classroom enter`` only warns, so a mistyped option number is recorded (instructor trial)."""
    out = []
    for a in accepted:
        crossings = red_lines_crossed(session, [r.agreement for r in a.state.results]) if a.mode == "face-to-face" else []
        if crossings:
            out.append(Flag(a.path.name, "red line",
                            f"table {a.table}'s entered deal crosses {listing(crossings)}: that government never "
                            "approves it, so the deal cannot enter into force (0% entry). Check with the table that "
                            "they agreed to it; if an option number was mistyped, enter the deal again"))
    return out


def reading_flags(session: Session, reading: Reading, now: datetime | None = None) -> list[Flag]:
    """Every flag of a class's files as :func:`game.classroom.checks.read_class` read them: its accepted
    results, and every result edited or contradicting a copy of its game, a duplicate counted once
    included. ``classroom debrief`` and the class server's debrief both flag through this."""
    return class_flags(session, reading.accepted, reading.edited, now, reading.rejected)


def preview_stands_in(session: Session, accepted: Sequence[Accepted], rejected: Sequence[Rejected]) -> list[Flag]:
    """A seat whose student's result was rejected (it claims the seat, but its signature does not match)
    and that no other student's result speaks for, so that a ``classroom simulate`` preview, an AI's game,
    is what the debrief scores there (instructor trial: the summary said "0 flagged")."""
    out = []
    for table, _ in session.tables:
        for role in session.roles:
            files = [r.path.name for r in rejected if r.table == table and role in r.seats]
            mine = [a for a in accepted if a.table == table and role in a.seats]
            if files and mine and all(a.mode == "simulated" for a in mine):
                out.append(Flag(f"table {table}, {session.scenario.party(role).name}", "preview stands in",
                                f"this seat's student result ({listing(files)}) was rejected, so an AI preview "
                                "from 'classroom simulate' is scored in its place: the seat's figures are the AI's, "
                                "not the student's. Look at the rejected file's reason in checks.html; ask the "
                                "student for the result again, or delete the preview"))
    return out


def when(text: str) -> tuple[datetime, timedelta] | None:
    """A start time as the game writes it (:data:`game.classroom.folder.TIME`) and how far it may be off
    before it is impossible (:data:`SLACK`); None if it is no time. A time whose zone is not an offset
    (some systems write the zone's name) is read as UTC, with a day's zones more of slack."""
    try:
        return datetime.strptime(text, TIME), SLACK
    except ValueError:
        pass
    try:
        return datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc), SLACK + ZONES
    except ValueError:
        return None


def shown(text: str) -> str:
    """A time read from a file, quoted, short, and with no control character left to reach a terminal."""
    return repr(text[:40])


def time_flags(session: Session, accepted: Sequence[Accepted], now: datetime) -> list[Flag]:
    """The students' results whose start time is not a time, or before the session was made (when it
    says), or after ``now`` (a few minutes allowed either way)."""
    made = when(session.made)
    out = []
    for a in accepted:
        if a.sealed or not a.started or a.mode == "simulated":
            continue
        read = when(a.started)
        if read is None:
            out.append(Flag(a.path.name, "impossible time",
                            f"its start time {shown(a.started)} is not a time as the game writes it: edited"))
            continue
        started, slack = read
        if made is not None and started < made[0] - slack:
            out.append(Flag(a.path.name, "impossible time",
                            f"it says it started at {shown(a.started)}, before the session was made ({session.made}): "
                            "its student's clock was wrong, or the time was edited"))
        elif started > now + slack:
            out.append(Flag(a.path.name, "impossible time",
                            f"it says it started at {shown(a.started)}, after this debrief "
                            f"({now.strftime(TIME)}): its student's clock was wrong, or the time was edited"))
    return out


def unnumbered(result: Accepted) -> Flag:
    """A student's game without a game number in a session made by a version that numbers them."""
    return Flag(result.path.name, "older format",
                f"a game without a game number (format {result.format}), in a session made by a version of the game "
                "that numbers every game of a seat folder: an older version of the game wrote it, or someone "
                "rewrote it. Its place among the seat's games is only the start time it states, which its student "
                "could have changed")


def listing(items: Sequence[object]) -> str:
    """'1', '1 and 2', '1, 2 and 4'."""
    words = [str(x) for x in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def seat_flags(session: Session, accepted: Sequence[Accepted], table: int, role: str) -> list[Flag]:
    """The flags of one seat, from the students' results that speak for it (previews and what the
    instructor's side sealed are not a student's games): several results, numbers missing, two games
    of one number, a game that does not follow the one before it."""
    mine = [a for a in accepted if a.table == table and role in a.seats and a.mode != "simulated" and not a.sealed]
    seat = f"table {table}, {session.scenario.party(role).name}"
    out = []
    if len(mine) > 1:
        files = [f"{a.path.name} ({f'game {a.numbers[role].number}' if role in a.numbers else 'no number'})"
                 for a in sorted(mine, key=lambda a: a.path.name)]
        out.append(Flag(seat, "several results",
                        f"{len(mine)} results for this seat: {listing(files)}. It was played more than once: the first "
                        "counts, whatever the others scored, but whoever plays again knows the game better"))
    by_number: dict[int, list[Accepted]] = {}
    for a in mine:
        if role in a.numbers:
            by_number.setdefault(a.numbers[role].number, []).append(a)
    if not by_number:
        return out
    missing = [k for k in range(1, max(by_number) + 1) if k not in by_number]
    if missing:
        out.append(Flag(seat, "gap",
                        f"game{'s' if len(missing) > 1 else ''} {listing(missing)} of this seat "
                        f"{'were' if len(missing) > 1 else 'was'} not handed in (games are numbered as they start; "
                        f"handed in: {listing(sorted(by_number))}): started and abandoned, or kept back. Every game "
                        "leaves a move log in its student's data folder ('classroom result LOG' writes a finished "
                        "game's result from it): ask for it if it matters"))
    for number, games in sorted(by_number.items()):
        names = listing(sorted(a.path.name for a in games))
        if len(games) > 1:
            out.append(Flag(seat, "count started again",
                            f"{len(games)} different games are numbered {number} ({names}): the seat's count of games "
                            "was started again (a fresh copy of its folder, or its games.json deleted), so any of them "
                            "may have been played after the others; their start times are what the student's clock said"))
        before = by_number.get(number - 1, [])
        links = {link(session.id, table, role, b.numbers[role], b.started) for b in before}
        out += out_of_order(games, before, number)
        for a in games:
            if before and a.numbers[role].previous not in links:
                out.append(Flag(a.path.name, "chain broken",
                                f"game {number} of the seat ({seat}) does not follow the game {number - 1} handed in "
                                f"({listing(sorted(b.path.name for b in before))}): the two come from different "
                                f"histories of the seat (its count started again), or game {number - 1}'s start time "
                                "was edited"))
    return out


def out_of_order(games: Sequence[Accepted], before: Sequence[Accepted], number: int) -> list[Flag]:
    """The games numbered ``number`` that say they started before every game numbered just before them
    (``before``): the numbers are the order they started in, so a clock changed, or a time was edited."""
    earlier = [t[0] for t in (when(b.started) for b in before) if t is not None]
    out = []
    for a in games:
        started = when(a.started)
        if started is not None and earlier and started[0] < min(earlier):
            out.append(Flag(a.path.name, "time out of order",
                            f"game {number} says it started at {shown(a.started)}, before game {number - 1} "
                            f"({listing(sorted(shown(b.started) for b in before))}), which started first: its student's "
                            "clock changed between them, or a time was edited"))
    return out
