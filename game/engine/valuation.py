"""What a deal is really worth: the expected value, in closed form (docs/model.md, rules 3-7).

For the two sides at the table, each deal (vectorised over deals)::

    V_s = P(entry) * E_s + (1 - P(entry)) * r_s

``E_s`` is the expected yearly value of the pact in force over its ``T`` years, the exact
expectation of the compliance Monte Carlo (:mod:`game.engine.compliance`, which tests check
against it). Each side is a complying type with probability ``trust`` (it breaches only when an
agency freelances) and otherwise the strategic type of :func:`game.engine.pact.breaches`; the
four pairs of types are averaged. Given the types, a year of a pact in force is independent of
the years before except through which groups are suspended (``suspend_basket``), whether the
pact collapsed (``collapse``) or who retaliates this year (``tit_for_tat``, one year of memory),
and every year a successor revokes the pact with the form's ``revocation`` chance. So, with
``G(x) = sum_{t<T} x^t``:

* collapse: ``E = r + (A - r) G(x) / T``, ``A`` the yearly value while alive and
  ``x = (1 - h)(1 - rho)``, ``h`` the chance of an answered breach or accusation in a year;
* suspend: ``E = r + (base - r) G(1 - rho) / T + sum_g val_g G((1 - h_g)(1 - rho)) / T``, where a
  suspended group is worth its status quo (``base`` holds the status quo and the form);
* tit-for-tat: ``E = (A_1 + (T - 1) r + (A_2 - r)(G(1 - rho) - 1)) / T``, where in year 1 nobody
  retaliates and later a side withdraws its restraint on a group with the chance that the
  other was answered there the year before.

A side's yearly value while the pact lives is its paper utility, plus the costs it wins back
in the years it breaches, minus the gains it loses in the years the other breaches, minus
``credibility * audience_cost`` per answered accusation against it.

Entry into force (rule 10): every veto player of each principal approves independently with
``logistic(logit(approval) + sensitivity * (E_p - threshold_p))`` (never across a red line).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.factored_value import expected_grid
from game.engine.pact import DealTerms, PactTerms, breaches, deal_terms, group_matrix, pact_terms
from game.model.scenario import Party, ResponseRule, Scenario, Stakeholder

FloatArray = NDArray[np.float64]
CHUNK = 1 << 15


def geometric(x: FloatArray, years: int) -> FloatArray:
    """``sum_{t<years} x^t`` for ``x`` in [0, 1] (``years`` where ``x`` is 1), by Horner's rule for short
    terms and ``(1 - x^years) / (1 - x)`` (the power by repeated squaring) for long ones."""
    x = np.asarray(x, dtype=np.float64)
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


def rates(d: DealTerms, breach: NDArray[np.bool_]) -> tuple[FloatArray, FloatArray]:
    """(chance each side violates each basket in a year, chance of an answered accusation), ``(n, 2, B)``."""
    violate = np.where(breach, 1.0, d.freelance) * d.active
    answered = np.where(breach, d.q, d.accident) * d.active
    return violate, answered


def expected_yearly(t: PactTerms, d: DealTerms, breach: NDArray[np.bool_]) -> FloatArray:
    """``(n, 2)``: each side's expected yearly value of the pact in force, given who breaches what on purpose."""
    violate, answered = rates(d, breach)
    years, r = t.years, t.reservation[None, :]
    stay = 1 - d.revocation[:, None]                                                      # (n, 1)
    audience = d.credibility[:, None] * t.audience[None, :] * answered.sum(axis=2)       # (n, 2)
    alive = d.paper + (d.cost * violate).sum(axis=2) - (d.gain * violate[:, ::-1]).sum(axis=2) - audience
    quiet = np.log1p(-np.minimum(answered, 1 - 1e-15))                                    # log P(no answer)
    if t.rule is ResponseRule.COLLAPSE:
        x = np.exp(quiet.sum(axis=(1, 2)))[:, None] * stay
        return r + (alive - r) * geometric(x, years) / years
    onehot = group_matrix(t)                                                              # (B, G)
    if t.rule is ResponseRule.SUSPEND_BASKET:
        held = d.gain * (1 - violate[:, ::-1]) - d.cost * (1 - violate)
        val = held @ onehot - (d.credibility[:, None, None] * t.audience[None, :, None]) * (answered @ onehot)
        base = d.paper - (d.gain - d.cost).sum(axis=2)
        y = np.exp(quiet.sum(axis=1) @ onehot)[:, None, :] * stay[:, :, None]            # (n, 1, G)
        return r + (base - r) * geometric(stay, years) / years + (val * geometric(y, years)).sum(axis=2) / years
    # tit for tat: a side retaliates on a group with the chance the other was answered there last year
    other_quiet = np.exp(quiet[:, ::-1] @ onehot)                                         # (n, 2, G)
    retaliate = (1 - other_quiet) @ onehot.T                                              # (n, 2, B)
    loose = (1 - (1 - violate) * (1 - retaliate)) * d.active
    later = d.paper + (d.cost * loose).sum(axis=2) - (d.gain * loose[:, ::-1]).sum(axis=2) - audience
    return (alive + (years - 1) * r + (later - r) * (geometric(stay, years) - 1)) / years


