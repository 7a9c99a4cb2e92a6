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
                 bottom_up: bool = False, top_when_short: bool = False) -> None:
        self.rect, self.font, self.bold = rect, font, bold
        self.ink, self.background, self.border = ink, background, border
        self.bottom_up = bottom_up          # newest at the bottom (a log)
        # with bottom_up, a text shorter than the panel starts at its top, not its bottom (a story told line by line,
        # whose newest line is followed once it no longer fits): the table's log keeps its newest line at the bottom
        self.top_when_short = top_when_short
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

    def rows(self) -> list[tuple[int, int]]:
        """(top, height) of each text row in the content, from the top (a wrapped line is several rows)."""
        out, y = [], 0
        for line in self.lines:
            height = self._surface(line).get_height()
            n = max(1, round(height / self.font.get_linesize()))
            out += [(y + k * height // n, height // n) for k in range(n)]
            y += height + 2
        return out

    def view_top(self) -> int:
        """The content's y at the top of the text area (a log's scroll counts from the bottom)."""
        inner = self.rect.inflate(-16, -12)
        if not self.bottom_up:
            return self.scroll
        top = self.content_height() - inner.height - self.scroll
        return max(0, top) if self.top_when_short else top

    def scroll_key(self, key: int) -> bool:
        """Up/Down a row, Page Up/Down a page, Home/End to the top or the bottom; True if the text moved. The
        view moves by whole rows: the row cut at the bottom edge starts the next page (newcomer trial: Page
        Down left half-lines at the panel's edges)."""
        if key not in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
            return False
        height = self.rect.inflate(-16, -12).height
        top, tops = self.view_top(), [row for row, _ in self.rows()]
        if key == pygame.K_DOWN:
            target = next((t for t in tops if t > top), top)
        elif key == pygame.K_UP:
            target = max((t for t in tops if t < top), default=0)
        elif key == pygame.K_PAGEDOWN:               # the first row not whole in view comes to the top
            target = next((t for t, h in self.rows() if t + h > top + height and t > top), top + height)
        elif key == pygame.K_PAGEUP:                 # the row at the top now goes to the bottom, whole
            target = min((t for t in tops if t >= top - height + self.font.get_linesize()), default=0)
            target = min(target, max((t for t in tops if t < top), default=0))
        else:
            target = -10**9 if key == pygame.K_HOME else 10**9
        before = self.scroll
        self.scroll_by((top - target) if self.bottom_up else (target - top))   # a log's scroll counts from the bottom
        return self.scroll != before

    def scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, min(self.limit(), self.scroll + pixels))

    def draw(self, surface: pygame.Surface) -> None:
        """The panel, drawing only the text rows whole in view (no half-line at either edge)."""
        pygame.draw.rect(surface, self.background, self.rect, border_radius=4)
        pygame.draw.rect(surface, self.border, self.rect, width=1, border_radius=4)
        inner = self.rect.inflate(-16, -12)
        y = inner.top - self.view_top()
        for line in self.lines:
            image = self._surface(line)
            height = image.get_height()
            if y > inner.bottom:
                break
            n = max(1, round(height / self.font.get_linesize()))
            for k in range(n):
                row_top, row_height = y + k * height // n, height // n
                if row_top >= inner.top and row_top + row_height <= inner.bottom:
                    surface.blit(image, (inner.left, row_top),
                                 pygame.Rect(0, k * height // n, image.get_width(), row_height))
            y += height + 2
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
