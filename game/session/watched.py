"""A table the player does not sit at, in brief: the one account the window's hand-off screen and the
terminal give of the talks a player watches (the official talks, to the experts of a Track 1.5 table; the
Track 1.5 table, to the officials).

The rule: each move in a line (an offer with the round it came in and what it is worth to the player's
government, an acceptance or a walk-out with the AI's reason, a lock), each event with what it changed, and
how the table ended.
The vote at home is left out (:data:`game.session.views.AFTER_THE_TALKS`): the results tell it. An offer's
worth to the player's government is read from the seat of that government at the watched table (its
delegation there; its true values, which the debrief reveals anyway: the watcher is no party to that
table's perception), and is left out when the player's government has no seat there.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.actions import Accept, Walk
from game.engine.record import new_deltas
from game.engine.state import State
from game.session.effects import cards, unagreed
from game.session.game import Moment
from game.session.views import AFTER_THE_TALKS, describe, valued, value_of

MOVES = frozenset({"offer", "accept", "walk", "lock"})
"""The kinds of :func:`describe` line that are a delegation's move: the summary says in which round."""


def watched_worth(state: State, viewer: str, outcome: tuple[int, ...]) -> str | None:
    """What ``outcome`` is worth to ``viewer``'s government at a table ``viewer`` watches, in
    :func:`valued`'s words ("0.612 expected, 0.700 on paper"), from the seat of that government there;
    None when it has no seat there, for no viewer ("") or when the table has no tables."""
    s = state.scenario
    if viewer not in {p.id for p in s.parties}:                     # no viewer: an instructor's or a neutral log
        return None
    seat = next((p for p in state.phase_def.parties if s.party(p).principal == s.party(viewer).principal), None)
    if seat is None or state.tables is None:
        return None
    index = state.tables.problem.index_of(outcome)
    table = state.tables.of(seat)
    return valued(float(table.expected[index]), float(table.true_u[index]), state.protocol.binding)


def offer_worth(state: State, viewer: str, outcome: tuple[int, ...]) -> str:
    """" worth X to your government" for an offer in :func:`describe`: at the viewer's table its expected value as
    its delegation sees it ("0.481"), at a watched table :func:`watched_worth`'s words; "" when neither applies."""
    if viewer in state.phase_def.parties:
        return f" worth {value_of(state, viewer, outcome):.3f} to your government"
    worth = watched_worth(state, viewer, outcome)
    return "" if worth is None else f" worth {worth} to your government"


def watched_step(moment: Moment, viewer: str) -> list[tuple[str, str]]:
    """One move of a watched table as (kind, text) lines: :func:`describe`'s, the round named before a
    delegation's move, then each change an event made as ("effect", text) (the published plan's card left
    out: the hand-off and the terminal tell the plan themselves); empty for a move that says nothing."""
    m = moment
    played = min(m.before.round + 1, m.before.protocol.rounds)      # the answer after the deadline: the last round
    why = m.why if isinstance(m.action, (Accept, Walk)) else None     # why the table ended; an offer's reason is long
    texts = [(k, f"Round {played}: {t}" if k in MOVES else t)
             for k, t in describe(m.before, m.action, m.after, viewer, why) if k not in AFTER_THE_TALKS]
    if not texts:
        return []
    changed = [("effect", line.text)
               for card in cards(m.after.scenario, new_deltas(m.before, m.after), viewer, failed=unagreed(m.after))
               for line in card.lines if not card.title.startswith("The published plan")]
    return texts + changed


def watched_steps(moments: Sequence[Moment], viewer: str) -> list[list[tuple[str, str]]]:
    """:func:`watched_step` of each of ``moments`` that says something."""
    return [step for step in (watched_step(m, viewer) for m in moments) if step]