TYPES = ((False, False), (True, False), (False, True), (True, True))
"""Which sides are of the strategic type, with the complying type drawn with probability ``trust``."""


def expected_in_force(t: PactTerms, d: DealTerms) -> FloatArray:
    """``(n, 2)``: ``E_s``, averaged over the sides' types."""
    strategic = breaches(t, d)
    total = np.zeros(d.paper.shape)
    for types in TYPES:
        mask = strategic & np.array(types)[None, :, None]
        weight = np.prod([(1 - t.trust) if s else t.trust for s in types])
        if weight > 0:
            total += weight * expected_yearly(t, d, mask)
    return total


@dataclass(frozen=True, slots=True)
class EntryTable:
    """Per form and principal (side): the veto players' ``logit(approval)`` and ``sensitivity``, padded with
    players who always approve."""

    logit: FloatArray         # (F, 2, P)
    slope: FloatArray         # (F, 2, P)
    threshold: FloatArray     # (2,)


def entry_table(scenario: Scenario, parties: tuple[Party, Party]) -> EntryTable:
    """The veto players of each side's principal under each form."""
    rows = [[f.entry[p.principal].veto_players(p.principal) for p in parties] for f in scenario.forms]
    width = max(len(players) for row in rows for players in row)
    logit = np.full((len(rows), 2, width), 50.0)
    slope = np.zeros((len(rows), 2, width))
    for i, row in enumerate(rows):
        for s, players in enumerate(row):
            for j, v in enumerate(players):
                a = min(1 - 1e-9, max(1e-9, v.approval))
                logit[i, s, j] = np.log(a / (1 - a))
                slope[i, s, j] = v.sensitivity
    return EntryTable(logit, slope, np.array([p.domestic_threshold for p in parties]))


def entry_chances(table: EntryTable, form: NDArray[np.int64], expected: FloatArray) -> FloatArray:
    """``(n, 2)``: each principal's chance of bringing each deal into force, from its expected value."""
    z = table.logit[form] + table.slope[form] * (expected - table.threshold[None, :])[:, :, None]
    return np.prod(1 / (1 + np.exp(-z)), axis=2)


@dataclass(frozen=True, slots=True)
class Valuation:
    """Per deal (rows) and side (columns): paper utility, expected yearly value in force, chance of
    entry into force (both principals), and the expected value ``V``."""

    paper: FloatArray         # (n, 2)
    in_force: FloatArray      # (n, 2)
    entry: FloatArray         # (n,)
    value: FloatArray         # (n, 2)


def value_deals(scenario: Scenario, parties: tuple[Party, Party], digits: NDArray[np.int64],
                allowed: NDArray[np.bool_] | None = None) -> Valuation:
    """The valuation of deals given as option indices ``(n, B + 1)``; ``allowed`` (n,) is False for deals
    across a red line of either principal (they never enter into force)."""
    return _value(scenario, parties, [digits], allowed)


