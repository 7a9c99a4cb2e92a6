"""The debrief: a diagnosis in words, the Pareto chart (or the offer trace: both sides' offers round
by round over the frontier, one key away), both sides revealed, the payoff distribution, the
delegates' view, and the best deal your government could have had."""

from __future__ import annotations

from typing import TYPE_CHECKING

import html
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pygame
from pygame_gui.elements import UIImage

from game.engine.result import GameResult
from game.engine.state import State
from game.errors import GameError
from game.scenario.loader import load_scenario
from game.session.diagnosis import TracePoint, table_endings, what_happened
from game.session.best_deal import best_deal_words
from game.session.handed import handed_over_words
from game.session.handoff import closing_sentence
from game.session.names import government_of, phase_name
from game.session.stake import no_deal_seen_words
from game.session.stakeholders import standing_words, standings
from game.session.felt import FELT_HEADING, felt_line, felt_shown, felt_terms
from game.session.views import (
    delay_line,
    expected_nash,
    final_problem,
    measures_shown,
)
from game.ui.chart import debrief_figure, figure_surface, offer_trace_figure
from game.ui.scene import Scene
from game.ui.scenes.picker import Again
from game.ui.scenes.unseen import Unseen, hand_to


if TYPE_CHECKING:
    from game.ui.app import App


