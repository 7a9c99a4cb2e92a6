"""The game window: display, pygame_gui manager, scene stack and the frame loop.

Frames run at up to 60 per second but are only drawn when something changed:
an input event, a scene animation, or the second after the last event (hover
effects and tooltips); an idle screen costs nothing.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path

import pygame
import pygame_gui

from game.errors import GameError
from game.session.game import GameSession
from game.ui.scene import Scene
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.sound import Sounds
from game.ui.theme import (
    FONT_BOLD,
    FONT_ITALIC,
    FONT_NAME,
    FONT_REGULAR,
    Palette,
    font_size,
    palette,
    text_scale,
    theme_dict,
)

FPS = 60
MIN_SIZE = (1024, 640)
AFTERGLOW_MS = 1000          # keep drawing this long after the last event (hover, tooltips)


class RestingPointerManager(pygame_gui.UIManager):
    """A UIManager that hovers nothing while the pointer rests where it was when the screen opened
    (newcomer trial: the title screen opened with the "Settings" tooltip over "Help and controls", the
    pointer resting mid-screen, untouched): hover and tooltips start once the pointer moves."""

    resting: tuple[int, int] | None = None

    def get_mouse_position(self) -> tuple[int, int]:
        return (-1, -1) if self.resting is not None else super().get_mouse_position()

    def rest(self) -> None:
        """A new screen: hover nothing until the pointer leaves where it is now."""
        self.resting = pygame.mouse.get_pos()

    def pointer_event(self, event: pygame.event.Event) -> None:
        """The pointer moved (off where it rested), was clicked or scrolled: hover as usual."""
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL) or (
                event.type == pygame.MOUSEMOTION and tuple(event.pos) != self.resting):
            self.resting = None


def fit_desktop(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` no larger than the desktop, but never below MIN_SIZE (a 1280x800 default on a 1024x640 screen
    opened partly off screen); the headless dummy driver's desktop is not a screen, so it is left alone."""
    if pygame.display.get_driver() == "dummy":
        return size
    desktops = pygame.display.get_desktop_sizes()
    if not desktops:
        return size
    width, height = desktops[0]
    return (max(MIN_SIZE[0], min(size[0], width)), max(MIN_SIZE[1], min(size[1], height)))


