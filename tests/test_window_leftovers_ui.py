"""Leftovers of the window's hot seat: 'Play again' after a hot-seat game, and a Track 1.5 deal the other
player is to be told at their next turn, across a save and a reload."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.app import App
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.cards import DealScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.menus import ConfirmScene, CurtainScene
from game.ui.scenes.picker import HOT_SEAT, SideScene
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import NARROW, OPEN, data_home, make_app  # noqa: F401  (a fixture)


def press(driver: Driver, text: str) -> None:
    """Tab to the button on the screen on top whose text starts with ``text`` and press Enter."""
    driver.press(next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text.startswith(text)))


def to_the_last_debrief(app: App, session: GameSession, move: str = "Propose") -> DebriefScene:
    """Play ``session`` from its table to the last player's debrief from the keyboard: each player accepts
    any offer and otherwise presses ``move`` (confirming it when asked), every other screen goes on."""
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    for _ in range(200):
        top = app.top
        if isinstance(top, CurtainScene):
            press(driver, "Show")
        elif isinstance(top, DealScene):
            press(driver, "Continue")
        elif isinstance(top, HandoffScene):
            driver.key(pygame.K_ESCAPE)                 # goes on, whatever comes next
        elif isinstance(top, ConfirmScene):
            press(driver, "Yes")
        elif isinstance(top, AftermathScene):
            press(driver, "Debrief")
        elif isinstance(top, DebriefScene):
            if not top.others:
                return top
            press(driver, "Next player")
        else:
            assert isinstance(top, TableScene), top
            state = session.state
            facing = state.standing is not None and state.standing.party != table.side
            press(driver, "Accept" if facing else move)
    raise AssertionError("the game did not end")


def test_play_again_after_a_hot_seat_game_is_hot_seat_again(data_home: Path) -> None:  # noqa: F811
    """'Play again' after a hot-seat game opened the side picker with the AI across the table: the two
    players had to find hot seat again. It opens on the first player's side with hot seat chosen, and
    starts a game the two of them play; after a game against a chosen AI persona, that persona."""
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 5, humans=("us", "ru"))
    OPEN.append(session)
    to_the_last_debrief(app, session)                  # the last of the two players' debriefs
    driver = Driver(app)
    press(driver, "Play again")
    side = app.top
    assert isinstance(side, SideScene) and side.scenario.id == session.scenario.id
    assert (side.side, side.opponent) == ("us", HOT_SEAT), (side.side, side.opponent)
    assert "a second player" in side.note.html_text
    press(driver, "Read your brief")
    driver.wait_for(lambda: isinstance(app.top, BriefScene))
    brief = app.top
    assert isinstance(brief, BriefScene)
    OPEN.append(brief.session)
    assert brief.session.humans == ("us", "ru")
    against = GameSession.new(load_scenario(NARROW), "ru", 6, "boulware")
    OPEN.append(against)
    to_the_last_debrief(app, against, move="Walk away")
    press(driver, "Play again")
    side = app.top
    assert isinstance(side, SideScene) and (side.side, side.opponent) == ("ru", "boulware")
    pygame.quit()
