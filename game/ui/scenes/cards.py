"""The "deal struck" beat over the table: an overlay with one button that has the focus (Enter,
Space or a click goes on) and a key-hint line along the bottom of its panel, as on every screen; the
table's meters move under it. (What an event changed is shown in the table's own card panel,
:mod:`game.ui.scenes.table_news`, from the deltas the rules recorded.)
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui.scenes.overlay import Overlay

if TYPE_CHECKING:
    from game.ui.app import App

HINTS = ["Enter or Esc goes on · Page Up/Down, Home/End scroll · F1 help",
         "Enter goes on · Page Up/Down scroll · F1 help", "Enter goes on · F1 help"]
"""The hint of a card whose text scrolls (taller than the window's room)."""
WHOLE = ["Enter or Esc goes on · F1 help", "Enter goes on · F1 help"]
"""The hint of a card whose text shows whole: no scrolling to mention (window trial: the deal card, which
grows with its text, still said "Page Up/Down scroll")."""


class CardOverlay(Overlay):
    """A heading, a text to read and one button with the focus, above the key-hint line. The card is at least
    its design height and grows with its text up to the window's room (:meth:`Overlay.fit_to_text`); only a
    text taller than that scrolls (a deal of many baskets scrolled in a fixed box with room to spare)."""

    def build_card(self, heading: str, text: str, button: str, action: Callable[[], None]) -> None:
        line = self.line_height()
        whole = self.fit_to_text(text, 2 * line + 44 + self.hint_height() + 6, round(self.height * self.app.text_scale))
        super().build()
        r = self.panel_rect()
        room = self.panel_hint(WHOLE if whole else HINTS)
        self.label(pygame.Rect(r.left, r.top + 8, r.width, line + 4), heading, object_id="#heading")
        self.reading_text(pygame.Rect(r.left + 16, r.top + line + 16, r.width - 32, r.height - 2 * line - 44 - room),
                          text)
        go = self.button(pygame.Rect(r.centerx - 100, r.bottom - line - 16 - room, 200, line + 4), button, action)
        self.focus.focus(go)


class DealScene(CardOverlay):
    """The beat when a side accepts: the terms, and what they are worth at home; then ``then``."""

    name = "deal struck"
    width, height = 640, 470

    def __init__(self, app: App, title: str, lines: list[str], then: Callable[[], None]) -> None:
        super().__init__(app)
        self.title, self.lines, self.then = title, lines, then

    def build(self) -> None:
        self.build_card(self.title, "<br>".join(html.escape(x) for x in self.lines), "Continue →", self.close)

    def close(self) -> None:
        self.app.pop()
        self.then()

    def back(self) -> bool:
        self.close()
        return True
