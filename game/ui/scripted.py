"""Drive the window with synthetic input events (for the screenshots command and the tests).

Nothing here reaches into a scene to call its callbacks: keys and clicks are
posted to pygame's event queue and go through the same path as a player's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.ui.app import App
from game.ui.focus import Target
from game.ui.scene import Scene


class Driver:
    def __init__(self, app: App, frame_dt: float = 1 / 60) -> None:
        self.app = app
        self.dt = frame_dt

    def frames(self, n: int = 1) -> None:
        """Run ``n`` frames, then more while a move is being played off the frame (so the script sees its result)."""
        for _ in range(n):
            self.app.frame(self.dt)
        self.settle()

    def settle(self, limit: float = 120.0) -> None:
        """Run frames until no scene has a move in play (AssertionError after ``limit`` seconds)."""
        deadline = time.monotonic() + limit
        while any(getattr(getattr(scene, "worker", None), "busy", False) for scene in self.app.stack):
            if time.monotonic() > deadline:
                raise AssertionError("a move was still being played after two minutes")
            time.sleep(0.002)
            self.app.frame(self.dt)

    def key(self, key: int, mod: int = 0) -> None:
        """Press and release one key."""
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.frames(2)

    def tab_to(self, element: Target, limit: int = 200) -> None:
        """Press Tab until ``element`` has the focus (AssertionError if it never does)."""
        for _ in range(limit):
            current = self.scene.focus.current
            if current is not None and current.element is element:
                return
            self.key(pygame.K_TAB)
        raise AssertionError(f"Tab never reached {element}")

    def press(self, element: Target) -> None:
        """Keyboard: Tab to ``element`` and press Enter."""
        self.tab_to(element)
        self.key(pygame.K_RETURN)

    def click(self, element: Target) -> None:
        """Mouse: move over ``element`` and click it with the left button."""
        pos = element.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False))
        self.frames(1)
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=pos, button=1, touch=False))
            self.frames(1)
        self.frames(2)

    @property
    def scene(self) -> Scene:
        assert self.app.top is not None
        return self.app.top

    def wait_for(self, done: Callable[[], bool], limit: int = 2000) -> None:
        for _ in range(limit):
            if done():
                return
            self.frames(1)
        raise AssertionError("timed out waiting for the window")

    def shot(self, folder: Path, name: str) -> Path:
        path = folder / f"{name}.png"
        self.app.screenshot(path)
        return path
