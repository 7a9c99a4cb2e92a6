"""A face-to-face entry whose deal crosses a government's red line (instructor trial: ``classroom enter
--deal 4,5,5,4,5,4,1`` crossed the US red line and was recorded without a word, while the browser asks
"Send this offer anyway?" for the same package): the entry says which red line, whose, and the debrief
flags it."""

from __future__ import annotations

from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.flags import class_flags
from game.classroom.folder import create_session, session_key
from game.classroom.play import enter_deal, parse_entry
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
CROSSING = "4,5,5,4,5,4,1"          # Election infrastructure: 'Pledge + inspection', a US red line
INSIDE = "4,4,5,4,5,4,1"


def test_an_entry_across_a_red_line_is_warned_of_and_flagged(tmp_path: Path) -> None:
    session = create_session(NARROW, 2, tmp_path / "class", seed=3)
    said, crossing = enter_deal(session, 1, None, parse_entry(session, [CROSSING]))
    assert crossing is not None and "result is recorded" in said
    assert "Warning: this deal crosses the United States' red line on Election infrastructure" in said
    saved, _ = enter_deal(session, 2, "ru", parse_entry(session, [CROSSING]))
    assert "Entry saved" in saved and "the United States' red line" in saved    # each role is told too
    fine, inside = enter_deal(session, 2, None, parse_entry(session, [INSIDE]))
    assert inside is not None and "Warning" not in fine
    accepted, rejected, _ = read_results(session, session_key(session), [crossing, inside])
    assert not rejected
    flags = [f for f in class_flags(session, accepted) if f.kind == "red line"]
    assert [f.about for f in flags] == [crossing.name]
    assert "the United States' red line on Election infrastructure" in flags[0].why and "0% entry" in flags[0].why
