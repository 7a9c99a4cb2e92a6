"""The table's meter: what the draft is worth to your government (and in Track 1.5 to your
delegation) against no deal, and the domestic audience: each veto player's chance of approving the
draft, with its trend since your last offer.

Every figure comes from the live state (events change no-deal values and bars); the bars, the
no-deal tick and the chances move as :class:`~game.ui.motion.Tween` values, so an event's effect is
seen moving (skippable; instant under "reduce motion").
"""

from __future__ import annotations

import re

import pygame

from game.engine.state import State
from game.session.audience import VetoPlayer, veto_players
from game.session.stake import delegation_stake, has_stake, stake_words
from game.session.views import paper_of, valued, value_of
from game.ui.motion import Tween
from game.ui.theme import Palette
from game.words import count


def trend(now: float, then: float | None, short: bool = False) -> str:
    """"▲ 6 points since your last offer", or ``short`` "▲ 6" (empty before the first offer or when unchanged)."""
    if then is None or round(100 * (now - then)) == 0:
        return ""
    points = round(100 * (now - then))
    if short:
        return f"  {'▲' if points > 0 else '▼'} {abs(points)}"
    return f"  {'▲' if points > 0 else '▼'} {count(abs(points), 'point')} since your last offer"


def initials(name: str) -> str:
    """``name`` with each run of two or more capitalised words, and a "the" before it, as initials
    ("the United States" → "US", "the Senate (the United States)" → "the Senate (US)")."""
    return re.sub(r"(?:\bthe )?\b((?:[A-Z][a-z]+ )+[A-Z][a-z]+)\b",
                  lambda m: "".join(word[0] for word in m.group(1).split()), name)


def value_line(font: pygame.font.Font, value: float, paper: float, reservation: float, width: int,
               unsure: bool = False, binding: bool = True) -> str:
    """The government bar's line, the longest form that fits ``width`` pixels: no deal goes first (the tick
    still shows it, and the meter gives it a line of its own: :func:`no_deal_apart`), then words, but never the label that says whose value it is, nor, for a delegation
    unsure of its government's values, that they are as it sees them (window trial: only the brief said so).
    At a non-binding table (``binding`` False) the value is on paper only, never called "expected"
    (docs/model.md, rule 14; :func:`~game.session.views.valued`)."""
    if not binding:
        whose = "Your government, as you see it" if unsure else "Your government"
        short = "As you see it" if unsure else "Yours"
        words = valued(value, paper, binding)
        forms = [f"{whose}: {words} · no deal {reservation:.2f}", f"{whose}: {words}",
                 f"{short}: {words}", f"{short}: {paper:.3f} on paper · no deal {reservation:.2f}",
                 f"{short}: {paper:.3f} on paper", f"{short}: {paper:.3f} paper"]
        return next((text for text in forms if font.size(text)[0] <= width), forms[-1])
    if unsure:
        seen = [f"Your government, as you see it: {value:.3f} expected · {paper:.3f} on paper · no deal {reservation:.2f}",
                f"Your government, as you see it: {value:.3f} expected · {paper:.3f} on paper",
                f"As you see it: {value:.3f} expected · {paper:.3f} paper · no deal {reservation:.2f}",
                f"As you see it: {value:.3f} expected · {paper:.3f} paper",
                f"As you see it: {value:.3f} · paper {paper:.3f}"]
        return next((text for text in seen if font.size(text)[0] <= width), seen[-1])
    forms = [f"Your government: {value:.3f} expected, {paper:.3f} on paper (no deal {reservation:.2f})",
             f"Your government: {value:.3f} expected · {paper:.3f} on paper · no deal {reservation:.2f}",
             f"Yours: {value:.3f} expected · {paper:.3f} paper · no deal {reservation:.2f}",
             f"Yours: {value:.3f} expected, {paper:.3f} paper, no deal {reservation:.2f}",
             f"Yours: {value:.3f} exp. · {paper:.3f} paper · no deal {reservation:.2f}",
             f"Your government: {value:.3f} expected · {paper:.3f} on paper",
             f"Your government: {value:.3f} expected, {paper:.3f} paper",
             f"Yours: {value:.3f} expected, {paper:.3f} on paper",
             f"Yours: {value:.3f} expected · {paper:.3f} paper",
             f"Yours: {value:.3f} · paper {paper:.3f}"]
    return next((text for text in forms if font.size(text)[0] <= width), forms[-1])


