"""Rules 10 and 13 (:mod:`game.engine.rules`): what a delegation's canned message may say, and what its word
becomes.

Rule 10: a message names a basket of the scenario; only a red line names an option, one of its basket's, and
never the option the offer itself contains (:func:`message_error`, :func:`contradicts`). Rule 13: a red line
declares its option for the phase; offering or accepting a declared option breaks the word (the declaration
is withdrawn), and so does making, after a final offer, a different offer in the same phase
(:func:`keep_word`). Pure functions of the state, as the rest of the engine.
"""

from __future__ import annotations

from game.engine.actions import Message, MessageKind
from game.engine.state import State
from game.model.scenario import Scenario


def message_error(scenario: Scenario, outcome: tuple[int, ...], message: Message | None) -> str | None:
    """Why ``message`` may not go with an offer of ``outcome`` (rule 10, the reason naming its rule), or None."""
    if message is None:
        return None
    if message.basket is not None and message.basket not in {b.id for b in scenario.baskets}:
        return f"rule 10: message names unknown basket {message.basket!r}"
    if message.option is not None:
        basket = scenario.basket(message.basket) if message.basket is not None else None
        ids = [o.id for o in basket.options] if basket is not None else []
        if message.kind is not MessageKind.RED_LINE or basket is None or message.option not in ids:
            return f"rule 10: only a red line names an option, one of its basket's; got {message.option!r}"
        if contradicts(scenario, outcome, message):
            label = basket.options[ids.index(message.option)].label
            return (f"rule 10: this offer contains '{label}' on {basket.name}; it cannot also declare "
                    f"it a red line: change {basket.name} in the offer, or choose another message")
    return None


def contradicts(scenario: Scenario, outcome: tuple[int, ...], message: Message | None) -> bool:
    """Whether ``message`` is a red line on the very option ``outcome`` offers on its basket (rule 10
    forbids it): a picker greys such red lines out while the draft contains their option."""
    if message is None or message.kind is not MessageKind.RED_LINE or message.basket is None or message.option is None:
        return False
    ids = [b.id for b in scenario.baskets]
    if message.basket not in ids:
        return False
    index = ids.index(message.basket)
    options = [o.id for o in scenario.baskets[index].options]
    return index < len(outcome) and message.option in options and outcome[index] == options.index(message.option)


def keep_word(state: State, party: str, outcome: tuple[int, ...], message: Message | None = None,
          offer: bool = True) -> State:
    """Rule 13: a package ``party`` offers (with ``message``) or accepts (``offer`` False), against its word so far."""
    if not state.declared and not state.finals and message is None:
        return state                                  # the common path: nothing declared, nothing said
    s = state.scenario
    declared, finals, broke = list(state.declared), dict(state.finals), 0
    crossing = [d for d in declared if d[0] == party
                and s.baskets[_basket_index(s, d[1])].options[outcome[_basket_index(s, d[1])]].id == d[2]]
    if crossing:
        broke += 1
        declared = [d for d in declared if d not in crossing]
    if offer and party in finals:
        if finals[party] != outcome:
            broke += 1
        finals.pop(party, None)
    if message is not None and message.kind is MessageKind.FINAL:
        finals[party] = outcome
    if message is not None and message.kind is MessageKind.RED_LINE and message.option is not None \
            and (party, message.basket, message.option) not in declared:
        declared.append((party, str(message.basket), message.option))
    broken = state.broken
    if broke:
        counts = dict(broken)
        counts[party] = counts.get(party, 0) + broke
        broken = tuple(sorted(counts.items()))
    return state.evolve(declared=tuple(declared), finals=tuple(finals.items()), broken=broken)


def _basket_index(scenario: Scenario, basket: str) -> int:
    return next(i for i, b in enumerate(scenario.baskets) if b.id == basket)
