"""Choosing a scenario, then a side and an opponent."""

from __future__ import annotations

from typing import TYPE_CHECKING

import html
import secrets
from dataclasses import dataclass
from functools import partial

import pygame
from pygame_gui.elements import UIButton

from game.about import program
from game.engine.chance import Schedule
from game.errors import GameError
from game.model.scenario import Scenario
from game.session.catalogue import shipped_catalogue
from game.session.game import GameSession, hot_seat_humans
from game.session.names import persona_name, principal_name
from game.strategies.registry import DEFAULT, DESCRIPTIONS, STRATEGIES
from game.ui.motion import Worker
from game.ui.scene import Scene, fit_first
from game.words import count

if TYPE_CHECKING:
    from game.ui.app import App


def arrow_step(scene: Scene, rows: list[UIButton], event: pygame.event.Event) -> int | None:
    """Up or Down with the focus on one of ``rows``: the row it lands on, focused (None for any other event
    or focus). A list of choices chooses as the focus moves (the scenario list and the sides alike; newcomer
    trial: Down on the sides moved the focus but neither the highlight nor the panel until Enter)."""
    current = scene.focus.current
    if event.type != pygame.KEYDOWN or event.key not in (pygame.K_UP, pygame.K_DOWN) or current is None \
            or current.element not in rows:
        return None
    by = -1 if event.key == pygame.K_UP else 1
    index = max(0, min(len(rows) - 1, rows.index(current.element) + by))
    scene.focus.focus(rows[index])
    return index


DIFFICULTY = {"introductory": "Introductory", "intermediate": "Intermediate", "advanced": "Advanced"}


def details_html(s: Scenario) -> str:
    e = html.escape
    sources = "<br>".join(f"• {e(x.author)}, <i>{e(x.title)}</i> ({x.year})" for x in s.sources[:8])
    parties = "<br>".join(f"• {e(p.name)}, {p.delegation.value}" for p in s.parties)
    official = all(p.delegation.value == "official" for p in s.parties)
    phases = (f"<b>Phases</b>: {' → '.join(e(p.name) for p in s.phases)}" if s.phases
              else f"<b>One phase</b>: {'official talks' if official else 'the talks'}")
    return (f"<b>{e(s.title)}</b> ({s.year})<br><i>{DIFFICULTY.get(s.difficulty, e(s.difficulty))}</i><br><br>"
            f"{e(s.summary)}<br><br><b>Delegations</b><br>{parties}<br><br>{phases}<br>"
            f"<b>Baskets</b>: {len(s.baskets)}, <b>agreement forms</b>: {len(s.forms)}<br><br>"
            f"<b>Sources</b><br>{sources}")


