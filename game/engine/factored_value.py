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
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.engine.pact import PactTerms
from game.engine.years import GroupSums, expected_years
from game.model.scenario import ResponseRule

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Grid = NDArray[np.float64]          # an array broadcastable to the outcome grid
SPLIT = 1 << 18                     # outcome spaces above this are valued one option of the first basket at a time (peak memory)


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


class Axes:
    """Broadcast views over an outcome grid of ``ndim`` axes (baskets, then the form)."""

    def __init__(self, ndim: int) -> None:
        self.ndim = ndim

    def along(self, x: NDArray[Any], axis: int) -> NDArray[Any]:
        shape = [1] * self.ndim
        shape[axis] = len(x)
        return x.reshape(shape)

    def form(self, x: NDArray[Any]) -> NDArray[Any]:
        return self.along(x, self.ndim - 1)

    def form_basket(self, x: NDArray[Any], axis: int) -> NDArray[Any]:
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
    g = Axes(n_baskets + 1)
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
    total = [np.zeros(shape), np.zeros(shape)]
    if t.later is not None:
        total = [total[s] + e for s, e in enumerate(_with_events(t, g, ladders, first, paper, groups,
                                                                 _answers(t, g, sides, paper, groups)))]
    heard = _answers(t, g, sides, paper, groups)
    strategic = [_breaches(t, g, sides, s, paper[s], groups, delta, audience[s], heard) if t.trust < 1 else none
                 for s in range(2)] if t.later is None else [none, none]
    cache: dict[tuple[int, bool], GroupSums] = {}
    for types in ((False, False), (True, False), (False, True), (True, True)) if t.later is None else ():
        weight = float(np.prod([(1 - t.trust) if kind else t.trust for kind in types]))
        if weight <= 0:
            continue
        chosen = [strategic[s] if types[s] else None for s in range(2)]
        e = _expected(t, g, sides, chosen, paper, groups, stay, audience, years, r, heard, cache)
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


def _with_events(t: PactTerms, g: Axes, ladders: list[int], first: slice, paper: list[Grid],
                 groups: list[NDArray[np.int64]], heard: list[list[BoolArray | None]]) -> list[Grid]:
    """Each side's expected yearly value in force with the year events of ``t.later`` (rule 11), over the
    grid: :func:`game.engine.year_events.expected_with_events` with the sums of :func:`_side_sums`."""
    from game.engine.year_events import expected_tree
    plan = t.later
    assert plan is not None
    n_baskets = len(ladders)
    regimes: dict[int, tuple[list[_Side], list[Grid], Grid, list[list[BoolArray | None] | None]]] = {}
    sums: dict[tuple[int, int, bool], GroupSums] = {}

    def regime(mask: int) -> tuple[list[_Side], list[Grid], Grid, list[list[BoolArray | None] | None]]:
        key = plan.deal_key(mask)
        if key not in regimes:
            tm = plan.terms[key]
            stay = g.form(1 - tm.revocation)
            regimes[key] = (_sides(tm, ladders, first), [g.form(tm.credibility * tm.audience[s]) for s in range(2)],
                            stay, [None, None])
        return regimes[key]

    def side_sums(mask: int, s: int, strategic: bool) -> GroupSums:
        key = (plan.deal_key(mask), s, strategic)
        if key not in sums:
            sides, audience, stay, chosen = regime(mask)
            mask_b: list[BoolArray | None] = [None] * n_baskets
            if strategic:
                if chosen[s] is None:
                    tm = plan.terms[plan.deal_key(mask)]
                    chosen[s] = _breaches(tm, g, sides, s, paper[s], groups, tm.shadow * stay, audience[s], heard)
                mask_b = chosen[s]  # type: ignore[assignment]
            sums[key] = _side_sums(sides[s], sides[1 - s], mask_b, groups, g, audience[s], heard[s])
        return sums[key]

    return expected_tree(plan, t.years, t.rules, paper, [float(r) for r in t.reservation], side_sums,
                         lambda mask: regime(mask)[2])


def _same(a: BoolArray, b: BoolArray) -> bool:
    shape = np.broadcast_shapes(a.shape, b.shape)
    return bool(np.array_equal(np.broadcast_to(a, shape), np.broadcast_to(b, shape)))


def _sum(parts: object) -> Grid:
    acc: Grid = np.zeros(())
    for part in parts:  # type: ignore[attr-defined]
        acc = acc + part
    return acc


def _answers(t: PactTerms, g: Axes, sides: list[_Side], paper: list[Grid],
             groups: list[NDArray[np.int64]]) -> list[list[BoolArray | None]]:
    """``[s][b]``: where the victim answers an accusation against side ``s`` on basket ``b`` (rule 12, as in
    :func:`pact.answers`; None: everywhere)."""
    out: list[list[BoolArray | None]] = [[None] * len(sides[0].value) for _ in range(2)]
    if t.automatic:
        return out
    for s in range(2):
        v, rule = 1 - s, t.rules[1 - s]
        x = sides[v]
        bar = g.form(t.credibility * t.audience[v])
        for members in groups:
            if rule is ResponseRule.SUSPEND_BASKET:
                held = _sum(g.along(x.gain[c] - x.cost[c], c) for c in members)
            elif rule is ResponseRule.TIT_FOR_TAT:
                held = -_sum(g.along(x.cost[c] * x.active[c], c) for c in members)
            for b in members:
                if rule is ResponseRule.COLLAPSE:
                    keep = paper[v] - t.reservation[v] - g.along(x.gain[b], b)
                elif rule is ResponseRule.SUSPEND_BASKET:
                    keep = held - g.along(x.gain[b], b)
                else:
                    keep = held
                out[s][b] = keep < bar
    return out


