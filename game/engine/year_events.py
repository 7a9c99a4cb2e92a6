"""Events of the compliance years, in expectation (docs/model.md, rule 11).

A year event happens at the start of its compliance year with its probability, one draw per
history, and its effects hold from that year on. So each combination of events that happen
gives a *schedule*: the terms of each year (:class:`game.engine.pact.YearPlan`, one per subset of
events so far) and the *eras* (a trust-changing event starts a new era, in which each
government's type is drawn anew from the new trust). Given one type pair per era the groups of
linked baskets still evolve independently, so each (schedule, types per era) is one chain of
:class:`game.engine.years.Chain`; the expected yearly value is the mixture over the combinations
(their probabilities) and the types (trust of each era), summed as a tree of histories
(:func:`expected_tree`) so that a year shared by several histories is summed once. Everything
is an array over deals (rows here; the outcome grid in :mod:`game.engine.factored_value`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.pact import DealTerms, PactTerms, YearPlan, breaches, deal_terms
from game.engine.years import Arr, Chain, GroupSums, Year
from game.model.scenario import ResponseRule

FloatArray = NDArray[np.float64]
TYPES = ((False, False), (True, False), (False, True), (True, True))
SumsOf = Callable[[int, int, bool], GroupSums]
"""(regime mask, side, strategic type?) -> that side's group sums."""


@dataclass(frozen=True, eq=False)
class _Tree:
    """What every node of one history tree reads, and the running totals it adds to."""

    plan: YearPlan
    years: int
    sums_of: SumsOf
    stay_of: Callable[[int], Arr]
    total: list[Arr]


def expected_tree(plan: YearPlan, years: int, rules: tuple[ResponseRule, ResponseRule], paper: list[Arr],
                  reservation: list[float], sums_of: SumsOf, stay_of: Callable[[int], Arr]) -> list[Arr]:
    """Each side's expected yearly value in force over every history of the year events and the types.

    The histories form a tree: at the start of each year the events scheduled then happen or not
    (their probabilities), and at the start of year 1 and after an event that changes trust each
    government's type is drawn (complying with the trust then in force). Each branch carries its
    :class:`game.engine.years.Chain` per side, copied where the tree branches, so a year shared by
    several histories is summed once.

    The walk is a module-level function, not a closure that calls itself: a self-referencing
    closure is a reference cycle, which would keep ``sums_of`` (and every outcome-grid array its
    memo holds, hundreds of MB on a large space) alive until the cyclic garbage collector ran."""
    tree = _Tree(plan, years, sums_of, stay_of, [np.zeros(()), np.zeros(())])
    groups = len(sums_of(0, 0, False).own)
    _visit(tree, 1, 0, (False, False), 1.0,
           [Chain(groups, rules[s], rules[1 - s], paper[s], reservation[s]) for s in range(2)])
    return [x / years for x in tree.total]


def _visit(tree: _Tree, year: int, happened: int, types: tuple[bool, bool], weight: float,
           chains: list[Chain]) -> None:
    """Add year ``year`` and every later one of the histories below this node to ``tree.total``, depth
    first in branch order (events that happen or not, then the types drawn), so the sums run in one order."""
    plan = tree.plan
    if year > tree.years:
        return
    due = [i for i, y in enumerate(plan.years) if y == year]
    branches = []
    for pick in range(1 << len(due)):
        p, now = 1.0, happened
        for k, i in enumerate(due):
            if pick >> k & 1:
                p, now = p * plan.chance[i], now | (1 << i)
            else:
                p *= 1 - plan.chance[i]
        if p <= 0:
            continue
        if year == 1 or now & plan.redrawn_at(year):
            trust = plan.terms[now].trust
            for kinds in TYPES:
                w = float(np.prod([(1 - trust) if kind else trust for kind in kinds]))
                if w > 0:
                    branches.append((now, kinds, p * w))
        else:
            branches.append((now, types, p))
    for k, (now, kinds, p) in enumerate(branches):
        mine = chains if k == len(branches) - 1 else [c.copy() for c in chains]
        stay = tree.stay_of(now)
        for s in range(2):
            value = mine[s].step(Year(tree.sums_of(now, s, kinds[s]), tree.sums_of(now, 1 - s, kinds[1 - s]), stay))
            tree.total[s] = tree.total[s] + (weight * p) * value
        _visit(tree, year + 1, now, kinds, weight * p, mine)


def expected_with_events(t: PactTerms, d: DealTerms) -> FloatArray:
    """``(n, 2)``: each side's expected yearly value in force (``E``) with the year events of ``t.later``."""
    from game.engine.valuation import group_sums   # valuation imports this module
    plan = t.later
    assert plan is not None and d.digits is not None
    deals: dict[int, tuple[PactTerms, DealTerms, NDArray[np.bool_]]] = {}
    sums: dict[tuple[int, bool, bool], tuple[GroupSums, GroupSums]] = {}

    def regime(mask: int) -> tuple[PactTerms, DealTerms, NDArray[np.bool_]]:
        mask = plan.deal_key(mask)
        if mask not in deals:
            terms = plan.terms[mask]
            dm = deal_terms(terms, d.digits)    # type: ignore[arg-type]
            deals[mask] = (terms, dm, breaches(terms, dm))
        return deals[mask]

    def sums_of(mask: int, types: tuple[bool, bool]) -> tuple[GroupSums, GroupSums]:
        key = (plan.deal_key(mask), types[0], types[1])
        if key not in sums:
            terms, dm, strategic = regime(mask)
            sums[key] = group_sums(terms, dm, strategic & np.array(types)[None, :, None])
        return sums[key]

    def side_sums(mask: int, s: int, strategic: bool) -> GroupSums:
        pair = sums_of(mask, (strategic, False) if s == 0 else (False, strategic))
        return pair[s]

    out = expected_tree(plan, t.years, t.rules, [d.paper[:, 0], d.paper[:, 1]],
                        [float(r) for r in t.reservation], side_sums, lambda mask: 1 - regime(mask)[1].revocation)
    return np.stack([np.broadcast_to(x, d.paper.shape[:1]) for x in out], axis=1)
