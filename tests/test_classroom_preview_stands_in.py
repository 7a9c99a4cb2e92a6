"""A seat whose student's only result fails its signature check, while a ``classroom simulate`` preview
speaks for it (instructor trial: the preview, an AI's game, was scored for the seat and the summary said
"0 flagged"): the debrief flags the seat, naming the rejected file."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.folder import Session
from game.classroom.play import simulate_session
from tests.test_classroom_forgery import debrief, play, session  # noqa: F401  (session: the fixture)


def test_a_preview_scored_in_place_of_a_rejected_student_result_is_flagged(session: Session,  # noqa: F811
                                                                           tmp_path: Path) -> None:
    mine = play(session, 1, "us", tmp_path / "home")
    record = json.loads(mine.read_text())
    record["started"] = "2020-01-01T00:00:00+0000"            # edited, not signed again: rejected
    broken = tmp_path / "handed-in" / mine.name
    broken.parent.mkdir()
    broken.write_text(json.dumps(record))
    previews = simulate_session(session)
    printed, checks = debrief(session, tmp_path / "home", broken, *previews)
    assert "1 rejected" in printed and "1 flagged" in printed
    assert "preview stands in" in checks and f"this seat's student result ({mine.name}) was rejected" in checks
    assert "table 1, US delegation" in checks
    # the other seats are the preview's alone, no student's result rejected there: not flagged
    assert checks.count("preview stands in") == 1
