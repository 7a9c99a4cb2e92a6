"""The terms of a pact once signed, and each side's deliberate breaches (docs/model.md, rules 1-4).

Everything is an array over outcomes, so the AI's tables, the analytics and the compliance
Monte Carlo share one implementation. For the two sides ``s`` at the table (the other is
``o``), a basket ``b`` and the option the deal chose for it, in units of ``s``'s utility
(scaled by ``(1 - form_weight) * weight_b / sum of weights``):

* ``gain[s, b]``: the value to ``s`` of the other's restraint (rule 1), what ``s`` loses in a
  year the other breaches; counted only when the basket binds the other side;
* ``cost[s, b]``: the cost of ``s``'s own restraint, what a breach wins back;
* ``q[s, b]``: the yearly chance that a breach by ``s`` is caught and attributed:
  ``min(detection * detection_by[s], detection_cap) * attribution`` (rule 4);
* ``accident[s, b]``: the yearly chance of an *answered* accusation against ``s`` when it keeps
  the commitment on purpose: a freelancing agency caught (``f (1 - q) q``) or an unfounded
  accusation (``1 - (1 - false_accusation)(1 - misattribution)``), each unless the
  consultation channel settles it (probability ``consultation``);
* groups: a response to a breach of ``b`` withdraws every basket linked to it (rule 2): the
  connected groups of ``linked_to``, or the whole package when no basket names a link.

Deliberate breach (rule 3, stationary): a side of the *strategic* type breaches the set ``S``
of baskets of one group that maximises::

    sum_{b in S} (cost_b - q_b * credibility * audience_cost)
      - P0_g * W_g * D * (1 - prod_{b in S} (1 - q_b))

``P0_g`` is the chance the group would survive the year without it (no accident on any of
its baskets), ``W_g`` what the response withdraws from ``s`` per year and ``D`` for how long:
under ``collapse`` ``W = U_s - r_s`` (the whole pact) and under ``suspend_basket``
``W_g = sum_{b in g} (gain_b - cost_b)`` (the group, for good), both for ``D = delta / (1 - delta P0_g)``
years, where ``delta = continuation * (1 - revocation)``: the rest of a pact that can end in each later
year as in this one, by revocation or an answered accident (the stationary comparison of breaching every
year, ``(W + G_S) / (1 - delta P0 prod(1 - q_b))``, with never breaching, ``W / (1 - delta P0)``); under ``tit_for_tat``
``W_g = sum_{b in g} gain_b`` for ``D = delta`` (the other side's restraint, next year). The set is
found by best responses basket by basket (:func:`breaches`), which the factored valuation
(:mod:`game.engine.factored_value`) repeats over every outcome at once.

Credible responses (rule 12): the victim ``v`` of an accusation on basket ``b`` answers it only
when answering beats tolerating it, judging the accusation by itself as if the breach it reveals
went on every year (:func:`answers`). Tolerating keeps, per year, under ``suspend_basket`` the
group's worth to ``v`` less what the breach takes, ``sum_{c in g} (gain_c - cost_c) - gain_b``;
under ``collapse`` the pact's, ``U_v - r_v - gain_b``; under ``tit_for_tat`` its own restraint,
``-sum_{c in g} cost_c`` (answering wins it back for a year); and it costs ``v`` the audience cost
of a public breach left unanswered, ``credibility * audience_cost_v``. ``v`` answers when what
tolerating keeps is below that cost. An unanswered breach withdraws nothing, so only answered
baskets enter ``P0``, the product over ``S`` and the loss above; the breacher still pays its
own audience cost whenever it is caught. Rule 12 applies where a file says ``compliance.responses:
credible``; the default, ``automatic``, answers every public accusation (rules 2-4 as they were).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.params import apply_effect
from game.model.scenario import Party, ResponseRule, Scenario
from game.model.utility import total_weight

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class PactTerms:
    """Per-option terms for the two sides (arrays indexed ``[side, basket, option]``, options padded to ``K``)."""

    gain: FloatArray          # (2, B, K)
    cost: FloatArray          # (2, B, K)
    q: FloatArray             # (2, B, K)
    accident: FloatArray      # (2, B, K)
    freelance: FloatArray     # (2, B, K): yearly chance an agency breaches, f (1 - q)
    settle: FloatArray        # (B, K): consultation
    unfounded: FloatArray     # (B,): yearly chance of an unfounded accusation against a side keeping its word
    value: FloatArray         # (2, B, K): paper contribution of each option (scaled)
    bound: BoolArray          # (2, B)
    group: NDArray[np.int64]  # (B,): the linked group of each basket
    n_groups: int
    form_value: FloatArray    # (2, F): paper contribution of each form
    credibility: FloatArray   # (F,)
    revocation: FloatArray    # (F,)
    audience: FloatArray      # (2,)
    reservation: FloatArray   # (2,)
    rules: tuple[ResponseRule, ResponseRule]   # the response each side applies as the victim of a breach
    years: int
    trust: float
    shadow: float
    later: YearPlan | None = None   # the scenario's year events (rule 11), None when it has none
    automatic: bool = True          # every accusation is answered, credible or not (rule 12 off)


@dataclass(frozen=True, eq=False)
class YearPlan:
    """The year events of a scenario (docs/model.md, rule 11), in file order: each one's compliance year
    (1-based), probability and whether it changes trust (then each government's type is drawn anew);
    and the terms of the pact once any subset of them has happened (``terms[mask]``, bit ``i`` for event
    ``i``; applied in order of year, then file order)."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    years: tuple[int, ...]
    chance: tuple[float, ...]
    redraw: tuple[bool, ...]
    terms: tuple[PactTerms, ...]
    same_as: tuple[int, ...] = ()    # per mask, the first mask whose terms are the same but for trust
    idle: tuple[frozenset[int], ...] = ()   # per event, the masks (with its bit) in which it changes nothing

    def deal_key(self, mask: int) -> int:
        """The first mask whose terms equal ``mask``'s in everything but trust: the deal's terms, breaches and
        sums are the same (e.g. events that change trust alone, or a later event that sets back what an
        earlier one changed, as the end of a new administration's review does)."""
        return self.same_as[mask] if self.same_as else mask

    def known_by(self, year: int) -> int:
        """The bits of the events scheduled at or before compliance year ``year`` (1-based)."""
        return sum(1 << i for i, y in enumerate(self.years) if y <= year)

    def redrawn_at(self, year: int) -> int:
        """The bits of the trust-changing events scheduled at compliance year ``year``."""
        return sum(1 << i for i, (y, r) in enumerate(zip(self.years, self.redraw)) if y == year and r)


def year_plan(scenario: Scenario, parties: tuple[Party, Party]) -> YearPlan:
    """The :class:`YearPlan` of ``scenario``'s year events for the sides ``parties``."""
    events = scenario.year_events
    plain = dataclasses.replace(scenario, year_events=())
    order = sorted(range(len(events)), key=lambda i: (events[i].year, i))
    terms = []
    for mask in range(1 << len(events)):
        changed = plain
        for i in order:
            if mask >> i & 1:
                for effect in events[i].effects:
                    changed = apply_effect(changed, effect, 0)
        terms.append(pact_terms(changed, parties))
    return YearPlan(tuple(e.id for e in events), tuple(e.text for e in events), tuple(e.year for e in events),
                    tuple(e.probability for e in events),
                    tuple(any(f.parameter == "compliance.trust" for f in e.effects) for e in events), tuple(terms),
                    tuple(next(k for k in range(mask + 1) if _same_but_trust(terms[k], terms[mask]))
                          for mask in range(len(terms))),
                    tuple(frozenset(mask for mask in range(len(terms)) if mask >> i & 1
                                    and _same_but_trust(terms[mask], terms[mask ^ 1 << i])
                                    and terms[mask].trust == terms[mask ^ 1 << i].trust)
                          for i in range(len(events))))


def _same_but_trust(a: PactTerms, b: PactTerms) -> bool:
    """Whether two pacts' terms are equal in every field but ``trust`` (and the year plan itself)."""
    for field in dataclasses.fields(PactTerms):
        if field.name in ("trust", "later"):
            continue
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, np.ndarray):
            if not np.array_equal(x, y):
                return False
        elif x != y:
            return False
    return True


