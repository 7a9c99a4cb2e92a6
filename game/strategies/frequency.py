"""The opponent-modelling AI: near-Pareto offers at its target, from a frequency model.

Bidding: a moderate Boulware target (e = 0.5); the conciliator uses the
same machinery with a conceding target (e = 2). Like every persona, both
maximise the delegation's negotiating utility N; they differ only in how they
bid and accept. Opponent model (frequency
analysis, as in the HardHeaded agent): the value the other side puts on an
option is estimated as ``(count + 1) / (max count + 1)`` of how often it has
offered it, and an issue's weight as ``1 +`` the number of times it kept that
issue unchanged between consecutive offers (normalised). Offer: among the
outcomes whose perceived utility to its government lies within ``WINDOW``
above the target (at most ``MAX_WINDOW`` of them, nearest the target), the one
the model says the other side likes best, so that the offer sits close to the
Pareto frontier. The window is measured in the government's utility, not in
``N``, so that rescaling ``N`` (a concession weight of 0.4 instead of 1, say)
changes no decision: every persona is invariant to a positive rescaling of
``N``, which is what lets an ablation remove prestige and keep the rest.
"""

from __future__ import annotations

import numpy as np

from game.engine.state import State
from game.strategies.base import table_offers
from game.strategies.time_dependent import TimeDependent

WINDOW = 0.03
MAX_WINDOW = 20_000


class FrequencyModeller(TimeDependent):
    def __init__(self, exponent: float = 0.5, name: str = "modeller") -> None:
        super().__init__(exponent, name)

    def opponent_estimate(self, state: State, party: str, outcomes: np.ndarray) -> np.ndarray:
        """Estimated utility of ``outcomes`` (indices) to the other side."""
        assert state.tables is not None
        shape = state.tables.problem.shape
        theirs = [a.outcome for a in table_offers(state) if a.party != party]
        digits = np.unravel_index(outcomes, shape)
        if not theirs:
            return np.zeros(len(outcomes))
        offers = np.array(theirs)                                         # (m, k)
        weights = 1.0 + (offers[1:] == offers[:-1]).sum(axis=0) if len(offers) > 1 else np.ones(len(shape))
        weights = weights / weights.sum()
        score = np.zeros(len(outcomes))
        for i, size in enumerate(shape):
            counts = np.bincount(offers[:, i], minlength=size).astype(float)
            score += weights[i] * (counts[digits[i]] + 1) / (counts.max() + 1)
        return score

    def bid(self, state: State, party: str, rng: np.random.Generator, goal: float | None = None) -> tuple[int, ...]:
        goal = self.target(state, party) if goal is None else goal
        window = self.window(state, party, goal, None)
        if window is None:                                 # every outcome near the goal crosses a believed red line
            return super().bid(state, party, rng, goal)
        best = int(window[int(np.argmax(self.opponent_estimate(state, party, window)))])
        return state.built.problem.outcome_at(best)

    def moved_bid(self, state: State, party: str, goal: float, basket: int, option: int) -> tuple[int, ...] | None:
        window = self.window(state, party, goal, (basket, option))
        if window is None:
            return super().moved_bid(state, party, goal, basket, option)
        best = int(window[int(np.argmax(self.opponent_estimate(state, party, window)))])
        return state.built.problem.outcome_at(best)

    def window(self, state: State, party: str, goal: float, fixed: tuple[int, int] | None) -> np.ndarray | None:
        """The outcomes it chooses among: those whose perceived utility lies within ``WINDOW`` above
        the goal's; with declared red lines (message rule 2), those crossing one only if their believed
        N still reaches the goal; with ``fixed``, only those with that option on that basket. None if empty."""
        c = self.candidates(state, party)
        hi = c.count_at_least(goal)                       # N >= goal for positions < hi
        lo = c.count_at_least(goal + WINDOW * c.slope, strict=True)  # U_hat more than WINDOW above the goal's
        hi = max(hi, 1)
        lo = max(0, min(lo, hi - 1), hi - MAX_WINDOW)
        window = c.outcomes[lo:hi]
        weight, pairs = self.belief(state, party)
        if (weight <= 0 or c.slope <= 0) and fixed is None:
            return window
        keep = np.ones(len(window), dtype=bool)
        digits = np.unravel_index(window, state.built.problem.shape)
        if weight > 0 and c.slope > 0:
            tainted = np.zeros(len(window), dtype=bool)
            for b, o in pairs:
                tainted |= digits[b] == o
            keep &= ~tainted | (np.arange(lo, hi) < self._tainted_limit(c, goal, weight))
        if fixed is not None:
            keep &= digits[fixed[0]] == fixed[1]
        return window[keep] if keep.any() else None


def modeller() -> FrequencyModeller:
    return FrequencyModeller()


def conciliator() -> FrequencyModeller:
    """Concedes fast (e = 2) and offers what the other side seems to want."""
    return FrequencyModeller(2.0, "conciliator")
