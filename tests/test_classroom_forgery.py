"""File mode against a student who rewrites their own results (an instructor's trial, two holes).

A student holds their seat's key (a game must sign its result on their machine), so they can edit a
result and sign it again with :func:`game.classroom.signing.sign`, as the trial did. These tests forge
results that way and check what the debrief makes of them: an edited result is flagged, naming the
figures that are not its replay's; a result that only the instructor's side may write (a face-to-face
entry) and that a student signed, or edited, is refused.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from game.classroom.checks import read_class, read_results
from game.classroom.flags import class_flags
from game.classroom.folder import TIME, Session, create_session, session_key
from game.classroom.play import agreed_game, enter_deal, parse_deal
from game.classroom.results import ENTERED_BY, FORMAT, result_record
from game.classroom.signing import sign
from game.classroom.tally import tally
from tests.conftest import SCENARIOS
from tests.test_classroom_attacks import run_main

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
WALK = "offer\nwalk\ny\n"                       # one offer, then walk away: a short game with no deal


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return create_session(NARROW, 2, tmp_path / "class", seed=3)


def seat(session: Session, table: int, role: str) -> Path:
    return session.root / "tables" / f"table-{table:02d}" / role


def play(session: Session, table: int, role: str, home: Path, moves: str = WALK) -> Path:
    """Play one game against the AI from the seat's folder, as a student does; its result file."""
    folder = seat(session, table, role)
    before = set((folder / "results").glob("*.json"))
    played = run_main("play", "--session", str(folder), stdin=moves, home=home)
    assert played.returncode == 0, played.stderr
    (result,) = set((folder / "results").glob("*.json")) - before
    return result


def resign(session: Session, table: int, record: dict[str, Any], out: Path) -> Path:
    """Sign ``record`` again with the keys of the seats it speaks for, read from their seat folders (what a
    student holds), and write it to ``out``: the trial's forgery."""
    record["signatures"] = {role: sign(record, (seat(session, table, role) / "seat.key").read_text().strip())
                            for role in record["seats"]}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record))
    return out


def debrief(session: Session, home: Path, *results: Path) -> tuple[str, str]:
    """``classroom debrief`` of ``results``: (what it printed, checks.html with its entities unescaped)."""
    done = run_main("classroom", "debrief", str(session.root), "--results", *map(str, results), home=home)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout, html.unescape((session.root / "debrief" / "checks.html").read_text())


def test_an_edited_and_re_signed_result_is_flagged_naming_its_fields(session: Session, tmp_path: Path) -> None:
    """Hole 2: a result edited (deal, in force, a value of 0.99) and signed again was listed as a duplicate,
    counted once; nothing told the instructor that it had been edited."""
    genuine = play(session, 1, "us", tmp_path)
    record = json.loads(genuine.read_text())
    record["agreement"] = [3] * len(record["agreement"] or [0] * 7)
    record["in_force"] = True
    record["principals"]["united_states"]["paper"] = 0.99
    forged = resign(session, 1, record, tmp_path / "forge" / "resigned.json")
    reading = read_class(session, session_key(session), [genuine, forged])
    assert [p.name for p in reading.duplicates] == ["resigned.json"]      # the same game: counted once...
    (flag,) = class_flags(session, reading.accepted, reading.edited)      # ...and flagged
    assert flag.about == "resigned.json" and flag.kind == "edited"
    assert "agreement, principals.united_states.paper, in_force" in flag.why
    printed, checks = debrief(session, tmp_path, genuine, forged)
    assert "1 flagged" in printed and "flagged (edited) resigned.json" in printed
    assert "principals.united_states.paper" in checks and "resigned.json (edited: see the flags)" in checks
    printed, checks = debrief(session, tmp_path, forged)                  # handed in alone: counted, flagged
    assert "1 result accepted" in printed and "flagged (edited) resigned.json" in printed
    assert "edited: see the flags" in checks


def test_the_untouched_copy_counts_whatever_the_files_names(session: Session, tmp_path: Path) -> None:
    """Instructor trial: of two copies of one game, the first file read counted, even an edited and re-signed
    copy named to sort first ('a-edited.json' before 't1us.json'); its line said "the only result" though
    two files came. The untouched copy counts, and the line says how many files held the game."""
    genuine = play(session, 1, "us", tmp_path)
    record = json.loads(genuine.read_text())
    record["principals"]["united_states"]["paper"] = 0.99
    forged = resign(session, 1, record, tmp_path / "forge" / "a-edited.json")
    reading = read_class(session, session_key(session), [forged, genuine])
    assert [a.path for a in reading.accepted] == [genuine]
    assert reading.duplicates == [forged]
    assert [r.path for r in reading.edited] == [forged]                  # still flagged
    (counted,) = [s for s in tally(session, reading.accepted) if s.role == "us" and s.table == 1]
    assert counted.counted is not None and counted.counted.path == genuine
    assert counted.how == "the only result (2 files held this same game: counted once)"