def link_groups(scenario: Scenario) -> NDArray[np.int64]:
    """Group number of each basket: connected components of ``linked_to``; one group when no basket names links."""
    n = len(scenario.baskets)
    if all(b.linked_to is None for b in scenario.baskets):
        return np.zeros(n, dtype=np.int64)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    index = {b.id: i for i, b in enumerate(scenario.baskets)}
    for i, basket in enumerate(scenario.baskets):
        for other in basket.linked_to or ():
            parent[root(i)] = root(index[other])
    roots = [root(i) for i in range(n)]
    first = {r: k for k, r in enumerate(dict.fromkeys(roots))}
    return np.array([first[r] for r in roots], dtype=np.int64)


def pact_terms(scenario: Scenario, parties: tuple[Party, Party]) -> PactTerms:
    """The terms of any deal between ``parties`` (as they are, e.g. perceived by a delegation)."""
    baskets = scenario.baskets
    k = max(len(b.options) for b in baskets)
    shape = (2, len(baskets), k)
    gain, cost, q, accident, freelance, value = (np.zeros(shape) for _ in range(6))
    settle = np.zeros((len(baskets), k))
    unfounded = np.array([1 - (1 - b.false_accusation) * (1 - b.misattribution) for b in baskets])
    bound = np.zeros((2, len(baskets)), dtype=bool)
    for s, party in enumerate(parties):
        other = parties[1 - s]
        scale = (1 - party.form_weight) / max(total_weight(party), 1e-300)
        f = party.compliance.freelancing_rate
        for b, basket in enumerate(baskets):
            bound[s, b] = basket.binds_party(party.id)
            w = party.weights.get(basket.id, 0.0) * scale
            factor = basket.detection_by.get(party.id, 1.0)
            for j, option in enumerate(basket.options):
                value[s, b, j] = w * party.values[basket.id][option.id]
                if basket.binds_party(other.id):
                    gain[s, b, j] = w * party.gains.get(basket.id, {}).get(option.id, 0.0)
                cost[s, b, j] = w * party.costs.get(basket.id, {}).get(option.id, 0.0)
                caught = min(option.detection * factor, basket.detection_cap, 1.0) * basket.attribution
                q[s, b, j] = caught
                settle[b, j] = option.consultation
                freelance[s, b, j] = f * (1 - caught)
                accident[s, b, j] = 1 - (1 - f * (1 - caught) * caught * (1 - option.consultation)) * (
                    1 - unfounded[b] * (1 - option.consultation))
            for j in range(len(basket.options), k):             # padding: never used
                value[s, b, j] = value[s, b, len(basket.options) - 1]
    groups = link_groups(scenario)
    form_value = np.array([[p.form_weight * p.form_values.get(f.id, 0.0) for f in scenario.forms] for p in parties])
    return PactTerms(
        gain=gain, cost=cost, q=q, accident=accident, freelance=freelance, settle=settle, unfounded=unfounded, value=value, bound=bound,
        group=groups, n_groups=int(groups.max()) + 1 if len(groups) else 0, form_value=form_value,
        credibility=np.array([f.credibility for f in scenario.forms]),
        revocation=np.array([f.revocation for f in scenario.forms]),
        audience=np.array([p.compliance.audience_cost for p in parties]),
        reservation=np.array([p.reservation for p in parties]),
        rules=(scenario.compliance.rule_of(parties[0].id), scenario.compliance.rule_of(parties[1].id)),
        years=scenario.compliance.years,
        trust=scenario.compliance.trust, shadow=scenario.compliance.shadow,
        later=year_plan(scenario, parties) if scenario.year_events else None,
        automatic=scenario.compliance.automatic,
    )