def value_all(scenario: Scenario, parties: tuple[Party, Party], shape: tuple[int, ...],
              allowed: NDArray[np.bool_] | None = None) -> Valuation:
    """The valuation of every outcome of a problem of ``shape`` (baskets, then forms), in outcome-index
    order, computed over the outcome grid (:mod:`game.engine.factored_value`)."""
    terms, table = pact_terms(scenario, parties), entry_table(scenario, parties)
    size = int(np.prod(shape))
    mask = np.ones(size, dtype=bool) if allowed is None else allowed
    paper, in_force, entry, value = expected_grid(terms, list(shape[:-1]), table.logit, table.slope,
                                                  table.threshold, mask)
    return Valuation(paper, in_force, entry, value)


def _value(scenario: Scenario, parties: tuple[Party, Party], chunks: Iterable[NDArray[np.int64]],
           allowed: NDArray[np.bool_] | None) -> Valuation:
    terms, table = pact_terms(scenario, parties), entry_table(scenario, parties)
    paper, in_force, entry = [], [], []
    start = 0
    for digits in chunks:
        for low in range(0, len(digits), CHUNK):
            part = digits[low:low + CHUNK]
            d = deal_terms(terms, part)
            e = expected_in_force(terms, d)
            p = entry_chances(table, part[:, -1], e).prod(axis=1)
            if allowed is not None:
                p = p * allowed[start:start + len(part)]
            start += len(part)
            paper.append(d.paper)
            in_force.append(e)
            entry.append(p)
    paper_a, force_a, entry_a = np.concatenate(paper), np.concatenate(in_force), np.concatenate(entry)
    value = entry_a[:, None] * force_a + (1 - entry_a[:, None]) * terms.reservation[None, :]
    return Valuation(paper_a, force_a, entry_a, value)


@dataclass(frozen=True, slots=True)
class DealValue:
    """One deal, for each side (table order): paper and expected values, and each veto player's
    chance of approving it ((name, chance) per side; all zero across one of the side's red lines)."""

    paper: tuple[float, float]
    in_force: tuple[float, float]
    entry: float
    value: tuple[float, float]
    players: tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]

    def principal_entry(self, side: int) -> float:
        """P(side's principal brings the deal into force): the product of its veto players' approvals."""
        return float(np.prod([p for _, p in self.players[side]]))


def value_deal(scenario: Scenario, parties: tuple[Party, Party], outcome: tuple[int, ...],
               allowed: tuple[bool, bool] = (True, True)) -> DealValue:
    """The valuation of one deal; ``allowed[s]`` is False when it crosses side ``s``'s red lines."""
    digits = np.array([outcome], dtype=np.int64)
    terms = pact_terms(scenario, parties)
    d = deal_terms(terms, digits)
    e = expected_in_force(terms, d)[0]
    form = scenario.forms[outcome[-1]]
    players = []
    for s, party in enumerate(parties):
        row = []
        for v in form.entry[party.principal].veto_players(party.principal):
            a = min(1 - 1e-9, max(1e-9, v.approval))
            z = np.log(a / (1 - a)) + v.sensitivity * (e[s] - party.domestic_threshold)
            row.append((v.name, float(1 / (1 + np.exp(-z))) if allowed[s] else 0.0))
        players.append(tuple(row))
    entry = float(np.prod([p for row in players for _, p in row]))
    r = terms.reservation
    value = entry * e + (1 - entry) * r
    return DealValue((float(d.paper[0, 0]), float(d.paper[0, 1])), (float(e[0]), float(e[1])), entry,
                     (float(value[0]), float(value[1])), (players[0], players[1]))


def stakeholder_values(scenario: Scenario, outcome: tuple[int, ...] | None) -> list[tuple[Stakeholder, float, float]]:
    """(stakeholder, paper value of the deal to it, its reservation) for every stakeholder (rule 8):
    ``sum_b (w_b / W) v_b(o_b)``; its reservation when there is no deal."""
    out = []
    for holder in scenario.stakeholders:
        total = sum(holder.weights.values()) or 1.0
        if outcome is None:
            out.append((holder, holder.reservation, holder.reservation))
            continue
        value = sum(holder.weights.get(b.id, 0.0) * holder.values.get(b.id, {}).get(b.options[o].id, 0.0)
                    for b, o in zip(scenario.baskets, outcome)) / total
        out.append((holder, float(value), holder.reservation))
    return out
