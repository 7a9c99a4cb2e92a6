"""Menus: pause (save, load, settings, help), the hot seat's curtain, help and settings (the load list is in
load.py; the panel they stand in is :mod:`game.ui.scenes.overlay`, messages and confirmations
:mod:`game.ui.scenes.dialogs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable
from functools import partial

import pygame

from game.about import program
from game.session.game import GameSession
from game.ui.scene import Scene
from game.ui.scenes.dialogs import ConfirmScene
from game.ui.scenes.overlay import Overlay
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
        "The line under the baskets gives the focused basket's option in full: its text and how often "
        "violations of it are detected (as the terminal's 'options' command does).<br>"
        "Every control also works with the mouse; hovering over an option shows the same in a tooltip.<br><br>"
        "<b>Playing</b><br>"
        "Build your package basket by basket on the left; the meter shows what it is worth to your government "
        "against no deal (and, in Track 1.5 talks, to your delegation). Propose it, accept their last offer, or "
        "walk away. In parallel lanes you may lock a basket at their offer's option. After the deadline the side "
        "facing the last offer may only accept it or walk away.<br><br>"
        "<b>Saving</b><br>"
        "Every move is written to the game's move log as it is made. 'Save' tells you where it is; the same log "
        f"resumes in the window ('Load a saved game') or in the terminal ({program()} play --resume LOG).")


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
