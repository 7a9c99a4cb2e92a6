"""Dialogs over the screen: a message with OK (a file's path on lines of its own) and a question with Cancel
and Yes, each in a panel sized to its text (:meth:`game.ui.scenes.overlay.Overlay.fit_to_text`)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.scenes.overlay import Overlay

if TYPE_CHECKING:
    from game.ui.app import App


def path_html(path: Path, font: pygame.font.Font, width: int) -> str:
    """``path`` as HTML for a text box ``width`` pixels wide: broken into lines after a separator, never inside a
    name; a single name wider than the box starts a line and is broken after a '-' or '_' of its own (only if
    a piece is still too wide, between two characters), so that the box never hyphenates it (newcomer trial:
    at 1024x640 in large text the box wrote "...1558989-" / "-138.jsonl", two hyphens not in the name)."""
    lines: list[str] = []
    line = ""

    def put(piece: str) -> None:
        nonlocal line
        if line and font.size(line + piece)[0] > width:
            lines.append(line)
            line = ""
        line += piece

    for part in re.split(r"(?<=[/\\])", str(path)):
        if font.size(part)[0] <= width:
            put(part)
            continue
        if line:                                      # a name too wide for a line starts on its own
            lines.append(line)
            line = ""
        for piece in re.split(r"(?<=[-_])", part):
            while font.size(piece)[0] > width and len(piece) > 1:   # no mark to break at: the widest head that fits
                cut = max(1, next((k for k in range(len(piece), 0, -1) if font.size(piece[:k])[0] <= width), 1))
                put(piece[:cut])
                piece = piece[cut:]
            put(piece)
    return "<br>".join(html.escape(text) for text in [*lines, line])


class MessageScene(Overlay):
    """A message with OK; a file's ``path`` goes on lines of its own after it, then the text ``after``. The
    panel is as tall as its text (:meth:`Overlay.fit_to_text`); a text taller than the window scrolls."""

    name = "message"
    height = 290

    def __init__(self, app: App, message: str, path: Path | None = None, after: str = "") -> None:
        super().__init__(app)
        self.message, self.path, self.after = message, path, after

    def text(self) -> str:
        """The message as HTML for the panel's text box."""
        text = html.escape(self.message)
        if self.path is not None:               # the box's padding, border and a possible scroll bar
            text += "<br>" + path_html(self.path, self.app.font(15), self.panel_rect().width - 32 - 56)
        if self.after:
            text += "<br><br>" + html.escape(self.after)
        return text

    def build(self) -> None:
        line, room = self.line_height(), self.hint_height() + 6
        text = self.text()
        self.fit_to_text(text, line + 48 + room)
        super().build()
        r = self.panel_rect()
        self.panel_hint(["Enter or Esc closes · F1 help", "Enter closes · F1 help"])
        self.button(pygame.Rect(r.centerx - 80, r.bottom - line - 20 - room, 160, line + 4), "OK", self.app.pop)
        # a long message scrolls from the keyboard, as a confirmation's
        self.reading_text(pygame.Rect(r.left + 16, r.top + 16, r.width - 32, r.height - line - 48 - room), text)


class ConfirmScene(Overlay):
    """A question with Cancel and Yes (Cancel has the focus first), in the smallest panel that shows it whole."""

    name = "confirm"
    height = 250

    def __init__(self, app: App, question: str, then: Callable[[], None]) -> None:
        super().__init__(app)
        self.question, self.then = question, then

    SIZES = ((520, 250), (680, 360), (760, 10_000))     # (width, tallest) steps: the panel widens when too tall

    def build(self) -> None:
        """The narrowest panel of :attr:`SIZES` that shows the whole text before Yes within that size's height
        (newcomer trial: accepting across red lines at 1024x640 in large text showed the reasons only after
        Page Down), as tall as its text needs and no taller (a short question left empty space above the
        buttons). A question too long even for the largest panel scrolls from the keyboard (Page Up/Down, Home,
        End, and the arrows once Tab, after Cancel and Yes, reaches it), and the hint says so."""
        text, around = html.escape(self.question), self.line_height() + 48 + self.hint_height() + 6
        for self.width, self.height in self.SIZES:
            if self.fit_to_text(text, around) and (self.fitted or 0) <= round(self.height * self.app.text_scale):
                break
        self.compose(text)

    def compose(self, text: str) -> None:
        """The panel at ``self.width`` wide and ``self.fitted`` tall."""
        super().build()
        r, line = self.panel_rect(), self.line_height()
        room = self.hint_height() + 6
        self.button(pygame.Rect(r.left + 20, r.bottom - line - 20 - room, 150, line + 4), "Cancel", self.app.pop)
        self.button(pygame.Rect(r.right - 170, r.bottom - line - 20 - room, 150, line + 4), "Yes", self.confirm)
        box = self.reading_text(pygame.Rect(r.left + 16, r.top + 16, r.width - 32, r.height - line - 48 - room), text)
        if box.scroll_bar is not None:
            self.panel_hint(["Page Up/Down scrolls · Tab moves · Enter presses · Esc cancels",
                             "PgUp/PgDn scroll · Esc cancels"])
        else:
            self.panel_hint(["Tab moves · Enter presses · Esc cancels · F1 help", "Enter presses · Esc cancels"])

    def confirm(self) -> None:
        self.app.pop()
        self.then()
