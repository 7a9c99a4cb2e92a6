"""Newcomer trial (window): a confirmation whose text overflowed its panel (accepting while your own red line
is declared, track15_trap's experts, large text at 1024x640) could not be scrolled from the keyboard: Tab
cycled Cancel and Yes only, Page Down and End did nothing. Its text now scrolls like a brief's."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.scenes.dialogs import ConfirmScene
from tests.test_ui import data_home, make_app, over_the_title  # noqa: F401  (data_home: a fixture)

LONG = " ".join(["Your own red line on Government grants to NGOs is declared; accepting it breaks your word."] * 40)   # more than the largest panel holds


def test_an_overflowing_confirmation_scrolls_by_keyboard(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640), "large")
    scene, driver = over_the_title(app, lambda a: ConfirmScene(a, LONG, lambda: None), 2)
    box = scene.reading
    assert box is not None and box.scroll_bar is not None                       # the text overflows
    assert scene.focus.current is not None and getattr(scene.focus.current.element, "text", "") == "Cancel"
    driver.key(pygame.K_PAGEDOWN)
    driver.frames(2)
    assert box.scroll_bar.start_percentage > 0
    driver.key(pygame.K_HOME)
    driver.frames(2)
    assert box.scroll_bar.start_percentage == 0
    driver.tab_to(box)                                                           # Tab reaches the text too
    driver.key(pygame.K_END)
    driver.frames(2)
    assert box.scroll_bar.start_percentage > 0
    assert "Page Up/Down" in scene.hint.text or "PgUp/PgDn" in scene.hint.text  # type: ignore[union-attr]
    pygame.quit()
