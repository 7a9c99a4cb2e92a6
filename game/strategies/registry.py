"""Every AI by name (the names the scenario schema and the command line accept: the names are written
once, in :data:`game.model.ai.AI_NAMES`, and this registry is checked against them at import).

The AIs form one family: every persona maximises its delegation's negotiating
utility ``N`` (:mod:`game.model.incentives`) and differs from the others only
in how it bids and when it accepts. The default persona is the opponent
modeller: it closes deals wherever a zone of agreement exists within the
scenario's rounds (tests/test_strategies.py), because it offers, near its
target, the package the other side seems to want, instead of whatever package
happens to sit at its target (which may cross the other side's red lines).
"""

from __future__ import annotations

from collections.abc import Callable

from game.model.ai import AI_NAMES, DEFAULT_AI
from game.strategies.base import Strategy
from game.strategies.frequency import conciliator, modeller
from game.strategies.time_dependent import boulware, conceder, hardliner, linear
from game.strategies.tit_for_tat import tit_for_tat
from game.words import suggest

STRATEGIES: dict[str, Callable[[], Strategy]] = {
    "boulware": boulware,
    "linear": linear,
    "conceder": conceder,
    "tit_for_tat": tit_for_tat,
    "hardliner": hardliner,
    "conciliator": conciliator,
    "modeller": modeller,
}
DESCRIPTIONS: dict[str, str] = {
    "boulware": "Holds firm and concedes only near the deadline.",
    "linear": "Concedes at a steady pace from its best package to its walk-away point.",
    "conceder": "Concedes early and fast.",
    "tit_for_tat": "Concedes as much as the other side just conceded.",
    "hardliner": "Barely moves, and never below 60% of its opening demand.",
    "conciliator": "Concedes fast and offers what the other side seems to want.",
    "modeller": "Learns what the other side wants from its offers and proposes packages that suit both.",
}
DEFAULT = DEFAULT_AI

if tuple(STRATEGIES) != AI_NAMES or tuple(DESCRIPTIONS) != AI_NAMES or DEFAULT not in AI_NAMES:
    raise RuntimeError(f"the AI registry names {', '.join(STRATEGIES)} (described: {', '.join(DESCRIPTIONS)}; default "
                       f"{DEFAULT}), but game.model.ai.AI_NAMES, which the scenario schema accepts, names "
                       f"{', '.join(AI_NAMES)}: expected the same names in the same order")


def make(name: str, follows_anchor: bool = True) -> Strategy:
    """A fresh AI of kind ``name`` (KeyError lists the known names).

    ``follows_anchor=False`` is for experiments only: the AI's opening is not pulled toward a
    published plan (the phase's anchoring still moves the domestic thresholds, rule 3)."""
    try:
        strategy = STRATEGIES[name]()
    except KeyError:
        raise KeyError(f"unknown strategy {name!r}{suggest(name, STRATEGIES)}") from None
    strategy.follows_anchor = follows_anchor
    return strategy
