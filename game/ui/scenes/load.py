"""Load a saved game: the unfinished games in the user's move-log folder, newest first, a page at a time.

A page holds the rows that fit the panel (6 in normal text, 4 in large at 1024x640); Page Down / Page Up, the
mouse wheel and the "Older" / "Newer" buttons turn it, and the heading says which games are shown ("games 7–12
of 14"). Before, the games past the first page were not listed at all. Pages rather than a scrolling container:
every row on screen is whole, so the focus ring (drawn at the focused element's rectangle) is always in view."""

from __future__ import annotations

from typing import TYPE_CHECKING

import time
from functools import partial
from pathlib import Path

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.engine.actions import Accept, Action, Lock, Offer, RoundStart, Walk
from game.errors import GameError
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.movelog import default_log_dir, ended, read_log
from game.ui.scene import fit_cut, fit_first
from game.ui.scenes.dialogs import path_html
from game.ui.scenes.overlay import Overlay
from game.words import count

MAX_READ = 200                    # unfinished logs read in full for the list (each is replayed-checked)
Game = tuple[Path, str, str]      # the log, the scenario and side, the round and date
REFUSED = "Cannot be loaded (Enter says why) · "   # before the line of a game whose loading failed


if TYPE_CHECKING:
    from game.ui.app import App


