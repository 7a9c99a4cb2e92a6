"""The expected value of every outcome at once, without gathering per-outcome rows.

The same model as :mod:`game.engine.pact` and :mod:`game.engine.valuation` (docs/model.md,
rules 3-7), computed over the outcome space as a numpy array of shape
``(k_1, ..., k_B, F)`` (baskets, then forms): each per-option quantity is a vector along its
basket's axis and every sum over baskets is a sum of broadcast views, the way
:meth:`game.model.problem.BargainingProblem.utility_column` builds utilities. Breach
decisions, which depend on the whole outcome through what a response would withdraw, are
full arrays, one per side and basket, found by the same best responses as
:func:`game.engine.pact.breaches`. A test checks this against the row-by-row valuation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.pact import PactTerms
from game.model.scenario import ResponseRule

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Grid = NDArray[np.float64]          # an array broadcastable to the outcome grid
SPLIT = 1 << 21                     # outcome spaces above this are done one option of the first basket at a time


@dataclass(frozen=True, eq=False)
class _Side:
    """Per basket: option vectors of one side, ``k_b`` long (padding dropped)."""

    gain: list[FloatArray]
    cost: list[FloatArray]
    q: list[FloatArray]
    accident: list[FloatArray]
    freelance: list[FloatArray]
    value: list[FloatArray]
    active: list[BoolArray]


class Grid_:
    """Broadcast views over an outcome grid of ``ndim`` axes (baskets, then the form)."""

    def __init__(self, ndim: int) -> None:
        self.ndim = ndim

    def along(self, x: NDArray[np.generic], axis: int) -> NDArray[np.generic]:
        shape = [1] * self.ndim
        shape[axis] = len(x)
        return x.reshape(shape)

    def form(self, x: NDArray[np.generic]) -> NDArray[np.generic]:
        return self.along(x, self.ndim - 1)

    def form_basket(self, x: NDArray[np.generic], axis: int) -> NDArray[np.generic]:
        """A ``(k_b, F)`` table as a view along basket ``axis`` and the form axis."""
        shape = [1] * self.ndim
        shape[axis], shape[-1] = x.shape
        return x.reshape(shape)


def _sides(t: PactTerms, ladders: list[int], first: slice) -> list[_Side]:
    out = []
    for s in range(2):
        def cut(a: FloatArray, b: int, committed: bool = False) -> FloatArray:
            row = a[s, b, :ladders[b]] * ((np.arange(ladders[b]) > 0) if committed else 1.0)
            return row[first] if b == 0 else row
        active = [(np.arange(k) > 0) & t.bound[s, b] for b, k in enumerate(ladders)]
        active[0] = active[0][first]
        n = len(ladders)
        out.append(_Side([cut(t.gain, b, True) for b in range(n)], [cut(t.cost, b, True) for b in range(n)],
                         [cut(t.q, b) for b in range(n)], [cut(t.accident, b) * active[b] for b in range(n)],
                         [cut(t.freelance, b) * active[b] for b in range(n)], [cut(t.value, b) for b in range(n)],
                         active))
    return out


def expected_grid(t: PactTerms, ladders: list[int], entry_logit: FloatArray, entry_slope: FloatArray,
                  threshold: FloatArray, allowed: BoolArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """(paper (n, 2), E (n, 2), P(entry) (n,), V (n, 2)) of every outcome, in outcome-index order.

    ``entry_logit`` and ``entry_slope`` are ``(F, 2, players)``; ``allowed`` is ``(n,)``."""
    size = int(np.prod(ladders)) * len(t.credibility)
    if size <= SPLIT or ladders[0] == 1:
        return _grid(t, ladders, slice(None), entry_logit, entry_slope, threshold, allowed)
    parts = [_grid(t, ladders, slice(j, j + 1), entry_logit, entry_slope, threshold,
                   allowed.reshape(ladders[0], -1)[j]) for j in range(ladders[0])]
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(4))  # type: ignore[return-value]


def _grid(t: PactTerms, ladders: list[int], first: slice, entry_logit: FloatArray, entry_slope: FloatArray,
          threshold: FloatArray, allowed: BoolArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    n_baskets = len(ladders)
    g = Grid_(n_baskets + 1)
    sides = _sides(t, ladders, first)
    shape = [len(sides[0].value[b]) for b in range(n_baskets)] + [len(t.credibility)]
    stay = g.form(1 - t.revocation)
    delta = t.shadow * stay
    years, r = t.years, t.reservation
    paper = [_sum(g.along(x.value[b], b) for b in range(n_baskets)) + g.form(t.form_value[s])
             for s, x in enumerate(sides)]
    groups = [np.flatnonzero(t.group == k) for k in range(t.n_groups)]
    audience = [g.form(t.credibility * t.audience[s]) for s in range(2)]
    none: list[BoolArray | None] = [None] * n_baskets
    strategic = [_breaches(t, g, sides, s, paper[s], groups, delta, audience[s]) if t.trust < 1 else none
                 for s in range(2)]
    total = [np.zeros(shape), np.zeros(shape)]
    cache: dict[tuple[int, bool], _Sums] = {}
    for types in ((False, False), (True, False), (False, True), (True, True)):
        weight = float(np.prod([(1 - t.trust) if kind else t.trust for kind in types]))
        if weight <= 0:
            continue
        chosen = [strategic[s] if types[s] else None for s in range(2)]
        e = _expected(t, g, sides, chosen, paper, groups, stay, audience, years, r, cache)
        for s in range(2):
            total[s] = total[s] + weight * e[s]
    entry = np.ones(shape)
    for s in range(2):
        z = entry_logit[:, s, :][None] + entry_slope[:, s, :][None] * (total[s].reshape(-1, shape[-1], 1)
                                                                          - threshold[s])
        entry = entry * np.prod(1 / (1 + np.exp(-z)), axis=2).reshape(shape)
    entry = entry.reshape(-1) * allowed
    flat = [np.broadcast_to(x, shape).reshape(-1) for x in total]
    papers = [np.broadcast_to(x, shape).reshape(-1) for x in paper]
    value = [entry * flat[s] + (1 - entry) * r[s] for s in range(2)]
    return (np.stack(papers, axis=1), np.stack(flat, axis=1), entry, np.stack(value, axis=1))


def _same(a: BoolArray, b: BoolArray) -> bool:
    shape = np.broadcast_shapes(a.shape, b.shape)
    return bool(np.array_equal(np.broadcast_to(a, shape), np.broadcast_to(b, shape)))


def _sum(parts: object) -> Grid:
    acc: Grid = np.zeros(())
    for part in parts:  # type: ignore[attr-defined]
        acc = acc + part
    return acc


def _breaches(t: PactTerms, g: Grid_, sides: list[_Side], s: int, paper: Grid, groups: list[NDArray[np.int64]],
              delta: Grid, audience: Grid) -> list[BoolArray | None]:
    """Per basket, where the strategic side ``s`` breaches (None: nowhere), as in :func:`pact.breaches`."""
    me = sides[s]
    n_baskets = len(me.value)
    net = [me.cost[b][:, None] - me.q[b][:, None] * (t.credibility * t.audience[s])[None, :] for b in range(n_baskets)]
    candidate = [me.active[b][:, None] & (net[b] > 0) for b in range(n_baskets)]
    out: list[BoolArray | None] = [None] * n_baskets
    if not any(c.any() for c in candidate):
        return out
    years = delta / np.maximum(1 - delta, 1e-9) if t.rule is not ResponseRule.TIT_FOR_TAT else delta
    logs = [np.log1p(-np.minimum(me.q[b], 1 - 1e-12)) for b in range(n_baskets)]
    for members in groups:
        p0 = np.exp(_sum(g.along(np.log1p(-np.minimum(x.accident[b], 1 - 1e-12)), b) for x in sides
                         for b in members))
        if t.rule is ResponseRule.COLLAPSE:
            w: Grid = np.maximum(paper - t.reservation[s], 0.0)
        elif t.rule is ResponseRule.SUSPEND_BASKET:
            w = np.maximum(_sum(g.along(me.gain[b] - me.cost[b], b) for b in members), 0.0)
        else:
            w = _sum(g.along(me.gain[b], b) for b in members)
        loss = p0 * w * years
        live = [b for b in members if candidate[b].any()]
        chosen: dict[int, BoolArray] = {}
        for _ in range(len(live) + 1):
            at_risk = loss * np.exp(_sum(np.where(chosen[b], g.along(logs[b], b), 0.0) for b in chosen))
            new: dict[int, BoolArray] = {}
            for b in live:
                threshold = at_risk if b not in chosen else at_risk * np.where(
                    chosen[b], g.along(1 / (1 - np.minimum(me.q[b], 1 - 1e-12)), b), 1.0)
                breach = g.form_basket(candidate[b], b) & (
                    g.form_basket(net[b], b) > threshold * g.along(me.q[b], b))
                if breach.any():
                    new[b] = breach
            same = new.keys() == chosen.keys() and all(_same(new[b], chosen[b]) for b in new)
            chosen = new
            if same:
                break
        for b, mask in chosen.items():
            out[b] = mask
    return out


@dataclass(frozen=True, eq=False)
class _Sums:
    """One side's sums over the baskets of each group, for one of its types (breach masks or none):
    ``own`` = sum cost * P(violate) - audience * P(answered), ``quiet`` = sum log P(not answered),
    ``taken[o]`` = sum gain_o * P(violate) (what the other side ``o`` loses), ``act`` = sum cost * active."""

    own: list[Grid]
    quiet: list[Grid]
    taken: list[Grid]
    v_cost: list[Grid]
    answered: list[Grid]


def _side_sums(x: _Side, other: _Side, mask: list[BoolArray | None], groups: list[NDArray[np.int64]], g: Grid_,
               audience: Grid) -> _Sums:
    """Sums over each group for one side and one type; each basket adds one select and one add."""
    own, quiet, taken, v_cost, answered = [], [], [], [], []
    for members in groups:
        sums: list[Grid] = [np.zeros(()), np.zeros(()), np.zeros(()), np.zeros(()), np.zeros(())]
        for b in members:
            act = x.active[b]
            off = (x.freelance[b], x.accident[b])
            on = (act.astype(float), x.q[b] * act)
            vecs_off = (x.cost[b] * off[0], np.log1p(-np.minimum(off[1], 1 - 1e-15)), other.gain[b] * off[0], off[1])
            vecs_on = (x.cost[b] * on[0], np.log1p(-np.minimum(on[1], 1 - 1e-15)), other.gain[b] * on[0], on[1])
            m = mask[b]
            for i in range(4):
                term = g.along(vecs_off[i], b) if m is None else np.where(m, g.along(vecs_on[i], b),
                                                                          g.along(vecs_off[i], b))
                sums[i] = sums[i] + term
        own.append(sums[0] - audience * sums[3])
        quiet.append(sums[1])
        taken.append(sums[2])
        v_cost.append(sums[0])
        answered.append(sums[3])
    return _Sums(own, quiet, taken, v_cost, answered)


def _expected(t: PactTerms, g: Grid_, sides: list[_Side], chosen: list[list[BoolArray | None] | None],
              paper: list[Grid], groups: list[NDArray[np.int64]], stay: Grid, audience: list[Grid],
              years: int, r: FloatArray, cache: dict[tuple[int, bool], _Sums] | None = None) -> list[Grid]:
    """Each side's expected yearly value in force for one pair of types (see valuation.py for the formulas)."""
    from game.engine.valuation import geometric
    n_baskets = len(sides[0].value)
    cache = {} if cache is None else cache
    sums = []
    for s in range(2):
        key = (s, chosen[s] is not None)
        if key not in cache:
            cache[key] = _side_sums(sides[s], sides[1 - s], chosen[s] or [None] * n_baskets, groups, g, audience[s])
        sums.append(cache[key])
    out = []
    for s in range(2):
        o = 1 - s
        mine, theirs = sums[s], sums[o]
        alive = paper[s] + _sum(mine.own) - _sum(theirs.taken)
        if t.rule is ResponseRule.COLLAPSE:
            x = np.exp(_sum(mine.quiet) + _sum(theirs.quiet)) * stay
            out.append(r[s] + (alive - r[s]) * geometric(x, years) / years)
        elif t.rule is ResponseRule.SUSPEND_BASKET:
            held_all = [_sum(g.along(sides[s].gain[b] - sides[s].cost[b], b) for b in members) for members in groups]
            base = paper[s] - _sum(held_all)
            e = r[s] + (base - r[s]) * geometric(stay, years) / years
            for k in range(len(groups)):
                held = held_all[k] + mine.own[k] - theirs.taken[k]
                y = np.exp(mine.quiet[k] + theirs.quiet[k]) * stay
                e = e + held * geometric(y, years) / years
            out.append(e)
        else:
            later = paper[s] - audience[s] * _sum(mine.answered)
            for k, members in enumerate(groups):
                mine_r = 1 - np.exp(theirs.quiet[k])                 # s retaliates: the other was answered here
                their_r = 1 - np.exp(mine.quiet[k])
                cost_act = _sum(g.along(sides[s].cost[b] * sides[s].active[b], b) for b in members)
                gain_act = _sum(g.along(sides[s].gain[b] * sides[o].active[b], b) for b in members)
                later = later + (1 - mine_r) * mine.v_cost[k] + mine_r * cost_act
                later = later - (1 - their_r) * theirs.taken[k] - their_r * gain_act
            out.append((alive + (years - 1) * r[s] + (later - r[s]) * (geometric(stay, years) - 1)) / years)
    return out
