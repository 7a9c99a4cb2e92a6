"""Cards over the table: what an event changed (before -> after), and the "deal struck" beat.

Both are overlays with one button that has the focus (Enter, Space or a click goes on), and a
key-hint line along the bottom of the panel as on every screen; the table's meters move under
them. Every line of an event card comes from the deltas the rules recorded
(:func:`game.session.effects.cards`), in display names.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.session.effects import Card
from game.ui.scenes.menus import Overlay

if TYPE_CHECKING:
    from game.ui.app import App

HINTS = ["Enter or Esc goes on · Page Up/Down, Home/End scroll · F1 help",
         "Enter goes on · Page Up/Down scroll · F1 help", "Enter goes on · F1 help"]


class CardOverlay(Overlay):
    """A heading, a text to read and one button with the focus, above the key-hint line."""

    def build_card(self, heading: str, text: str, button: str, action: Callable[[], None]) -> None:
        super().build()
        r, line = self.panel_rect(), self.line_height()
        room = self.panel_hint(HINTS)
        self.label(pygame.Rect(r.left, r.top + 8, r.width, line + 4), heading, object_id="#heading")
        self.reading_text(pygame.Rect(r.left + 16, r.top + line + 16, r.width - 32, r.height - 2 * line - 44 - room),
                          text)
        go = self.button(pygame.Rect(r.centerx - 100, r.bottom - line - 16 - room, 200, line + 4), button, action)
        self.focus.focus(go)


class EventCardScene(CardOverlay):
    """The cards of one batch of events; ``on_input`` is told of every key or click (it skips the
    meters' animation)."""

    name = "event card"
    width, height = 640, 430

    def __init__(self, app: App, cards: list[Card], extra: list[str], on_input: Callable[[], None],
                 then: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.cards, self.extra, self.on_input, self.then = cards, extra, on_input, then

    def html(self) -> str:
        e = html.escape
        parts = []
        for card in self.cards:
            rows = "".join(f"<br>{'▲' if line.up else '▼' if line.up is False else '•'} {e(line.text)}"
                           for line in card.lines) or "<br>• Nothing it could change was left to change."
            parts.append(f"<b>{e(card.title)}</b>{rows}")
        if self.extra:
            parts.append("<i>At home</i>" + "".join(f"<br>{e(x)}" for x in self.extra))
        return "<br><br>".join(parts)

    def build(self) -> None:
        heading = "Event" if len(self.cards) == 1 else f"{len(self.cards)} events"
        self.build_card(heading, self.html(), "Continue", self.close)

    def close(self) -> None:
        self.app.pop()
        if self.then is not None:
            self.then()

    def back(self) -> bool:
        self.close()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.on_input()
        return super().handle(event)


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
