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

from game.engine.actions import Accept, MessageKind, Offer, PlayerAction, Walk
from game.engine.state import State
from game.model.incentives import scalar_negotiating_utility
from game.model.scenario import Incentives
from game.strategies.words import heard, kept_red_line, message, move_on

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def table_offers(state: State) -> list[Offer]:
    """The offers of the game so far made in the current table's outcome space: a definitions phase
    bargains over its scope ladder (one issue and the terms), so its offers are not read as offers
    of packages, nor the reverse (game.engine.scope). Every offer of a game without one."""
    size = len(state.tables.problem.shape) if state.tables is not None else 0
    return [a for a in state.history if isinstance(a, Offer) and len(a.outcome) == size]


@dataclass(frozen=True, eq=False)
class Candidates:
    """The outcomes the AI may offer (its red lines and the locks respected), best first.

    ``N`` is an increasing affine function of the perceived utility (see
    :mod:`game.model.incentives`), so the outcomes are kept in the table's order
    with their perceived utility, and ``N`` is only ever computed for the few
    outcomes a binary search looks at. Valid while the state's scenario (its
    parameters), tables, phase and locks are the same objects/values."""

    scenario: object
    tables: object
    phase: int
    locks: tuple[int, ...]
    outcomes: IntArray
    neg_perceived: FloatArray         # -perceived utility of ``outcomes``: ascending
    reservation: float
    incentives: Incentives
    binding: bool
    best: float
    anchor_utility: float | None
    perceived: FloatArray             # the table's perceived utility of every outcome
    ok: NDArray[np.bool_]             # the table's red-line mask
    contributions: list[list[float]]  # per basket, per option: this party's utility from it
    slope: float = 0.0                # N = slope * perceived + intercept (up to rounding)
    intercept: float = 0.0

    def n_at(self, position: int) -> float:
        """Undiscounted N of the outcome at ``position`` (exactly as :func:`negotiating_utility`)."""
        return scalar_negotiating_utility(-float(self.neg_perceived[position]), self.reservation, self.incentives,
                                          self.binding, self.best)

    @property
    def top(self) -> float:
        """The best N on offer (-inf when there is nothing to offer)."""
        return self.n_at(0) if len(self.outcomes) else -np.inf

    def count_at_least(self, goal: float, strict: bool = False) -> int:
        """How many leading outcomes have ``N >= goal`` (``N > goal`` when ``strict``).

        A binary search on the perceived utility that inverts ``N``, then a check of the
        neighbours with ``N`` itself: float rounding is monotone, so ``N`` never rises along
        the order and the answer is exactly what a search over the ``N`` array would give.
        """
        size, goal = len(self.outcomes), float(goal)
        passes = goal.__lt__ if strict else goal.__le__         # passes(n): n > goal, or n >= goal
        if size == 0:
            return 0
        if self.slope <= 0:                                    # N is the same for every outcome
            return size if passes(self.n_at(0)) else 0
        threshold = (goal - self.intercept) / self.slope
        count = int(np.searchsorted(self.neg_perceived, -threshold, side="right"))
        neg = self.neg_perceived
        while count < size and passes(self.n_at(count)):       # whole blocks of equal utility at a time
            count = int(np.searchsorted(neg, neg[count], side="right"))
        while count > 0 and not passes(self.n_at(count - 1)):
            count = int(np.searchsorted(neg, neg[count - 1], side="left"))
        return count


