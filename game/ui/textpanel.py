"""A read-only panel of wrapped text lines drawn straight with pygame (the table's offer and log).

pygame_gui's HTML text box re-lays out all of its text on every change, which
costs 10-20 ms; at the table the text changes every move, so these panels
render each line once (pygame-ce wraps it to the panel's width) and only blit
afterwards. The log keeps its newest line at the bottom. Text that does not
fit shows a scroll bar; the mouse wheel over the panel scrolls it, and so do
the keys of :data:`game.ui.focus.SCROLL_KEYS` (:meth:`TextPanel.scroll_key`)
when the panel has the keyboard focus.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

BAR = 6                                  # width of the scroll bar, in pixels


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    colour: tuple[int, int, int] | None = None


class TextPanel:
    visible = True                       # a focus target (game.ui.focus.Target), like a pygame_gui element
    is_enabled = True

    def __init__(self, rect: pygame.Rect, font: pygame.font.Font, bold: pygame.font.Font,
                 ink: tuple[int, int, int], background: tuple[int, int, int], border: tuple[int, int, int],
                 bottom_up: bool = False) -> None:
        self.rect, self.font, self.bold = rect, font, bold
        self.ink, self.background, self.border = ink, background, border
        self.bottom_up = bottom_up          # newest at the bottom (a log)
        self.lines: list[Line] = []
        self._cache: dict[Line, pygame.Surface] = {}
        self.scroll = 0                     # pixels scrolled away from the newest (log) or the top

    def set_lines(self, lines: list[Line]) -> None:
        self.lines = list(lines)
        self._cache = {line: surf for line, surf in self._cache.items() if line in set(self.lines)}
        self.scroll = 0

    def append(self, line: Line) -> None:
        self.lines.append(line)

    def _surface(self, line: Line) -> pygame.Surface:
        if line not in self._cache:
            font = self.bold if line.bold else self.font
            self._cache[line] = font.render(line.text, True, line.colour or self.ink, None,
                                            max(40, self.rect.width - 24 - BAR))
        return self._cache[line]

    def content_height(self) -> int:
        return sum(self._surface(line).get_height() + 2 for line in self.lines)

    def limit(self) -> int:
        """How far the panel can scroll: 0 when everything fits."""
        return max(0, self.content_height() - self.rect.height + 16)

    def handle(self, event: pygame.event.Event) -> bool:
        """The mouse wheel over the panel, and Page Up / Page Down, scroll it."""
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_by(event.y * 40 * (1 if self.bottom_up else -1))
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll_key(event.key)
            return True
        return False

    def scroll_key(self, key: int) -> bool:
        """Up/Down a line, Page Up/Down a page, Home/End to the top or the bottom; True if the text moved."""
        line, page = self.font.get_linesize() + 2, max(40, self.rect.height - 40)
        steps = {pygame.K_UP: -line, pygame.K_DOWN: line, pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page,
                 pygame.K_HOME: -self.limit() - 1, pygame.K_END: self.limit() + 1}
        if key not in steps:
            return False
        before = self.scroll
        self.scroll_by(-steps[key] if self.bottom_up else steps[key])   # a log's scroll counts from the bottom
        return self.scroll != before

    def scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, min(self.limit(), self.scroll + pixels))

    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, self.background, self.rect, border_radius=4)
        pygame.draw.rect(surface, self.border, self.rect, width=1, border_radius=4)
        clip = surface.get_clip()
        inner = self.rect.inflate(-16, -12)
        surface.set_clip(inner)
        if self.bottom_up:
            y = inner.bottom + self.scroll
            for line in reversed(self.lines):
                image = self._surface(line)
                y -= image.get_height() + 2
                if y + image.get_height() < inner.top:
                    break
                if y < inner.bottom:
                    surface.blit(image, (inner.left, y))
        else:
            y = inner.top - self.scroll
            for line in self.lines:
                image = self._surface(line)
                if y > inner.bottom:
                    break
                if y + image.get_height() >= inner.top:
                    surface.blit(image, (inner.left, y))
                y += image.get_height() + 2
        surface.set_clip(clip)
        self._draw_bar(surface, inner)

    def _draw_bar(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        """A scroll bar at the right edge when the text does not fit: its thumb shows what part is in view."""
        limit = self.limit()
        if not limit:
            return
        track = pygame.Rect(self.rect.right - BAR - 3, inner.top, BAR, inner.height)
        pygame.draw.rect(surface, self.border, track, border_radius=3)
        total = limit + inner.height
        height = max(12, track.height * inner.height // total)
        offset = limit - self.scroll if self.bottom_up else self.scroll
        top = track.top + (track.height - height) * offset // limit
        pygame.draw.rect(surface, self.ink, pygame.Rect(track.left, top, BAR, height), border_radius=3)
