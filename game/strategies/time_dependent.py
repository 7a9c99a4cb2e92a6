"""Time-dependent AIs: the target falls from the opening to no deal along a fixed curve.

    target(t) = floor + (opening - floor) * (1 - t ** (1 / e))

with ``t`` the share of the deadline used. The exponent ``e`` sets the
temperament: ``e < 1`` is *Boulware* (holds firm and concedes late: at e = 0.2
it has given up only 3% of the range by mid-talks), ``e = 1`` concedes
linearly, ``e > 1`` is a *conceder* (at e = 3 it has given up 21% of the range
after a tenth of the time). The hardliner is a Boulware that never goes below
60% of its opening. (The conciliator, a conceder that also models what
the other side wants, is in :mod:`game.strategies.frequency`.)
"""

from __future__ import annotations

from game.engine.state import State
from game.strategies.base import Strategy


class TimeDependent(Strategy):
    def __init__(self, exponent: float, name: str, floor_share: float = 0.0) -> None:
        super().__init__()
        self.exponent = exponent
        self.name = name
        self.floor_share = floor_share

    def target(self, state: State, party: str) -> float:
        opening, floor = self.bounds(state, party)
        floor = max(floor, self.floor_share * opening)
        t = self.time(state)
        return floor + (opening - floor) * (1.0 - t ** (1.0 / self.exponent))


def boulware() -> Strategy:
    return TimeDependent(0.2, "boulware")


def linear() -> Strategy:
    return TimeDependent(1.0, "linear")


def conceder() -> Strategy:
    return TimeDependent(3.0, "conceder")


def hardliner() -> Strategy:
    return TimeDependent(0.05, "hardliner", floor_share=0.6)