def test_a_genuine_result_is_not_flagged(session: Session, tmp_path: Path) -> None:
    """The figures a game writes are its replay's: nothing to flag (the check has no false alarm)."""
    genuine = play(session, 1, "us", tmp_path)
    reading = read_class(session, session_key(session), [genuine])
    assert reading.accepted and not reading.edited
    assert class_flags(session, reading.accepted, reading.edited) == []


@pytest.mark.parametrize("fmt", [FORMAT, 3])
def test_a_face_to_face_result_signed_with_a_table_folders_keys_is_refused(session: Session, tmp_path: Path,
                                                                         fmt: int) -> None:
    """Two students at a hot-seat table hold both seat keys (the table's folder): they could sign a
    face-to-face result for their table, as if the instructor had entered it (in the current format, or
    labelled as an older one). Only the instructor's folder can seal an entry."""
    deal = [parse_deal(session, "4,4,5,4,5,4,1")]
    record = result_record(session, 1, ENTERED_BY, "face-to-face", agreed_game(session, 1, deal), session.roles, {})
    record["format"] = fmt
    forged = resign(session, 1, record, tmp_path / "forge" / "entered.json")
    accepted, rejected, _ = read_results(session, session_key(session), [forged])
    assert not accepted and "not entered with 'classroom enter'" in rejected[0].reason
    _, entered = enter_deal(session, 1, None, deal)                        # the instructor's entry: sealed
    assert entered is not None
    accepted, rejected, _ = read_results(session, session_key(session), [entered])
    assert not rejected and accepted[0].sealed
    record = json.loads(entered.read_text())
    record["started"] = "2020-01-01T00:00:00+0000"                        # edited, then signed again
    edited = resign(session, 1, record, tmp_path / "forge" / "backdated.json")
    accepted, rejected, _ = read_results(session, session_key(session), [edited])
    assert not accepted and rejected[0].reason.startswith("its instructor's seal does not match")


# ---------------------------------------------------------------- hole 1: a later, better game made to count

LONGER = "offer\n" * 12 + "walk\ny\n"          # a longer game: another result than WALK's


def test_a_backdated_later_game_does_not_count(session: Session, tmp_path: Path) -> None:
    """Hole 1: the trial changed a later game's start time to before the first game's and signed it again;
    the debrief counted it ("the first of 2 results (by the time the game started)")."""
    first = play(session, 1, "us", tmp_path)
    later = play(session, 1, "us", tmp_path, LONGER)
    record = json.loads(later.read_text())
    record["started"] = "2020-01-01T09:00:00+0000"                        # before the first game
    backdated = resign(session, 1, record, tmp_path / "forge" / "backdated.json")
    accepted, rejected, _ = read_results(session, session_key(session), [first, backdated])
    assert not rejected
    (us,) = [x for x in tally(session, accepted) if (x.table, x.role) == (1, "us")]
    assert us.counted is not None and us.counted.path == first
    assert "game 1 of the seat: games are numbered as they start" in us.how
    assert record["games"]["us"]["number"] == 2 and json.loads(first.read_text())["games"]["us"]["number"] == 1
    printed, checks = debrief(session, tmp_path, first, backdated)
    assert f"<td>{first.name}</td>" in checks and "2 results for this seat" in printed


def test_a_later_game_numbered_as_the_first_does_not_replay(session: Session, tmp_path: Path) -> None:
    """The number cannot be rewritten either: it decides the game's dice, so game 2 handed in as game 1
    (alone, game 1 kept back) is rejected; so is game 2 with its number removed, or labelled as an older
    format (which replays from the table's seed only)."""
    play(session, 1, "us", tmp_path)
    later = json.loads(play(session, 1, "us", tmp_path, LONGER).read_text())
    relabelled = dict(later, games={"us": {"number": 1, "previous": ""}}, seed=session.seed_of(1))
    stripped = {k: v for k, v in later.items() if k != "games"}
    older = dict(stripped, format=3, seed=session.seed_of(1))
    paths = [resign(session, 1, dict(r), tmp_path / "forge" / f"{name}.json")
             for name, r in (("relabelled", relabelled), ("stripped", stripped), ("older", older))]
    accepted, rejected, _ = read_results(session, session_key(session), paths)
    reasons = {r.path.stem: r.reason for r in rejected}
    assert not accepted, [a.path for a in accepted]
    assert reasons["relabelled"].startswith("its moves do not replay (move 5: chance move differs from the seed's")
    assert reasons["relabelled"].endswith("with the dice of game 1 of the us seat, which its number decides: a game "
                                          "given another number does not replay")
    assert reasons["stripped"].startswith("a game played from a seat folder carries its game number")
    assert reasons["older"].startswith("its moves do not replay")


