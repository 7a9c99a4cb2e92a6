"""One starting draft and one unit convention for a seat (instructor trial: the terminal's draft started at
4,4,5,1,5,4,3 and the web page's form at 4,4,5,4,5,4,1; the printed brief said "No deal is worth 35.0
points" while the terminal said "0.35 ... (0 = worst deal, 1 = best)")."""

from __future__ import annotations

from pathlib import Path

from game.classroom.briefs import role_brief
from game.classroom.folder import create_session
from game.cli import terminal
from game.session.drafts import starting_draft
from game.session.game import GameSession
from game.web.seatview import game_payload
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def test_the_terminal_and_the_page_start_from_one_draft(tmp_path: Path) -> None:
    made = create_session(NARROW, 1, tmp_path / "class", seed=1)
    game = GameSession.new(made.scenario, "us", 1, log_path=tmp_path / "g.jsonl")
    game.take_moments()
    state = game.state
    assert [d + 1 for d in starting_draft(state, "us")] == [4, 4, 5, 4, 5, 4, 1]
    assert game_payload(state, "us")["best"] == starting_draft(state, "us")
    assert not hasattr(terminal, "best_draft")            # the terminal's own, by expected value, is gone
    game.log.close()


def test_the_printed_brief_gives_no_deal_in_points_and_on_the_screens_scale(tmp_path: Path) -> None:
    made = create_session(NARROW, 1, tmp_path / "class", seed=1)
    markdown, _ = role_brief(made, 1, "us", "CODE")
    assert "No deal is worth 35.0 points to your government (0.35 on the game's screens, where 0 = worst deal " \
           "and 1 = best)" in markdown
