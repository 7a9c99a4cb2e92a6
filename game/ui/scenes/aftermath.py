"""After the talks: the vote at home, veto player by veto player (the value the deal had for it on paper
and expected, its bar, its chance and its verdict), then the pact's years, one at a time."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from html import escape
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UITextBox

from game.engine.result import GameResult
from game.engine.state import State
from game.session.audience import Vote, votes
from game.session.diagnosis import TracePoint, table_endings
from game.session.effects import agreed_form, year_cards, year_event_shares
from game.session.names import TIMING_WORDS, a_percent, capitalised, principal_name, verdicts
from game.ui.focus import Focusable
from game.ui.scene import Scene, scroll_text_box
from game.ui.scenes.unseen import Unseen
from game.ui.textpanel import Line, TextPanel
from game.ui.theme import BODY
from game.words import count

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.picker import Again


YEAR_SECONDS = 0.7
PACT_OVER = {"revoked": "a successor has dropped the pact; from now on each side has what no deal is worth.",
             "collapsed": "the pact has collapsed; from now on each side has what no deal is worth.",
             "suspended": "every commitment is suspended by the answers so far; nothing of the pact is left to keep."}


class AftermathScene(Scene):
    name = "aftermath"

    def __init__(self, app: App, state: State, result: GameResult, side: str,
                 trace: tuple[TracePoint, ...] = (), others: tuple[str, ...] = (), unseen: Unseen | None = None,
                 again: Again | None = None, handed: Mapping[str, int] | None = None) -> None:
        super().__init__(app)
        self.handed = handed             # seats handed to the AI mid-game, for the debrief (game.session.handed)
        self.state, self.result, self.side, self.trace = state, result, side, trace
        self.others = others             # hot seat: the players whose debrief follows this one's
        self.unseen = unseen or Unseen()     # hot seat: what those players have not seen (game.ui.scenes.unseen)
        self.again = again               # the side and opponent the debrief's 'Play again' opens with
        self.votes = votes(state, result)
        comp = state.compliance
        self.years = comp.years if comp is not None else 0
        self.shown = 0                   # years revealed so far
        self.clock = 0.0

    def build(self) -> None:
        w, h = self.app.size
        pad, line = 24, self.line_height()
        self.label(pygame.Rect(pad, pad, w - 2 * pad, line + 8), "After the talks", object_id="#heading")
        rows = len(self.votes)
        votes_h = (rows * 2 + 1) * self.app.font(BODY).get_linesize() + 16 if rows else 0
        top = pad + line + 16
        room = h - top - votes_h - 12 - 2 * line - 40 - round(0.3 * h)     # the years' chart keeps 30% of the height
        self.summary = self.summary_box(pygame.Rect(pad, top, w - 2 * pad, round(h * 0.15)),
                                        min(round(h * 0.25), room))
        self.votes_rect = pygame.Rect(pad, self.summary.rect.bottom + 8, w - 2 * pad, votes_h)
        below = self.votes_rect.bottom + (8 if rows else 0)
        area = pygame.Rect(pad, below + 4, w - 2 * pad, h - below - 2 * line - 40)
        self.chart_rect = area.copy()
        self.chart_rect.width = int(area.width * 0.56)
        p = self.app.palette
        self.story = TextPanel(pygame.Rect(self.chart_rect.right + 12, area.top, area.right - self.chart_rect.right - 12,
                                           area.height), self.app.font(BODY), self.app.font(BODY, bold=True), p.ink,
                               p.panel, (68, 80, 106), bottom_up=True, top_when_short=True)   # player trial:
        # the history's heading sat at the bottom of its panel, the top third empty
        self.told = -1
        self.focus.add(Focusable(self.story, scroll=self.story.scroll_key))
        bottom = self.bottom_row(pad)
        self.key_hint(["Tab or Up/Down move · Enter presses · Esc goes on to the debrief · F1 help · F11 full screen",
                       "Tab moves · Enter presses · Esc: debrief · F1 help"])
        self.skip = self.button(pygame.Rect(pad, bottom, 220, line + 6), "Show all years", self.reveal_all)
        self.button(pygame.Rect(w - pad - 260, bottom, 260, line + 6), "Debrief →", self.proceed)
        self.focus.focus(self.skip)              # Enter shows every year (or, once shown, goes on); Tab reaches the texts
        if self.shown >= self.years:
            self.skip.disable()

    def summary_box(self, rect: pygame.Rect, most: int) -> UITextBox:
        """The vote and compliance summary, grown to fit its text up to ``most`` pixels high (trial at
        1280x800: only its top showed); what still does not fit is in the Tab order, and the arrows, Page
        Up/Down, Home and End scroll it once it has the focus."""
        html = self.summary_html()
        box = self.textbox(rect, html)
        layout = box.text_box_layout
        if box.scroll_bar is not None and layout is not None:
            grown = rect.copy()
            grown.height = min(most, layout.layout_rect.height + 24)
            if grown.height > rect.height:
                box.kill()
                self.elements.remove(box)
                box = self.textbox(grown, html)
        if box.scroll_bar is not None:
            self.focus.add(Focusable(box, scroll=partial(scroll_text_box, box)))
        return box

    def summary_html(self) -> str:
        """The vote and compliance in a few sentences; with several tables, first how the last one (the one
        that binds) ended, which the experts of a Track 1.5 table did not sit at (:func:`table_endings`)."""
        r = self.result
        ended = table_endings(self.state, self.side)
        lead = f"{escape(ended[-1])}. " if self.state.scenario.phases and ended else ""
        if r.agreement is None:
            return f"{lead}<b>No agreement.</b> Each government keeps what no deal is worth to it."
        # the verdict first: it is what the screen is for (newcomer trial: at 1024x640 in large text the box
        # ended mid-way through "The agreement does not enter into force.")
        verdict = "The agreement enters into force." if r.in_force else "The agreement does not enter into force."
        text = (f"<b>{verdict}</b> {lead}The vote at home: every veto player must approve the agreement for it to "
                "enter into force.")
        comp = self.state.compliance
        if comp is not None:
            text += (f"<br><br><b>Compliance</b> over {count(comp.years, 'year')} "
                     f"({count(comp.simulations, 'simulated history', 'simulated histories')}): "
                     f"the pact stays intact (no accusation ever answered) in {comp.intact:.0%} of them. "
                     f"On average "
                     f"{sum(comp.detected):.1f} violations are detected ({sum(comp.settled):.1f} settled in the "
                     f"consultation channel) and {sum(comp.undetected):.1f} go unseen.")
        return text

    def story_lines(self) -> list[Line]:
        """The first simulated history, up to the years shown so far."""
        comp = self.state.compliance
        if comp is None:
            return [Line("No years to tell: the pact never took effect.")]
        s = self.state.scenario
        names = [principal_name(s.party(pid).principal, article=True) for pid in comp.parties]
        lines = [Line(f"One of the {comp.simulations:,} histories, year by year", bold=True)]
        shares = year_event_shares(self.state.scenario, comp.happened)
        if shares:
            lines.append(Line(f"Events of the years, over every history: {shares}."))
        why = {"deliberate": "{who} breaks its pledge on {basket}, by policy",
               "freelancing": "agencies of {who} act on their own against {basket}",
               "accused": "{who} is accused over {basket} although it kept its word",
               "retaliation": "{who} retaliates on {basket}"}
        fate = {"unseen": "no one notices.", "response": "a response the pact allows, not a breach.",
                "settled": "caught, and settled in the consultation channel.",
                "tolerated": "seen, and tolerated: answering would cost the other side more than the breach does.",
                "answered": "answered: " + {"suspend_basket": "the basket and those linked to it are suspended for good.",
                                          "tit_for_tat": "the other side retaliates next year.",
                                          "collapse": "the pact collapses."}[s.compliance.response.value]}
        changed = year_cards(s, comp.year_events, comp.year_deltas, agreed_form(s, self.result.agreement))
        for year in range(1, self.shown + 1):
            status = comp.told_status[year - 1] if year <= len(comp.told_status) else "in force"
            if status != "in force":                   # nothing left to keep: say why once, then stop
                lines.append(Line(f"Year {year}: {PACT_OVER[status]}", colour=self.app.palette.bad))
                break
            for _, card in (c for c in changed if c[0] == year):        # events of the years (rule 11)
                detail = "; ".join(line.text for line in card.lines)
                lines.append(Line(f"Year {year}: {card.title}" + (f" ({detail})" if detail else ""), bold=True))
            events = [e for e in comp.story if e[0] == year]
            if not events:
                lines.append(Line(f"Year {year}: the pact holds."))
            for _, side, basket, cause, end in events:
                text = capitalised(why[cause].format(who=names[side], basket=s.baskets[basket].name))
                colour = self.app.palette.bad if end == "answered" else None
                lines.append(Line(f"Year {year}: {text}; {fate[end]}", colour=colour))
        return lines

    def reveal_all(self) -> None:
        self.shown = self.years
        self.skip.disable()

    def proceed(self) -> None:
        from game.ui.scenes.debrief import DebriefScene
        self.app.replace(DebriefScene(self.app, self.state, self.result, self.side, self.trace, self.others,
                                      self.unseen, self.again, self.handed))

    def back(self) -> bool:
        self.proceed()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        """Page Up/Down scroll the focused text (the summary or the story), else the story."""
        current = self.focus.current
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN)
                and current is not None and current.scroll is not None):
            return current.scroll(event.key)
        return self.story.handle(event) or super().handle(event)

    def update(self, dt: float) -> bool:
        if self.shown >= self.years:
            return False
        self.clock += dt
        if self.clock >= YEAR_SECONDS:
            self.clock = 0.0
            self.shown += 1
            comp = self.state.compliance
            if comp is not None and comp.caught_by_year and comp.caught_by_year[self.shown - 1] >= 0.5:
                self.app.sounds.play("violation")
            if self.shown >= self.years:
                self.skip.disable()
        return True

    def ours(self, party: str) -> bool:
        """Whether ``party`` speaks for the player's own government: the player's delegation, or for the
        experts of a Track 1.5 table their government's officials (whose vote at home was drawn in the other
        side's colour, without "(your government)")."""
        s = self.state.scenario
        return s.party(party).principal == s.party(self.side).principal

    def vote_text(self, vote: Vote, font: pygame.font.Font | None = None, room: int = 0) -> tuple[str, str]:
        """The two lines of one veto player's row: who and the verdict, then the figures, the value the
        vote weighs (the deal's expected value in force) first, against the bar (shorter when the
        figures would not fit ``room`` pixels in ``font``)."""
        p = vote.player
        if p.timing:                       # rule 10's acceptance: it weighs no deal, so no figures to weigh, nor a bar
            whose = principal_name(p.principal, article=True)
            said = [f"not a vote on the terms: an event of these talks left {whose} this chance of going ahead with "
                    "any deal", "not a vote on the terms: an event of these talks set this chance for any deal",
                    "an event of these talks: this chance for any deal"]
            fits = said[0] if font is None else next((f for f in said if font.size(f)[0] <= room + 230), said[-1])
            return self.vote_head(vote, font, room), fits
        red = " · a red line is crossed" if p.red_line else ""
        # newcomer trial: "in force 0.64 vs bar 0.59 (41%)" then "refuses" read as a contradiction: the bar is
        # where a yes has the form's base chance, not a pass mark, so the chance is said to be the chance of a yes
        forms = [(f"weighs {p.value:.2f} expected in force against its bar {p.bar:.2f} (where a yes has the form's "
                  f"base chance): {p.chance:.0%} chance it approves · on paper {vote.paper:.2f} · no deal "
                  f"{vote.no_deal:.2f}{red}"),
                 (f"weighs {p.value:.2f} expected in force against its bar {p.bar:.2f}: {p.chance:.0%} chance it "
                  f"approves · on paper {vote.paper:.2f} · no deal {vote.no_deal:.2f}{red}"),
                 (f"{p.value:.2f} in force (its bar {p.bar:.2f}): {p.chance:.0%} chance it approves · paper "
                  f"{vote.paper:.2f} · no deal {vote.no_deal:.2f}{' · red line' if p.red_line else ''}")]
        figures = forms[0] if font is None else next((f for f in forms if font.size(f)[0] <= room), forms[-1])
        return self.vote_head(vote, font, room), figures

    def vote_head(self, vote: Vote, font: pygame.font.Font | None = None, room: int = 0) -> str:
        """Who and the verdict, a draw with the chance the figures give (window trial: 0.49 against a bar of
        0.46 and "refuses" beside 0.46 against 0.47 and "approves" read as a contradiction), in one form for
        every row: the shorter one for all when one row's would not fit ``room`` pixels in ``font``
        (newcomer trial: "approves (drawn at 40%)" beside "refuses (a draw: a yes had a 93% chance)")."""
        level = 0 if font is None else next((k for k in (0, 1) if all(font.size(self.vote_head_in(v, k))[0] <= room
                                                                        for v in self.votes)), 2)
        return self.vote_head_in(vote, level)

    def vote_head_in(self, vote: Vote, level: int) -> str:
        """One row's head in the long (0), the short (1) or the shortest (2) form (window trial at 1024x640 in
        large text: the short form of "The United States (your government): declines to sign (a yes had a 48%
        chance)" ran under its bar)."""
        p = vote.player
        words = TIMING_WORDS if p.timing else verdicts(self.state.scenario, self.result.agreement)   # a joint statement is signed
        verdict = {True: words.yes, False: words.no, None: "does not vote"}[vote.approved]
        you = (" (your government)" if level < 2 else " (yours)") if self.ours(p.party) and not p.timing else ""
        draw = "" if vote.approved is None else (f" ({'' if level else 'a draw: '}a yes had {a_percent(p.chance)} "
                                                 "chance)" if level < 2 else f" ({p.chance:.0%} for a yes)")
        return f"{capitalised(p.name)}{you}: {verdict}{draw}"

    def draw_votes(self, surface: pygame.Surface) -> None:
        """Each veto player: its verdict, its figures, and a bar of the value its vote weighs (expected in
        force, filled) against its bar (the tick), the value on paper a hollow mark behind it."""
        if not self.votes:
            return
        p, rect, font = self.app.palette, self.votes_rect, self.app.font(BODY)
        pygame.draw.rect(surface, p.panel, rect, border_radius=6)
        step = font.get_linesize()
        titles = ["The vote at home, veto player by veto player (filled: expected in force; tick: its bar; "
                  "outline: on paper)", "Veto players (filled: expected in force; tick: bar; outline: on paper)",
                  "Veto players (filled: in force; tick: bar; outline: paper)"]
        title = next((t for t in titles if font.size(t)[0] <= rect.width - 20), titles[-1])
        surface.blit(font.render(title, True, p.ink), (rect.left + 10, rect.top + 6))
        for k, vote in enumerate(self.votes):
            top = rect.top + 8 + step * (1 + 2 * k)
            head, figures = self.vote_text(vote, font, rect.width - 230 - 24 - 12)
            colour = p.bad if vote.approved is False else p.good if vote.approved else p.ink
            surface.blit(font.render(head, True, colour), (rect.left + 10, top))
            surface.blit(font.render(figures, True, p.ink), (rect.left + 24, top + step))   # not muted: read on dark
            if vote.player.timing:           # no value weighed against a bar: no bar
                continue
            bar = pygame.Rect(rect.right - 230, top + 4, 210, step - 8)
            pygame.draw.rect(surface, p.background, bar, border_radius=3)
            for value, width in ((vote.paper, 1), (vote.player.value, 0)):    # paper: an outline; in force: filled
                pygame.draw.rect(surface, p.us if self.ours(vote.player.party) else p.them,
                                 pygame.Rect(bar.left, bar.top, int(bar.width * max(0.0, min(1.0, value))), bar.height),
                                 width, border_radius=3)
            x = bar.left + int(bar.width * max(0.0, min(1.0, vote.player.bar)))
            pygame.draw.line(surface, p.ink, (x, bar.top - 3), (x, bar.bottom + 3), 2)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.draw_votes(surface)
        if self.told != self.shown:
            self.story.set_lines(self.story_lines())
            self.told = self.shown
        self.story.draw(surface)
        comp = self.state.compliance
        p, rect, font = self.app.palette, self.chart_rect, self.app.font(BODY)
        pygame.draw.rect(surface, p.panel, rect, border_radius=6)
        if comp is None or not comp.intact_by_year:
            surface.blit(font.render("No compliance to simulate: the pact never took effect.", True, p.muted, None,
                                     rect.width - 24), (rect.left + 12, rect.top + 12))    # wrapped: 1024x640, large text
            return
        title = font.render("Each year: histories still intact (blue), violations caught (red) and unseen (grey)",
                            True, p.ink, None, rect.width - 24)
        surface.blit(title, (rect.left + 12, rect.top + 8))
        inner = pygame.Rect(rect.left + 12, rect.top + 16 + title.get_height(), rect.width - 24,
                            rect.height - 28 - title.get_height() - font.get_linesize())
        n = len(comp.intact_by_year)
        width = inner.width / n
        top_v = max(1.0, max(a + b for a, b in zip(comp.caught_by_year, comp.missed_by_year)))
        for year in range(min(self.shown, n)):
            x = inner.left + year * width
            intact = comp.intact_by_year[year]
            bar = pygame.Rect(int(x + width * 0.15), inner.bottom - int(inner.height * intact), int(width * 0.4),
                              int(inner.height * intact))
            pygame.draw.rect(surface, p.us, bar)
            caught, missed = comp.caught_by_year[year], comp.missed_by_year[year]
            hc, hm = int(inner.height * caught / top_v), int(inner.height * missed / top_v)
            vx = int(x + width * 0.6)
            pygame.draw.rect(surface, p.bad, pygame.Rect(vx, inner.bottom - hc, int(width * 0.25), hc))
            pygame.draw.rect(surface, p.muted, pygame.Rect(vx, inner.bottom - hc - hm, int(width * 0.25), hm))
            # the label fits the year's slot: "Y1: 90%" when there is room, else just the share
            text = f"Y{year + 1}: {intact:.0%}" if font.size(f"Y{year + 1}: 100%")[0] < width else f"{intact:.0%}"
            label = font.render(text, True, p.ink)
            surface.blit(label, (int(x + (width - label.get_width()) / 2), inner.bottom + 4))