@dataclass(frozen=True, eq=False)
class DealTerms:
    """The terms of ``n`` deals (arrays ``(n, 2, B)`` unless said otherwise)."""

    gain: FloatArray
    cost: FloatArray
    q: FloatArray
    accident: FloatArray
    freelance: FloatArray
    settle: FloatArray        # (n, B)
    active: BoolArray         # (n, 2, B): a commitment that binds this side
    paper: FloatArray         # (n, 2): paper utility of each deal
    credibility: FloatArray   # (n,)
    revocation: FloatArray    # (n,)
    digits: NDArray[np.int64] | None = None   # (n, B + 1): the deals (for the terms after year events)
    answers: BoolArray | None = None          # (n, 2, B): the victim answers an accusation against this side (rule 12)


def deal_terms(t: PactTerms, digits: NDArray[np.int64]) -> DealTerms:
    """Gather the terms of deals given as option indices ``(n, B + 1)`` (the last column is the form)."""
    n_baskets, k = t.gain.shape[1], t.gain.shape[2]
    flat = digits[:, :n_baskets] + (np.arange(n_baskets) * k)[None, :]               # (n, B) into (B * K)
    form = digits[:, n_baskets]
    table = _stacked(t)                                                                # (B * K, 7, 2)
    got = table[flat]                                                                  # (n, B, 7, 2)
    got = np.moveaxis(got, 3, 1)                                                       # (n, 2, B, 7)
    committed = (digits[:, :n_baskets] > 0)[:, None, :]
    active = committed & t.bound[None, :, :]
    d = DealTerms(
        gain=got[..., 0] * committed, cost=got[..., 1] * committed, q=got[..., 2],
        accident=got[..., 3] * active, freelance=got[..., 4] * active, settle=got[:, 0, :, 5], active=active,
        paper=got[..., 6].sum(axis=2) + t.form_value[:, form].T,
        credibility=t.credibility[form], revocation=t.revocation[form], digits=digits,
    )
    return dataclasses.replace(d, answers=answers(t, d))


