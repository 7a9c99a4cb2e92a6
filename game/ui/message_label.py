"""The table's message button text: a message named as briefly as its button needs, but never so briefly
that two messages read alike (newcomer trial h6: every red line on one basket read "Red line: Hack-and-le…",
whichever option it ruled out).

A red line keeps, in this order, the option it rules out (by its number on the basket's ladder, then as
much of its label as fits), the basket (by the fewest leading words of its name that no other basket's name
shares) and the words "Red line"; the full name is in the picker and the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.engine.actions import Message, MessageKind
from game.model.scenario import Scenario


def short_name(name: str, others: list[str]) -> str:
    """The fewest leading words of ``name`` that begin no other name of ``others`` ("State-funded" and
    "State funding" for "State-funded media" and "State funding of parties and campaigns")."""
    words = name.split()
    for k in range(1, len(words) + 1):
        head = " ".join(words[:k])
        if not any(" ".join(other.split()[:k]) == head for other in others if other != name):
            return head
    return name


def cuts(text: str) -> Iterator[str]:
    """``text`` shortened letter by letter, each ended with an ellipsis (longest first)."""
    for k in range(len(text) - 1, 0, -1):
        head = text[:k].rstrip()
        if head:
            yield head + "…"


def forms(scenario: Scenario, message: Message, full: str) -> Iterator[str]:
    """The names of ``message``, longest first: ``full`` (the picker's), then shorter ones that still tell it
    from every other message an offer can carry."""
    yield full
    if message.basket is None:
        return
    basket = scenario.basket(message.basket)
    name = short_name(basket.name, [b.name for b in scenario.baskets])
    if message.kind is MessageKind.MOVEMENT:
        yield f"Movement: {basket.name}"
        yield f"Movement: {name}"
        yield from (f"Movement: {head}" for head in cuts(name))
        return
    if message.kind is not MessageKind.RED_LINE or message.option is None:
        yield f"Red line: {name}"
        return
    index = basket.option_index(message.option)
    option = f"{index + 1}. {basket.options[index].label}"
    yield f"Red line: {name} ≠ {option}"
    yield from (f"Red line: {name} ≠ {head}" for head in cuts(option) if len(head) > 3)    # "4. P…" at least
    yield from (f"Red line: {head} ≠ {index + 1}." for head in [name, *cuts(name)])
    yield from (f"{head} ≠ {index + 1}." for head in [name, *cuts(name)])


def message_label(scenario: Scenario, message: Message | None, full: str, fits: Callable[[str], bool]) -> str:
    """The first name of ``message`` (``full``: its name in the picker) that ``fits``; else the shortest."""
    if message is None or message.kind is MessageKind.FINAL:
        return full
    last = full
    for text in forms(scenario, message, full):
        if fits(text):
            return text
        last = text
    return last
