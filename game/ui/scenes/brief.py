"""The confidential brief: priorities, red lines, reservation value, and Track 1.5 stakes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import html

import pygame

from game.session.game import GameSession
from game.session.brief import PRIORITIES_ORDER, brief_facts, seen_scenario
from game.ui.scene import Scene


if TYPE_CHECKING:
    from game.ui.app import App


def brief_html(session: GameSession, side: str | None = None, opening: bool = False) -> str:
    """``side``'s brief (by default the player's). A new game's (``opening``) is the file's, as the terminal's is:
    round 1's events, a published Track 1.5 plan among them, follow as cards (newcomer trial: the brief already
    gave the bar at home the plan had moved, which only the next screen told of); later, the talks' as they stand."""
    side = side or session.side
    f = brief_facts(seen_scenario(session.state, side, session.scenario if opening else None), side)
    e = html.escape
    rows = "<br>".join(f"{p.weight:>4.0%}  {p.number}. <b>{e(p.basket)}</b> — best on paper: {e(p.best)}" for p in f.priorities)
    red = "<br>".join(f"• {e(r)}" for r in f.red_lines) or "none"
    text = (f"<b>CONFIDENTIAL — {e(f.delegation)}</b><br>{e(f.title)} ({f.year})<br><br>{e(f.summary)}<br><br>"
            f"You speak for <b>{e(f.principal)}</b> ({f.kind} delegation). Across the table: "
            f"{e(', '.join(f.across))}.<br><br><b>Your government's priorities</b>, {PRIORITIES_ORDER} "
            f"({e(f.terms_note())})<br>"
            f"{rows}<br>{e(f.form_line())}."
            f"<br><br><b>Red lines</b> (your government can never accept)<br>{red}<br><br>"
            + (f"No agreed definition is worth <b>{f.reservation:.2f}</b> to your government: the default scope "
               "applies (0 = worst, 1 = best). The terms need nobody's approval at home." if f.definitions else
               f"No deal is worth <b>{f.reservation:.2f}</b> to your government (0 = worst deal, 1 = best). "
               + e(f.home_bar(f"{f.threshold:.2f}"))))
    for table in f.scopes:                              # the definitions tables it sits at
        text += (f"<br><br><b>{e(table.heading())}</b>{e(table.scale())}:<br>" + "<br>".join(e(table.rung_line(r, f"{r.value:.2f}")) for r in table.rungs))
    if f.stakes is not None:
        kappa, prestige, noise = f.stakes
        text += ("<br><br><b>Your delegation's own stakes (Track 1.5)</b><br>"
                 f"You feel only {kappa:.0%} of what you concede: you will never have to honour it.<br>"
                 f"Coming home with any deal is worth {prestige:.2f} to your standing."
                 + (f"<br>You are not sure of your government's real values (noise ± {noise:.2f}): this brief and your "
                    "drafts show them as you see them." if noise > 0 else ""))
    if f.reveal_line():                                 # an official at a non-binding table: the reveal cost
        text += "<br><br>" + e(f.reveal_line())
    return text


class BriefScene(Scene):
    name = "brief"

    def __init__(self, app: App, session: GameSession, side: str | None = None,
                 back_to_table: bool = False, opening: bool = False) -> None:
        super().__init__(app)
        self.opening = opening                 # a new game's first brief: before round 1's events (brief_html)
        self.session = session
        self.side = side or session.side
        self.back_to_table = back_to_table     # hot-seat: a player reads the brief, then returns

    def build(self) -> None:
        w, h = self.app.size
        line, pad = self.line_height(), 24
        self.label(pygame.Rect(pad, pad, w - 2 * pad, line + 8), "Your confidential brief", object_id="#heading")
        bottom = self.bottom_row(pad)
        self.key_hint(["Page Up/Down, Home/End scroll · Tab moves · Enter goes to the table · Esc menu · F1 help",
                       "Page Up/Down scroll · Enter: to the table · Esc menu · F1 help"])
        self.reading_text(pygame.Rect(pad, pad + line + 20, w - 2 * pad, bottom - pad - line - 32),
                          brief_html(self.session, self.side, self.opening))
        go = self.button(pygame.Rect(w - pad - 260, bottom, 260, line + 6), "To the table →", self.start)
        self.focus.focus(go)                     # Enter goes to the table; Tab reaches the text to scroll it

    def start(self) -> None:
        from game.ui.scenes.table import TableScene
        if self.back_to_table:
            self.app.pop()
            return
        self.app.replace(TableScene(self.app, self.session))
