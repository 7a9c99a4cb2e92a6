"""Newcomer trial of the window (large text, keyboard only, 1024x640 to 1920x1080): what a player could
not reach, read or see, and the fixes' checks."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game.engine.actions import Accept, Offer
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scripted import Driver
from tests.test_ui import NARROW, OPEN, data_home, make_app  # noqa: F401  (a fixture)


def game_in_force() -> GameSession:
    """A narrow-deal game Washington ends by accepting (or proposing its best until it can), whose agreement
    enters into force, so that the compliance years follow."""
    for seed in range(40):
        session = GameSession.new(load_scenario(NARROW), "us", seed, "conceder")
        OPEN.append(session)
        while not session.over:
            state = session.state
            if state.standing is not None and state.standing.party != "us":
                session.submit(Accept("us"))
            else:
                assert state.tables is not None
                session.submit(Offer("us", state.tables.problem.outcome_at(int(state.tables.of("us").order[0]))))
        if session.state.compliance is not None:
            return session
    raise AssertionError("no narrow deal in force in 40 seeds")


def test_the_summary_after_the_talks_is_read_whole_from_the_keyboard(data_home: Path) -> None:  # noqa: F811
    """At 1280x800 the vote-and-compliance summary showed only its top, and neither Tab nor Page Down reached
    it: now it grows to fit, and what still does not fit is in the Tab order and scrolls with the keys."""
    for text_size in ("normal", "large"):
        app = make_app(data_home, (1280, 800), text_size)
        finished = game_in_force()
        scene = AftermathScene(app, finished.state, game_result(finished.state), "us")
        app.reset(scene)
        driver = Driver(app)
        driver.frames(2)
        box = scene.summary
        assert isinstance(box, UITextBox)
        if box.scroll_bar is None:
            continue                                        # it fits: all of it shows
        driver.tab_to(box)
        driver.key(pygame.K_END)
        bar = box.scroll_bar
        assert abs(bar.start_percentage + bar.visible_percentage - 1.0) < 1e-3, text_size
        driver.key(pygame.K_PAGEUP)
        assert bar.start_percentage < 1e-3
        pygame.quit()
