"""Five gaps of the window: a Track 1.5 deal the other player struck, the official talks told to the experts'
player, Save on a finished game, the side picker's focus after 'Play again', and the offer trace's legend
at large text."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.engine.result import game_result
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import SideScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_screens_ui import finished_game
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (a fixture)


def button(driver: Driver, text: str) -> UIButton:
    """The button on the current screen whose text starts with ``text``."""
    return next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text.startswith(text))


def test_play_again_focuses_the_side_just_played(data_home: Path) -> None:  # noqa: F811
    """After 'Play again' the side picker marked the side just played but focused the first side: one Enter
    there changed the player's side. The focus opens on the side chosen."""
    app = make_app(data_home)
    session = finished_game(SCENARIOS / "roosevelt_litvinov_1933.yaml", "ussr", 4)
    OPEN.append(session)
    assert session.scenario.parties[0].id != "ussr"
    app.reset(DebriefScene(app, session.state, game_result(session.state), "ussr"))
    driver = Driver(app)
    driver.press(button(driver, "Play again"))
    side = app.top
    assert isinstance(side, SideScene) and side.side == "ussr"
    current = side.focus.current
    assert current is not None and current.element is side.side_buttons["ussr"]
    driver.key(pygame.K_RETURN)                    # Enter on the focused side keeps it
    assert side.side == "ussr"
    pygame.quit()