def player_line(font: pygame.font.Font, player: VetoPlayer, chance: float, then: float | None, width: int,
                voted: bool = True, at_least: int = 0) -> str:
    """A veto player's line of the meter, the longest form that fits ``width`` pixels on one line
    (the trend shortens first, then the words, and a long name goes to initials; it is cut last, with an
    ellipsis, but the line always says it is approval at home). At a table whose agreement is not voted on
    (non-binding talks: a plan), ``voted`` False, the line says it is the chance *if it were signed*.
    ``at_least``: the wording every line of the meter uses (:func:`wording`'s largest over its players: one
    wording for all, where each line had taken its own; newcomer trial)."""
    crossed = " (red line crossed)" if player.red_line else ""
    if not voted:
        # one form from round to round (newcomer trial: "If signed, the United States would approve: 15%", then
        # with a trend "If it were signed: at home, …"): the words are chosen to fit beside any trend
        forms = [f"If signed, {player.name} would approve: {chance:.0%}{crossed}",
                 f"If signed, approval: {initials(player.name)} {chance:.0%}{' (red line)' if crossed else ''}"]
        words = next((text for text in forms if font.size(text + trend(1.0, 0.0, short=True))[0] <= width), forms[-1])
        return words + trend(player.chance, then, short=True)
    # one wording from round to round, as above (newcomer trial: "Your draft: at home, … approves" became
    # "At home, … approves" when a trend arrow appeared): the words are chosen to fit beside the widest short
    # trend, and the trend says "since your last offer" only where that fits too
    k = wording(font, player, width)
    if k is not None:
        words = _wordings(player, f"{chance:.0%}")[max(k, at_least)]
    else:                                      # cut the name last, with an ellipsis
        room = width - font.size(trend(1.0, 0.0, short=True))[0]
        name, tail = ("Going ahead: " if player.timing else "Approval: ") + initials(player.name), f" {chance:.0%}"
        while len(name) > 1 and font.size(name + "…" + tail)[0] > room:
            name = name[:-1]
        words = name + "…" + tail
    full = words + trend(player.chance, then)
    return full if font.size(full)[0] <= width else words + trend(player.chance, then, short=True)


def _wordings(player: VetoPlayer, share: str) -> list[str]:
    """A veto player's line, longest first; "the timing" (rule 10's acceptance) lets a deal go ahead, it does
    not approve one (newcomer trial)."""
    crossed = " (red line crossed)" if player.red_line else ""
    red = " (red line)" if crossed else ""
    verb = "lets it go ahead" if player.timing else "approves"
    short = "Going ahead" if player.timing else "Approval"
    return [f"Your draft: at home, {player.name} {verb}: {share}{crossed}",
            f"At home, {player.name} {verb}: {share}{crossed}",
            f"{short} at home: {initials(player.name)} {share}{crossed}",
            f"{short} at home: {initials(player.name)} {share}{red}",
            f"{short}: {initials(player.name)} {share}{red}"]


def wording(font: pygame.font.Font, player: VetoPlayer, width: int) -> int | None:
    """The index of the longest of ``player``'s wordings that fits ``width`` pixels beside the widest short trend
    (measured at 100%: the share does not change it); None when none does (the name is then cut)."""
    room = width - font.size(trend(1.0, 0.0, short=True))[0]
    return next((k for k, text in enumerate(_wordings(player, "100%")) if font.size(text)[0] <= room), None)


def no_deal_apart(font: pygame.font.Font, width: int, state: State, side: str) -> bool:
    """Whether the government's line leaves out the no-deal value at this width (no form with it fits), so
    that the meter gives it a line of its own (newcomer trial: at 1024x640 in large text the meter dropped
    the no-deal figure)."""
    unsure = any(dict(state.perception).get(side, ()))
    return "no deal" not in value_line(font, 0.0, 0.0, 0.0, width, unsure, state.protocol.binding)


