"""Every AI by name (the names the scenario schema and the command line accept)."""

from __future__ import annotations

from collections.abc import Callable

from game.strategies.base import Strategy
from game.strategies.frequency import modeller, prestige_seeker
from game.strategies.time_dependent import boulware, conceder, hardliner, linear
from game.strategies.tit_for_tat import tit_for_tat

STRATEGIES: dict[str, Callable[[], Strategy]] = {
    "boulware": boulware,
    "linear": linear,
    "conceder": conceder,
    "tit_for_tat": tit_for_tat,
    "hardliner": hardliner,
    "prestige_seeker": prestige_seeker,
    "modeller": modeller,
}
DEFAULT = "boulware"


def make(name: str) -> Strategy:
    """A fresh AI of kind ``name`` (KeyError lists the known names)."""
    try:
        return STRATEGIES[name]()
    except KeyError:
        raise KeyError(f"unknown strategy {name!r}; expected one of: {', '.join(STRATEGIES)}") from None
