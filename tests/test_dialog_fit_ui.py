"""Dialogs sized to their text: a confirmation (accepting, walking away) or a message with a short text stood in
a panel of a fixed height, with empty space between its last line and its buttons. The panel is now as tall as
its text needs, a longer text in a taller (then wider) panel, shown whole, and only a text taller than the
window scrolls."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UITextBox

from game.ui.scenes.dialogs import ConfirmScene, MessageScene
from game.ui.scenes.overlay import Overlay
from tests.test_ui import data_home, make_app, over_the_title  # noqa: F401  (data_home: a fixture)

SHORT = "Walk away from the talks?"
MEDIUM = " ".join(["It crosses your government's red line on Government grants to NGOs: such a deal can never be "
                   "ratified at home."] * 3) + " Accept it anyway?"
SLACK = 24          # what may stand between the text box and its text: the box's padding and border, a rounding


def unused(box: UITextBox) -> int:
    """The pixels of ``box``'s height that its text does not fill (below its last row of text)."""
    assert box.text_box_layout is not None
    return box.rect.height - max(row.bottom for row in box.text_box_layout.layout_rows)


def check_fitted(scene: Overlay) -> None:
    """The text shows whole, its box no taller than the text, above the buttons, and the panel in the window."""
    box = scene.reading
    assert box is not None and box.scroll_bar is None, scene.name
    assert unused(box) <= SLACK, (scene.name, box.rect.height, unused(box))
    buttons = [b for b in scene.elements if isinstance(b, UIButton)]
    assert buttons and all(box.rect.bottom <= b.rect.top <= box.rect.bottom + 20 for b in buttons)
    assert pygame.Rect((0, 0), scene.app.size).contains(scene.panel.rect)


@pytest.mark.parametrize("text_size", ["normal", "large"])
@pytest.mark.parametrize("question", [SHORT, MEDIUM], ids=["short", "medium"])
def test_a_confirmation_is_as_tall_as_its_question(data_home: Path, text_size: str, question: str) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640), text_size)
    scene, _ = over_the_title(app, lambda a: ConfirmScene(a, question, lambda: None), 2)
    check_fitted(scene)
    pygame.quit()


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_a_message_is_as_tall_as_its_text(data_home: Path, text_size: str) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640), text_size)
    for message, path in (("There is no game in progress to save.", None),
                          ("Saved: every move is already in this move log:", data_home / "logs" / "game.jsonl")):
        scene, _ = over_the_title(app, lambda a: MessageScene(a, message, path, MEDIUM if path else ""), 2)
        check_fitted(scene)
    pygame.quit()


def test_a_short_confirmation_is_shorter_than_a_long_one(data_home: Path) -> None:  # noqa: F811
    """The panel follows the text: a short question's panel is shorter than a medium one's."""
    app = make_app(data_home, (1280, 800))
    short, _ = over_the_title(app, lambda a: ConfirmScene(a, SHORT, lambda: None), 2)
    low = short.panel.rect.height
    medium, _ = over_the_title(app, lambda a: ConfirmScene(a, MEDIUM, lambda: None), 2)
    assert low < medium.panel.rect.height
    pygame.quit()
