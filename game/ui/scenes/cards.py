"""Cards over the table: what an event changed (before -> after), and the "deal struck" beat.

Both are overlays with one button that has the focus (Enter, Space or a click goes on); the
table's meters move under them. Every line of an event card comes from the deltas the rules
recorded (:func:`game.session.effects.cards`), in display names.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pygame

from game.session.effects import Card
from game.ui.scenes.menus import Overlay


class EventCardScene(Overlay):
    """The cards of one batch of events; ``on_input`` is told of every key or click (it skips the
    meters' animation)."""

    name = "event card"
    width, height = 640, 400

    def __init__(self, app, cards: list[Card], extra: list[str], on_input: Callable[[], None],  # type: ignore[no-untyped-def]
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
        super().build()
        r, line = self.panel_rect(), self.line_height()
        heading = "Event" if len(self.cards) == 1 else f"{len(self.cards)} events"
        self.label(pygame.Rect(r.left, r.top + 8, r.width, line + 4), heading, object_id="#heading")
        self.reading_text(pygame.Rect(r.left + 16, r.top + line + 16, r.width - 32, r.height - 2 * line - 44),
                          self.html())
        go = self.button(pygame.Rect(r.centerx - 100, r.bottom - line - 16, 200, line + 4), "Continue", self.close)
        self.focus.focus(go)

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


class DealScene(Overlay):
    """The beat when a side accepts: the terms, and what they are worth at home; then ``then``."""

    name = "deal struck"
    width, height = 640, 440

    def __init__(self, app, title: str, lines: list[str], then: Callable[[], None]) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.title, self.lines, self.then = title, lines, then

    def build(self) -> None:
        super().build()
        r, line = self.panel_rect(), self.line_height()
        self.label(pygame.Rect(r.left, r.top + 8, r.width, line + 4), self.title, object_id="#heading")
        self.reading_text(pygame.Rect(r.left + 16, r.top + line + 16, r.width - 32, r.height - 2 * line - 44),
                          "<br>".join(html.escape(x) for x in self.lines))
        go = self.button(pygame.Rect(r.centerx - 100, r.bottom - line - 16, 200, line + 4), "Continue →", self.close)
        self.focus.focus(go)

    def close(self) -> None:
        self.app.pop()
        self.then()

    def back(self) -> bool:
        self.close()
        return True
