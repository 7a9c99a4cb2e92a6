"""The named message picker: every message an offer can carry, chosen directly ("Red line:
Hack-and-leak: not 'Pledge + joint review'") by mouse, or by the arrows and Enter; a red line on an
option the draft offers is greyed out, and the arrows pass it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable
from functools import partial

import pygame
from pygame_gui.elements import UIScrollingContainer

from game.ui.scenes.overlay import Overlay


if TYPE_CHECKING:
    from game.ui.app import App


class MessagePickerScene(Overlay):
    name = "messages"
    width, height = 760, 560

    def __init__(self, app: App, names: list[str], chosen: int, choose: Callable[[int], None],
                 unavailable: frozenset[int] = frozenset()) -> None:
        super().__init__(app)
        self.names, self.chosen, self.choose_index = names, chosen, choose
        self.unavailable = unavailable      # red lines on an option the draft offers: shown, not chosen

    def build(self) -> None:
        super().build()
        r, line = self.panel_rect(), self.line_height()
        self.label(pygame.Rect(r.left, r.top + 12, r.width, line + 6), "The message with your offer", object_id="#heading")
        top = r.top + line + 26
        keys = ["Up/Down or Tab move · Enter chooses · Esc goes back · F1 help", "Up/Down move · Enter chooses · Esc back"]
        if self.unavailable:             # the greyed entries, said first while there is room
            keys = ["Greyed out: red lines on an option your draft offers (change the draft to send one) · " + keys[1],
                    "Greyed out: red lines on your draft's own options · " + keys[1], *keys]
        room = self.panel_hint(keys)
        bottom = r.bottom - line - 28 - room
        self.scroller = UIScrollingContainer(pygame.Rect(r.left + 16, top, r.width - 32, bottom - top),
                                             self.app.manager, container=self.panel,  # type: ignore[arg-type]
                                             allow_scroll_x=False)
        self.keep(self.scroller)
        inner = r.width - 32 - 24
        self.rows = []
        for i, name in enumerate(self.names):
            b = self.button(pygame.Rect(0, i * (line + 6), inner, line + 2), name, partial(self.pick, i),
                            container=self.scroller)
            if i in self.unavailable:
                b.disable()
            self.rows.append(b)
        self.scroller.set_scrollable_area_dimensions((inner, len(self.names) * (line + 6)))
        self.button(pygame.Rect(r.centerx - 80, r.bottom - line - 16 - room, 160, line + 4), "Back", self.app.pop)
        self.focus.index = self.chosen if self.chosen not in self.unavailable else 0
        self.scroll_to_focus()

    def pick(self, index: int) -> None:
        self.app.pop()
        self.choose_index(index)

    def handle(self, event: pygame.event.Event) -> bool:
        used = super().handle(event)
        if used and event.type == pygame.KEYDOWN:
            self.scroll_to_focus()
        return used

    def scroll_to_focus(self) -> None:
        item = self.focus.current
        bar = self.scroller.vert_scroll_bar
        if item is None or bar is None or item.element not in self.rows:
            return
        index = self.rows.index(item.element)
        page = bar.visible_percentage
        start = bar.start_percentage
        where = index / max(1, len(self.rows))
        if not start <= where <= start + page - 1 / max(1, len(self.rows)):
            bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - page, where - page / 2)))
