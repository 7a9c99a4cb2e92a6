"""No tooltip while the pointer rests where it was when a screen opened (newcomer trial: the title screen
opened with the "Settings" tooltip covering "Help and controls", the pointer resting mid-screen)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.test_ui import data_home, make_app  # noqa: F401  (a fixture)


def test_a_resting_pointer_shows_no_tooltip_until_it_moves(data_home: Path,  # noqa: F811
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(data_home)
    pointer = [(0, 0)]
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pointer[0])
    title = TitleScene(app)
    app.reset(title)
    button = next(b for b in title.elements if isinstance(b, UIButton) and b.text == "Settings")
    pointer[0] = button.rect.center
    app.reset(TitleScene(app))                      # the window opens with the pointer over "Settings"
    title = app.top  # type: ignore[assignment]
    button = next(b for b in title.elements if isinstance(b, UIButton) and b.text == "Settings")
    driver = Driver(app, frame_dt=0.1)
    driver.frames(30)                               # three seconds: well past the tooltip's delay
    assert button.tool_tip is None
    pointer[0] = (button.rect.centerx + 3, button.rect.centery)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pointer[0], rel=(3, 0), buttons=(0, 0, 0),
                                         touch=False))
    driver.frames(30)
    assert button.tool_tip is not None              # once it moves, the tooltip shows as usual
