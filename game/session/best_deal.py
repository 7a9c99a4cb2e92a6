"""The debrief's best deal for the player's government, one rule for both front-ends.

"Best" is by expected value (docs/model.md, rule 7), the measure the deal the player got is scored on:
among the packages of the last table that cross neither side's red lines and that the other government
would also prefer to no deal (its expected value above its no-deal value), the one worth most, expected,
to the player's government. The Pareto frontier on paper is no such measure: its best package for one
side can be worth less, expected, than the deal struck and than no deal (newcomer trial: "0.853 on
paper, 0.620 expected" shown as best beside a deal worth 0.621). A package no better than the deal
struck is never shown as better: the words then say that none was.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.result import GameResult
from game.engine.state import State
from game.session.names import government_of


@dataclass(frozen=True)
class BestDeal:
    """The best package for ``party``'s government (see the module) and its true values."""

    party: str
    outcome: tuple[int, ...]
    expected: float
    paper: float


def best_for(state: State, party: str) -> BestDeal | None:
    """The package of the last table worth most, expected, to ``party``'s government among those crossing no
    red line that the other side's government prefers to no deal; None when ``party`` does not sit there or
    there is none. Ties go to the lowest outcome index; with searched tables, among the two sides' candidates."""
    tables = state.tables
    if tables is None or party not in tables.problem.party_ids:
        return None
    problem = tables.problem
    other = next(pid for pid in problem.party_ids if pid != party)
    a, b = tables.of(party), tables.of(other)
    pool = np.union1d(a.order, b.order) if tables.searched else np.arange(len(a.expected))
    ok = a.ok[pool] & b.ok[pool] & (b.expected[pool] > state.scenario.party(other).reservation)
    if not ok.any():
        return None
    best = int(pool[int(np.argmax(np.where(ok, a.expected[pool], -np.inf)))])
    return BestDeal(party, problem.outcome_at(best), float(a.expected[best]), float(a.true_u[best]))


def seat_of(state: State, result: GameResult, side: str) -> str | None:
    """The party at the last table that speaks for ``side``'s government: ``side`` itself, or (for a
    delegation such as Track 1.5 experts) its government's own delegation; None if neither sits there."""
    ids = state.tables.problem.party_ids if state.tables is not None else ()
    if side in ids:
        return side
    principal = state.scenario.party(side).principal
    return next((p.party for p in result.principals if p.principal == principal and p.party in ids), None)


def best_deal_words(state: State, result: GameResult, side: str) -> tuple[str, tuple[int, ...] | None]:
    """The debrief's sentence on the best deal for ``side``'s government and the package's terms to list after
    it (None: no package to list); ("", None) without an agreement or a seat at the last table."""
    seat = seat_of(state, result, side)
    got = next((p for p in result.principals if p.party == seat), None)
    if result.agreement is None or seat is None or got is None:
        return "", None
    best = best_for(state, seat)
    other = next(pid for pid in state.tables.problem.party_ids if pid != seat) if state.tables else seat
    if best is None or best.expected <= got.expected + 5e-4:
        return (f"No package that {government_of(state.scenario, other, article=True)} preferred to no deal was "
                f"worth more, expected, to your government than the deal struck ({got.expected:.3f}).", None)
    return (f"Best deal for your government that {government_of(state.scenario, other, article=True)} also "
            f"preferred to no deal (by expected value, the measure of your deal; no red line crossed): worth "
            f"{best.expected:.3f} expected, {best.paper:.3f} on paper, against the deal struck's "
            f"{got.expected:.3f}", best.outcome)
