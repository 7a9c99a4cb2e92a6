"""Overlays and menus: pause (save, load, settings, help), messages, confirmations, settings (the load list is
in load.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import html
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pygame
from pygame_gui.elements import UIImage, UIPanel

from game.about import program
from game.session.game import GameSession
from game.ui.scene import Scene
from game.ui.settings import PALETTES, RESOLUTIONS, TEXT_SIZES, Settings

if TYPE_CHECKING:
    from game.ui.app import App


HELP = ("<b>Controls</b><br>"
        "Tab / Shift+Tab: move between controls (Up/Down too)<br>"
        "Enter or Space: press the focused control<br>"
        "Left / Right: change the option of the focused basket, the message, or a setting<br>"
        "Page Up / Page Down, Home / End: scroll the brief, the debrief or the table's log; a text or panel "
        "that Tab has reached scrolls with the arrows too<br>"
        "Esc: pause menu (save, load, settings, help), or back<br>"
        "F1: this help · F11: full screen<br>"
        "Every control also works with the mouse; hover over an option for its text and detection odds.<br><br>"
        "<b>Playing</b><br>"
        "Build your package basket by basket on the left; the meter shows what it is worth to your government "
        "against no deal (and, in Track 1.5 talks, to your delegation). Propose it, accept their last offer, or "
        "walk away. In parallel lanes you may lock a basket at their offer's option. After the deadline the side "
        "facing the last offer may only accept it or walk away.<br><br>"
        "<b>Saving</b><br>"
        "Every move is written to the game's move log as it is made. 'Save' tells you where it is; the same log "
        f"resumes in the window ('Load a saved game') or in the terminal ({program()} play --resume LOG).")


class Overlay(Scene):
    """A panel in the middle of the screen over the scene below."""

    overlay = True
    width, height = 520, 420

    def panel_rect(self) -> pygame.Rect:
        """The panel's rectangle in its own coordinates (elements go inside it)."""
        w, h = self.app.size
        return pygame.Rect(0, 0, min(w - 40, round(self.width * self.app.text_scale)),
                           min(h - 2 * (self.hint_height() + 6), round(self.height * self.app.text_scale)))

    def build(self) -> None:
        w, h = self.app.size
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        self.keep(UIImage(pygame.Rect(0, 0, w, h), shade, self.app.manager, starting_height=40))
        r = self.panel_rect()
        self.panel = self.keep(UIPanel(r.move((w - r.width) // 2, (h - r.height) // 2), starting_height=50,
                                       manager=self.app.manager))
        self.container = self.panel

    def draw(self, surface: pygame.Surface) -> None:
        """The shade is an element: it dims the elements of the scene below too."""

    def panel_hint(self, texts: list[str]) -> int:
        """The key-hint line along the bottom of the panel, in place of the one of the screen below (hidden
        until this closes); returns the height it takes, to lift the panel's buttons by."""
        r, height = self.panel_rect(), self.hint_height()
        self.key_hint(texts, pygame.Rect(r.left + 8, r.bottom - height - 6, r.width - 16, height))
        below = next((s for s in reversed(self.app.stack) if not s.overlay and s is not self), None)
        if below is not None and below.hint is not None:
            below.hint.hide()
        return height + 6

    def back(self) -> bool:
        self.app.pop()
        return True


def path_html(path: Path, font: pygame.font.Font, width: int) -> str:
    """``path`` as HTML for a text box ``width`` pixels wide: broken into lines after a separator, never inside a
    name; a single name wider than the box starts a line and is broken after a '-' or '_' of its own (only if
    a piece is still too wide, between two characters), so that the box never hyphenates it (newcomer trial:
    at 1024x640 in large text the box wrote "...1558989-" / "-138.jsonl", two hyphens not in the name)."""
    lines: list[str] = []
    line = ""

    def put(piece: str) -> None:
        nonlocal line
        if line and font.size(line + piece)[0] > width:
            lines.append(line)
            line = ""
        line += piece

    for part in re.split(r"(?<=[/\\])", str(path)):
        if font.size(part)[0] <= width:
            put(part)
            continue
        if line:                                      # a name too wide for a line starts on its own
            lines.append(line)
            line = ""
        for piece in re.split(r"(?<=[-_])", part):
            while font.size(piece)[0] > width and len(piece) > 1:   # no mark to break at: the widest head that fits
                cut = max(1, next((k for k in range(len(piece), 0, -1) if font.size(piece[:k])[0] <= width), 1))
                put(piece[:cut])
                piece = piece[cut:]
            put(piece)
    return "<br>".join(html.escape(text) for text in [*lines, line])


class MessageScene(Overlay):
    """A message with OK; a file's ``path`` goes on lines of its own after it, then the text ``after``."""

    name = "message"
    height = 290

    def __init__(self, app: App, message: str, path: Path | None = None, after: str = "") -> None:
        super().__init__(app)
        self.message, self.path, self.after = message, path, after
        if path is not None:
            self.height = 370

    def build(self) -> None:
        super().build()
        r, line = self.panel_rect(), self.line_height()
        room = self.panel_hint(["Enter or Esc closes · F1 help", "Enter closes · F1 help"])
        rect = pygame.Rect(r.left + 16, r.top + 16, r.width - 32, r.height - line - 48 - room)
        text = html.escape(self.message)
        if self.path is not None:               # the box's padding, border and a possible scroll bar
            text += "<br>" + path_html(self.path, self.app.font(15), rect.width - 56)
        if self.after:
            text += "<br><br>" + html.escape(self.after)
        self.button(pygame.Rect(r.centerx - 80, r.bottom - line - 20 - room, 160, line + 4), "OK", self.app.pop)
        self.reading_text(rect, text)            # a long message scrolls from the keyboard, as a confirmation's


class ConfirmScene(Overlay):
    name = "confirm"
    height = 250

    def __init__(self, app: App, question: str, then: Callable[[], None]) -> None:
        super().__init__(app)
        self.question, self.then = question, then

    SIZES = ((520, 250), (680, 360), (760, 10_000))     # the panel grows to show the whole text (capped by the window)

    def build(self) -> None:
        """The smallest panel that shows the whole text before Yes (newcomer trial: accepting across red lines
        at 1024x640 in large text showed the reasons only after Page Down). Cancel has the focus first; a
        question too long even for the largest panel scrolls from the keyboard (Page Up/Down, Home, End, and
        the arrows once Tab, after Cancel and Yes, reaches it), and the hint says so."""
        for self.width, self.height in self.SIZES:
            if self.elements:
                self.clear()
            self.compose()
            if self.reading is None or self.reading.scroll_bar is None:
                return

    def compose(self) -> None:
        """The panel at ``self.width`` by ``self.height``."""
        super().build()
        r, line = self.panel_rect(), self.line_height()
        room = self.hint_height() + 6
        self.button(pygame.Rect(r.left + 20, r.bottom - line - 20 - room, 150, line + 4), "Cancel", self.app.pop)
        self.button(pygame.Rect(r.right - 170, r.bottom - line - 20 - room, 150, line + 4), "Yes", self.confirm)
        box = self.reading_text(pygame.Rect(r.left + 16, r.top + 16, r.width - 32, r.height - line - 48 - room),
                                html.escape(self.question))
        if box.scroll_bar is not None:
            self.panel_hint(["Page Up/Down scrolls · Tab moves · Enter presses · Esc cancels",
                             "PgUp/PgDn scroll · Esc cancels"])
        else:
            self.panel_hint(["Tab moves · Enter presses · Esc cancels · F1 help", "Enter presses · Esc cancels"])

    def confirm(self) -> None:
        self.app.pop()
        self.then()


class CurtainScene(Scene):
    """Hot-seat hand-over: an opaque screen that shows nothing of the game until the next player,
    alone at the screen, asks for their table (or first their brief: the focus starts there at a player's
    first hand-over, ``brief_first``, since that player has not read it yet). ``ready`` names what the first
    button shows (a player with no seat at the table now is shown how theirs ended)."""

    name = "curtain"

    def __init__(self, app: App, session: GameSession, party: str, then: Callable[[], None],
                 brief_first: bool = False, ready: str = "Show my table") -> None:
        super().__init__(app)
        self.session, self.party, self.then, self.brief_first = session, party, then, brief_first
        self.ready_text = ready

    def build(self) -> None:
        w, h = self.app.size
        line = self.line_height()
        name = self.session.scenario.party(self.party).name
        self.label(pygame.Rect(0, h // 3, w, line + 10), f"Hand over to {name}", object_id="#heading")
        self.label(pygame.Rect(0, h // 3 + line + 16, w, line),
                   "Only they should see the screen now.", object_id="#muted")
        width = round(420 * self.app.text_scale)
        self.button(pygame.Rect((w - width) // 2, h // 2 + line, width, line + 6), self.ready_text, self.ready)
        brief = self.button(pygame.Rect((w - width) // 2, h // 2 + 2 * line + 16, width, line + 6),
                            "Read my brief first", self.read_brief)
        if self.brief_first:
            self.focus.focus(brief)
        self.key_hint(["Tab or Up/Down move · Enter presses · F1 help", "Tab moves · Enter presses · F1 help"])

    def ready(self) -> None:
        self.app.pop()
        self.then()

    def read_brief(self) -> None:
        from game.ui.scenes.brief import BriefScene
        self.app.pop()
        self.then()
        self.app.push(BriefScene(self.app, self.session, self.party, back_to_table=True))

    def back(self) -> bool:
        return True


def quit_app(app: App) -> None:
    app.running = False


class PauseScene(Overlay):
    """The pause menu. *Save* is offered only while a game is in progress: a finished game's move log is
    complete and closed, so on the results and the debrief there is nothing to save (it offered Save there,
    which answered that there was no game to save)."""

    name = "pause"
    height = 440

    def build(self) -> None:
        entries = [("Resume", self.app.pop), ("Save", self.save), ("Load a saved game", self.load),
                   ("Settings", lambda: self.app.push(SettingsScene(self.app))),
                   ("Help and controls", lambda: self.app.push(HelpScene(self.app))),
                   ("Quit to the title screen", self.to_title)]
        if not self.in_progress():
            entries = [entry for entry in entries if entry[0] != "Save"]
        self.height = PauseScene.height - 44 * (6 - len(entries))     # the panel as tall as its entries
        super().build()
        r, line = self.panel_rect(), self.line_height()
        self.label(pygame.Rect(r.left, r.top + 12, r.width, line + 6), "Paused", object_id="#heading")
        for i, (text, action) in enumerate(entries):
            self.button(pygame.Rect(r.left + 40, r.top + line + 30 + i * (line + 10), r.width - 80, line + 4), text, action)
        self.panel_hint(["Tab or Up/Down move · Enter presses · Esc resumes · F1 help",
                         "Up/Down move · Enter presses · Esc resumes"])

    def load(self) -> None:
        from game.ui.scenes.load import LoadScene
        self.app.push(LoadScene(self.app))

    def below(self) -> Scene | None:
        """The screen the menu was opened over (not the top of the stack: a dialog may be open over the menu
        when a resize rebuilds it)."""
        stack = self.app.stack
        k = next((i for i, scene in enumerate(stack) if scene is self), len(stack))
        return stack[k - 1] if k > 0 else None

    def session(self) -> GameSession | None:
        session = getattr(self.below(), "session", None)
        return session if isinstance(session, GameSession) else None

    def in_progress(self) -> bool:
        """Whether the screen below is a game that is not over (the one thing Save applies to)."""
        session = self.session()
        return session is not None and not session.over

    def keep_draft(self) -> None:
        keep = getattr(self.below(), "keep_draft", None)
        if callable(keep):
            keep()

    def save(self) -> None:
        session = self.session()
        if session is None:
            self.app.notify("There is no game in progress to save.")
            return
        self.keep_draft()
        self.app.notify("Saved: every move is already in this move log, and your unsent draft beside it:",
                        session.log.path,
                        f"Resume it here with 'Load a saved game', or in a terminal with: {program()} play "
                        "--resume and that file.")

    def to_title(self) -> None:
        """Asks first while a game is in progress, saying that it is saved and how to come back to it."""
        session = self.session()
        if session is None or session.over:
            self.quit_to_title()
            return
        self.app.push(ConfirmScene(self.app, "Quit to the title screen? The game is saved: every move is already in "
                                             "its move log, with your unsent draft beside it, and 'Load a saved game' "
                                             "resumes it.", self.quit_to_title))

    def quit_to_title(self) -> None:
        from game.ui.scenes.title import TitleScene
        session = self.session()
        if session is not None and not session.over:
            self.keep_draft()
            session.close()
        self.app.reset(TitleScene(self.app))


class HelpScene(Overlay):
    name = "help"
    width, height = 760, 560

    def build(self) -> None:
        super().build()
        r, line = self.panel_rect(), self.line_height()
        room = self.panel_hint(["Page Up/Down, Home/End scroll · Tab to the text, then the arrows scroll it · "
                                "Enter or Esc closes", "Page Up/Down scroll · Enter or Esc closes"])
        self.button(pygame.Rect(r.centerx - 80, r.bottom - line - 20 - room, 160, line + 4), "Close", self.app.pop)
        # longer than the panel at every size: Page Up/Down, Home and End scroll it, and the arrows once Tab reaches it
        self.reading_text(pygame.Rect(r.left + 16, r.top + 16, r.width - 32, r.height - line - 48 - room), HELP)


class SettingsScene(Overlay):
    """Each setting is a button: Enter or a click moves to the next value, Left/Right step either way."""

    name = "settings"
    width, height = 620, 530

    def __init__(self, app: App) -> None:
        super().__init__(app)
        current = app.settings
        self.draft = Settings(current.width, current.height, current.fullscreen, current.volume, current.muted,
                              current.palette, current.text_size, current.reduce_motion)

    def build(self) -> None:
        super().build()
        r, line = self.panel_rect(), self.line_height()
        self.label(pygame.Rect(r.left, r.top + 12, r.width, line + 6), "Settings", object_id="#heading")
        self.rows: list[tuple[object, Callable[[], str]]] = []
        specs: list[tuple[Callable[[], str], Callable[[int], None]]] = [
            (self.size_text, self.step_resolution),
            (lambda: f"Full screen: {'on' if self.draft.fullscreen else 'off'}", self.step_fullscreen),
            (lambda: f"Volume: {round(self.draft.volume * 100)}%", self.step_volume),
            (lambda: f"Sound: {'muted' if self.draft.muted else 'on'}", self.step_mute),
            (lambda: f"Colours: {self.draft.palette}", self.step_palette),
            (lambda: f"Text size: {self.draft.text_size}", self.step_text),
            (lambda: f"Motion: {'reduced (meters jump)' if self.draft.reduce_motion else 'on'}", self.step_motion),
        ]
        for i, (text, step) in enumerate(specs):
            b = self.button(pygame.Rect(r.left + 30, r.top + line + 30 + i * (line + 10), r.width - 60, line + 4),
                            text(), partial(self.change, step, 1), adjust=partial(self.change, step))
            self.rows.append((b, text))
        room = self.panel_hint(["Tab or Up/Down move · Left/Right or Enter change a setting · Esc cancels · F1 help",
                                "Up/Down move · Left/Right change · Esc cancels · F1 help"])
        self.button(pygame.Rect(r.left + 30, r.bottom - line - 20 - room, 160, line + 4), "Cancel", self.app.pop)
        self.button(pygame.Rect(r.right - 190, r.bottom - line - 20 - room, 160, line + 4), "Apply", self.apply)

    def change(self, step: Callable[[int], None], delta: int) -> None:
        step(delta)
        for button, text in self.rows:
            button.set_text(text())  # type: ignore[attr-defined]

    def size_text(self) -> str:
        """The window size chosen; one larger than the screen says that the window will be limited to the
        screen (:func:`game.ui.app.fit_desktop`), rather than being silently ignored."""
        from game.ui.app import fit_desktop
        size = (self.draft.width, self.draft.height)
        limited = not self.draft.fullscreen and fit_desktop(size) != size
        return f"Window size: {size[0]} × {size[1]}" + (" (limited to the screen)" if limited else "")

    def step_resolution(self, d: int) -> None:
        sizes = list(RESOLUTIONS)
        now = (self.draft.width, self.draft.height)
        i = sizes.index(now) if now in sizes else 0
        self.draft.width, self.draft.height = sizes[(i + d) % len(sizes)]

    def step_fullscreen(self, d: int) -> None:
        self.draft.fullscreen = not self.draft.fullscreen

    def step_volume(self, d: int) -> None:
        self.draft.volume = round(min(1.0, max(0.0, self.draft.volume + 0.1 * d)), 2)

    def step_mute(self, d: int) -> None:
        self.draft.muted = not self.draft.muted

    def step_palette(self, d: int) -> None:
        self.draft.palette = PALETTES[(PALETTES.index(self.draft.palette) + d) % len(PALETTES)]

    def step_motion(self, d: int) -> None:
        self.draft.reduce_motion = not self.draft.reduce_motion

    def step_text(self, d: int) -> None:
        self.draft.text_size = TEXT_SIZES[(TEXT_SIZES.index(self.draft.text_size) + d) % len(TEXT_SIZES)]

    def apply(self) -> None:
        self.app.pop()
        self.app.apply_settings(self.draft)