def answers(t: PactTerms, d: DealTerms) -> BoolArray:
    """``(n, 2, B)``: whether the victim (the other side) answers an accusation against each side on each
    basket (rule 12): what tolerating keeps per year is below ``credibility * audience_cost`` of the victim."""
    out = np.ones(d.q.shape, dtype=bool)
    if t.automatic:
        return out
    onehot = group_matrix(t)
    for s in range(2):
        v, rule = 1 - s, t.rules[1 - s]
        if rule is ResponseRule.SUSPEND_BASKET:
            keep = ((d.gain[:, v] - d.cost[:, v]) @ onehot) @ onehot.T - d.gain[:, v]
        elif rule is ResponseRule.COLLAPSE:
            keep = (d.paper[:, v] - t.reservation[v])[:, None] - d.gain[:, v]
        else:
            keep = -(((d.cost[:, v] * d.active[:, v]) @ onehot) @ onehot.T)
        out[:, s] = keep < (d.credibility * t.audience[v])[:, None]
    return out


def _stacked(t: PactTerms) -> FloatArray:
    """``(B * K, 7, 2)``: gain, cost, q, accident, freelance, settle, value per (basket, option) and side."""
    cached = getattr(t, "_stack", None)
    if cached is None:
        b, k = t.gain.shape[1], t.gain.shape[2]
        settle = np.broadcast_to(t.settle[None], (2, b, k))
        parts = (t.gain, t.cost, t.q, t.accident, t.freelance, settle, t.value)
        cached = np.ascontiguousarray(np.stack(parts, axis=-1).transpose(1, 2, 3, 0).reshape(b * k, len(parts), 2))
        object.__setattr__(t, "_stack", cached)
    return cached