def test_a_game_kept_back_shows_as_a_gap_and_a_restarted_count_as_two_histories(session: Session,
                                                                                 tmp_path: Path) -> None:
    """What file mode can see of a student who keeps games back: handing in game 2 alone leaves game 1's
    number missing; starting the seat's count again (its games.json deleted) gives two games numbered 1,
    and the old game 2 does not follow the new game 1."""
    first = play(session, 1, "us", tmp_path)
    second = play(session, 1, "us", tmp_path, LONGER)
    reading = read_class(session, session_key(session), [second])
    assert reading.accepted and not reading.rejected
    (gap,) = class_flags(session, reading.accepted)
    assert gap.kind == "gap" and gap.about == "table 1, US delegation (State Department)"
    assert gap.why.startswith("game 1 of this seat was not handed in")
    (seat(session, 1, "us") / "games.json").unlink()                     # the count started again
    again = play(session, 1, "us", tmp_path, LONGER)
    assert json.loads(again.read_text())["games"] == {"us": {"number": 1, "previous": ""}}
    reading = read_class(session, session_key(session), [first, again, second])
    kinds = {(f.kind, f.about) for f in class_flags(session, reading.accepted)}
    assert ("count started again", "table 1, US delegation (State Department)") in kinds
    reading = read_class(session, session_key(session), [again, second])  # the old game 1 kept back
    flags = {f.kind: f for f in class_flags(session, reading.accepted)}
    assert flags["chain broken"].about == second.name and "gap" not in flags
    assert flags["several results"].why.startswith("2 results for this seat")


def test_an_older_result_is_read_and_said_to_be_older(session: Session, tmp_path: Path) -> None:
    """A game 1 without its number, as an older version wrote it (format 3): still read and counted (its
    dice are the table's), noted as older in checks.html, and flagged in a session that numbers games."""
    record = json.loads(play(session, 1, "us", tmp_path).read_text())
    old = resign(session, 1, dict({k: v for k, v in record.items() if k != "games"}, format=3),
                 tmp_path / "old" / "old.json")
    reading = read_class(session, session_key(session), [old])
    assert reading.accepted and not reading.rejected and not reading.accepted[0].numbers
    (flag,) = class_flags(session, reading.accepted)
    assert flag.kind == "older format" and flag.about == "old.json"
    _, checks = debrief(session, tmp_path, old)
    assert "older format (3), without a game number: ordered by the time it states" in checks


def test_a_hot_seat_game_numbers_each_seat_and_is_written_again_the_same(session: Session, tmp_path: Path) -> None:
    """A hot-seat game from the table's folder takes a number for each of its seats (here us's second game,
    ru's first, so its dice are not the table's); it replays, counts for ru and not for us, and
    'classroom result LOG' writes the same result again from its log."""
    alone = play(session, 1, "us", tmp_path)
    log, hot = tmp_path / "hot.jsonl", tmp_path / "hot.json"
    played = run_main("play", "--session", str(session.root / "tables" / "table-01"), "--side", "us", "--hot-seat",
                      "--out", str(hot), "--log", str(log), stdin="offer\n\noffer\n\nwalk\ny\n", home=tmp_path)
    assert played.returncode == 0, played.stderr
    assert "game 2 of the us seat, 1 of the ru seat" in played.stdout
    record = json.loads(hot.read_text())
    assert {seat: n["number"] for seat, n in record["games"].items()} == {"us": 2, "ru": 1}
    assert record["seed"] != session.seed_of(1)
    accepted, rejected, _ = read_results(session, session_key(session), [alone, hot])
    assert not rejected
    counted = {x.role: x.counted.path for x in tally(session, accepted) if x.table == 1 and x.counted}
    assert counted == {"us": alone, "ru": hot}
    again = run_main("classroom", "result", str(log), "--out", str(tmp_path / "again.json"), home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "again.json").read_text()) == record


