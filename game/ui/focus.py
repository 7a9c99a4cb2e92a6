"""Keyboard focus for a screen's controls: Tab and Shift+Tab move it, Enter or Space press,
Left and Right adjust (a ladder, a slider). A scrollable text takes the focus too: then the
arrows, Page Up/Down, Home and End scroll it, and Up or Down at its end moves the focus on (Up/Down
move between controls everywhere). The focused control gets a visible ring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import pygame
from pygame_gui.elements import UIScrollingContainer

SCROLL_KEYS = (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)


class Target(Protocol):
    """What the focus ring needs of a control: a pygame_gui element, or a panel drawn by a scene."""

    @property
    def rect(self) -> pygame.Rect: ...

    @property
    def visible(self) -> bool | int: ...

    @property
    def is_enabled(self) -> bool: ...


@dataclass
class Focusable:
    element: Target
    activate: Callable[[], None] | None = None
    adjust: Callable[[int], None] | None = None    # -1 (Left/Up... ) or +1
    scroll: Callable[[int], bool] | None = None    # a scrollable text: takes one of SCROLL_KEYS; True if it moved


class FocusRing:
    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.index = 0

    def clear(self) -> None:
        self.items.clear()
        self.index = 0

    def add(self, item: Focusable) -> None:
        self.items.append(item)

    @property
    def current(self) -> Focusable | None:
        visible = [i for i in self.items if i.element.visible and i.element.is_enabled]
        if not visible:
            return None
        if self.items[self.index % len(self.items)] not in visible:
            self.move(1)
        return self.items[self.index % len(self.items)]

    def focus(self, element: object) -> None:
        for i, item in enumerate(self.items):
            if item.element is element:
                self.index = i

    def move(self, step: int) -> None:
        if not self.items:
            return
        for _ in range(len(self.items)):
            self.index = (self.index + step) % len(self.items)
            item = self.items[self.index]
            if item.element.visible and item.element.is_enabled:
                return

    def handle(self, event: pygame.event.Event) -> bool:
        """Handle one key press; True when it was a focus key."""
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        item = self.current
        if item is None:
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and item.activate is not None:
            item.activate()
            return True
        if event.key in SCROLL_KEYS and item.scroll is not None:
            if item.scroll(event.key) or event.key not in (pygame.K_DOWN, pygame.K_UP):
                return True
            # Up/Down at the text's end (or on one with nothing to scroll) move on, as the key hints say
            # (newcomer trial: Down only ever scrolled their offer's panel, and the focus never left it)
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and item.adjust is not None:
            item.adjust(-1 if event.key == pygame.K_LEFT else 1)
            return True
        if event.key in (pygame.K_DOWN, pygame.K_UP):
            self.move(1 if event.key == pygame.K_DOWN else -1)
            return True
        return False

    def draw(self, surface: pygame.Surface, colour: tuple[int, int, int]) -> None:
        item = self.current
        if item is not None:
            pygame.draw.rect(surface, colour, item.element.rect.inflate(6, 6), width=2, border_radius=6)


def reveal(scroller: UIScrollingContainer, top: int, bottom: int) -> None:
    """Scroll ``scroller`` the least that shows its content from ``top`` to ``bottom`` (pixels in the scrolled
    area), so that a control the focus moved to is seen whole with its row, not behind the container's edge."""
    bar, total = scroller.vert_scroll_bar, scroller.scrolling_height
    if bar is None or not total:
        return
    start, page = bar.start_percentage * total, bar.visible_percentage * total
    if top < start:
        bar.set_scroll_from_start_percentage(top / total)
    elif bottom > start + page:
        bar.set_scroll_from_start_percentage(min(top, bottom - page) / total)
