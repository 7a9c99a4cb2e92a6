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


def test_the_pause_menu_offers_save_only_while_a_game_is_in_progress(data_home: Path) -> None:  # noqa: F811
    """The pause menu of a finished game (the debrief) offered Save, which answered that there was no game
    to save. Save is offered at the table of a game in progress, and not once the game is over."""
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.menus import PauseScene
    from game.ui.scenes.table import TableScene
    from tests.test_ui import NARROW
    app = make_app(data_home)
    driver = Driver(app)
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware")
    OPEN.append(session)
    app.reset(TableScene(app, session))
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    assert [b.text for b in app.top.elements if isinstance(b, UIButton)][:3] == ["Resume", "Save", "Load a saved game"]
    finished = finished_game(NARROW, "us", 4)
    OPEN.append(finished)
    app.reset(DebriefScene(app, finished.state, game_result(finished.state), "us"))
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    texts = [b.text for b in pause.elements if isinstance(b, UIButton)]
    assert "Save" not in texts and texts[:2] == ["Resume", "Load a saved game"], texts
    current = pause.focus.current
    assert current is not None and getattr(current.element, "text", "") == "Resume"
    pygame.quit()