def test_times_that_cannot_be_are_flagged(session: Session, tmp_path: Path) -> None:
    """A start time is the student's to write, so the debrief does not order by it, but it flags the
    impossible: before the session was made, after the debrief, not a time, a game started before the game
    numbered before it, the time of a game followed by another changed (its link breaks), and two copies
    of one game that disagree on it."""
    first = play(session, 1, "us", tmp_path)
    second = play(session, 1, "us", tmp_path, LONGER)

    def forged(path: Path, started: str, name: str) -> Path:
        return resign(session, 1, dict(json.loads(path.read_text()), started=started), tmp_path / "forge" / name)

    def flags_of(*paths: Path) -> set[tuple[str, str]]:
        reading = read_class(session, session_key(session), list(paths))
        return {(f.kind, f.about) for f in class_flags(session, reading.accepted, reading.edited)}

    backdated = forged(second, "2020-01-01T09:00:00+0000", "backdated.json")
    assert {("impossible time", "backdated.json"), ("time out of order", "backdated.json")} <= flags_of(first, backdated)
    assert ("impossible time", "future.json") in flags_of(forged(first, "2099-01-01T09:00:00+0000", "future.json"))
    word = forged(first, "<b>yesterday</b>", "word.json")
    assert ("impossible time", "word.json") in flags_of(word)
    debrief(session, tmp_path, word)
    raw = (session.root / "debrief" / "checks.html").read_text()
    assert "&#x27;&lt;b&gt;yesterday&lt;/b&gt;&#x27; is not a time" in raw and "<b>yesterday" not in raw   # escaped
    began = datetime.strptime(json.loads(first.read_text())["started"], TIME)
    moved = forged(first, (began - timedelta(minutes=1)).strftime(TIME), "moved.json")      # game 1 a minute earlier
    assert ("chain broken", second.name) in flags_of(moved, second)
    assert ("edited", "moved.json") in flags_of(first, moved)                              # a copy that disagrees
    assert flags_of(first, second) == {("several results", "table 1, US delegation (State Department)")}


def test_a_malformed_game_number_is_refused_by_name(session: Session, tmp_path: Path) -> None:
    """A result's numbers are the student's to write: whatever they hold, the file is refused with a reason."""
    record = json.loads(play(session, 1, "us", tmp_path).read_text())
    malformed = [{"us": {"number": 0, "previous": ""}}, {"us": {"number": True, "previous": ""}},
                 {"us": {"number": 2, "previous": ""}}, {"us": {"number": 1, "previous": "zz"}},
                 {"ru": {"number": 1, "previous": ""}}, {"us": [1]}, [], "1"]
    paths = [resign(session, 1, dict(record, games=games), tmp_path / "forge" / f"games-{i}.json")
             for i, games in enumerate(malformed)]
    accepted, rejected, _ = read_results(session, session_key(session), paths)
    assert not accepted and len(rejected) == len(malformed)
    assert all(r.reason.startswith("malformed: ") for r in rejected), [r.reason for r in rejected]


@pytest.mark.parametrize("count", ["not json", '{"games": 3}', "[]", "folder"])
def test_a_seat_count_that_is_not_one_stops_the_game_by_name(session: Session, tmp_path: Path, count: str) -> None:
    """The seat's count of games is in the student's folder too: a broken one is named, and no game starts."""
    path = seat(session, 1, "us") / "games.json"
    if count == "folder":
        path.mkdir()
    else:
        path.write_text(count)
    played = run_main("play", "--session", str(seat(session, 1, "us")), stdin=WALK, home=tmp_path)
    assert played.returncode == 1 and "Traceback" not in played.stderr
    assert str(path) in played.stderr and "CONFIDENTIAL BRIEF" not in played.stdout


def test_two_games_starting_at_once_from_one_seat_folder_take_two_numbers(session: Session,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two terminals starting a game from the same seat folder at the same moment: each reads the seat's count
    and writes it one on. Without a lock held from the reading to the writing both read 0 and both took game 1,
    which the debrief then flagged as a count started again, though the student did nothing wrong."""
    import threading
    import time

    from game.classroom import chain

    read = chain._count

    def slow_count(*args: Any) -> tuple[int, str]:
        found = read(*args)
        time.sleep(0.2)                                 # the other start reads the count meanwhile
        return found

    monkeypatch.setattr(chain, "_count", slow_count)
    taken: list[int] = []
    starts = [threading.Thread(target=lambda: taken.append(chain.claim(session, 1, ["us"])[1]["us"].number))
              for _ in range(2)]
    for start in starts:
        start.start()
    for start in starts:
        start.join()
    assert sorted(taken) == [1, 2]
    assert not (seat(session, 1, "us") / (chain.COUNTER + ".lock")).exists()       # no lock file left behind



def test_a_seat_folder_game_at_a_table_the_server_played_is_flagged(session: Session, tmp_path: Path) -> None:
    """Attack trial: with every seat key of a table, a student could rewrite the server's result of that table
    (a seat handed to the AI included) as a numbered game of their own, which the debrief accepted unflagged."""
    genuine = play(session, 1, "us", tmp_path)
    reading = read_class(session, session_key(session), [genuine])
    assert [f.kind for f in class_flags(session, reading.accepted, reading.edited)] == []
    games = session.root / "server" / "games"
    games.mkdir(parents=True)
    (games / "table-02.jsonl").write_text("")                  # the server played another table: no flag
    assert [f.kind for f in class_flags(session, reading.accepted, reading.edited)] == []
    (games / "table-01.jsonl").write_text("")                  # it played this one
    flags = class_flags(session, reading.accepted, reading.edited)
    assert [(f.about, f.kind) for f in flags] == [(genuine.name, "also served")]
    assert "seat keys" in flags[0].why