class App:
    def __init__(self, settings: Settings | None = None, size: tuple[int, int] | None = None,
                 settings_file: Path | None = None) -> None:
        self.settings_file = settings_file
        loaded, warning = (settings, None) if settings is not None else load_settings(settings_file)
        self.settings = loaded
        pygame.display.init()              # not pygame.init(): the mixer starts in Sounds, quietly
        pygame.font.init()
        pygame.display.set_caption("Backchannel")
        self.size = size or (self.settings.width, self.settings.height)
        self.screen = self._open_window()
        self.sounds = Sounds()
        self.sounds.configure(self.settings.volume, self.settings.muted)
        self.manager = self._make_manager()
        self.clock = pygame.time.Clock()
        self.stack: list[Scene] = []
        self.running = True
        self.last_event_ms = 0
        self.frames_drawn = 0
        self.pending: list[Callable[[], None]] = []
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        if warning:
            self.pending.append(lambda: self.notify(warning))

    # ------------------------------------------------------------ window and theme
    @property
    def palette(self) -> Palette:
        return palette(self.settings)

    @property
    def text_scale(self) -> float:
        return text_scale(self.settings)

    def font(self, base: int, bold: bool = False) -> pygame.font.Font:
        """DejaVu Sans at ``base`` points scaled by the text size (cached)."""
        key = (font_size(self.settings, base), bold)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(str(FONT_BOLD if bold else FONT_REGULAR), key[0])
        return self._fonts[key]

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = fit_desktop((max(MIN_SIZE[0], self.size[0]), max(MIN_SIZE[1], self.size[1])))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _make_manager(self) -> RestingPointerManager:
        self.size = self.screen.get_size()
        manager = RestingPointerManager(self.size, theme_dict(self.settings), enable_live_theme_updates=False)
        manager.add_font_paths(FONT_NAME, str(FONT_REGULAR), str(FONT_BOLD), str(FONT_ITALIC), str(FONT_BOLD))
        text = font_size(self.settings, 15)          # text boxes use bold and italic in their HTML
        manager.preload_fonts([{"name": FONT_NAME, "point_size": text, "style": style}
                               for style in ("bold", "italic", "bold_italic")])
        manager.rest()
        return manager

    def resize(self, size: tuple[int, int]) -> None:
        self.size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if not self.settings.fullscreen:
            self.screen = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.manager.set_window_resolution(self.screen.get_size())
        self.size = self.screen.get_size()
        self._rebuild_all()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.screen = self._open_window()
        self.manager.set_window_resolution(self.screen.get_size())
        self.size = self.screen.get_size()
        self._rebuild_all()

    def apply_settings(self, settings: Settings) -> None:
        """Adopt new settings: window, theme and sound; saved for next time."""
        old = self.settings
        self.settings = settings.clean()
        self.sounds.configure(self.settings.volume, self.settings.muted)
        if (old.width, old.height, old.fullscreen) != (self.settings.width, self.settings.height, self.settings.fullscreen):
            self.size = (self.settings.width, self.settings.height)
            self.screen = self._open_window()
        for scene in self.stack:
            scene.clear()
        self.manager = self._make_manager()
        self._rebuild_all()
        try:
            save_settings(self.settings, self.settings_file)
        except OSError as exc:
            self.notify(f"The settings apply now but could not be saved: {exc}")

    def _rebuild_all(self) -> None:
        for scene in self.stack:
            scene.rebuild()
        shown = self.shown()
        for scene in self.stack:
            if scene not in shown:
                scene.hide()
        self.last_event_ms = pygame.time.get_ticks()

    # ------------------------------------------------------------ scenes
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def shown(self) -> list[Scene]:
        """The scenes on screen: the top one and, under an overlay, the last full screen below it (an overlay
        hides the overlay it was opened from: a dialog from the pause menu replaces the menu)."""
        if not self.stack:
            return []
        top = self.stack[-1]
        below = next((s for s in reversed(self.stack[:-1]) if not s.overlay), None) if top.overlay else None
        return [top] if below is None else [below, top]

    def push(self, scene: Scene) -> None:
        if self.top is not None and (not scene.overlay or self.top.overlay):
            self.top.hide()
        self.stack.append(scene)
        scene.build()
        self.manager.rest()
        self.last_event_ms = pygame.time.get_ticks()

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().clear()
        for scene in self.shown():
            scene.show()
        self.manager.rest()
        self.last_event_ms = pygame.time.get_ticks()

    def replace(self, scene: Scene) -> None:
        if self.stack:
            self.stack.pop().clear()
        self.push(scene)

    def reset(self, scene: Scene) -> None:
        """Clear the stack and start over from ``scene``."""
        while self.stack:
            self.stack.pop().clear()
        self.push(scene)

    def open_pause(self) -> None:
        from game.ui.scenes.menus import PauseScene
        if self.top is not None and not self.top.overlay:
            self.push(PauseScene(self))

    def notify(self, message: str, path: Path | None = None, after: str = "") -> None:
        """A message with OK over the current screen (a file's ``path`` on lines of its own, then ``after``)."""
        from game.ui.scenes.dialogs import MessageScene
        self.push(MessageScene(self, message, path, after))

    # ------------------------------------------------------------ frames
    def frame(self, dt: float | None = None) -> bool:
        """Process pending events, advance and maybe draw one frame; False once the app should stop."""
        elapsed = self.clock.tick(FPS) / 1000.0 if dt is None else dt
        had_events = False
        while self.pending:
            self.pending.pop(0)()
            had_events = True
        for event in pygame.event.get():
            had_events = True
            self._dispatch(event)
        updated = [scene.update(elapsed) for scene in self.shown()]   # every shown scene, before the manager:
        animating = any(updated)                                      # what a scene changes shows in this frame
        self.manager.update(elapsed)
        now = pygame.time.get_ticks()
        if had_events:
            self.last_event_ms = now
        if had_events or animating or now - self.last_event_ms < AFTERGLOW_MS or self.frames_drawn == 0:
            self.draw()
        return self.running

    def draw(self) -> None:
        for scene in self.shown():
            scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if self.top is not None:
            self.top.focus.draw(self.screen, self.palette.focus)
        pygame.display.flip()
        self.frames_drawn += 1

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            from game.ui.scenes.menus import HelpScene
            if not isinstance(self.top, HelpScene):
                self.push(HelpScene(self))
            return
        self.manager.pointer_event(event)
        self.manager.process_events(event)
        scene = self.top
        if scene is None:
            return
        try:
            scene.handle(event)
        except GameError as exc:
            self.notify(str(exc))
        except Exception as exc:          # a bug must not lose the game: the move log is on disk
            if os.environ.get("BACKCHANNEL_DEBUG"):
                traceback.print_exc()
            self.notify(f"Internal error: {type(exc).__name__}: {exc}. Your moves are saved in the move log.")

    def run(self) -> int:
        while self.frame():
            pass
        self.close()
        return 0

    def close(self) -> None:
        """Close the move logs of games in progress (every move is already on disk) and the window."""
        for scene in self.stack:
            session = getattr(scene, "session", None)
            keep = getattr(scene, "keep_draft", None)
            if callable(keep):
                keep()                                   # the unsent draft, beside the log
            if session is not None and not callable(session):
                session.close()
        pygame.quit()

    def screenshot(self, path: Path) -> None:
        self.draw()
        pygame.image.save(self.screen, str(path))


def run_window(session: GameSession | None = None, opening: bool = False) -> int:
    """Open the window at the title screen, or straight at the brief of ``session``'s game (``opening``: a new
    game's, before round 1's events, :func:`game.ui.scenes.brief.brief_html`)."""
    from game.ui.scenes.brief import BriefScene
    from game.ui.scenes.title import TitleScene
    app = App()
    app.push(TitleScene(app))
    if session is not None:
        app.push(BriefScene(app, session, opening=opening))
    return app.run()
