"""The years of a pact in force, in expectation: one formula for every pair of response rules.

Given each side's types (so its yearly breach and accusation chances are fixed), the groups of
linked baskets evolve independently, year by year, and a year depends on the one before only
through which groups are suspended, whether the pact lives, and who retaliates (one year of
memory). With ``ans_s`` the chance of an answered accusation against side ``s`` on a group in a
year, which triggers the *victim's* rule (``rule_o`` for ``s``'s breaches):

* ``u = (1 - ans_s [rule_o ends or suspends]) (1 - ans_o [rule_s ends or suspends])``: the group
  stays live; ``k`` the same with only the rules that end the pact: no collapse from it;
* ``S(t) = u^(t-1) + (k - u) sum_{j < t-1} u^j``: the group has not ended the pact before year ``t``;
* ``P_alive(t) = (1 - revocation)^(t-1) prod_g S_g(t)`` and
  ``L_g(t) = (1 - revocation)^(t-1) u_g^(t-1) prod_{h != g} S_h(t)`` (group live, pact alive);
* a side retaliates on a group in year ``t >= 2`` (its rule is tit-for-tat) with probability
  ``(1 - revocation)^(t-1) u^(t-2) ans_other (1 - ans_self [rule_other ends or suspends]) prod_{h != g} S_h(t)``.

A side's value in year ``t`` is ``r`` once the pact is gone, its status quo and form (``base``) for
suspended groups, ``val_g`` for live ones, less what retaliation takes from it and plus what its
own retaliation wins back. The mean over the ``T`` years is its expected yearly value in force,
the expectation of the Monte Carlo in :mod:`game.engine.compliance`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.model.scenario import ResponseRule

Arr = NDArray[np.float64]
ENDS = (ResponseRule.COLLAPSE,)
STOPS = (ResponseRule.COLLAPSE, ResponseRule.SUSPEND_BASKET)


@dataclass(frozen=True, eq=False)
class GroupSums:
    """One side's sums over the baskets of each group, for one of its types (lists by group):
    ``own`` = sum cost x P(violate) - audience x P(accused) (public, answered or not); ``taken`` = sum of the other side's gain
    x P(this side violates); ``v_cost`` = sum cost x P(violate); ``quiet`` = sum log P(not answered);
    ``answered`` = sum P(answered); ``cost_act`` = sum cost over its commitments; ``gain_act`` = sum of
    its gain over the other side's commitments; ``held`` = sum (gain - cost): the group's paper worth."""

    own: list[Arr]
    taken: list[Arr]
    v_cost: list[Arr]
    quiet: list[Arr]
    answered: list[Arr]
    cost_act: list[Arr]
    gain_act: list[Arr]
    held: list[Arr]


def geometric(x: Arr, years: int) -> Arr:
    """``sum_{t<years} x^t`` for ``x`` in [0, 1] (``years`` where ``x`` is 1), by Horner's rule for short
    terms and ``(1 - x^years) / (1 - x)`` (the power by repeated squaring) for long ones."""
    x = np.asarray(x, dtype=np.float64)
    if years <= 0:
        return np.zeros_like(x)
    if years <= 8:
        acc = np.ones_like(x)
        for _ in range(years - 1):
            acc = acc * x
            acc += 1.0
        return acc
    power, base, e = np.ones_like(x), x, years
    while e:
        if e & 1:
            power = power * base
        base = base * base
        e >>= 1
    gap = 1 - x
    flat = np.abs(gap) < 1e-12
    return np.where(flat, float(years), (1 - power) / np.where(flat, 1.0, gap))


def _one_group(ans_s: Arr, ans_o: Arr, u: Arr, k: Arr, base: Arr, val: Arr, they_take: Arr, i_regain: Arr,
               rule_self: ResponseRule, rule_other: ResponseRule, reservation: float, stay: Arr,
               years: int) -> Arr:
    """:func:`expected_years` for the whole package as one group, summed over the years in closed form:
    ``sum_t P_alive = G(s u) + (k - u)/(1 - u) (G(s) - G(s u))``, ``sum_t L = G(s u)`` and the
    retaliation terms ``a s G_{T-1}(s u)``, with ``G`` the geometric sum and ``s`` the chance the
    form is not revoked."""
    su = stay * u
    shorter = geometric(su, years - 1)                    # G_{T-1}(s u); G_T = 1 + s u G_{T-1}
    g_su = 1 + su * shorter
    gap = 1 - u
    ratio = np.where(np.abs(gap) < 1e-12, 0.0, (k - u) / np.where(np.abs(gap) < 1e-12, 1.0, gap))
    alive = g_su + ratio * (geometric(stay, years) - g_su)
    total = years * reservation + (base - reservation) * alive + val * g_su
    later = stay * shorter
    if rule_other is ResponseRule.TIT_FOR_TAT:
        total = total + ans_s * (1 - ans_o * (rule_self in STOPS)) * later * they_take
    if rule_self is ResponseRule.TIT_FOR_TAT:
        total = total + ans_o * (1 - ans_s * (rule_other in STOPS)) * later * i_regain
    return total / years


def _prod(parts: list[Arr]) -> Arr:
    out: Arr = np.ones(())
    for p in parts:
        out = out * p
    return out


def expected_years(mine: GroupSums, theirs: GroupSums, rule_self: ResponseRule, rule_other: ResponseRule,
                   paper: Arr, reservation: float, stay: Arr, years: int) -> Arr:
    """The expected yearly value in force of one side (``mine``), whose rule as a victim is
    ``rule_self``, facing ``theirs`` (rule ``rule_other``)."""
    groups = len(mine.own)
    ans_s = [1 - np.exp(q) for q in mine.quiet]           # answered against this side, per group
    ans_o = [1 - np.exp(q) for q in theirs.quiet]
    u = [(1 - ans_s[g] * (rule_other in STOPS)) * (1 - ans_o[g] * (rule_self in STOPS)) for g in range(groups)]
    k = [(1 - ans_s[g] * (rule_other in ENDS)) * (1 - ans_o[g] * (rule_self in ENDS)) for g in range(groups)]
    base = paper - sum(mine.held, np.zeros(()))
    val = [mine.held[g] + mine.own[g] - theirs.taken[g] for g in range(groups)]
    they_take = [-(mine.gain_act[g] - theirs.taken[g]) for g in range(groups)]   # their retaliation
    i_regain = [mine.cost_act[g] - mine.v_cost[g] for g in range(groups)]        # my retaliation
    if groups == 1:
        return _one_group(ans_s[0], ans_o[0], u[0], k[0], base, val[0], they_take[0], i_regain[0],
                          rule_self, rule_other, reservation, stay, years)
    survive = [np.ones(()) for _ in range(groups)]       # S_g(t)
    power = [np.ones(()) for _ in range(groups)]         # u_g^(t-1)
    previous = [np.zeros(()) for _ in range(groups)]     # u_g^(t-2) (0 in year 1)
    sweep = [np.zeros(()) for _ in range(groups)]        # sum_{j < t-1} u_g^j
    alive_stay: Arr = np.ones(())
    total: Arr = np.zeros(())
    for t in range(1, years + 1):
        if t > 1:
            alive_stay = alive_stay * stay
            for g in range(groups):
                sweep[g] = sweep[g] + power[g]
                previous[g] = power[g]
                power[g] = power[g] * u[g]
                survive[g] = power[g] + (k[g] - u[g]) * sweep[g]
        alive = alive_stay * _prod(survive)
        year = (1 - alive) * reservation + alive * base
        for g in range(groups):
            rest = alive_stay * _prod([survive[h] for h in range(groups) if h != g])
            year = year + rest * power[g] * val[g]
            if t > 1 and rule_other is ResponseRule.TIT_FOR_TAT:
                year = year + rest * previous[g] * ans_s[g] * (1 - ans_o[g] * (rule_self in STOPS)) * they_take[g]
            if t > 1 and rule_self is ResponseRule.TIT_FOR_TAT:
                year = year + rest * previous[g] * ans_o[g] * (1 - ans_s[g] * (rule_other in STOPS)) * i_regain[g]
        total = total + year
    return total / years


@dataclass(frozen=True, eq=False)
class Year:
    """One year of a chain whose parameters change at known years (rule 11): each side's group sums
    for that year (its regime and its types), and the chance that the form is not revoked at its end."""

    mine: GroupSums
    theirs: GroupSums
    stay: Arr


def expected_years_varying(chain: list[Year], rule_self: ResponseRule, rule_other: ResponseRule, paper: Arr,
                           reservation: float) -> Arr:
    """:func:`expected_years` for parameters that change at known years, one :class:`Year` per year
    (:class:`Chain`, stepped through the years)."""
    walk = Chain(len(chain[0].mine.own), rule_self, rule_other, paper, reservation)
    total: Arr = np.zeros(())
    for year in chain:
        total = total + walk.step(year)
    return total / len(chain)


class Chain:
    """The year-by-year chain of one side for parameters that change at known years (rule 11).

    Per group ``g`` and year ``j``: ``u_j`` and ``k_j`` as in :func:`expected_years` but from year ``j``'s
    chances; ``L_t = prod_{j<t} u_j`` (the group live at the start of year ``t``);
    ``S_t = L_t + sum_{j<t} L_j (k_j - u_j)`` (it has not ended the pact before year ``t``), so
    ``S_{t+1} = S_t - L_t (1 - k_t)``; ``R_t = prod_{j<t} stay_j``. Year ``t`` is worth
    ``(1 - A_t) r + A_t base + sum_g R_t prod_{h != g} S_h(t) (L_g(t) val_g(t) + retaliation)``, with
    ``A_t = R_t prod_g S_g(t)`` and the retaliation of year ``t`` answering year ``t - 1``'s accusations:
    ``L_g(t-1) ans_(t-1) (1 - ans'_(t-1) [stops]) x`` what it takes or wins back in year ``t``. With the same
    parameters every year this is :func:`expected_years` term by term. :meth:`copy` branches a chain
    where what comes next depends on a chance (an event, a new government's type)."""

    def __init__(self, groups: int, rule_self: ResponseRule, rule_other: ResponseRule, paper: Arr,
                 reservation: float) -> None:
        self.groups, self.rule_self, self.rule_other = groups, rule_self, rule_other
        self.paper, self.reservation = paper, reservation
        self.base: Arr | None = None
        self.live: list[Arr] = [np.ones(()) for _ in range(groups)]         # L_g(t)
        self.survive: list[Arr] = [np.ones(()) for _ in range(groups)]      # S_g(t)
        # L_g(t-1) ans_(t-1) (1 - ans'_(t-1) [stops]): the chance of a retaliation this year, by the other
        # side (before_s, answering this side's breach) or by this side (before_o)
        self.before_s: list[Arr] = [np.zeros(()) for _ in range(groups)]
        self.before_o: list[Arr] = [np.zeros(()) for _ in range(groups)]
        self.alive_stay: Arr = np.ones(())
        self.first = True
        self.memo: dict[tuple[int, int], tuple[list[Any], ...]] = {}

    def copy(self) -> Chain:
        new = Chain.__new__(Chain)
        new.__dict__.update(self.__dict__)
        for name in ("live", "survive", "before_s", "before_o"):
            setattr(new, name, list(getattr(self, name)))
        return new

    def _terms(self, year: Year) -> tuple[list[Any], ...]:
        key = (id(year.mine), id(year.theirs))
        if key not in self.memo:
            mine, theirs, groups = year.mine, year.theirs, self.groups
            rs, ro = self.rule_self, self.rule_other
            a_s = [1 - np.exp(q) for q in mine.quiet]
            a_o = [1 - np.exp(q) for q in theirs.quiet]
            self.memo[key] = (a_s, a_o,
                              [mine.held[g] + mine.own[g] - theirs.taken[g] for g in range(groups)],
                              [theirs.taken[g] - mine.gain_act[g] for g in range(groups)],
                              [mine.cost_act[g] - mine.v_cost[g] for g in range(groups)],
                              [(1 - a_s[g] * (ro in STOPS)) * (1 - a_o[g] * (rs in STOPS)) for g in range(groups)],
                              [1 - (1 - a_s[g] * (ro in ENDS)) * (1 - a_o[g] * (rs in ENDS)) for g in range(groups)],
                              [year.mine, year.theirs])       # held alive: the key is their ids
        return self.memo[key]

    def step(self, year: Year) -> Arr:
        """The value of the next year, and the chain moved past it."""
        ans_s, ans_o, val, they_take, i_regain, u, ends, _ = self._terms(year)
        if self.base is None:                                      # held is the paper's: no event changes it
            self.base = self.paper - sum(year.mine.held, np.zeros(())) - self.reservation
        rs, ro, groups = self.rule_self, self.rule_other, self.groups
        alive = self.alive_stay * _prod(self.survive)
        value = self.reservation + alive * self.base
        for g in range(groups):
            rest = self.alive_stay if groups == 1 else self.alive_stay * _prod(
                [self.survive[h] for h in range(groups) if h != g])
            gain = self.live[g] * val[g]
            if not self.first and ro is ResponseRule.TIT_FOR_TAT:      # they answer my breach of last year
                gain = gain + self.before_s[g] * they_take[g]
            if not self.first and rs is ResponseRule.TIT_FOR_TAT:      # I answer theirs
                gain = gain + self.before_o[g] * i_regain[g]
            value = value + rest * gain
        for g in range(groups):
            self.survive[g] = self.survive[g] - self.live[g] * ends[g]
            if ro is ResponseRule.TIT_FOR_TAT:                          # L_g(t) ans_s (1 - ans_o [my rule stops])
                self.before_s[g] = self.live[g] * ans_s[g] * (1 - ans_o[g]) if rs in STOPS else self.live[g] * ans_s[g]
            if rs is ResponseRule.TIT_FOR_TAT:
                self.before_o[g] = self.live[g] * ans_o[g] * (1 - ans_s[g]) if ro in STOPS else self.live[g] * ans_o[g]
            self.live[g] = self.live[g] * u[g]
        self.alive_stay = self.alive_stay * year.stay
        self.first = False
        return value
