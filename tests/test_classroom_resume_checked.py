"""``play --resume`` of a classroom game checks where its result will go before the game goes on (attack trial
h103, finding 6): a log whose header was edited to name no session ("folder": "../../../../tmp") or to send the
result elsewhere ("out": "/etc/cron.d/x") was played to its end, and only then told "not a classroom session"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.classroom.folder import Session
from tests.test_classroom_attacks import run_main
from tests.test_classroom_forgery import WALK, seat, session  # noqa: F401 - the fixture


def started(session: Session, home: Path) -> Path:  # noqa: F811
    """A seat's game against the AI, started and left at once (its log)."""
    log = home / "game.jsonl"
    begun = run_main("play", "--session", str(seat(session, 1, "us")), "--log", str(log), stdin="quit\n", home=home)
    assert begun.returncode == 0 and log.is_file(), begun.stderr
    return log


def edited(log: Path, **classroom: object) -> None:
    lines = log.read_text().splitlines()
    header = json.loads(lines[0])
    header["classroom"].update(classroom)
    log.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")


@pytest.mark.parametrize(("change", "said", "remedy"), [
    ({"folder": "../../../../tmp"}, "not a classroom session", "Resume it on the machine and in the place"),
    ({"out": "NOWHERE"}, "nowhere/x is not a folder that exists", "Make that folder, then resume"),  # /etc/cron.d/x
    ({"out": "NOTES"}, "notes.txt is not a folder that exists", "Make that folder, then resume"),
    ({"out": "CONFIG"}, "exists and is not a result of this session (it would be replaced)",
     "Move that file away, then resume"),
])
def test_a_classroom_log_whose_result_cannot_go_where_it_says_is_refused_before_the_game(
        session: Session, tmp_path: Path, change: dict[str, str], said: str, remedy: str) -> None:  # noqa: F811
    log, config, notes = started(session, tmp_path), tmp_path / "settings.json", tmp_path / "notes.txt"
    config.write_text('{"theme": "dark"}')
    notes.write_text("mine")
    paths = {"CONFIG": config, "NOTES": notes, "NOWHERE": tmp_path / "nowhere" / "x"}     # tests write nothing outside
    edited(log, **{k: str(paths.get(v, v)) for k, v in change.items()})
    resumed = run_main("play", "--resume", str(log), stdin=WALK, home=tmp_path)
    assert resumed.returncode != 0 and "Traceback" not in resumed.stderr
    assert said in resumed.stderr and "cannot be written" in resumed.stderr, resumed.stderr
    assert remedy in resumed.stderr and len(resumed.stderr.splitlines()) == 1, resumed.stderr
    assert "resuming" not in resumed.stdout                                   # no game was played
    assert not paths["NOWHERE"].exists() and config.read_text() == '{"theme": "dark"}' and notes.read_text() == "mine"


def test_a_classroom_log_whose_out_is_a_folder_it_made_resumes_and_writes_there(session: Session,  # noqa: F811
                                                                                tmp_path: Path) -> None:
    log, out = tmp_path / "game.jsonl", tmp_path / "made" / "here"
    begun = run_main("play", "--session", str(seat(session, 1, "us")), "--log", str(log), "--out", str(out),
                     stdin="quit\n", home=tmp_path)
    assert begun.returncode == 0 and out.is_dir(), begun.stderr
    resumed = run_main("play", "--resume", str(log), stdin=WALK, home=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert len(list(out.glob("*.json"))) == 1


EDITED = "Restore the header's original \"out\" (the path the game was started with), then resume; to send the " \
    "finished game's result elsewhere, use 'classroom result LOG --out PATH'"


@pytest.mark.parametrize(("change", "said", "remedy"), [
    ({"out": "NEW"}, "does not match its \"out_seal\"", EDITED),             # a new .json file in a folder that exists
    ({"out": "NEW", "out_seal": None}, "is a new file, named by a log of an older version",
     "Set its \"out\" to null (the result then goes to "),
    ({"out_seal": "0" * 64}, "does not match its \"out_seal\"", EDITED),
])
def test_a_resume_writes_its_result_only_where_the_game_was_started_to(session: Session, tmp_path: Path,  # noqa: F811
                                                                      change: dict[str, str | None],
                                                                      said: str, remedy: str) -> None:
    """Gap: a header edited to send the result to a new .json file in any folder that exists was accepted. The
    --out a student gives at the start is sealed with the seat's key in the header: a resume writes there (the
    rule of a fresh game), and a header whose out is not the sealed one is refused, before any move and by
    ``classroom result LOG`` too."""
    log, chosen, new = tmp_path / "game.jsonl", tmp_path / "hand-in" / "mine.json", tmp_path / "elsewhere.json"
    chosen.parent.mkdir()
    begun = run_main("play", "--session", str(seat(session, 1, "us")), "--log", str(log), "--out", str(chosen),
                     stdin="quit\n", home=tmp_path)
    assert begun.returncode == 0, begun.stderr
    edited(log, **{k: str(new) if v == "NEW" else v for k, v in change.items()})
    resumed = run_main("play", "--resume", str(log), stdin=WALK, home=tmp_path)
    assert resumed.returncode != 0 and "Traceback" not in resumed.stderr
    assert said in resumed.stderr and "cannot be written" in resumed.stderr, resumed.stderr
    assert remedy in resumed.stderr and "Make that folder" not in resumed.stderr, resumed.stderr   # class trial, 3
    assert "resuming" not in resumed.stdout and not new.exists() and not chosen.exists()


def test_a_resume_writes_its_result_where_the_student_said_at_the_start(session: Session,  # noqa: F811
                                                                        tmp_path: Path) -> None:
    log, chosen = tmp_path / "game.jsonl", tmp_path / "hand-in" / "mine.json"
    chosen.parent.mkdir()
    begun = run_main("play", "--session", str(seat(session, 1, "us")), "--log", str(log), "--out", str(chosen),
                     stdin="quit\n", home=tmp_path)
    assert begun.returncode == 0, begun.stderr
    resumed = run_main("play", "--resume", str(log), stdin=WALK, home=tmp_path)
    assert resumed.returncode == 0 and chosen.is_file(), resumed.stderr
    edited(log, out=str(tmp_path / "elsewhere.json"))                     # the finished game's header, edited
    again = run_main("classroom", "result", str(log), "--session", str(seat(session, 1, "us")), home=tmp_path)
    assert again.returncode != 0 and "does not match its \"out_seal\"" in again.stderr, again.stderr
    assert not (tmp_path / "elsewhere.json").exists()
