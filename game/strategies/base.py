"""What every AI shares: its view of the negotiation, and acceptance.

An AI is split into three parts (Baarslag et al.'s BOA decomposition):

* **bidding**: a target negotiating utility for the current time, and the
  outcome it offers at that target (:meth:`Strategy.target`, :meth:`Strategy.bid`);
* **opponent model**: an estimate of the other side's preferences from its
  offers (only the modelling agent uses one; see :mod:`game.strategies.frequency`);
* **acceptance**: accept the standing offer when it is worth at least the
  target or what the AI would offer next (AC_next), and never below no deal.

All of them work on the delegation's *negotiating* utility ``N`` (see
:mod:`game.model.incentives`), discounted by ``discount ** round``. Because
``N`` rises with the perceived utility, the outcomes the AI may offer are one
array sorted once per negotiation; a move is a binary search and a slice.
Time is ``t = (round + turn / 2) / rounds`` in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.actions import Accept, Message, MessageKind, Offer, PlayerAction, Walk
from game.engine.state import State
from game.model.incentives import negotiating_utility, scalar_negotiating_utility

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Candidates:
    """The outcomes the AI may offer (its red lines and the locks respected), best first,
    with their undiscounted negotiating utility. Valid while the state's scenario (its
    parameters), tables, phase and locks are the same objects/values."""

    scenario: object
    tables: object
    phase: int
    locks: tuple[int, ...]
    outcomes: IntArray
    utility: FloatArray
    anchor_utility: float | None
    descending: FloatArray          # -utility, ascending, for searchsorted
    contributions: list[list[float]]  # per basket, per option: this party's utility from it


class Strategy:
    """Base AI. Subclasses set :attr:`name` and override :meth:`target` (and maybe :meth:`bid`)."""

    name = "base"

    def __init__(self) -> None:
        self._cache: Candidates | None = None

    # ---------------------------------------------------------------- view
    def candidates(self, state: State, party: str) -> Candidates:
        """Valid outcomes and their N, recomputed only when the table, locks or parameters change."""
        assert state.tables is not None
        c = self._cache
        if (c is not None and c.scenario is state.scenario and c.tables is state.tables and c.phase == state.phase
                and c.locks == state.locks):
            return c
        p = state.scenario.party(party)
        table = state.tables.of(party)
        order = table.order
        if any(lock >= 0 for lock in state.locks):
            digits = np.unravel_index(order, state.tables.problem.shape)
            keep = np.ones(len(order), dtype=bool)
            for i, lock in enumerate(state.locks):
                if lock >= 0:
                    keep &= digits[i] == lock
            order = order[keep]
        n = negotiating_utility(table.perceived[order], p.reservation, p.incentives, state.protocol.binding, table.best)
        anchor = None
        if state.anchor is not None:
            index = state.tables.problem.index_of(state.anchor)
            anchor = float(negotiating_utility(table.perceived[index], p.reservation, p.incentives,
                                               state.protocol.binding, table.best))
        column = state.tables.problem.party_ids.index(party)
        contributions = [t[:, column].tolist() for t in state.tables.problem.tables]
        self._cache = Candidates(state.scenario, state.tables, state.phase, state.locks, order, n, anchor, -n,
                                 contributions)
        return self._cache

    def time(self, state: State) -> float:
        rounds = max(1, state.protocol.rounds)
        return min(1.0, (state.round + state.turn / 2) / rounds)

    def discount(self, state: State) -> float:
        return float(state.protocol.discount ** state.round)

    def utility_of(self, state: State, party: str, outcome: tuple[int, ...]) -> float:
        """Discounted N of ``outcome`` for ``party`` (-inf if it crosses one of its red lines)."""
        assert state.tables is not None
        table = state.tables.of(party)
        index = state.tables.problem.index_of(outcome)
        if not table.ok[index]:
            return -np.inf
        p = state.scenario.party(party)
        n = scalar_negotiating_utility(float(table.perceived[index]), p.reservation, p.incentives,
                                       state.protocol.binding, table.best)
        return n * self.discount(state)

    # ---------------------------------------------------------------- bidding
    def bounds(self, state: State, party: str) -> tuple[float, float]:
        """(opening, floor) of the target: the best N, pulled toward a published plan by the
        phase's anchoring weight, and no deal (0)."""
        c = self.candidates(state, party)
        top = float(c.utility[0]) if len(c.utility) else 0.0
        if c.anchor_utility is not None:
            alpha = state.phase_def.anchoring
            top = (1 - alpha) * top + alpha * max(c.anchor_utility, 0.0)
        return top, 0.0

    def target(self, state: State, party: str) -> float:
        """Undiscounted target N at the current time; subclasses define the curve."""
        raise NotImplementedError

    def bid(self, state: State, party: str, rng: np.random.Generator, goal: float | None = None) -> tuple[int, ...]:
        """The candidate whose N is the lowest still at or above the target (the smallest concession)."""
        c = self.candidates(state, party)
        goal = self.target(state, party) if goal is None else goal
        position = int(np.searchsorted(c.descending, -goal, side="right")) - 1
        return state.tables.problem.outcome_at(int(c.outcomes[max(0, position)]))  # type: ignore[union-attr]

    # ---------------------------------------------------------------- acceptance and moves
    def act(self, state: State, party: str, rng: np.random.Generator) -> PlayerAction:
        """The AI's move: accept, walk away, or a counter-offer with a message."""
        c = self.candidates(state, party)
        if len(c.utility) == 0 or c.utility[0] <= 0:
            return Walk(party)                         # nothing it could sign beats no deal
        standing = state.standing
        offered = self.utility_of(state, party, standing.outcome) if standing and standing.party != party else None
        if state.final_response:
            return Accept(party) if offered is not None and offered >= 0 else Walk(party)
        goal = self.target(state, party)
        mine = self.bid(state, party, rng, goal)
        if offered is not None and offered >= 0:
            planned = self.utility_of(state, party, mine)
            if offered >= planned or offered >= goal * self.discount(state):
                return Accept(party)
        return Offer(party, mine, self.message(state, party, mine))

    def message(self, state: State, party: str, mine: tuple[int, ...]) -> Message | None:
        """Red line if their offer crossed one; 'final' near the deadline; else where movement is needed."""
        standing = state.standing
        if standing is None or standing.party == party:
            return None
        assert state.tables is not None
        if not state.tables.of(party).ok[state.tables.problem.index_of(standing.outcome)]:
            p = state.scenario.party(party)
            for i, basket in enumerate(state.scenario.baskets):
                if basket.options[standing.outcome[i]].id in p.red_lines.get(basket.id, ()):
                    return Message(MessageKind.RED_LINE, basket.id)
        if state.round >= state.protocol.rounds - 1:
            return Message(MessageKind.FINAL)
        values = self.candidates(state, party).contributions
        gaps = [values[i][mine[i]] - values[i][standing.outcome[i]] for i in range(len(state.scenario.baskets))]
        worst = max(range(len(gaps)), key=gaps.__getitem__)
        return Message(MessageKind.MOVEMENT, state.scenario.baskets[worst].id) if gaps[worst] > 1e-9 else None
