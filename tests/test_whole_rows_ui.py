"""Text panels scroll by whole rows and draw no half-line at their edges (newcomer trial: Page Down left
half-lines at the panels' edges, and "Their last offer" ended on a half-cut line)."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.ui.textpanel import Line, TextPanel
from game.ui.theme import FONT_REGULAR


class Recording(pygame.Surface):
    """A surface that records where each blit lands and how tall it is."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.landed: list[tuple[int, int]] = []

    def blit(self, source: pygame.Surface, dest: Any, area: Any = None,  # type: ignore[override]
             special_flags: int = 0) -> pygame.Rect:
        height = pygame.Rect(area).height if area is not None else source.get_height()
        self.landed.append((int(dest[1]), height))
        return super().blit(source, dest, area, special_flags)


@pytest.mark.parametrize("bottom_up", [False, True], ids=["panel", "log"])
def test_page_down_shows_every_row_whole(bottom_up: bool) -> None:
    pygame.font.init()
    font = pygame.font.Font(str(FONT_REGULAR), 17)
    panel = TextPanel(pygame.Rect(0, 0, 300, 157), font, font, (255, 255, 255), (0, 0, 0), (90, 90, 90), bottom_up)
    panel.set_lines([Line(f"Line {i}: " + "words that wrap onto a second row " * (i % 3)) for i in range(30)])
    inner = panel.rect.inflate(-16, -12)
    rows = panel.rows()
    seen: set[int] = set()
    start, forward = (pygame.K_END, pygame.K_PAGEUP) if bottom_up else (pygame.K_HOME, pygame.K_PAGEDOWN)
    panel.scroll_key(start)
    for _ in range(len(rows)):
        surface = Recording((300, 157))
        panel.draw(surface)
        text = [(y, h) for y, h in surface.landed if h < inner.height]       # the text rows, not the bar
        assert text and all(inner.top <= y and y + h <= inner.bottom for y, h in text), text
        top = panel.view_top()
        seen |= {i for i, (t, h) in enumerate(rows) if top <= t and t + h <= top + inner.height}
        if not panel.scroll_key(forward):
            break
    assert seen == set(range(len(rows)))                                   # no row skipped between pages