def named_deal(state: State, outcome: tuple[int, ...]) -> str:
    """A package in words, basket by basket: "Election infrastructure: Pledge + consultations; …; form: …"
    (escaped for the text box)."""
    s, e = state.scenario, html.escape
    deal = "; ".join(f"{e(b.name)}: {e(b.options[int(outcome[i])].label)}" for i, b in enumerate(s.baskets))
    return f"{deal}; form: {e(s.forms[int(outcome[-1])].label)}"


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app: App, state: State, result: GameResult, side: str,
                 trace: tuple[TracePoint, ...] = (), others: tuple[str, ...] = (), unseen: Unseen | None = None,
                 again: Again | None = None, handed: Mapping[str, int] | None = None) -> None:
        """``handed``: the seats the instructor handed to the AI mid-game (a class's move log loaded here),
        each with its handover point (:mod:`game.session.handed`)."""
        super().__init__(app)
        self.state, self.result, self.side, self.trace = state, result, side, trace
        self.handed = dict(handed or {})
        self.others = others             # hot seat: each other player gets their own debrief after this one
        self.unseen = unseen or Unseen()     # hot seat: what they have not seen (game.ui.scenes.unseen)
        self.again = again or Again(side)    # the side and opponent 'Play again' opens with
        self.showing_trace = False
        self.figures: dict[bool, pygame.Surface] = {}

    def build(self) -> None:
        w, h = self.app.size
        pad, line = 16, self.line_height()
        self.label(pygame.Rect(pad, 8, w - 2 * pad, line + 6), "Debrief", object_id="#heading")
        top = line + 20
        bottom = self.bottom_row(pad)
        self.key_hint(["Page Up/Down, Home/End scroll the text · Tab moves · Enter presses · Esc menu · F1 help",
                       "Page Up/Down scroll · Tab moves · Enter presses · Esc menu · F1 help"])
        chart_h = int((bottom - top) * 0.62)        # the charts' legends are below their plots
        self.chart_size = (w - 2 * pad, chart_h)
        self.figures = {}
        self.chart: UIImage | None = None
        if self.state.tables is not None:
            self.chart = self.keep(UIImage(pygame.Rect(pad, top, w - 2 * pad, chart_h), self.figure(),  # type: ignore[assignment]
                                           self.app.manager))
        self.reading_text(pygame.Rect(pad, top + chart_h + 8, w - 2 * pad, bottom - top - chart_h - 16), self.text())
        from game.ui.scenes.title import TitleScene
        self.button(pygame.Rect(pad, bottom, 220, line + 6), "Title screen", lambda: self.app.reset(TitleScene(self.app)))
        self.toggle = self.button(pygame.Rect((w - 260) // 2, bottom, 260, line + 6), self.toggle_text(),
                                  self.switch_chart, tooltip="Switch the chart between the deals and the offer trace")
        self.focus.focus(self.toggle)            # not 'Title screen': one Enter left the debrief; Tab reaches the text
        if self.others:                  # hot seat (regression trial: the other player never saw a debrief)
            name = self.state.scenario.party(self.others[0]).name
            self.button(pygame.Rect(w - pad - 220, bottom, 220, line + 6), "Next player's debrief", self.hand_over,
                        tooltip=f"Hand the screen over to {name} for their own debrief")
        else:
            self.button(pygame.Rect(w - pad - 220, bottom, 220, line + 6), "Play again", self.play_again)

    def hand_over(self) -> None:
        """Hot seat: once only the next player can see the screen, their own debrief (first the talks they had
        no seat at, and a deal at their table they were not told: :func:`game.ui.scenes.unseen.hand_to`)."""
        from game.ui.scenes.dialogs import ConfirmScene
        nxt, rest = self.others[0], self.others[1:]
        name = self.state.scenario.party(nxt).name
        self.app.push(ConfirmScene(self.app, f"Hand the screen over to {name} for their debrief: go on when only "
                                             "they can see it.",
                                   lambda: hand_to(self.app, self.state, self.result, nxt, rest, self.trace,
                                                   self.unseen, self.again, self.handed)))

    def toggle_text(self) -> str:
        return "Chart: the deals" if self.showing_trace else "Chart: offer trace"

    def figure(self) -> pygame.Surface:
        """The chart shown (each drawn once per layout)."""
        if self.showing_trace not in self.figures:
            size, scale, p = self.chart_size, self.app.text_scale, self.app.palette
            fig = (offer_trace_figure(self.state, self.trace, self.side, p, size, scale) if self.showing_trace
                   else debrief_figure(self.state, self.result, self.side, p, size, scale))
            self.figures[self.showing_trace] = figure_surface(fig)
        return self.figures[self.showing_trace]

    def switch_chart(self) -> None:
        """Show the other chart: the deals and the frontier, or the offers round by round."""
        self.showing_trace = not self.showing_trace
        if self.chart is not None:
            self.chart.set_image(self.figure())
        self.toggle.set_text(self.toggle_text())

    def play_again(self) -> None:
        """Back to the side picker of the scenario just played (as its file says, before any event), with the
        same side and opponent chosen (hot seat again after a hot-seat game: :class:`Again`); Back from there
        shows the scenario list with that scenario selected."""
        from game.ui.scenes.picker import PickerScene, SideScene
        from game.ui.scenes.title import TitleScene
        self.app.reset(TitleScene(self.app))
        picker = PickerScene(self.app)
        shipped = picker.choose(self.state.scenario.id)
        self.app.push(picker)
        try:                                   # a scenario not shipped (play my.yaml --window): from its file
            scenario = picker.scenarios[picker.chosen] if shipped else load_scenario(Path(self.state.scenario.path))
        except GameError:
            return                             # its file has gone or broken since: the list it is
        self.app.push(SideScene(self.app, scenario, self.again.side, self.again.opponent))

    def text(self) -> str:
        s, r, e = self.state.scenario, self.result, html.escape
        parts = []
        ai_from = self.handed.get(self.side)         # the seat handed to the AI: said as the class page says it
        if ai_from is not None:
            parts.append(f"<b>Your seat</b><br>{e(handed_over_words(self.state.history, ai_from, 'below'))}")
        said = what_happened(self.state, r, self.side, self.trace, ai_from)
        if said:
            parts.append("<b>What happened</b><br>" + " ".join(e(x) for x in said))
        trap = closing_sentence(self.state, r)
        if trap:
            parts.append(f"<b>The Track 1.5 trap</b><br>{e(trap)}")
        # how each table ended, as the terminal's debrief says it: to a player with no seat at the official
        # talks (the experts of a Track 1.5 table) this is where those talks' outcome is told
        ended = table_endings(self.state, self.side, ai_from)
        parts.append(f"<b>{'How each table ended' if len(ended) > 1 else 'How the talks ended'}</b><br>"
                     + "<br>".join(e(line) for line in ended))
        if r.agreement is None:                      # the last table's: the one that binds
            parts.append("<b>No agreement.</b>")
        else:
            parts.append(f"<b>The agreement</b> — {named_deal(self.state, r.agreement)}."
                         + (f"<br>{e(delay_line(self.state))}" if delay_line(self.state) else ""))
        rows = []
        for p in r.principals:
            you = " (you)" if p.party == self.side else ""
            row = f"<b>{e(s.party(p.party).name)}{you}</b>: no deal {p.reservation:.3f}"
            if r.agreement is not None and not r.in_force:
                row += f" · on paper {p.paper:.3f} · expected {p.expected:.3f} · not in force: no-deal value {p.reservation:.3f}"
            elif r.agreement is not None:
                row += (f" · on paper {p.paper:.3f} · expected {p.expected:.3f} · as kept "
                        f"{p.compliance_mean:.3f} (5–95%: {p.compliance_p5:.2f}–{p.compliance_p95:.2f})")
                if self.state.compliance is not None:
                    row += (f" · honoured by the other side {p.honoured_by_other:.0%} · answered "
                            f"{p.answered:.1f}")
            rows.append(row)
        parts.append("<b>Both sides revealed</b><br>" + "<br>".join(rows))
        parts.append("<br>".join(f"<i>{e(label.capitalize())}</i>: {e(meaning)}."
                                 for label, meaning in measures_shown(self.state, r)))
        if self.state.tables is not None and r.agreement is not None:
            problem = final_problem(self.state)
            ids = problem.party_ids
            told, terms = best_deal_words(self.state, r, self.side)
            if told:
                parts.append(e(told) + (f": {named_deal(self.state, terms)}." if terms is not None else ""))
            nash = expected_nash(self.state)
            if nash is not None:
                values = ", ".join(f"{e(government_of(s, pid))} {nash[1][k]:.3f}" for k, pid in enumerate(ids))
                parts.append(f"<b>The Nash deal on expected values</b> ({values}): "
                             f"{named_deal(self.state, tuple(nash[0]))}.")
        held = standings(self.state, r)                  # one rule: a deal not in force touches no one
        if held:
            parts.append("<b>Not at the table</b><br>" + "<br>".join(f"{e(h.holder.name)}: {e(standing_words(h))}" for h in held))
        felt = felt_shown(self.state, r)
        if felt:
            lines = [f"{e(phase_name(s, d.phase))} — {e(s.party(d.party).name)}: felt {d.negotiating_utility:+.3f}"
                     + (f" = {e(felt_terms(d.parts))}" if d.parts else "") + "; "
                     f"{e(felt_line(self.state, r, d))}"
                     for d in felt]
            parts.append(f"<b>{e(FELT_HEADING)}</b><br>" + "<br>".join(lines))
        seen = no_deal_seen_words(self.state, r, self.side)     # the brief's reading against the truth
        if seen:
            parts.append(e(seen))
        return "<br><br>".join(parts)
