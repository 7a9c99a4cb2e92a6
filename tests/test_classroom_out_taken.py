"""A student's ``--out`` never replaces another seat's result (class trial, defect 1): ``play --session
tables/table-02/ru --out results/table-01-us-....json`` wrote table 2 RU's game over table 1 US's signed result,
with no warning, and the debrief then said "no result yet for: table 1". ``classroom result LOG --out`` and
``play --resume`` of a log without an ``out_seal`` had the same hole (the rule was "a result of this session").
A file is replaced only by the same game's result; a game not begun is refused, a finished one is written next
to the taken file and the player is told where."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.classroom.folder import Session
from tests.test_classroom_attacks import run_main
from tests.test_classroom_forgery import WALK, play, seat, session  # noqa: F401 - the fixture
from tests.test_classroom_resume_checked import edited


def table_1_us(session: Session, home: Path) -> Path:  # noqa: F811
    """Table 1 US's signed result, handed in to the session's results/ (the trial's first step)."""
    played = play(session, 1, "us", home)
    handed = session.root / "results" / played.name
    shutil.copyfile(played, handed)
    return handed


def test_a_new_game_whose_out_holds_another_seats_result_is_refused_before_it_starts(
        session: Session, tmp_path: Path) -> None:  # noqa: F811
    handed = table_1_us(session, tmp_path)
    before = handed.read_bytes()
    log = tmp_path / "ru.jsonl"
    refused = run_main("play", "--session", str(seat(session, 2, "ru")), "--out", str(handed), "--log", str(log),
                       stdin=WALK, home=tmp_path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "holds the result of table 1's us seat" in refused.stderr, refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Result (signed)" not in refused.stdout
    assert handed.read_bytes() == before and not log.exists()
    again = run_main("play", "--session", str(seat(session, 2, "ru")), stdin=WALK, home=tmp_path)
    assert "game 1 of your seat" in again.stdout          # no game number was taken by the refused start


def test_classroom_result_writes_next_to_another_seats_result_and_says_where(session: Session,  # noqa: F811
                                                                            tmp_path: Path) -> None:
    handed = table_1_us(session, tmp_path)
    before = handed.read_bytes()
    log = tmp_path / "ru.jsonl"
    played = run_main("play", "--session", str(seat(session, 2, "ru")), "--log", str(log), stdin=WALK, home=tmp_path)
    assert played.returncode == 0, played.stderr
    again = run_main("classroom", "result", str(log), "--out", str(handed), home=tmp_path)
    beside = handed.with_name(f"{handed.stem}-2.json")
    assert again.returncode == 0 and handed.read_bytes() == before and beside.is_file(), again.stderr
    assert f"written next to it, at {beside}" in again.stdout and f"Result (signed): {beside}" in again.stdout
    # the same log's result written again replaces its own file, under its name
    third = run_main("classroom", "result", str(log), "--out", str(beside), home=tmp_path)
    assert third.returncode == 0 and f"Result (signed): {beside}\n" == third.stdout, third.stdout
    assert not handed.with_name(f"{handed.stem}-3.json").exists()
    debrief = run_main("classroom", "debrief", str(session.root), "--results", str(handed), str(beside), home=tmp_path)
    assert "2 results accepted" in debrief.stdout and "table 1: US" not in debrief.stdout


def test_a_resumed_older_log_may_not_send_its_result_over_another_seats(session: Session,  # noqa: F811
                                                                        tmp_path: Path) -> None:
    handed = table_1_us(session, tmp_path)
    before = handed.read_bytes()
    log = tmp_path / "ru.jsonl"
    begun = run_main("play", "--session", str(seat(session, 2, "ru")), "--log", str(log), stdin="quit\n",
                     home=tmp_path)
    assert begun.returncode == 0, begun.stderr
    edited(log, out=str(handed), out_seal=None)       # a log of a version before the seal names the file
    resumed = run_main("play", "--resume", str(log), stdin=WALK, home=tmp_path)
    assert resumed.returncode == 1 and "Traceback" not in resumed.stderr
    assert "holds the result of table 1's us seat" in resumed.stderr, resumed.stderr
    assert "resuming" not in resumed.stdout and handed.read_bytes() == before


def test_a_finished_game_written_next_to_a_taken_out_is_a_success_with_a_note(session: Session,  # noqa: F811
                                                                             tmp_path: Path) -> None:
    """A finished game whose ``--out`` turned out to hold another game's result (it appeared while the game was
    played) is written next to it: that is no failure (the result is safe and signed), so the delivery carries a
    note saying where, not a problem (the terminal then exits 0 and the window says where the result is)."""
    from game.classroom.folder import open_session
    from game.classroom.results import deliver
    from game.session.movelog import restore
    handed = table_1_us(session, tmp_path)
    before = handed.read_bytes()
    log = tmp_path / "ru.jsonl"
    played = run_main("play", "--session", str(seat(session, 2, "ru")), "--log", str(log), stdin=WALK, home=tmp_path)
    assert played.returncode == 0, played.stderr
    _, _, state, _ = restore(log)                               # the finished game, as the log has it
    delivery = deliver(open_session(session.root), 2, "ru", "ai", state, ("ru",), {}, "", handed, log)
    beside = handed.with_name(f"{handed.stem}-2.json")
    assert delivery.problem is None and delivery.path == beside and beside.is_file()
    assert delivery.note is not None and f"written next to it, at {beside}" in delivery.note
    assert handed.read_bytes() == before


def test_an_upper_case_json_out_is_a_file_not_a_folder(session: Session, tmp_path: Path) -> None:  # noqa: F811
    """``--out HANDIN.JSON`` names the result file, as ``.json`` does (it was taken for a folder's name)."""
    out = tmp_path / "HANDIN.JSON"
    played = run_main("play", "--session", str(seat(session, 1, "us")), "--out", str(out), stdin=WALK, home=tmp_path)
    assert played.returncode == 0, played.stderr
    assert out.is_file() and f"Result (signed): {out}" in played.stdout
