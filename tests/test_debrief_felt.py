"""The window's debrief of a Track 1.5 game played as the experts."""

from __future__ import annotations

import html
from pathlib import Path

import pygame

from game.engine.result import game_result
from game.ui.scenes.debrief import DebriefScene
from tests.conftest import SCENARIOS
from tests.test_screens_ui import finished_game
from tests.test_ui import NARROW, OPEN, data_home, make_app  # noqa: F401


def test_the_debrief_of_experts_whose_officials_struck_the_deal_opens(data_home: Path) -> None:  # noqa: F811
    """It raised ValueError (the form's cost looked the experts up at the officials' table)."""
    session = finished_game(SCENARIOS / "track15_trap.yaml", "us_experts", 5)
    OPEN.append(session)
    result = game_result(session.state)
    assert result.agreement is not None and "us_experts" not in session.state.phase_def.parties
    text = DebriefScene(make_app(data_home), session.state, result, "us_experts").text()
    assert "The form you agreed" not in text and "<b>The agreement</b>" in text
    pygame.quit()
