"""A read-only panel of wrapped text lines drawn straight with pygame (the table's offer and log).

pygame_gui's HTML text box re-lays out all of its text on every change, which
costs 10-20 ms; at the table the text changes every move, so these panels
render each line once (pygame-ce wraps it to the panel's width) and only blit
afterwards. The log keeps its newest line at the bottom; the mouse wheel over
it, or Page Up / Page Down, scroll back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    colour: tuple[int, int, int] | None = None


class TextPanel:
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
                                            max(40, self.rect.width - 20))
        return self._cache[line]

    def content_height(self) -> int:
        return sum(self._surface(line).get_height() + 2 for line in self.lines)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_by(event.y * 40 * (1 if self.bottom_up else -1))
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = self.rect.height - 40
            self.scroll_by(step if (event.key == pygame.K_PAGEUP) == self.bottom_up else -step)
            return True
        return False

    def scroll_by(self, pixels: int) -> None:
        limit = max(0, self.content_height() - self.rect.height + 16)
        self.scroll = max(0, min(limit, self.scroll + pixels))

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