def delta(t: PactTerms, d: DealTerms) -> FloatArray:
    """``(n,)``: the yearly chance that the pact is expected to matter next year."""
    return t.shadow * (1 - d.revocation)


def withdrawn(t: PactTerms, d: DealTerms, p0: FloatArray) -> FloatArray:
    """``(n, 2, G)``: what an answered breach in each group costs each side per year, times for how long,
    under the response its *victim* (the other side) applies. ``p0`` ``(n, G)``: the chance each group
    survives a year's accidents; for good (``collapse``, ``suspend_basket``) means ``delta / (1 - delta p0)``
    years, the rest of a pact that each later year can also end as this one can (rule 3)."""
    dl = delta(t, d)[:, None]
    onehot = group_matrix(t)
    out = np.zeros(d.gain.shape[:2] + (t.n_groups,))
    for s in range(2):
        rule = t.rules[1 - s]
        if rule is ResponseRule.COLLAPSE:
            w = np.maximum(d.paper[:, s] - t.reservation[s], 0.0)[:, None] * np.ones((1, t.n_groups))
        elif rule is ResponseRule.SUSPEND_BASKET:
            w = np.maximum((d.gain[:, s] - d.cost[:, s]) @ onehot, 0.0)
        else:
            w = d.gain[:, s] @ onehot                 # the other's restraint (gain is 0 where it is not bound)
        years = dl if rule is ResponseRule.TIT_FOR_TAT else dl / np.maximum(1 - dl * p0, 1e-9)
        out[:, s] = w * years
    return out


def group_matrix(t: PactTerms) -> FloatArray:
    """``(B, G)``: 1 where basket ``b`` belongs to group ``g``."""
    return (t.group[:, None] == np.arange(t.n_groups)[None, :]).astype(float)


def breaches(t: PactTerms, d: DealTerms) -> BoolArray:
    """``(n, 2, B)``: the baskets each side breaches on purpose every year if it is of the strategic type.

    Best responses, basket by basket, from breaching nothing: basket ``b`` is breached when
    ``cost_b - q_b * credibility * audience_cost > L_g * a_b * prod_{c in S, c != b} (1 - a_c)``, where
    ``a_b = q_b`` where the victim answers (rule 12) and 0 where it tolerates, and
    ``L_g = P0_g W_g D`` and ``S`` is the set breached so far in ``b``'s group. A breach makes the
    others cheaper (the group is already at risk), so the set only grows and the first set no
    basket wants to leave or join is reached in at most ``B`` steps."""
    onehot = group_matrix(t)                                                             # (B, G)
    heard = np.ones(d.q.shape, dtype=bool) if d.answers is None else d.answers           # rule 12
    survive = np.log1p(-np.minimum(d.accident * heard, 1 - 1e-12)).sum(axis=1)           # (n, B): both sides
    p0 = np.exp(survive @ onehot)                                                        # (n, G)
    loss = (withdrawn(t, d, p0) * p0[:, None, :]) @ onehot.T                             # (n, 2, B): L of b's group
    net = d.cost - d.q * (d.credibility[:, None, None] * t.audience[None, :, None])
    candidate = d.active & (net > 0)
    qa = d.q * heard                                                                     # caught and answered
    logs = np.log1p(-np.minimum(qa, 1 - 1e-12))
    chosen = np.zeros(d.q.shape, dtype=bool)
    for _ in range(d.q.shape[2] + 1):
        at_risk = (np.where(chosen, logs, 0.0) @ onehot) @ onehot.T                      # (n, 2, B)
        others = np.exp(at_risk - np.where(chosen, logs, 0.0))
        new = candidate & (net > loss * others * qa)
        if (new == chosen).all():
            break
        chosen = new
    return chosen
