"""A panel in the middle of the screen over the scene below (menus, dialogs, cards), and the rule that sizes a
panel to its text: as tall as the text needs, up to the window's room, and only then a scroll bar."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage, UIPanel, UITextBox

from game.ui.scene import Scene


class Overlay(Scene):
    """A panel in the middle of the screen over the scene below. Its size is ``width`` by ``height`` at normal
    text size, scaled with the text, within the window; a panel fitted to its text (:meth:`fit_to_text`) takes
    the height its text needs instead."""

    overlay = True
    width, height = 520, 420
    fitted: int | None = None           # a height in pixels fitted to the panel's text (None: the design height)

    def panel_rect(self) -> pygame.Rect:
        """The panel's rectangle in its own coordinates (elements go inside it)."""
        w, h = self.app.size
        tall = self.fitted if self.fitted is not None else round(self.height * self.app.text_scale)
        return pygame.Rect(0, 0, min(w - 40, round(self.width * self.app.text_scale)), min(self.room(), tall))

    def room(self) -> int:
        """The tallest panel the window has room for: a key-hint line's height clear above and below it."""
        return self.app.size[1] - 2 * (self.hint_height() + 6)

    def text_height(self, text: str, width: int) -> int:
        """The height of a text box ``width`` pixels wide that shows the HTML ``text`` whole, with no scroll bar
        (its padding and border included), measured by laying the text out once in a box of its own height."""
        probe = UITextBox(text, pygame.Rect(0, 0, width, -1), self.app.manager)
        height = probe.rect.height
        probe.kill()
        return height

    def fit_to_text(self, text: str, around: int, at_least: int = 0) -> bool:
        """Fit the panel's height to ``text`` in a box as wide as the panel less 32 pixels: the text's height
        plus ``around`` (the panel's height that is not the text: heading, buttons, the key-hint line), at
        least ``at_least``, at most the window's room. True when the text shows whole (no scroll bar)."""
        self.fitted = None
        need = self.text_height(text, self.panel_rect().width - 32) + around
        self.fitted = min(self.room(), max(at_least, need))
        return need <= self.fitted

    def build(self) -> None:
        w, h = self.app.size
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        self.keep(UIImage(pygame.Rect(0, 0, w, h), shade, self.app.manager, starting_height=40))
        r = self.panel_rect()
        self.panel = self.keep(UIPanel(r.move((w - r.width) // 2, (h - r.height) // 2), starting_height=50,
                                       manager=self.app.manager))
        self.container = self.panel

    def draw(self, surface: pygame.Surface) -> None:
        """The shade is an element: it dims the elements of the scene below too."""

    def panel_hint(self, texts: list[str]) -> int:
        """The key-hint line along the bottom of the panel, in place of the one of the screen below (hidden
        until this closes); returns the height it takes, to lift the panel's buttons by."""
        r, height = self.panel_rect(), self.hint_height()
        self.key_hint(texts, pygame.Rect(r.left + 8, r.bottom - height - 6, r.width - 16, height))
        below = next((s for s in reversed(self.app.stack) if not s.overlay and s is not self), None)
        if below is not None and below.hint is not None:
            below.hint.hide()
        return height + 6

    def back(self) -> bool:
        self.app.pop()
        return True