def _heard(p: Grid, answer: BoolArray | None) -> Grid:
    """A chance of accusation, kept where the victim answers (rule 12)."""
    return p if answer is None else np.where(answer, p, 0.0)


def _breaches(t: PactTerms, g: Axes, sides: list[_Side], s: int, paper: Grid, groups: list[NDArray[np.int64]],
              delta: Grid, audience: Grid, heard: list[list[BoolArray | None]]) -> list[BoolArray | None]:
    """Per basket, where the strategic side ``s`` breaches (None: nowhere), as in :func:`pact.breaches`."""
    me = sides[s]
    n_baskets = len(me.value)
    net = [me.cost[b][:, None] - me.q[b][:, None] * (t.credibility * t.audience[s])[None, :] for b in range(n_baskets)]
    candidate = [me.active[b][:, None] & (net[b] > 0) for b in range(n_baskets)]
    out: list[BoolArray | None] = [None] * n_baskets
    if not any(c.any() for c in candidate):
        return out
    rule = t.rules[1 - s]                          # the response its breaches meet: the other side's
    qa = [_heard(g.along(me.q[b], b), heard[s][b]) for b in range(n_baskets)]      # caught and answered
    logs = [np.log1p(-np.minimum(q, 1 - 1e-12)) for q in qa]
    for members in groups:
        p0 = np.exp(_sum(np.log1p(-np.minimum(_heard(g.along(x.accident[b], b), heard[k][b]), 1 - 1e-12))
                         for k, x in enumerate(sides) for b in members))
        if rule is ResponseRule.COLLAPSE:
            w: Grid = np.maximum(paper - t.reservation[s], 0.0)
        elif rule is ResponseRule.SUSPEND_BASKET:
            w = np.maximum(_sum(g.along(me.gain[b] - me.cost[b], b) for b in members), 0.0)
        else:
            w = _sum(g.along(me.gain[b], b) for b in members)
        years = delta / np.maximum(1 - delta * p0, 1e-9) if rule is not ResponseRule.TIT_FOR_TAT else delta
        loss = p0 * w * years
        live = [b for b in members if candidate[b].any()]
        chosen: dict[int, BoolArray] = {}
        for _ in range(len(live) + 1):
            at_risk = loss * np.exp(_sum(np.where(chosen[b], logs[b], 0.0) for b in chosen))
            new: dict[int, BoolArray] = {}
            for b in live:
                threshold = at_risk if b not in chosen else at_risk * np.where(
                    chosen[b], 1 / (1 - np.minimum(qa[b], 1 - 1e-12)), 1.0)
                breach = g.form_basket(candidate[b], b) & (
                    g.form_basket(net[b], b) > threshold * qa[b])
                if breach.any():
                    new[b] = breach
            same = new.keys() == chosen.keys() and all(_same(new[b], chosen[b]) for b in new)
            chosen = new
            if same:
                break
        for b, mask in chosen.items():
            out[b] = mask
    return out


def _side_sums(x: _Side, other: _Side, mask: list[BoolArray | None], groups: list[NDArray[np.int64]], g: Axes,
               audience: Grid, heard: list[BoolArray | None]) -> GroupSums:
    """One side's sums over each group for one of its types; each basket adds one select and one add
    (``quiet`` counts only the accusations the victim answers, ``heard``; rule 12)."""
    fields: dict[str, list[Grid]] = {k: [] for k in ("own", "taken", "v_cost", "quiet", "answered", "cost_act",
                                                      "gain_act", "held")}
    for members in groups:
        sums: list[Grid] = [np.zeros(()) for _ in range(4)]
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
                sums[i] = sums[i] + (term if i != 1 else _heard(term, heard[b]))
        fields["own"].append(sums[0] - audience * sums[3])
        fields["v_cost"].append(sums[0])
        fields["quiet"].append(sums[1])
        fields["taken"].append(sums[2])
        fields["answered"].append(sums[3])
        fields["cost_act"].append(_sum(g.along(x.cost[b] * x.active[b], b) for b in members))
        fields["gain_act"].append(_sum(g.along(x.gain[b] * other.active[b], b) for b in members))
        fields["held"].append(_sum(g.along(x.gain[b] - x.cost[b], b) for b in members))
    return GroupSums(**fields)


def _expected(t: PactTerms, g: Axes, sides: list[_Side], chosen: list[list[BoolArray | None] | None],
              paper: list[Grid], groups: list[NDArray[np.int64]], stay: Grid, audience: list[Grid],
              years: int, r: FloatArray, heard: list[list[BoolArray | None]],
              cache: dict[tuple[int, bool], GroupSums] | None = None) -> list[Grid]:
    """Each side's expected yearly value in force for one pair of types (:func:`game.engine.years.expected_years`)."""
    n_baskets = len(sides[0].value)
    cache = {} if cache is None else cache
    sums = []
    for s in range(2):
        key = (s, chosen[s] is not None)
        if key not in cache:
            cache[key] = _side_sums(sides[s], sides[1 - s], chosen[s] or [None] * n_baskets, groups, g, audience[s],
                                    heard[s])
        sums.append(cache[key])
    return [expected_years(sums[s], sums[1 - s], t.rules[s], t.rules[1 - s], paper[s], float(r[s]), stay, years)
            for s in range(2)]