class Meter:
    """The meter's moving numbers and its drawing."""

    def __init__(self) -> None:
        self.value, self.reservation, self.delegation = Tween(), Tween(), Tween()
        self.chances: dict[str, Tween] = {}           # by veto player: a form's players differ from another's
        self.players: tuple[VetoPlayer, ...] = ()
        self.last_offer: dict[str, float] | None = None   # each veto player's chance for your last offer, by name
        self.first = True
        self.paper = 0.0                             # the draft's value on paper (the bar shows the expected one)

    def aim(self, state: State, side: str, draft: tuple[int, ...], animate: bool) -> None:
        """Take the figures of ``draft`` in ``state`` as the targets (animated unless ``animate`` is False)."""
        if state.tables is None or side not in state.phase_def.parties:
            return
        animate = animate and not self.first
        self.first = False
        party = state.scenario.party(side)
        value = value_of(state, side, draft)
        self.paper = paper_of(state, side, draft)
        self.value.set(value, animate)
        self.reservation.set(party.reservation, animate)
        if has_stake(state, side):
            n = delegation_stake(state, side, draft)
            self.delegation.set(max(0.0, min(1.0, 0.5 + n)), animate)
        self.players = veto_players(state, side, draft)
        for player in self.players:
            tween = self.chances.setdefault(player.name, Tween(player.chance))
            tween.set(player.chance, animate)

    def offered(self, state: State, side: str, outcome: tuple[int, ...]) -> None:
        """Remember the chances of the offer just made (the trend's reference)."""
        if state.tables is not None and side in state.phase_def.parties:
            self.last_offer = {p.name: p.chance for p in veto_players(state, side, outcome)}

    def update(self, dt: float) -> bool:
        moving = [t.update(dt) for t in (self.value, self.reservation, self.delegation, *self.chances.values())]
        return any(moving)

    def skip(self) -> None:
        for t in (self.value, self.reservation, self.delegation, *self.chances.values()):
            t.skip()

    def height(self, state: State, side: str, scale: float, font: pygame.font.Font | None = None,
               width: int = 0) -> int:
        """The meter's height in pixels; with the ``font`` and the ``width`` of its text, a line more when the
        government's no-deal value needs a line of its own (:func:`no_deal_apart`)."""
        bars = 2 if has_stake(state, side) else 1
        extra = font.get_linesize() if font is not None and no_deal_apart(font, width, state, side) else 0
        return round((40 + 36 * bars + 20 * max(0, len(self.players) - 1)) * scale) + extra

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, state: State, side: str, font: pygame.font.Font,
             p: Palette) -> None:
        pygame.draw.rect(surface, p.panel, rect, border_radius=6)
        if state.tables is None or side not in state.phase_def.parties:
            surface.blit(font.render("You do not sit at this table.", True, p.ink), rect.move(10, 10))
            return
        value, reservation = self.value.shown, self.reservation.shown
        width = rect.width - 20
        unsure = any(dict(state.perception).get(side, ()))
        bars = [(value_line(font, value, self.paper, reservation, width, unsure, state.protocol.binding),
                 value, reservation, p.us)]
        if has_stake(state, side):
            n = self.delegation.shown - 0.5   # the delegation's N against no deal (0), drawn around the middle
            bars.append((stake_words(n), self.delegation.shown, 0.5, p.them))
        rows = max(1, len(self.players))
        apart = no_deal_apart(font, width, state, side)     # the no-deal value on a line of its own
        extra = font.get_linesize() if apart else 0
        height = (rect.height - 16 - rows * font.get_linesize() - extra) // len(bars)
        for k, (text, v, tick, colour) in enumerate(bars):
            top = rect.top + 8 + k * height + (extra if k else 0)
            surface.blit(font.render(text, True, p.ink), (rect.left + 10, top))
            if apart and k == 0:
                surface.blit(font.render(f"No deal: {reservation:.2f} (the tick)", True, p.ink),
                             (rect.left + 10, top + font.get_linesize()))
            below = top + font.get_linesize() + (extra if k == 0 else 0) + 2
            bar = pygame.Rect(rect.left + 10, below, rect.width - 20, max(6, height // 3))
            pygame.draw.rect(surface, p.background, bar, border_radius=3)
            pygame.draw.rect(surface, colour, pygame.Rect(bar.left, bar.top, int(bar.width * max(0.0, min(1.0, v))),
                                                          bar.height), border_radius=3)
            x = bar.left + int(bar.width * max(0.0, min(1.0, tick)))
            pygame.draw.line(surface, p.bad if v < tick else p.good, (x, bar.top - 3), (x, bar.bottom + 3), 3)
        y = rect.bottom - rows * font.get_linesize() - 6
        fits = [wording(font, player, rect.width - 20) for player in self.players]
        common = max((k if k is not None else 4) for k in fits) if fits else 0       # one wording for every line
        for i, player in enumerate(self.players):
            chance = self.chances[player.name].shown
            # the trend compares a player with itself (newcomer trial: by position it set the timing's fixed 50%
            # against Congress's 41% after a change of form); the timing never moves, so it has none
            then = None if player.timing or not self.last_offer else self.last_offer.get(player.name)
            text = player_line(font, player, chance, then, rect.width - 20, state.protocol.binding, common)
            surface.blit(font.render(text, True, p.bad if chance < 0.3 else p.ink),
                         (rect.left + 10, y + i * font.get_linesize()))
