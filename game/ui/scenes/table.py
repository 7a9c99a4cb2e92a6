"""The negotiating table: build a package basket by basket, see what it is worth, and move.

Left: one row per basket (and the agreement form): the option ladder as a
selector (Left/Right or the arrows), and a lock in parallel lanes; under them,
the focused selector's option in full: its text and how well violations of it
are detected (:mod:`game.ui.scenes.table_options`; the mouse's tooltip too).
Right: the meter (what the draft is worth to your government, and in Track
1.5 to your delegation, against no deal), the other side's last offer, and
the log of offers, messages and events. Bottom: message, propose, accept,
walk away, menu.

A move runs off the frame (:class:`~game.ui.motion.Worker`): the AI's answer, events and the tables
they rebuild happen while frames go on, and the table shows the result when the move is done. What
an event changed shows as a card over the log, from the recorded deltas, while the meters move.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIButton, UIScrollingContainer

from game.engine.actions import Accept, Lock, Offer, Walk
from game.engine.state import State
from game.session.effects import Card, headlines
from game.session import drafts
from game.session.game import GameSession, Moment
from game.session.risks import accept_ends, lock_settles, risks
from game.session.untold import untold_deal
from game.session.views import credibility_line, crossed, home_odds, worth_of
from game.ui.focus import Focusable, reveal
from game.ui.meter import Meter
from game.ui.motion import Worker
from game.ui.scene import Scene, fit_first
from game.ui.scenes.table_messages import TableMessages
from game.ui.scenes.table_news import TableNews, header_texts
from game.ui.scenes.table_options import TableOptions
from game.ui.scenes.unseen import tell_deal
from game.ui.textpanel import Line, TextPanel

if TYPE_CHECKING:
    from game.ui.app import App


class TableScene(TableNews, TableMessages, TableOptions):
    name = "table"

    def __init__(self, app: App, session: GameSession, curtain_first: bool = False) -> None:
        """``curtain_first``: a hot-seat game just loaded opens behind the curtain of the player to move
        (regression trial: it opened on the first player's brief, and at a table that player does not sit at
        the table raised KeyError)."""
        super().__init__(app)
        self.session = session
        self.side = session.side
        seated = session.state.phase_def.parties
        if len(session.humans) > 1 and self.side not in seated:      # hot seat: a player seated here
            self.side = next((h for h in session.humans if h in seated), self.side)
        self.draft: list[int] = []
        self.draft_phase = -1
        self.message_index = 0
        self.log: list[str] = []
        self.hot_seat = len(session.humans) > 1
        self.worker = Worker()
        self.meters = {h: Meter() for h in session.humans}  # hot seat: each player's own figures and trends
        self.meter = self.meters[self.side]
        self.unseen: dict[str, list[Moment]] = {h: [] for h in session.humans}   # hot seat: since each one's turn
        self.view: State = session.state             # the state shown: the session's, once a move is done
        self.moments: list[Moment] = []              # every move so far (the debrief's offer trace)
        self.card: list[Card] = []                   # the event card shown over the log (empty: none)
        self.cards_drawn: list[Card] = []            # every card shown in this game
        self.plans_shown: set[tuple[str, int]] = set()  # (player, phase): the published plans each has seen
        self.struck = False                          # a deal struck is on screen, over the table it ended
        self.handed: set[str] = set() if curtain_first else {session.side}   # hot seat: the players handed the screen
        # hot seat: (player, table) of the deals told behind a player's own curtain at a change of tables
        self.told = drafts.told(session.log.path, session.humans, len(session.state.scenario.phases))
        for moment in session.earlier_moments():       # a loaded game: its log so far
            self.record(moment, sound=False)
        moments = self.consume(sound=False)
        kept, _ = drafts.load(session.log.path, session.state.scenario, session.humans)
        if self.side in kept:                        # a loaded game: the player's unsent draft, as saved
            self.draft = kept[self.side]
        mover = session.to_move or (self.side if curtain_first else None)
        if self.hot_seat and mover is not None and (mover != self.side or curtain_first):
            self.remember(moments)                   # the first to move sees them first; this player at its turn
            app.pending.append(lambda: self.hand_over(mover, reviews=True))
        else:
            self.show_cards(moments)
        from game.ui.scenes.handoff import should_show_plan
        if should_show_plan(self.view, self.side):    # an official arriving at talks a plan anchors
            app.pending.append(self.show_plan)

    def keep_draft(self) -> None:
        """Keep the player's unsent draft beside the move log (:mod:`game.session.drafts`), as the terminal
        does on quitting, so that loading the game restores it (window trial: it came back as the brief's best);
        with it, in the same write, the deals told behind a player's own curtain (``told``)."""
        if not self.session.over:
            drafts.save(self.session.log.path, {self.side: list(self.draft)} if self.draft else {}, self.told)

    # ------------------------------------------------------------ the game
    def submit(self, action: Accept | Walk | Offer | Lock) -> None:
        """Play ``action`` off the frame; :meth:`update` takes the result when the move is done."""
        if self.worker.busy:
            return
        self.meter.skip()
        self.card = []
        if isinstance(action, Offer):
            self.meter.offered(self.view, self.side, action.outcome)
        self.moving = (action, self.view.phase)
        self.focus_before: int | None = self.focus.index   # the controls disable while it runs: focus comes back here
        self.worker.start(partial(self.session.submit, action))
        self.refresh()

    def update(self, dt: float) -> bool:
        finished, error = self.worker.poll()
        if finished:
            index = getattr(self, "focus_before", None)
            self.done(error)
            if index is not None and index < len(self.focus.items) and self.focus.items[index].element.is_enabled:
                self.focus.index = index             # not on whatever control came after the disabled ones
            self.focus_before = None
        self.reveal_focus()
        shown = self.show_detail()                   # the focus moved to another basket's selector
        return self.meter.update(dt) or self.worker.busy or shown

    def hand_over(self, party: str, reviews: bool = False) -> None:
        """Hot-seat: hide everything behind a curtain until the next player takes the screen. With ``reviews``
        (a game just loaded), first each player not yet told the deal that ended their table at the change of
        tables is told it behind a curtain of their own (:meth:`untold_at_change`), as in the unbroken game."""
        then = self.curtain(party)
        for other, accepted in self.untold_at_change() if reviews else []:
            then = self.review(other, accepted, then)
        self.app.push(then)

    def curtain(self, party: str, then: Callable[[], None] | None = None, ready: str = "Show my table") -> Scene:
        """The hand-over to ``party``; behind it, their table (:meth:`switch_to`) or ``then``."""
        from game.ui.scenes.menus import CurtainScene
        first = party not in self.handed
        self.handed.add(party)
        return CurtainScene(self.app, self.session, party, then or (lambda: self.switch_to(party)), brief_first=first,
                            ready=ready)

    def switch_to(self, party: str) -> None:
        """Show the table as ``party`` sees it (hot-seat): its own meter, the cards of what happened since
        its last turn, and the focus on the first control, not on whatever the last player left it on
        (window trial: one Enter on 'Walk away' ended the talks); then the plan published for this table and,
        over it, a deal the other player struck at the last table they both sat at, if ``party`` has not been
        told it (:mod:`game.ui.scenes.unseen`) and has not closed it before (``told``, kept in the save)."""
        self.side = party
        self.meter = self.meters.setdefault(party, Meter())
        self.draft_phase = -1
        moments = self.consume(sound=False)
        self.rebuild()
        self.show_cards(moments)
        if self.focus.items:
            self.focus.index = 0
        self.refresh()
        self.show_plan()
        untold = untold_deal(self.moments, self.session.humans, party)
        if untold is not None and (party, untold.before.phase) not in self.told:   # from the moves, and the save
            tell_deal(self.app, self.deal_lines(untold, party), partial(self.mark_told, party, untold.before.phase))

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        w, h = self.app.size
        pad, line = 16, self.line_height()
        self.header = self.label(pygame.Rect(pad, 8, w - 2 * pad, line), "", object_id="#heading_left")
        self.ticker_label = self.label(pygame.Rect(pad, 8 + line, w - 2 * pad, line - 6), "", object_id="#row_name")
        top = 12 + 2 * line
        bottom = self.bottom_row(pad)
        self.key_hint(["Tab or Up/Down move · Left/Right change the option · Enter presses · Page Up/Down scroll the log · "
                       "Esc menu · F1 help", "Tab moves · Left/Right change · Enter presses · Esc menu · F1 help"])
        left_w = int((w - 3 * pad) * 0.62)
        p = self.app.palette
        fonts = (self.app.font(14), self.app.font(14, bold=True), p.ink, (30, 36, 48), (68, 80, 106))
        detail_h = self.detail_height(fonts[0], left_w)      # the focused option in full, under the baskets
        self.detail = TextPanel(pygame.Rect(pad, bottom - 10 - detail_h, left_w, detail_h), *fonts)
        self.scroller = UIScrollingContainer(pygame.Rect(pad, top, left_w, bottom - top - 16 - detail_h),
                                             self.app.manager, allow_scroll_x=False)
        self.keep(self.scroller)
        state = self.view
        s = state.scenario
        names = [f"{i + 1}. {b.name}" for i, b in enumerate(s.baskets)] + ["f. Agreement form"]
        self.row_h = row_h = 2 * line - 4
        self.revealed: object = None
        inner = left_w - 20
        arrow, lock_w = 32, round(72 * self.app.text_scale) if state.protocol.lanes else 0
        self.option_buttons, self.lock_buttons = [], []
        self.arrows: list[tuple[UIButton, UIButton]] = []    # per row: step down, step up (mouse)
        for i, name in enumerate(names):
            y = i * row_h                      # the basket's name, and its lock at the right
            self.label(pygame.Rect(0, y, inner - lock_w - 8, line - 8), name, object_id="#row_name",
                       container=self.scroller)
            below = y + line - 8               # below: the option ladder, the full width
            down = self.button(pygame.Rect(0, below, arrow, line), "◀", partial(self.step, i, -1),
                               container=self.scroller, focusable=False)
            option = self.button(pygame.Rect(arrow + 2, below, inner - 2 * arrow - 4, line), "",
                                 partial(self.step, i, 1), adjust=partial(self.step, i),
                                 container=self.scroller)
            self.option_buttons.append(option)
            up = self.button(pygame.Rect(inner - arrow, below, arrow, line), "▶", partial(self.step, i, 1),
                             container=self.scroller, focusable=False)
            self.arrows.append((down, up))
            if lock_w and i < len(s.baskets):  # in the focus order after the row's option: the table's first
                # control is basket 1's option, never its Lock (player trial: one Enter on arriving locked it)
                self.lock_buttons.append(self.button(pygame.Rect(inner - lock_w, y, lock_w, line - 10), "Lock",
                                                     partial(self.lock, i),
                                                     tooltip="Settle this basket now at their offer's option "
                                                             "(asks first: it cannot be undone)",
                                                     container=self.scroller))
        self.scroller.set_scrollable_area_dimensions((inner, len(names) * row_h + 8))   # the scroll bar stops short by a pixel or two
        x = pad * 2 + left_w
        right_w = w - x - pad
        self.meter.aim(state, self.side, tuple(self.draft), False)
        self.meter_rect = pygame.Rect(x, top, right_w, self.meter.height(state, self.side, self.app.text_scale,
                                                                         self.app.font(14), right_w - 20))
        y = self.meter_rect.bottom + 8
        third = (bottom - 10 - y) * 11 // 20            # their offer gets a little more room than the log
        self.theirs = TextPanel(pygame.Rect(x, y, right_w, third), *fonts)
        self.log_box = TextPanel(pygame.Rect(x, y + third + 6, right_w, bottom - 10 - y - third - 6), *fonts,
                                 bottom_up=True)
        self.card_panel = TextPanel(self.log_box.rect, *fonts[:3], (44, 40, 24), p.focus)
        self.shown_card: list[Card] = []
        for panel in (self.theirs, self.log_box):        # Tab reaches them; then the arrows and Home/End scroll them
            self.focus.add(Focusable(panel, scroll=panel.scroll_key))
        self.log_box.set_lines([Line(text) for text in self.log] or [Line("The talks open.")])
        self.shown_log = len(self.log)
        self.shown_offer: list[Line] | None = None
        row = w - 2 * pad - 4 * 8                         # the message gets the room its names need
        bw = round(row * 0.14)
        after = pad + row - 4 * bw + 8                    # the left of the buttons after it
        self._message_shown: tuple[object, ...] = ()     # a new button shows its text at the next refresh
        self.message_button = self.button(pygame.Rect(pad, bottom, row - 4 * bw, line + 6), "", self.pick_message,
                                          tooltip="The message sent with your offer: a red line (naming the option it rules "
                                                  "out), movement needed on a basket, or 'final offer'. Enter or a click: "
                                                  "the list by name; Left/Right: the next or previous one",
                                          adjust=self.cycle_message)
        self.propose_button = self.button(pygame.Rect(after + 0 * (bw + 8), bottom, bw, line + 6), "Propose", self.propose,
                                          tooltip="Offer your draft package")
        self.accept_button = self.button(pygame.Rect(after + 1 * (bw + 8), bottom, bw, line + 6), "Accept", self.accept,
                                         tooltip="Accept the other side's last offer")
        self.button(pygame.Rect(after + 2 * (bw + 8), bottom, bw, line + 6), "Walk away", self.walk,
                    tooltip="End the talks without a deal")
        self.button(pygame.Rect(after + 3 * (bw + 8), bottom, bw, line + 6), "Menu (Esc)", self.app.open_pause,
                    tooltip="Save, load, settings, help")
        self.refresh()

    def refresh(self) -> None:
        state = self.view
        s = state.scenario
        turn = "your move" if self.session.to_move == self.side else "waiting"
        if self.struck:
            turn = "deal struck"
        elif self.worker.busy:       # newcomer trial: after Accept it said the other side was answering
            turn = {Accept: "accepting their offer…", Walk: "ending the talks…"}.get(type(self.moving[0]),
                                                                                   "the other side is answering…")
        elif state.final_response:
            turn = "last round over: accept or walk away"
        header = fit_first(self.header, header_texts(state, turn))
        if self.header.text != header:
            self.header.set_text(header)
        ticker = fit_first(self.ticker_label, list(headlines(state)))   # in full in the log
        if self.ticker_label.text != ticker:
            self.ticker_label.set_text(ticker)
        for i, b in enumerate(self.option_buttons):
            text, tip = self.selector_texts(i)
            locked = state.locks[i] >= 0
            if b.text != text:
                b.set_text(text)
            b.tool_tip_text = tip
            b.disable() if locked else b.enable()
            top = len(s.baskets[i].options) - 1 if i < len(s.baskets) else len(s.forms) - 1
            down, up = self.arrows[i]                      # the ladder stops at its ends
            down.disable() if locked or self.draft[i] == 0 else down.enable()
            up.disable() if locked or self.draft[i] == top else up.enable()
        self.show_detail()
        standing = state.standing
        theirs = standing is not None and standing.party != self.side
        idle = not self.worker.busy
        for i, b in enumerate(self.lock_buttons):
            b.enable() if idle and theirs and state.locks[i] < 0 and not state.final_response else b.disable()
        self.accept_button.enable() if idle and theirs else self.accept_button.disable()
        self.propose_button.disable() if state.final_response or not idle else self.propose_button.enable()
        self.meter.aim(state, self.side, tuple(self.draft), not self.app.settings.reduce_motion)
        if self.card != self.shown_card:
            self.card_panel.set_lines(self.card_lines() if self.card else [])
            self.shown_card = list(self.card)
        chosen = self.choices()[self.message_index][1]
        if getattr(self, "_message_shown", ()) != (chosen, self.message_button.rect.width):
            self.message_button.set_text(self.message_text(chosen))
            self._message_shown = (chosen, self.message_button.rect.width)
        offer = self.offer_lines()
        if offer != self.shown_offer:
            self.theirs.set_lines(offer)
            self.shown_offer = offer
        for outcome in (tuple(self.draft), *([standing.outcome] if standing is not None and theirs else [])):
            self.explain_above_paper(outcome)              # once per game: why more than on paper
            self.explain_stake(outcome)                    # once per game: the reveal cost in 'Your delegation'
        if self.shown_log == 0 and self.log:
            self.log_box.set_lines([])
        for text in self.log[self.shown_log:]:
            self.log_box.append(Line(text, colour=self.app.palette.focus if text.startswith("EVENT") else None))
        self.shown_log = len(self.log)

    def offer_lines(self) -> list[Line]:
        state = self.view
        standing = state.standing
        if standing is None:
            return [Line("Their last offer", bold=True), Line("None yet.")]
        if standing.party == self.side:
            return [Line("Your offer stands", bold=True), Line("Waiting for their answer.")]
        s = state.scenario
        lines = [Line("Their last offer", bold=True),
                 Line(f"Their offer: worth {worth_of(state, self.side, standing.outcome)} to your government (no deal "
                      f"{s.party(self.side).reservation:.2f}); " + (
                          f"{home_odds(state, self.side, standing.outcome):.0%} approval at home"
                          if state.protocol.binding else "a plan: nothing is voted at home"))]
        bad = crossed(state, self.side, standing.outcome)
        if bad:
            lines.append(Line(f"It crosses your red line on {', '.join(bad)}", bold=True, colour=self.app.palette.bad))

        def same(i: int) -> str:
            return "  (= your draft)" if standing.outcome[i] == self.draft[i] else ""
        form = len(s.baskets)                          # the form first: it decides how the deal is ratified
        lines.append(Line(f"Form: {s.forms[standing.outcome[form]].label}{same(form)}"))
        lines += [Line(f"{b.name}: {b.options[standing.outcome[i]].label}{same(i)}") for i, b in enumerate(s.baskets)]
        lines.append(Line(credibility_line(state, self.side), colour=self.app.palette.muted))
        return lines

    # ------------------------------------------------------------ controls
    def step(self, issue: int, delta: int) -> None:
        state = self.view
        if state.locks[issue] >= 0 or state.tables is None:
            return
        size = state.tables.problem.shape[issue]
        self.draft[issue] = max(0, min(size - 1, self.draft[issue] + delta))   # no wrapping past either end
        self.refresh()

    def propose(self) -> None:
        self.ask_first(Offer(self.side, tuple(self.draft), self.messages()[self.message_index]))

    def accept(self) -> None:
        self.ask_first(Accept(self.side))

    def walk(self) -> None:
        self.ask_first(Walk(self.side))

    def ask_first(self, action: Offer | Accept | Walk) -> None:
        """Play ``action``, after a dialog when it is risky (:mod:`game.session.risks`, the terminal's
        reasons) or ends the talks: accepting always asks, saying what the agreement then becomes."""
        from game.ui.scenes.dialogs import ConfirmScene
        found = risks(self.view, self.side, action)
        reasons, question = found if found is not None else ([], "Accept their offer?")   # the most serious first
        if isinstance(action, Accept):
            reasons = [*reasons, accept_ends(self.view)]
        if not reasons:
            self.submit(action)
            return
        self.app.push(ConfirmScene(self.app, " ".join([*reasons, question]), lambda: self.submit(action)))

    def lock(self, basket: int) -> None:
        """Lock ``basket`` after a dialog (Cancel has the focus), as walking away and accepting ask: a lock
        cannot be undone (player trial: one stray Enter locked basket 1 for good, with no question)."""
        from game.ui.scenes.dialogs import ConfirmScene
        reason, question = lock_settles(self.view, basket)
        self.app.push(ConfirmScene(self.app, f"{reason} {question}", lambda: self.submit(Lock(self.side, basket))))

    # ------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.theirs.draw(surface)
        self.detail.draw(surface)
        (self.card_panel if self.card else self.log_box).draw(surface)
        self.meter.draw(surface, self.meter_rect, self.view, self.side, self.app.font(14), self.app.palette)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.meter.skip()                               # any input skips the meters' animation
        log = self.card_panel if self.card else self.log_box
        if event.type == pygame.MOUSEWHEEL and (log.handle(event) or self.theirs.handle(event)):
            return True
        current = self.focus.current
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN)
                and (current is None or current.scroll is None)):
            return log.scroll_key(event.key)      # Page Up/Down scroll the log (or the card) unless a panel has focus
        return super().handle(event)

    def reveal_focus(self) -> None:
        """Scroll the baskets to show the focused control's whole row when the focus has moved to a row out of
        view, however it moved (Tab, the arrows, back after a move, a hand-over), a lock as well as an option
        (newcomer trial: at 1024x640 in large text 5 of 8 rows show, and the focus went on below them)."""
        item = self.focus.current
        if item is None or item.element is getattr(self, "revealed", None):
            return
        self.revealed = item.element
        rows = [self.option_buttons, self.lock_buttons]
        row = next((r.index(item.element) for r in rows if item.element in r), None)
        if row is not None:
            reveal(self.scroller, row * self.row_h, (row + 1) * self.row_h)    # its gap below: pixels round
