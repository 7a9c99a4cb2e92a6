"""The 'Deal struck' card grows with its text: a deal of many lines scrolled in a box of the card's fixed
height, with a scroll bar, though the window had room for all of it. The card is now as tall as its text
needs (never below its design height), up to the window's room; only then does its text scroll, and only
then does its key hint mention Page Up/Down (a card that showed whole said "Page Up/Down scroll")."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.ui.scenes.cards import DealScene
from tests.test_ui import data_home, make_app, over_the_title  # noqa: F401  (data_home: a fixture)

DEAL = (["Track 1.5 meeting in New York — you accept their offer.", ""]
        + [f"Basket {k}: channels, mutual questioning and a joint review" for k in range(1, 15)]
        + ["Agreement form: joint statement", "", "Worth 0.61, to your government (no deal 0.40)."])


def card(data_home: Path, size: tuple[int, int], text_size: str, lines: list[str]) -> DealScene:  # noqa: F811
    app = make_app(data_home, size, text_size)
    scene, _ = over_the_title(app, lambda a: DealScene(a, "Deal struck", lines, lambda: None), 2)
    return scene


@pytest.mark.parametrize("size,text_size", [((1280, 800), "normal"), ((1920, 1080), "large")])
def test_a_long_deal_shows_whole_when_the_window_has_room(data_home: Path, size: tuple[int, int],  # noqa: F811
                                                         text_size: str) -> None:
    scene = card(data_home, size, text_size, DEAL)
    box = scene.reading
    assert box is not None and box.scroll_bar is None                       # no scroll bar: it all shows
    go = next(b for b in scene.elements if isinstance(b, UIButton))
    assert box.rect.bottom <= go.rect.top
    assert pygame.Rect((0, 0), size).contains(scene.panel.rect)
    assert scene.panel.rect.height > round(DealScene.height * scene.app.text_scale)    # it grew
    hint = scene.hint
    assert hint is not None
    assert "scroll" not in hint.text, hint.text                                      # nothing to scroll
    pygame.quit()


def test_a_deal_taller_than_the_window_scrolls_in_the_tallest_card(data_home: Path) -> None:  # noqa: F811
    scene = card(data_home, (1024, 640), "large", DEAL * 3)
    box = scene.reading
    assert box is not None and box.scroll_bar is not None
    assert scene.panel.rect.height == scene.room()                            # all the room there is
    assert pygame.Rect((0, 0), scene.app.size).contains(scene.panel.rect)
    hint = scene.hint
    assert hint is not None
    assert "Page Up/Down" in hint.text, hint.text                                    # and the hint says how
    pygame.quit()


def test_a_short_deal_keeps_the_cards_design_height(data_home: Path) -> None:  # noqa: F811
    scene = card(data_home, (1280, 800), "normal", DEAL[:3])
    assert scene.panel.rect.height == DealScene.height
    assert scene.hint is not None and scene.hint.text == "Enter or Esc goes on · F1 help"
    pygame.quit()
