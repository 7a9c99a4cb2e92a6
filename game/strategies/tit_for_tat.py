"""Relative tit-for-tat: concede, in its own utility, what the other side just conceded.

Opens at its best; after that its target moves by the change, measured in its
own negotiating utility, between the other side's last two offers (never
above the opening, never below no deal).
"""

from __future__ import annotations

from game.engine.state import State
from game.strategies.base import Strategy, table_offers


class TitForTat(Strategy):
    name = "tit_for_tat"

    def target(self, state: State, party: str) -> float:
        opening, floor = self.bounds(state, party)
        offers = table_offers(state)          # not a definitions phase's offers (game.engine.scope)
        theirs = [a for a in offers if a.party != party]
        mine = [a for a in offers if a.party == party]
        if len(theirs) < 2 or not mine:
            return opening
        previous = self.utility_of(state, party, theirs[-2].outcome) / self.discount(state)
        latest = self.utility_of(state, party, theirs[-1].outcome) / self.discount(state)
        current = self.utility_of(state, party, mine[-1].outcome) / self.discount(state)
        conceded = max(0.0, latest - previous) if previous > -1e9 else 0.0
        return max(floor, min(opening, current - conceded))


def tit_for_tat() -> TitForTat:
    return TitForTat()