class LoadScene(Overlay):
    """The move logs in the user's data directory, newest first; unfinished games first of all. A row is the
    game's button (scenario and side) over a muted line (round and date): on one line it was cut at the date
    in large text (newcomer trial h6)."""

    name = "load"
    width, height = 820, 560

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.games: list[Game] | None = None     # read once, at the first build
        self.first = 0                           # the index of the first game on the page shown
        self.per_page = 1
        self.rows: list[UIButton] = []
        self.newer: UIButton | None = None
        self.older: UIButton | None = None

    def build(self) -> None:
        super().build()
        if self.games is None:
            self.games = self.saved_games()
        games = self.games
        r, line = self.panel_rect(), self.line_height()
        top, under = r.top + line + 30, self.hint_height()
        room = self.hint_height() + 6
        pitch = line + 4 + under + 6
        self.per_page = max(1, (r.bottom - line - 26 - room - top) // pitch)
        self.first = min(self.first, max(0, len(games) - 1)) // self.per_page * self.per_page
        paged = len(games) > self.per_page
        self.panel_hint(["Tab or Up/Down move · Page Up/Down: older or newer games · Enter loads the game · "
                         "Esc goes back · F1 help",
                         "Up/Down move · Page Up/Down: older or newer games · Enter loads · Esc back · F1 help",
                         "Up/Down move · Page Up/Down: more games · Enter loads · Esc back · F1 help"] if paged else
                        ["Tab or Up/Down move · Enter loads the game · Esc goes back · F1 help",
                         "Up/Down move · Enter loads · Esc back · F1 help"])
        side = round(200 * self.app.text_scale) + 20 if paged else 0   # room for the count at the right
        self.label(pygame.Rect(r.left + side, r.top + 12, r.width - 2 * side, line + 6), "Load a saved game",
                   object_id="#heading")
        if not games:
            box = pygame.Rect(r.left + 20, top, r.width - 40, 3 * line)
            self.textbox(box, "No unfinished games in:<br>" + path_html(default_log_dir(), self.app.font(15), box.width - 56))
        self.rows = []
        for i, (path, what, detail) in enumerate(games[self.first:self.first + self.per_page]):
            y = top + i * pitch
            b = self.button(pygame.Rect(r.left + 20, y, r.width - 40, line + 4), what, partial(self.load, path),
                            tooltip=str(path))
            b.set_text(fit_first(b, [what]))
            self.rows.append(b)
            below = self.label(pygame.Rect(r.left + 20, y + line + 4, r.width - 40, under), "", object_id="#muted")
            below.set_text(fit_detail(below, detail, path.name))
        bottom = r.bottom - line - 20 - room
        self.newer = self.older = None
        if paged:
            last = min(len(games), self.first + self.per_page)
            shown = f"{self.first + 1}–{last} of {len(games)}"
            count = self.label(pygame.Rect(r.right - side, r.top + 12, side - 20, line + 6), shown, object_id="#muted")
            count.set_text(fit_first(count, [f"games {shown}", shown]))
            self.newer = self.button(pygame.Rect(r.left + 20, bottom, 160, line + 4), "Newer", partial(self.turn, -1, False),
                                     tooltip="The newer games (Page Up)")
        self.button(pygame.Rect(r.centerx - 80, bottom, 160, line + 4), "Back", self.app.pop)
        if paged:                                # made in the order Tab and Up/Down follow: left to right
            self.older = self.button(pygame.Rect(r.right - 180, bottom, 160, line + 4), "Older", partial(self.turn, 1, False),
                                     tooltip="The older games (Page Down)")
            if self.first == 0 and self.newer is not None:
                self.newer.disable()
            if self.first + self.per_page >= len(games):
                self.older.disable()

    def turn(self, step: int, to_rows: bool = True) -> None:
        """Show the next page (``step`` 1: older games) or the previous one (-1); the focus goes to the page's
        first game (from the keyboard, or when the button pressed is now disabled) or stays on the button."""
        games = self.games or []
        first = self.first + step * self.per_page
        if not games or not 0 <= first < len(games):
            return
        self.first = first
        self.clear()
        self.build()
        keep = self.older if step > 0 else self.newer
        if not to_rows and keep is not None and keep.is_enabled:
            self.focus.focus(keep)
        elif self.rows:
            self.focus.focus(self.rows[0])

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.turn(1 if event.key == pygame.K_PAGEDOWN else -1)
            return True
        if event.type == pygame.MOUSEWHEEL and event.y:
            self.turn(-1 if event.y > 0 else 1)
            return True
        return super().handle(event)

    @staticmethod
    def saved_games() -> list[Game]:
        """(log, scenario and side, round and date) of the unfinished games, newest first."""
        folder = default_log_dir()
        logs = sorted(((p, _mtime(p)) for p in folder.glob("*.jsonl")), key=lambda pm: pm[1],
                      reverse=True) if folder.is_dir() else []
        out, mtimes = [], []
        scenarios: dict[str, Scenario | None] = {}
        read = 0
        for path, mtime in logs:
            if read >= MAX_READ:
                break
            if ended(path):                    # a finished game: not listed, and not read in full
                continue
            read += 1
            try:
                contents = read_log(path, allow_partial_tail=True)
            except GameError:                   # a bad log (or a link to nothing, a pipe...) is left out
                continue
            header = contents.header
            if contents.end_hash is None and header.get("humans"):
                source = str(header["scenario"])
                if source not in scenarios:
                    try:
                        scenarios[source] = load_scenario(Path(source))
                    except GameError:
                        scenarios[source] = None
                handed = {str(h[0]) for h in contents.handovers}      # the AI's seats now: not the player's
                seats = [str(h) for h in header["humans"]]
                scenario, side = scenarios[source], next((h for h in seats if h not in handed), seats[0])
                saved = time.strftime("%d %b %H:%M", time.localtime(mtime))
                if scenario is not None and side in {p.id for p in scenario.parties}:
                    what = f"{scenario.title}, as {scenario.party(side).name}"
                else:
                    what = path.stem
                out.append((path, what, f"{progress(contents.actions, scenario)} · saved {saved}"))
                mtimes.append(mtime)
        return told_apart(out, mtimes)

    def refused(self, path: Path) -> None:
        """Mark the row of a game that could not be loaded (:data:`REFUSED` before its line), so that it no longer
        reads like a good save (player trial: a save with one digit of its seed changed stayed listed as before
        once its dialog was closed); the dialog that follows says why."""
        games = self.games or []
        self.games = [(p, what, detail if p != path or detail.startswith(REFUSED) else REFUSED + detail)
                      for p, what, detail in games]
        if self.games != games:
            self.clear()
            self.build()
            row = next((b for b in self.rows if b.tool_tip_text == str(path)), None)
            if row is not None:
                self.focus.focus(row)

    def load(self, path: Path) -> None:
        """Open the saved game at ``path``. The game being played in this window is not opened a second
        time (window trial: 'this game is open in another window or terminal'): the list closes and the
        table is back. Another game being played here is closed first (every move is on disk), so that its
        move log is free. A classroom game's log must still name where its signed result can go, checked before
        the game goes on, as ``play --resume`` does (one implementation: :func:`game.classroom.planned.resumed`); its
        message shows in a dialog (newcomer trial: the window resumed it unchecked)."""
        from game.classroom.planned import resumed
        from game.ui.scenes.brief import BriefScene
        from game.ui.scenes.title import TitleScene
        open_here = [s for s in (getattr(scene, "session", None) for scene in self.app.stack)
                     if isinstance(s, GameSession)]
        if any(s.log.path.resolve() == path.resolve() and not s.closed for s in open_here):
            while self.app.top is not None and not isinstance(getattr(self.app.top, "session", None), GameSession):
                self.app.pop()                 # back to the table of the game already open
            return
        try:
            for scene in self.app.stack:
                keep = getattr(scene, "keep_draft", None)
                if callable(keep):
                    keep()                               # the unsent draft of the game being left
            for s in open_here:
                s.close()
            session, _ = resumed(path)          # a classroom log checked as `play --resume` checks it
        except GameError as exc:
            self.refused(path)
            self.app.notify(str(exc))
            return
        self.app.reset(TitleScene(self.app))
        if len(session.humans) > 1:            # hot seat: behind the curtain of the player to move, never a brief
            from game.ui.scenes.table import TableScene
            self.app.push(TableScene(self.app, session, curtain_first=True))
        else:
            self.app.push(BriefScene(self.app, session))


def progress(actions: list[Action], scenario: Scenario | None) -> str:
    """How far a saved game went: the round reached ("round 2 of 10"); for talks in phases, whose rounds
    count afresh in each, the table and its round ("Official talks, round 3 of 10"; newcomer trial: rows of
    phased games read only "15 moves", where docs/playing.md promises the round reached). A table ends at a
    deal or a walk-out, or once its rounds are used up. Chance moves (a round opening,
    the perception draw) are not the players' moves (newcomer trial h6: "5 moves" after one offer each)."""
    moves = sum(isinstance(action, (Offer, Accept, Walk, Lock)) for action in actions)
    if scenario is None:
        return count(moves, "move")
    phases = [(p.name, p.protocol.rounds) for p in scenario.phases] or [("", scenario.protocol.rounds)]
    phase, rounds = 0, 0
    for action in actions:
        if isinstance(action, (Accept, Walk)) or (isinstance(action, RoundStart)
                                                             and rounds >= phases[phase][1]):
            if phase + 1 < len(phases):
                phase, rounds = phase + 1, 0
        if isinstance(action, RoundStart):
            rounds += 1
    if not rounds:
        return count(moves, "move")
    name, limit = phases[phase]
    reached = f"round {min(rounds, limit)} of {limit}"
    return f"{name}, {reached}" if scenario.phases else reached


def told_apart(games: list[Game], mtimes: list[float]) -> list[Game]:
    """``games`` with the rows that would read the same told apart: the time saved to the second, then the
    file's name (newcomer trial: two rows read "… / 15 moves · saved 30 Nov 09:28")."""
    def repeated(rows: list[Game]) -> set[tuple[str, str]]:
        seen = [(what, detail) for _, what, detail in rows]
        return {row for row in seen if seen.count(row) > 1}
    twins = repeated(games)
    games = [(path, what, detail.replace(time.strftime("%d %b %H:%M", time.localtime(mtime)),
                                          time.strftime("%d %b %H:%M:%S", time.localtime(mtime)))
              if (what, detail) in twins else detail) for (path, what, detail), mtime in zip(games, mtimes)]
    twins = repeated(games)
    return [(path, what, f"{detail} · {path.name}" if (what, detail) in twins else detail) for path, what, detail in games]


def fit_detail(label: UILabel, detail: str, name: str) -> str:
    """``detail`` as it fits ``label``'s width: whole if it fits; else, when it ends with the file's ``name``
    (two rows told apart, :func:`told_apart`), the name shortened in its middle with an ellipsis, keeping its
    start and its end, which tells two copies apart ("…19:14:21 · zz_edit_code_o…-20261130-191421-7.jsonl");
    else cut at a character with an ellipsis (player trial: at 1024x640 the line ran past the panel's edge, cut
    mid-character, and pygame_gui warned "Label Rect is too small for text"). The row's tooltip has the path."""
    font, room = label.font, label.rect.width - 8
    if font is None or font.size(detail)[0] <= room:
        return detail
    if name and detail.endswith(f" · {name}"):
        head = detail[:-len(name)]
        left, right = name[:len(name) // 2], name[len(name) // 2:]
        while left or len(right) > 1:
            text = head + left + "…" + right
            if font.size(text)[0] <= room:
                return text
            if left and len(left) * 2 >= len(right):      # the end tells copies apart: it is kept longer
                left = left[:-1]
            else:
                right = right[1:]
    return fit_cut(label, detail)


def _mtime(path: Path) -> float:
    """When ``path`` was last written (0 for a link to nothing or a file that cannot be read)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
