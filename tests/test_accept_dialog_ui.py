"""Newcomer trial (track15_trap, accepting an offer across red lines, 1024x640, large text): the dialog began
"Accept it anyway? … It contains what you declared a red line (Hack-and-leak by state …", cut mid-line, and
the government's red line showed only after Page Down. Now the reasons come first, the most serious first,
then the question, all in view above Yes."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton

import game.ui.scenes.table as table_module
from game.engine.actions import PlayerAction
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.dialogs import ConfirmScene
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app, open_table  # noqa: F401  (a fixture)

DECLARED = ("It contains what you declared a red line (Hack-and-leak by state agencies: 'Channels + mutual "
            "questioning'; Covert social-media influence: 'Channels + mutual questioning'): going back on your "
            "word halves your credibility with them.")
GOVERNMENT = ("It crosses your government's red line on Government grants to NGOs: such a deal can never be "
              "ratified at home.")


def test_the_reasons_come_first_most_serious_first_and_all_show_above_yes(
        data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    def risky(state: State, party: str, action: PlayerAction) -> tuple[list[str], str]:
        return [GOVERNMENT, DECLARED], "Accept it anyway?"   # the session's order (tests/test_risks_order.py)
    monkeypatch.setattr(table_module, "risks", risky)
    app = make_app(data_home, (1024, 640), "large")
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 5, "boulware")
    table, driver = open_table(app, session)
    table.accept()
    driver.frames(2)
    dialog = app.top
    assert isinstance(dialog, ConfirmScene)
    text = dialog.question
    assert text.index(GOVERNMENT) < text.index(DECLARED) < text.index("Accept it anyway?"), text
    assert text.endswith("Accept it anyway?")
    box = dialog.reading
    assert box is not None and box.scroll_bar is None                  # nothing hidden below the fold
    yes = next(b for b in dialog.elements if isinstance(b, UIButton) and b.text == "Yes")
    assert box.rect.bottom <= yes.rect.top
    assert pygame.Rect((0, 0), app.size).contains(dialog.panel.rect)
    pygame.quit()
