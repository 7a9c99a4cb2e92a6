"""What an AI says and makes of what it hears (docs/model.md, message rules 1-4): the other side's word
weighed (:func:`heard`), the canned message its offer carries (:func:`message`), its bid moved on a basket it
was asked to move on (:func:`move_on`), and why a counter-offer keeps an option the other side called a red
line (:func:`kept_red_line`). :meth:`game.strategies.base.Strategy.act` calls them; their rule is in each
docstring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.actions import Message, MessageKind
from game.engine.state import State

if TYPE_CHECKING:
    from game.strategies.base import Strategy


def move_on(ai: Strategy, state: State, party: str, goal: float, mine: tuple[int, ...], theirs: tuple[int, ...],
            basket_id: str) -> tuple[tuple[int, ...], str]:
    """Its bid moved one rung toward the other side's option on the basket, if it can afford that."""
    s = state.scenario
    b = next(i for i, x in enumerate(s.baskets) if x.id == basket_id)
    basket = s.baskets[b]
    if mine[b] == theirs[b]:
        return mine, f"We already offer what you ask on {basket.name}."
    if state.locks[b] >= 0:
        return mine, f"{basket.name} is settled."
    rung = mine[b] + (1 if theirs[b] > mine[b] else -1)
    moved = ai.moved_bid(state, party, goal, b, rung)
    if moved is None:
        return mine, (f"We cannot move on {basket.name} now: '{basket.options[rung].label}' there would take us "
                      "below what we need at this point.")
    return moved, (f"We move on {basket.name}, as you asked: '{basket.options[mine[b]].label}' → "
                   f"'{basket.options[rung].label}'.")

def heard(ai: Strategy, state: State, party: str, said: Message | None) -> list[str]:
    """What it makes of the other side's word: a broken one, a new red line (message rules 1-2)."""
    other = ai.other(state, party)
    notes = []
    credibility, broken = state.credibility(other), next((n for p, n in state.broken if p == other), 0)
    seen = ai.credibility_seen
    before, times = seen.get(other, (credibility, broken))
    if credibility < before:        # the word broken again, or the governments' trust lowered by an event
        why = "You went back on your word" if broken > times else "Trust between our governments has fallen"
        notes.append(f"{why}: we believe you less now ({before:.0%} → {credibility:.0%}).")
    seen[other] = (credibility, broken)
    if said is not None and said.kind is MessageKind.RED_LINE and said.option is not None and said.basket:
        weight, pairs = ai.belief(state, party)
        basket = state.scenario.basket(said.basket)
        label = basket.options[basket.option_index(said.option)].label
        shared = f", shared among your {len(pairs)} red lines" if len(pairs) > 1 else ""
        notes.append(f"We take your red line on {basket.name} ('{label}') {weight:.0%} seriously: your credibility "
                     f"with us is {credibility:.0%}{shared}.")
    return notes

def message(ai: Strategy, state: State, party: str, mine: tuple[int, ...]) -> Message | None:
    """Red line if their offer crossed one; 'final' near the deadline; else where movement is needed."""
    standing = state.standing
    if standing is None or standing.party == party:
        return None
    assert state.tables is not None
    if not state.tables.of(party).ok[state.tables.problem.index_of(standing.outcome)]:
        p = state.scenario.party(party)
        for i, basket in enumerate(state.scenario.baskets):
            option = basket.options[standing.outcome[i]].id
            if option in p.red_lines.get(basket.id, ()):
                return Message(MessageKind.RED_LINE, basket.id, option)
    if state.round >= state.protocol.rounds - 1:
        return Message(MessageKind.FINAL)
    values = ai.candidates(state, party).contributions
    gaps = [values[i][mine[i]] - values[i][standing.outcome[i]] for i in range(len(state.scenario.baskets))]
    worst = max(range(len(gaps)), key=gaps.__getitem__)
    return Message(MessageKind.MOVEMENT, state.scenario.baskets[worst].id) if gaps[worst] > 1e-9 else None


def kept_red_line(state: State, basket_id: str, option: str, mine: tuple[int, ...]) -> list[str]:
    """Newcomer trial: "We take your red line … 30% seriously" beside a counter-offer that keeps that very option
    read as a contradiction. When the counter-offer keeps the declared option, the AI says so and why (message
    rule 2: a red line is weighed by the declarer's credibility, not obeyed); otherwise nothing."""
    i = next(k for k, b in enumerate(state.scenario.baskets) if b.id == basket_id)
    basket = state.scenario.baskets[i]
    if mine[i] != basket.option_index(option):
        return []
    return [f"Our offer still keeps '{basket.options[mine[i]].label}' on {basket.name}: weighed so, your red line "
            f"does not outweigh what it is worth to us."]
