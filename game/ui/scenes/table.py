"""The negotiating table: build a package basket by basket, see what it is worth, and move.

Left: one row per basket (and the agreement form): the option ladder as a
selector (Left/Right or the arrows; its tooltip gives the option's text and
how well violations of it are detected), and a lock in parallel lanes.
Right: the meter (what the draft is worth to your government, and in Track
1.5 to your delegation, against no deal), the other side's last offer, and
the log of offers, messages and events. Bottom: message, propose, accept,
walk away, menu.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pygame
from pygame_gui.elements import UIButton, UIScrollingContainer

from game.classroom.results import finish_classroom_game
from game.engine.actions import Accept, Lock, Message, MessageKind, Offer, Walk
from game.engine.result import game_result
from game.engine.rules import IllegalMoveError
from game.engine.state import State
from game.model.incentives import scalar_negotiating_utility
from game.session.game import GameSession, Moment
from game.session.views import crossed, describe, home_odds, value_of
from game.ui.focus import Focusable
from game.ui.scene import Scene, fit_first
from game.ui.textpanel import Line, TextPanel

SOUND_OF = {"event": "event", "offer": "offer", "accept": "accept", "walk": "violation", "lock": "click"}


class TableScene(Scene):
    name = "table"

    def __init__(self, app, session: GameSession) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.session = session
        self.side = session.side
        self.draft: list[int] = []
        self.draft_phase = -1
        self.message_index = 0
        self.log: list[str] = []
        self.ticker = ""
        self.hot_seat = len(session.humans) > 1
        for moment in session.earlier_moments():       # a loaded game: its log so far
            self.record(moment, sound=False)
        self.consume(sound=False)
        if self.hot_seat and session.to_move not in (None, self.side):
            app.pending.append(lambda: self.hand_over(session.to_move))

    # ------------------------------------------------------------ the game
    def consume(self, sound: bool = True) -> None:
        """Take what happened since the last move into the log and ticker; leave when the game is over."""
        for moment in self.session.take_moments():
            self.record(moment, sound)
        state = self.session.state
        if state.phase != self.draft_phase and state.tables is not None:
            best = state.tables.of(self.side).order if self.side in state.phase_def.parties else np.zeros(0, int)
            shape = state.tables.problem.shape
            self.draft = [int(x) for x in np.unravel_index(int(best[0]), shape)] if len(best) else [0] * len(shape)
            self.draft_phase = state.phase
        for i, lock in enumerate(state.locks):
            if lock >= 0:
                self.draft[i] = lock

    def record(self, moment: Moment, sound: bool) -> None:
        """One applied action into the log and the ticker (and its sound)."""
        # hot-seat: a neutral log, since both players read it (no one's values in it)
        for kind, text in describe(moment.before, moment.action, moment.after, "" if self.hot_seat else self.side):
            self.log.append(text)
            if kind == "event":
                self.ticker = text
            if sound and kind in SOUND_OF:
                self.app.sounds.play(SOUND_OF[kind])

    def submit(self, action: Accept | Walk | Offer | Lock) -> None:
        phase = self.session.state.phase
        try:
            self.session.submit(action)
        except IllegalMoveError as exc:
            self.app.notify(str(exc))
            return
        if isinstance(action, Offer):
            self.message_index = 0          # a message goes out with one offer; the button says so at once
        self.consume()
        if self.session.over:
            from game.ui.scenes.aftermath import AftermathScene
            result = finish_classroom_game(self.session)
            self.app.replace(AftermathScene(self.app, self.session.state, game_result(self.session.state),
                                            self.session.side))
            if result is not None and result.problem is not None:
                self.app.notify(result.problem)
            elif result is not None:
                self.app.notify("The signed result of your game is in:", result.path)
            return
        if self.hot_seat and self.session.to_move not in (None, self.side):
            self.hand_over(self.session.to_move)
            return
        if self.session.state.phase != phase:          # a new table: new opponent, maybe new lanes
            self.rebuild()
            self.app.notify(self.phase_news(phase))
            return
        self.refresh()

    def hand_over(self, party: str) -> None:
        """Hot-seat: hide everything behind a curtain until the next player takes the screen."""
        from game.ui.scenes.menus import CurtainScene
        self.app.push(CurtainScene(self.app, self.session, party, lambda: self.switch_to(party)))

    def switch_to(self, party: str) -> None:
        """Show the table as ``party`` sees it (hot-seat)."""
        self.side = party
        self.draft_phase = -1
        self.consume(sound=False)
        self.rebuild()

    def phase_news(self, previous: int) -> str:
        """What changed when the talks moved on to a new phase."""
        state = self.session.state
        s = state.scenario
        ended = state.results[previous] if previous < len(state.results) else None
        how = "with an agreement" if ended is not None and ended.agreement is not None else "without a deal"
        old = s.phases[previous].name if s.phases else "The talks"
        opponent = next(s.party(p).name for p in state.phase_def.parties if p != self.side)
        text = (f"{old} ended {how}. Now: {state.phase_def.name} "
                f"({'binding' if state.protocol.binding else 'non-binding'}), across the table: {opponent}.")
        if state.anchor is not None:
            text += f" The published plan anchors these talks with weight {state.phase_def.anchoring:.2f}."
        return text

    def messages(self) -> list[Message | None]:
        baskets = self.session.state.scenario.baskets
        return [None, Message(MessageKind.FINAL), *(Message(MessageKind.RED_LINE, b.id) for b in baskets),
                *(Message(MessageKind.MOVEMENT, b.id) for b in baskets)]

    def message_text(self, message: Message | None) -> str:
        if message is None:
            return "No message"
        if message.kind is MessageKind.FINAL:
            return "Final offer"
        number = next(i for i, b in enumerate(self.session.state.scenario.baskets) if b.id == message.basket) + 1
        return f"{'Red line' if message.kind is MessageKind.RED_LINE else 'Movement on'} #{number}"

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        w, h = self.app.size
        pad, line = 16, self.line_height()
        self.header = self.label(pygame.Rect(pad, 8, w - 2 * pad, line), "", object_id="#heading_left")
        self.ticker_label = self.label(pygame.Rect(pad, 8 + line, w - 2 * pad, line - 6), "", object_id="#row_name")
        top = 12 + 2 * line
        bottom = h - pad - line - 6
        left_w = int((w - 3 * pad) * 0.62)
        self.scroller = UIScrollingContainer(pygame.Rect(pad, top, left_w, bottom - top - 10), self.app.manager,
                                             allow_scroll_x=False)
        self.keep(self.scroller)
        state = self.session.state
        s = state.scenario
        names = [f"{i + 1}. {b.name}" for i, b in enumerate(s.baskets)] + ["f. Agreement form"]
        row_h = 2 * line - 4
        inner = left_w - 20
        arrow, lock_w = 32, round(72 * self.app.text_scale) if state.protocol.lanes else 0
        self.option_buttons, self.lock_buttons = [], []
        self.arrows: list[tuple[UIButton, UIButton]] = []    # per row: step down, step up (mouse)
        for i, name in enumerate(names):
            y = i * row_h                      # the basket's name, and its lock at the right
            self.label(pygame.Rect(0, y, inner - lock_w - 8, line - 8), name, object_id="#row_name",
                       container=self.scroller)
            if lock_w and i < len(s.baskets):
                self.lock_buttons.append(self.button(pygame.Rect(inner - lock_w, y, lock_w, line - 10), "Lock",
                                                     partial(self.lock, i),
                                                     tooltip="Settle this basket now at their offer's option",
                                                     container=self.scroller))
            y += line - 8                      # below: the option ladder, the full width
            down = self.button(pygame.Rect(0, y, arrow, line), "◀", partial(self.step, i, -1),
                               container=self.scroller, focusable=False)
            option = self.button(pygame.Rect(arrow + 2, y, inner - 2 * arrow - 4, line), "",
                                 partial(self.step, i, 1), adjust=partial(self.step, i),
                                 container=self.scroller)
            self.option_buttons.append(option)
            up = self.button(pygame.Rect(inner - arrow, y, arrow, line), "▶", partial(self.step, i, 1),
                             container=self.scroller, focusable=False)
            self.arrows.append((down, up))
        self.scroller.set_scrollable_area_dimensions((inner, len(names) * row_h))
        x = pad * 2 + left_w
        right_w = w - x - pad
        bars = 2 if self.delegation_bar(state) else 1              # no empty room under a single bar
        self.meter_rect = pygame.Rect(x, top, right_w, round((40 + 36 * bars) * self.app.text_scale))
        y = self.meter_rect.bottom + 8
        third = (bottom - 10 - y) * 11 // 20            # their offer gets a little more room than the log
        p = self.app.palette
        fonts = (self.app.font(14), self.app.font(14, bold=True), p.ink, (30, 36, 48), (68, 80, 106))
        self.theirs = TextPanel(pygame.Rect(x, y, right_w, third), *fonts)
        self.log_box = TextPanel(pygame.Rect(x, y + third + 6, right_w, bottom - 10 - y - third - 6), *fonts,
                                 bottom_up=True)
        for panel in (self.theirs, self.log_box):        # Tab reaches them; then the arrows and Home/End scroll them
            self.focus.add(Focusable(panel, scroll=panel.scroll_key))
        self.log_box.set_lines([Line(text) for text in self.log] or [Line("The talks open.")])
        self.shown_log = len(self.log)
        self.shown_offer: list[Line] | None = None
        bw = (w - 2 * pad - 4 * 8) // 5
        self.message_button = self.button(pygame.Rect(pad, bottom, bw, line + 6), "", lambda: self.cycle_message(1),
                                          tooltip="The message sent with your offer: a red line or a call for movement on basket #N, or "
                                                  "'final offer' (Enter or Left/Right to choose)",
                                          adjust=self.cycle_message)
        self.propose_button = self.button(pygame.Rect(pad + (bw + 8), bottom, bw, line + 6), "Propose", self.propose,
                                          tooltip="Offer your draft package")
        self.accept_button = self.button(pygame.Rect(pad + 2 * (bw + 8), bottom, bw, line + 6), "Accept", self.accept,
                                         tooltip="Accept the other side's last offer")
        self.button(pygame.Rect(pad + 3 * (bw + 8), bottom, bw, line + 6), "Walk away", self.walk,
                    tooltip="End the talks without a deal")
        self.button(pygame.Rect(pad + 4 * (bw + 8), bottom, bw, line + 6), "Menu (Esc)", self.app.open_pause,
                    tooltip="Save, load, settings, help")
        self.refresh()

    def refresh(self) -> None:
        state = self.session.state
        s = state.scenario
        phase = state.phase_def
        round_no = min(state.round + 1, phase.protocol.rounds)
        turn = "your move" if self.session.to_move == self.side else "waiting"
        if state.final_response:
            turn = "last round over: accept or walk away"
        kind = "binding" if phase.protocol.binding else "non-binding"
        header = fit_first(self.header, [
            f"{phase.name}  ·  round {round_no} of {phase.protocol.rounds}  ·  {turn}  ·  {kind} talks"
            + ("  ·  lanes open" if phase.protocol.lanes else ""),
            f"{phase.name}  ·  round {round_no}/{phase.protocol.rounds}  ·  {turn}  ·  {kind}",
            f"Round {round_no}/{phase.protocol.rounds}  ·  {turn}  ·  {kind}  ·  {phase.name}"])
        if self.header.text != header:
            self.header.set_text(header)
        ticker = fit_first(self.ticker_label, [self.ticker or "No events so far."])   # in full in the log
        if self.ticker_label.text != ticker:
            self.ticker_label.set_text(ticker)
        for i, b in enumerate(self.option_buttons):
            if i < len(s.baskets):
                basket, option = s.baskets[i], s.baskets[i].options[self.draft[i]]
                text = f"{self.draft[i] + 1}. {option.label}"
                tip = (f"{option.description or option.label}<br>Violations detected "
                       f"{option.detection * basket.attribution:.0%} of the time")
            else:
                form = s.forms[self.draft[i]]
                text, tip = f"{self.draft[i] + 1}. {form.label}", form.description or form.label
            locked = state.locks[i] >= 0
            if b.text != text + ("  [locked]" if locked else ""):
                b.set_text(text + ("  [locked]" if locked else ""))
            b.tool_tip_text = tip
            b.disable() if locked else b.enable()
            top = len(s.baskets[i].options) - 1 if i < len(s.baskets) else len(s.forms) - 1
            down, up = self.arrows[i]                      # the ladder stops at its ends
            down.disable() if locked or self.draft[i] == 0 else down.enable()
            up.disable() if locked or self.draft[i] == top else up.enable()
        standing = state.standing
        theirs = standing is not None and standing.party != self.side
        for i, b in enumerate(self.lock_buttons):
            b.enable() if theirs and state.locks[i] < 0 and not state.final_response else b.disable()
        self.accept_button.enable() if theirs else self.accept_button.disable()
        self.propose_button.disable() if state.final_response else self.propose_button.enable()
        self.message_button.set_text(self.message_text(self.messages()[self.message_index]))
        offer = self.offer_lines()
        if offer != self.shown_offer:
            self.theirs.set_lines(offer)
            self.shown_offer = offer
        if self.shown_log == 0 and self.log:
            self.log_box.set_lines([])
        for text in self.log[self.shown_log:]:
            self.log_box.append(Line(text, colour=self.app.palette.focus if text.startswith("EVENT") else None))
        self.shown_log = len(self.log)

    def offer_lines(self) -> list[Line]:
        state = self.session.state
        standing = state.standing
        if standing is None:
            return [Line("Their last offer", bold=True), Line("None yet.")]
        if standing.party == self.side:
            return [Line("Your offer stands", bold=True), Line("Waiting for their answer.")]
        s = state.scenario
        worth = value_of(state, self.side, standing.outcome)
        lines = [Line("Their last offer", bold=True),
                 Line(f"Worth {worth:.3f} to your government (no deal {s.party(self.side).reservation:.2f}); "
                      f"chance your government ratifies it: {home_odds(state, self.side, standing.outcome):.0%}")]
        bad = crossed(state, self.side, standing.outcome)
        if bad:
            lines.append(Line(f"It crosses your red line on {', '.join(bad)}", bold=True, colour=self.app.palette.bad))

        def same(i: int) -> str:
            return "  (= your draft)" if standing.outcome[i] == self.draft[i] else ""
        form = len(s.baskets)                          # the form first: it decides how the deal is ratified
        lines.append(Line(f"f. {s.forms[standing.outcome[form]].label}{same(form)}"))
        lines += [Line(f"{i + 1}. {b.options[standing.outcome[i]].label}{same(i)}") for i, b in enumerate(s.baskets)]
        return lines

    # ------------------------------------------------------------ controls
    def step(self, issue: int, delta: int) -> None:
        state = self.session.state
        if state.locks[issue] >= 0 or state.tables is None:
            return
        size = state.tables.problem.shape[issue]
        self.draft[issue] = max(0, min(size - 1, self.draft[issue] + delta))   # no wrapping past either end
        self.refresh()

    def cycle_message(self, delta: int) -> None:
        self.message_index = (self.message_index + delta) % len(self.messages())
        self.refresh()

    def propose(self) -> None:
        self.submit(Offer(self.side, tuple(self.draft), self.messages()[self.message_index]))

    def accept(self) -> None:
        self.submit(Accept(self.side))

    def walk(self) -> None:
        from game.ui.scenes.menus import ConfirmScene
        self.app.push(ConfirmScene(self.app, "Walk away? The talks end without a deal.", lambda: self.submit(Walk(self.side))))

    def lock(self, basket: int) -> None:
        self.submit(Lock(self.side, basket))

    # ------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.theirs.draw(surface)
        self.log_box.draw(surface)
        p = self.app.palette
        state = self.session.state
        rect = self.meter_rect
        pygame.draw.rect(surface, p.panel, rect, border_radius=6)
        font = self.app.font(14)
        if state.tables is None or self.side not in state.phase_def.parties:
            surface.blit(font.render("You do not sit at this table.", True, p.ink), rect.move(10, 10))
            return
        outcome = tuple(self.draft)
        value = value_of(state, self.side, outcome)
        party = state.scenario.party(self.side)
        odds = home_odds(state, self.side, outcome)
        bars = [(f"Your government: {value:.3f} (no deal {party.reservation:.2f})", value, party.reservation, p.us)]
        if self.delegation_bar(state):
            table = state.tables.of(self.side)
            n = scalar_negotiating_utility(value, party.reservation, party.incentives, state.protocol.binding,
                                           table.best)
            # the delegation's N against no deal (0), drawn around the middle of the bar
            bars.append((f"Your delegation: {n:+.3f} vs no deal", max(0.0, min(1.0, 0.5 + n)), 0.5, p.them))
        height = (rect.height - 24 - font.get_linesize()) // len(bars)
        for k, (text, v, reservation, colour) in enumerate(bars):
            top = rect.top + 8 + k * height
            surface.blit(font.render(text, True, p.ink), (rect.left + 10, top))
            bar = pygame.Rect(rect.left + 10, top + font.get_linesize() + 2, rect.width - 20, max(6, height // 3))
            pygame.draw.rect(surface, p.background, bar, border_radius=3)
            pygame.draw.rect(surface, colour, bar.inflate(0, 0).clip(pygame.Rect(bar.left, bar.top, int(bar.width * v),
                                                                               bar.height)), border_radius=3)
            x = bar.left + int(bar.width * reservation)
            pygame.draw.line(surface, p.bad if v < reservation else p.good, (x, bar.top - 3), (x, bar.bottom + 3), 3)
        home = font.render(f"Ratification chance at home: {odds:.0%}", True,
                           p.bad if odds < 0.3 else p.ink, None, rect.width - 20)
        surface.blit(home, (rect.left + 10, rect.bottom - font.get_linesize() - 6))

    def delegation_bar(self, state: State) -> bool:
        """Whether the meter shows a second bar: what the draft is worth to the delegation itself."""
        inc = state.scenario.party(self.side).incentives
        return inc.prestige > 0 or inc.concession_weight < 1 or not state.protocol.binding

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and (self.log_box.handle(event) or self.theirs.handle(event)):
            return True
        current = self.focus.current
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN)
                and (current is None or current.scroll is None)):
            return self.log_box.scroll_key(event.key)      # Page Up/Down scroll the log unless a panel has focus
        used = super().handle(event)
        if used and event.type == pygame.KEYDOWN and event.key in (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN):
            self.scroll_to_focus()
        return used

    def scroll_to_focus(self) -> None:
        item = self.focus.current
        bar = self.scroller.vert_scroll_bar
        if item is None or bar is None or item.element not in self.option_buttons:
            return
        index = self.option_buttons.index(item.element)
        bar.set_scroll_from_start_percentage(index / max(1, len(self.option_buttons)))
