"""Preparing the talks does not freeze the window (newcomer trial h2: 'Read your brief' hung the screen for
about 2.4 s on the 2017 and 2019 scenarios, with no word of why): the session is built off the frame, the
button says so meanwhile, and the brief opens when it is ready."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scenario.loader import load_scenario
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.picker import SideScene
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app  # noqa: F401  (a fixture, and the window's factory)


def test_reading_the_brief_prepares_the_talks_off_the_frame(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640))
    app.reset(TitleScene(app))
    side = SideScene(app, load_scenario(SCENARIOS / "ryabkov_2017.yaml"), "ru")
    side.seed = 7
    app.push(side)
    driver = Driver(app)
    driver.frames(1)
    side.start()
    assert app.top is side and side.worker.busy                   # the frame thread came back at once
    assert "Preparing the talks" in side.read.text and not side.read.is_enabled
    side.start()                                                  # a second press while it prepares: ignored
    driver.settle()
    assert isinstance(app.top, BriefScene) and app.top.session.state.scenario.id == "ryabkov_2017"
    assert app.top.session.side == "ru"
    assert side.read.text == "Read your brief →" and side.read.is_enabled
    app.top.session.close()
    pygame.quit()