class PickerScene(Scene):
    name = "picker"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        catalogue = shipped_catalogue()                 # oldest first, as the terminal lists them
        self.scenarios = list(catalogue.scenarios)
        self.broken = [problem for _, problem in catalogue.broken]
        self.chosen = 0
        self.picked = False                             # Enter or an arrow has chosen a scenario on this screen
        self.rows: list[UIButton] = []

    def build(self) -> None:
        w, h = self.app.size
        line, pad = self.line_height(), 24
        self.label(pygame.Rect(pad, pad, w - 2 * pad, line + 8), "Choose a scenario", object_id="#heading")
        labels = [f"{s.year}  {s.title}" for s in self.scenarios]
        widest = max((self.app.font(15).size(t)[0] for t in labels), default=200)
        left = min(w // 2, max(w // 3, widest + 2 * pad + 24))
        top = pad + line + 20
        self.rows = [self.button(pygame.Rect(pad, top + i * (line + 8), left - pad, line + 2), labels[i],
                                 partial(self.activate, i), tooltip=s.summary[:200])
                     for i, s in enumerate(self.scenarios)]
        self.previewed = -1
        bottom = self.bottom_row(pad)
        self.details = self.textbox(pygame.Rect(left + pad, top, w - left - 2 * pad, bottom - top - 12), "")
        self.reading = self.details        # a description longer than its box: Page Up/Down, Home and End scroll it
        self.button(pygame.Rect(pad, bottom, 160, line + 6), "Back", self.app.pop)
        self.next = self.button(pygame.Rect(w - pad - 240, bottom, 240, line + 6), "Choose a side →", self.proceed)
        if self.broken:
            self.label(pygame.Rect(pad + 180, bottom, w - 2 * pad - 440, line), f"{count(len(self.broken), 'scenario')} "
                       f"could not be loaded: run '{program()} validate' on them", object_id="#muted")
        self.key_hint(["Up/Down choose a scenario · Enter goes on · Tab moves · Page Up/Down scroll its description · "
                       "Esc back · F1 help", "Up/Down choose · Enter goes on · Tab moves · Esc back · F1 help"])
        if self.rows:
            self.focus.focus(self.rows[self.chosen])
        self.select(self.chosen)

    def activate(self, index: int) -> None:
        """Enter (or a click) on a scenario chooses it; again on the one just chosen (by Enter, a click or the
        arrows), goes on to the sides (the one marked when the list opens takes two presses, so one press
        never skips the list)."""
        if index == self.chosen and self.picked:
            self.proceed()
        else:
            self.select(index)
            self.picked = True

    def select(self, index: int) -> None:
        if not self.scenarios:
            self.details.set_text("No scenario could be loaded.")
            return
        self.chosen = index
        for i, row in enumerate(self.rows):          # the chosen one stays marked when the focus leaves the list
            row.select() if i == index else row.unselect()
        self.follow_focus()

    def follow_focus(self) -> None:
        """The description shows the scenario the focus is on, else the one chosen."""
        current = self.focus.current
        index = self.rows.index(current.element) if current is not None and current.element in self.rows \
            else self.chosen
        if index != self.previewed:
            self.details.set_text(details_html(self.scenarios[index]))
            self.previewed = index

    def handle(self, event: pygame.event.Event) -> bool:
        """Up or Down on the list moves the highlight and chooses the scenario it lands on, as a list does
        (the highlighted one is the one 'Choose a side' takes; then Enter goes on). Off the list, the
        arrows move the focus as on any other screen."""
        index = arrow_step(self, self.rows, event)
        if index is not None:
            self.select(index)
            self.picked = True
            return True
        used = super().handle(event)
        if self.scenarios and self.app.top is self:
            self.follow_focus()
        return used

    def proceed(self) -> None:
        if self.scenarios:
            self.app.push(SideScene(self.app, self.scenarios[self.chosen]))

    def choose(self, scenario_id: str) -> bool:
        """Select the scenario ``scenario_id`` (False if it is not in the list)."""
        for i, s in enumerate(self.scenarios):
            if s.id == scenario_id:
                self.chosen = i
                return True
        return False

    def back(self) -> bool:
        self.app.pop()
        return True


HOT_SEAT = "hot seat"         # the opponent choice that seats a second person (no AI persona has this name)


@dataclass(frozen=True)
class Again:
    """How 'Play again' opens the side picker: the side and the opponent chosen (None: as the scenario says;
    an AI persona; or HOT_SEAT), those of the game just played (window trial: after a hot-seat game it opened
    with the AI across the table)."""

    side: str
    opponent: str | None = None

    @classmethod
    def of(cls, session: GameSession) -> Again:
        """The choice that started ``session``: its first player's side, and hot seat when people played more
        than one seat, else the AI persona chosen for the other seats (None when the scenario's own)."""
        if len(session.humans) > 1:
            return cls(session.side, HOT_SEAT)
        chosen = set(session.overrides.values())
        persona = chosen.pop() if len(chosen) == 1 else None
        return cls(session.side, persona if persona in STRATEGIES else None)


class SideScene(Scene):
    """The choice of a delegation and of who sits across the table. The focus opens on the side chosen: the
    first by default, and after 'Play again' the one just played (it opened on the first side, where one
    Enter changed the player's side), with the opponent of that game chosen (:class:`Again`)."""

    name = "side"

    def __init__(self, app: App, scenario: Scenario, side: str | None = None, opponent: str | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.side = side if side in {p.id for p in scenario.parties} else scenario.parties[0].id
        # None: the scenario's own choice; an AI persona; or HOT_SEAT
        self.opponent: str | None = opponent if opponent == HOT_SEAT or opponent in STRATEGIES else None
        self.seed: int | None = None         # None: a fresh random seed
        self.schedule: Schedule = ()          # events forced at rounds (the screenshots' scripted game)
        self.worker = Worker()                # the talks are prepared off the frame (up to seconds for 2017)
        self.prepared: GameSession | None = None
        self.picked = False                   # Enter or a click has chosen a side on this screen

    def build(self) -> None:
        w, h = self.app.size
        line, pad = self.line_height(), 24
        s = self.scenario
        heading = self.label(pygame.Rect(pad, pad, w - 2 * pad, line + 8), "", object_id="#heading")
        heading.set_text(fit_first(heading, [f"{s.title}: choose your delegation", "Choose your delegation"]))
        top = pad + line + 24
        width = min(w - 2 * pad, round(720 * self.app.text_scale))
        self.side_buttons = {}
        for i, p in enumerate(s.parties):
            seats = [ph.name for ph in s.phases if p.id in ph.parties] or ["the talks"]
            text = f"{p.name} — {p.delegation.value}"
            self.side_buttons[p.id] = self.button(
                pygame.Rect(pad, top + i * (line + 10), width, line + 4), text, partial(self.pick, p.id),
                tooltip=f"Speaks for {principal_name(p.principal, article=True)}; sits at: {', '.join(seats)}")
        y = top + len(s.parties) * (line + 10) + 16
        self.opp = self.button(pygame.Rect(pad, y, width, line + 4), "", lambda: self.cycle(1),
                               tooltip="The AI across the table (Enter or Left/Right to change)",
                               adjust=self.cycle)
        self.note = self.textbox(pygame.Rect(pad, y + line + 20, width, max(line * 3, h - y - 2 * line - 80)), "")
        self.reading = self.note           # longer than its box in large text: Page Up/Down, Home and End scroll it
        bottom = self.bottom_row(pad)
        self.key_hint(["Up/Down choose a side · Enter goes on · Tab moves · Left/Right change the opponent · "
                       "Page Up/Down scroll · Esc back · F1 help",
                       "Up/Down choose · Enter goes on · Tab moves · Left/Right: opponent · Esc back · F1 help"])
        self.button(pygame.Rect(pad, bottom, 160, line + 6), "Back", self.app.pop)
        self.read = self.button(pygame.Rect(w - pad - 240, bottom, 240, line + 6), "Read your brief →", self.start)
        self.focus.focus(self.side_buttons[self.side])   # the side chosen, not the first (after 'Play again')
        self.refresh()

    def pick(self, pid: str) -> None:
        """Enter (or a click) on a side chooses it; again on the one just chosen goes on to the brief, as the
        scenario list goes on to the sides (newcomer trial: Enter on the chosen side did nothing). The side
        marked when the screen opens takes two presses, so one press never skips the choice."""
        if pid == self.side and self.picked:
            self.start()
            return
        self.side = pid
        self.picked = True
        self.refresh()

    def handle(self, event: pygame.event.Event) -> bool:
        """Up or Down on the sides chooses the side it lands on, as on the scenario list (then Enter goes
        on to the brief)."""
        index = arrow_step(self, list(self.side_buttons.values()), event)
        if index is None:
            return super().handle(event)
        self.side = list(self.side_buttons)[index]
        self.picked = True
        self.refresh()
        return True

    def cycle(self, step: int) -> None:
        """The next opponent: the scenario's AIs, each persona, or a second person at this screen (hot seat;
        window trial: the window had no way to it but the command line's --hot-seat)."""
        names: list[str | None] = [None, *sorted(STRATEGIES), HOT_SEAT]
        self.opponent = names[(names.index(self.opponent) + step) % len(names)]
        self.refresh()

    def refresh(self) -> None:
        for pid, b in self.side_buttons.items():
            b.select() if pid == self.side else b.unselect()
        self.opp.set_text("Opponent: a second player at this screen (hot seat)" if self.opponent == HOT_SEAT
                          else "Opponent: as the scenario says" if self.opponent is None   # not capitalised mid-line
                          else f"Opponent: {persona_name(self.opponent)}")
        p = self.scenario.party(self.side)
        seats = [ph for ph in self.scenario.phases if p.id in ph.parties]
        where = ("You sit at: " + ", ".join(f"<b>{html.escape(ph.name)}</b> "
                                           f"({'binding' if ph.protocol.binding else 'non-binding'})" for ph in seats)
                 + ".<br>") if seats else ""
        kind = ("You are an <b>unofficial</b> delegation (Track 1.5): you gain standing from any deal and feel only "
                "part of what you concede; your government pays for it." if p.delegation.value == "unofficial" else
                "You are an <b>official</b> delegation: your government lives with every term you agree.")
        self.note.set_text(f"You will play <b>{html.escape(p.name)}</b>, for "
                           f"{html.escape(principal_name(p.principal, article=True))}.<br>{where}{kind}<br><br>"
                           f"{self.opponents_html()}<br><br>Your brief is "
                           "confidential: it shows your government's priorities and red lines, never the other side's.")

    def opponents_html(self) -> str:
        """Who plays across the table (the other government's delegations this side meets, whom the opponent
        choice plays): each AI persona's name and its one-line description."""
        e = html.escape
        rows = []
        humans = hot_seat_humans(self.scenario, self.side) if self.opponent == HOT_SEAT else (self.side,)
        for other in self.scenario.across(self.side):
            if other.id in humans:
                rows.append(f"• {e(other.name)}: <b>a second player</b>, at this screen; a curtain hides each "
                            "player's view from the other at every hand-over.")
                continue
            persona = (None if self.opponent == HOT_SEAT else self.opponent) or other.strategy or DEFAULT
            rows.append(f"• {e(other.name)}: <b>{e(persona_name(persona))}</b>: {e(DESCRIPTIONS[persona])}")
        across = {p.id for p in self.scenario.across(self.side)}
        own = [f"• {e(p.name)}: <b>{e(persona_name(p.strategy or DEFAULT))}</b>, as the scenario says"
               for p in self.scenario.parties if p.id != self.side and p.id not in across
               and p.principal == self.scenario.party(self.side).principal]
        mine = ("<br><br><b>Your government's other delegation</b> (the opponent choice leaves it as it is)<br>"
                + "<br>".join(own)) if own else ""
        return "<b>Across the table</b><br>" + "<br>".join(rows) + mine

    def start(self) -> None:
        """Prepare the talks off the frame: valuing every package at what it is worth in force takes up to a few
        seconds for the largest shipped scenario (2017), during which the window keeps drawing and says so."""
        if self.worker.busy:
            return
        seed = self.seed if self.seed is not None else secrets.randbelow(2**31)
        side, opponent, schedule = self.side, self.opponent, self.schedule

        humans = hot_seat_humans(self.scenario, side) if opponent == HOT_SEAT else ()
        ai = None if opponent == HOT_SEAT else opponent

        def prepare() -> None:
            self.prepared = GameSession.new(self.scenario, side, seed, ai, schedule=schedule, humans=humans,
                                            across_only=True)
        self.read.set_text("Preparing the talks…")
        self.read.disable()
        self.worker.start(prepare)

    def update(self, dt: float) -> bool:
        """Open the brief once the talks are prepared (or say why they could not be)."""
        from game.ui.scenes.brief import BriefScene
        finished, error = self.worker.poll()
        if finished:
            self.read.set_text("Read your brief →")
            self.read.enable()
            session, self.prepared = self.prepared, None
            if isinstance(error, GameError):
                self.app.notify(str(error))
            elif error is not None:
                raise error
            elif session is not None:
                self.app.push(BriefScene(self.app, session, opening=True))
        return self.worker.busy

    def back(self) -> bool:
        self.app.pop()
        return True