class Strategy:
    """Base AI. Subclasses set :attr:`name` and override :meth:`target` (and maybe :meth:`bid`)."""

    name = "base"
    follows_anchor = True      # False only in experiments (see registry.make)

    def __init__(self) -> None:
        self._cache: Candidates | None = None
        self._checked: State | None = None     # the last state the cache was checked against
        # each other side's credibility and broken words when it last heard them (game.strategies.words.heard)
        self.credibility_seen: dict[str, tuple[float, int]] = {}

    # ---------------------------------------------------------------- view
    def candidates(self, state: State, party: str) -> Candidates:
        """Valid outcomes and their N, recomputed only when the table, locks or parameters change."""
        assert state.tables is not None
        c = self._cache
        if c is not None and state is self._checked:
            return c
        if (c is not None and c.scenario is state.scenario and c.tables is state.tables and c.phase == state.phase
                and c.locks == state.locks):
            self._checked = state
            return c
        p = state.scenario.party(party)
        table = state.tables.of(party)
        order, neg = table.order, table.sorted_neg
        if getattr(table, "searched", False):            # a space too large to tabulate: search under the locks
            if any(lock >= 0 for lock in state.locks):
                order, neg = table.candidates(state.locks)  # type: ignore[attr-defined]
        elif any(lock >= 0 for lock in state.locks):
            digits = np.unravel_index(order, state.tables.problem.shape)
            keep = np.ones(len(order), dtype=bool)
            for i, lock in enumerate(state.locks):
                if lock >= 0:
                    keep &= digits[i] == lock
            order, neg = order[keep], neg[keep]
        binding = state.protocol.binding
        anchor = None
        if state.anchor is not None:
            anchor = scalar_negotiating_utility(_plan_value(state, table.perceived), p.reservation, p.incentives,
                                                binding, table.best)
        column = state.tables.problem.party_ids.index(party)
        contributions = [t[:, column].tolist() for t in state.tables.problem.tables]
        self._checked = state
        self._cache = Candidates(state.scenario, state.tables, state.phase, state.locks, order, neg, p.reservation,
                                 p.incentives, binding, table.best, anchor, table.perceived, table.ok,
                                 contributions, p.incentives.concession_weight + (0.0 if binding else p.incentives.reveal_cost),
                                 scalar_negotiating_utility(0.0, p.reservation, p.incentives, binding, table.best))
        return self._cache

    def time(self, state: State) -> float:
        rounds = max(1, state.protocol.rounds)
        return min(1.0, (state.round + state.turn / 2) / rounds)

    def discount(self, state: State) -> float:
        return float(state.protocol.discount ** state.round)

    def utility_of(self, state: State, party: str, outcome: tuple[int, ...]) -> float:
        """Discounted N of ``outcome`` for ``party`` (-inf if it crosses one of its red lines), as
        far as it believes the other side's declared red lines (message rule 2, docs/model.md)."""
        assert state.tables is not None
        c = self.candidates(state, party)
        index = state.tables.problem.index_of(outcome)
        if not c.ok[index]:
            return -np.inf
        perceived = float(c.perceived[index])
        weight, pairs = self.belief(state, party)
        if weight > 0 and any(outcome[b] == o for b, o in pairs):
            perceived -= weight * (perceived - c.reservation)
        n = scalar_negotiating_utility(perceived, c.reservation, c.incentives, c.binding, c.best)
        return n * self.discount(state)

    # ---------------------------------------------------------------- messages (docs/model.md, "Messages")
    def other(self, state: State, party: str) -> str:
        return state.seats[1] if state.seats[0] == party else state.seats[0]

    def belief(self, state: State, party: str) -> tuple[float, list[tuple[int, int]]]:
        """(weight, [(basket index, option index)]): how far ``party`` believes each red line the other
        side has declared at this table: the sender's credibility shared among its standing red lines."""
        declared = state.red_lines_declared(self.other(state, party))
        if not declared:
            return 0.0, []
        s = state.scenario
        index = {b.id: i for i, b in enumerate(s.baskets)}
        pairs = [(index[b], s.baskets[index[b]].option_index(o)) for b, o in declared]
        return min(1.0, state.credibility(self.other(state, party)) / len(pairs)), pairs

    def _believed(self, state: State, c: Candidates, position: int, weight: float,
                  pairs: list[tuple[int, int]]) -> float:
        """Undiscounted N of the candidate at ``position`` as believed (message rule 2)."""
        perceived = -float(c.neg_perceived[position])
        if weight > 0 and pairs:
            outcome = state.built.problem.outcome_at(int(c.outcomes[position]))
            if any(outcome[b] == o for b, o in pairs):
                perceived -= weight * (perceived - c.reservation)
        return scalar_negotiating_utility(perceived, c.reservation, c.incentives, c.binding, c.best)

    def _last_match(self, state: State, c: Candidates, limit: int, pairs: list[tuple[int, int]],
                    tainted: bool | None, fixed: tuple[int, int] | None) -> int | None:
        """The last position below ``limit`` whose outcome crosses a declared red line (``tainted`` True),
        crosses none (False) or either (None), and has option ``fixed[1]`` on basket ``fixed[0]``."""
        if tainted is None and fixed is None:
            return limit - 1 if limit > 0 else None
        shape = state.built.problem.shape
        end, size = limit, 256
        while end > 0:
            start = max(0, end - size)
            digits = np.unravel_index(c.outcomes[start:end], shape)
            keep = np.ones(end - start, dtype=bool)
            if fixed is not None:
                keep &= digits[fixed[0]] == fixed[1]
            if tainted is not None:
                hit = np.zeros(end - start, dtype=bool)
                for b, o in pairs:
                    hit |= digits[b] == o
                keep &= hit if tainted else ~hit
            found = np.flatnonzero(keep)
            if len(found):
                return start + int(found[-1])
            end, size = start, size * 4
        return None

    def lowest_at_least(self, state: State, party: str, goal: float,
                        fixed: tuple[int, int] | None = None) -> int | None:
        """Position of the candidate whose believed N is the lowest still at or above ``goal`` (with
        option ``fixed[1]`` on basket ``fixed[0]`` if given); None when there is none."""
        c = self.candidates(state, party)
        weight, pairs = self.belief(state, party)
        hi = c.count_at_least(goal)
        if weight <= 0 or c.slope <= 0:
            return self._last_match(state, c, hi, pairs, None, fixed)
        clean = self._last_match(state, c, hi, pairs, False, fixed)
        tainted = self._last_match(state, c, self._tainted_limit(c, goal, weight), pairs, True, fixed)
        options = [p for p in (clean, tainted) if p is not None]
        if not options:
            return None
        return min(options, key=lambda p: (self._believed(state, c, p, weight, pairs), -p))

    def _tainted_limit(self, c: Candidates, goal: float, weight: float) -> int:
        """How many leading candidates reach ``goal`` in believed N if they cross a declared red line:
        ``U - w (U - r) >= u_goal``, i.e. ``U >= (u_goal - w r) / (1 - w)``."""
        u_goal = (goal - c.intercept) / c.slope
        if weight >= 1:
            return len(c.outcomes) if c.reservation >= u_goal else 0
        return c.count_at_least(c.slope * (u_goal - weight * c.reservation) / (1 - weight) + c.intercept)

    # ---------------------------------------------------------------- bidding
    def bounds(self, state: State, party: str) -> tuple[float, float]:
        """(opening, floor) of the target: the best N, pulled toward a published plan by the
        phase's anchoring weight, and no deal (0)."""
        c = self.candidates(state, party)
        top = c.top if len(c.outcomes) else 0.0
        if c.anchor_utility is not None and self.follows_anchor:
            alpha = state.phase_def.anchoring
            top = (1 - alpha) * top + alpha * max(c.anchor_utility, 0.0)
        return top, 0.0

    def target(self, state: State, party: str) -> float:
        """Undiscounted target N at the current time; subclasses define the curve."""
        raise NotImplementedError

    def bid(self, state: State, party: str, rng: np.random.Generator, goal: float | None = None) -> tuple[int, ...]:
        """The candidate whose (believed) N is the lowest still at or above the target (the smallest concession)."""
        c = self.candidates(state, party)
        goal = self.target(state, party) if goal is None else goal
        position = self.lowest_at_least(state, party, goal)
        return state.built.problem.outcome_at(int(c.outcomes[position or 0]))

    def moved_bid(self, state: State, party: str, goal: float, basket: int, option: int) -> tuple[int, ...] | None:
        """Its bid with ``option`` on ``basket`` (message rule 4), or None if it cannot afford one."""
        c = self.candidates(state, party)
        position = self.lowest_at_least(state, party, goal, (basket, option))
        return None if position is None else state.built.problem.outcome_at(int(c.outcomes[position]))

    # ---------------------------------------------------------------- acceptance and moves
    why: str | None = None      # the reason for its last move, in words (the front-ends show it)

    def act(self, state: State, party: str, rng: np.random.Generator) -> PlayerAction:
        """The AI's move: accept, walk away, or a counter-offer with a message; :attr:`why` says why."""
        self.why = None
        c = self.candidates(state, party)
        if c.top <= 0:
            self.why = "Nothing we could sign is worth more to us than no deal."
            return Walk(party)                         # nothing it could sign beats no deal
        standing = state.standing
        theirs = standing if standing is not None and standing.party != party else None
        offered = self.utility_of(state, party, theirs.outcome) if theirs is not None else None
        said = theirs.message if theirs is not None else None
        notes = heard(self, state, party, said)
        if state.final_response:
            ok = offered is not None and offered >= 0
            over = "The talks have been ended" if state.ended else "The last round is over"
            self.why = " ".join(notes + [f"{over}, and your offer is worth "
                                         + ("at least as much to us as no deal." if ok else "less to us than no deal.")])
            return Accept(party) if ok else Walk(party)
        goal = self.target(state, party)
        mine = self.bid(state, party, rng, goal)
        if offered is not None and said is not None and said.kind is MessageKind.FINAL:
            going_on, chance = self.going_on(state, party)       # message rule 3
            if offered >= 0 and offered >= going_on:
                self.why = " ".join(notes + [f"We accept your final offer: it is worth at least what we expect from "
                                             f"going on ({final_words(state, self.other(state, party), self.time(state), chance)})."])
                return Accept(party)
            worth = ("less to us than no deal" if offered < 0 else
                     f"{offered / going_on:.0%} of what we expect from going on" if going_on > 0 else "too little")
            notes.append(f"We do not accept your final offer: it is worth {worth} "
                         f"({final_words(state, self.other(state, party), self.time(state), chance)}).")
        elif offered is not None and offered >= 0:
            planned = self.utility_of(state, party, mine)
            if offered >= planned or offered >= goal * self.discount(state):
                self.why = " ".join(notes + ["Your offer is worth at least what we would ask for next."])
                return Accept(party)
        if said is not None and said.kind is MessageKind.MOVEMENT and said.basket is not None and theirs is not None:
            mine, note = move_on(self, state, party, goal, mine, theirs.outcome, said.basket)   # message rule 4
            notes.append(note)
        if said is not None and said.kind is MessageKind.RED_LINE and said.option is not None and said.basket:
            notes += kept_red_line(state, said.basket, said.option, mine)
        self.why = " ".join(notes) or None
        return Offer(party, mine, message(self, state, party, mine))

    def going_on(self, state: State, party: str) -> tuple[float, float]:
        """(what it expects from going on, discounted; the chance it gives that the other side's offer is
        final): its target at its next turn, one round later, times the chance the talks go on, ``1 - c t``."""
        chance = state.credibility(self.other(state, party)) * self.time(state)
        later = state.evolve(round=state.round + 1)
        return (1 - chance) * max(0.0, self.target(later, party)) * self.discount(later), chance


def final_words(state: State, other: str, late: float, chance: float) -> str:
    """Why the AI believes a final offer as much as it does (message rule 3): the chance is the other side's
    credibility times how far the talks have run, said as such, so that it does not read as a second
    credibility (player trial: "the chance that it is really final is 2%" beside "your word's credibility with
    them: 10%")."""
    return (f"we think the chance that it is really final is {chance:.0%}: your credibility with us, "
            f"{state.credibility(other):.0%}, times how far the talks have run, {late:.0%}")


def _plan_value(state: State, perceived: FloatArray) -> float:
    """What the published plan's terms are worth to a delegation: the best value, as it perceives it,
    of the plan's basket options under any agreement form. The terms travel; the form is the
    officials' to choose (a plan written where nothing binds may name a treaty no Senate would pass)."""
    assert state.tables is not None and state.anchor is not None
    problem = state.tables.problem
    forms = problem.shape[-1]
    indices = [problem.index_of(state.anchor[:-1] + (f,)) for f in range(forms)]
    return float(max(perceived[i] for i in indices))
