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
from pathlib import Path
from typing import Any

import pytest

from game.classroom.checks import read_class, read_results
from game.classroom.flags import class_flags
from game.classroom.folder import Session, create_session, session_key
from game.classroom.play import agreed_game, enter_deal, parse_deal
from game.classroom.results import ENTERED_BY, FORMAT, result_record
from game.classroom.signing import sign
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
    assert "1 results accepted" in printed and "flagged (edited) resigned.json" in printed
    assert "edited: see the flags" in checks


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
