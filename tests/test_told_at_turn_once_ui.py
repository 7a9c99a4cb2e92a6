"""Hot seat in the Track 1.5 trap: when the experts accept Moscow's offer, Moscow's player, who sits at the
official talks next, is told the deal at their next turn (:func:`game.session.untold.untold_deal`). That follows
from the moves, which say nothing of a deal told and closed: a window closed after Moscow's player closed the
deal but before they moved told it again after loading. Closing it is now kept in the save, as for a deal told
behind a player's own curtain, so it is shown once; a deal on the screen when the window closed is still told."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.app import App
from game.ui.scenes.cards import DealScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menus import CurtainScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (a fixture)
from tests.test_window_leftovers_ui import press, trap_step


def to_moscows_deal(app: App) -> GameSession:
    """A hot-seat game of the trap played from the keyboard until the deal the experts struck is told to
    Moscow's player at their turn at the official talks (a DealScene over Moscow's table)."""
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 2,
                              humans=("us_experts", "ru"))
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    for _ in range(100):
        top = app.top
        if isinstance(top, DealScene) and table.side == "ru" and session.state.phase == 1:
            return session
        trap_step(app, driver, session, table)
    raise AssertionError("the deal was never told to Moscow")


def deals_after_loading(data_home: Path, path: Path) -> int:  # noqa: F811
    """The saved game at ``path`` loaded in a new window and shown up to Moscow's table: how many times a deal
    was told on the way (each closed with Continue); the window is then closed."""
    app = make_app(data_home, (1280, 800))
    app.reset(TitleScene(app))
    app.push(LoadScene(app))
    driver = Driver(app)
    driver.press(next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.tool_tip_text == str(path)))
    told = 0
    for _ in range(20):
        top = app.top
        if isinstance(top, TableScene) and top.side == "ru":
            OPEN.append(top.session)
            app.close()
            return told
        if isinstance(top, CurtainScene):
            press(driver, "Show")
        elif isinstance(top, DealScene):
            told += 1
            press(driver, "Continue")
        elif isinstance(top, HandoffScene):
            driver.key(pygame.K_ESCAPE)
        else:
            raise AssertionError(top)
    raise AssertionError("never reached Moscow's table")


def test_a_deal_closed_at_the_players_turn_is_not_told_again_after_loading(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, (1280, 800))
    session = to_moscows_deal(app)
    press(Driver(app), "Continue")              # Moscow's player reads the deal and closes it
    assert isinstance(app.top, (TableScene, HandoffScene)), app.top
    path = session.log.path
    app.close()                                # closed before Moscow moves
    assert deals_after_loading(data_home, path) == 0
    pygame.quit()


def test_a_deal_on_the_screen_when_the_window_closed_is_told_after_loading_once(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, (1280, 800))
    path = to_moscows_deal(app).log.path
    app.close()                                # closed with the deal on the screen: not yet read
    assert deals_after_loading(data_home, path) == 1
    assert deals_after_loading(data_home, path) == 0
    pygame.quit()
