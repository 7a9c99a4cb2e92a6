"""What a deal is really worth: the expected value, in closed form (docs/model.md, rules 3-7).

For the two sides at the table, each deal (vectorised over deals)::

    V_s = P(entry) * E_s + (1 - P(entry)) * r_s

``E_s`` is the expected yearly value of the pact in force over its ``T`` years, the exact
expectation of the compliance Monte Carlo (:mod:`game.engine.compliance`, which tests check
against it). Each side is a complying type with probability ``trust`` (it breaches only when an
agency freelances) and otherwise the strategic type of :func:`game.engine.pact.breaches`; the
four pairs of types are averaged. Given the types, the years form a short chain over the groups
of linked baskets, summed in :func:`game.engine.years.expected_years` for any pair of response
rules (each side's rule is the one it applies as a victim).

A side's yearly value while the pact lives is its paper utility, plus the costs it wins back
in the years it breaches, minus the gains it loses in the years the other breaches, minus
``credibility * audience_cost`` per public accusation against it (answered or tolerated, rule 12).

Entry into force (rule 10): every veto player of each principal approves independently with
``logistic(logit(approval) + sensitivity * (E_p - threshold_p))`` (never across a red line), and the
principal goes ahead at all with its ``acceptance`` (1 unless an event changed it), which enters the
tables as one more player, :data:`TIMING`, approving with that chance whatever the deal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.factored_value import expected_grid
from game.engine.pact import DealTerms, PactTerms, breaches, deal_terms, group_matrix, pact_terms
from game.engine.year_events import expected_with_events
from game.engine.years import GroupSums, expected_years
from game.model.scenario import Party, Scenario, Stakeholder

FloatArray = NDArray[np.float64]
CHUNK = 1 << 15
TIMING = "the timing"
"""The name of the player standing for a principal's ``acceptance`` below 1 (an election window: calibration
brief section 6, "P(US accepts) x0.5"): it approves with that chance, whatever the deal is worth."""


def rates(d: DealTerms, breach: NDArray[np.bool_]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(n, 2, B)`` each: the chance each side violates each basket in a year, the chance of a public
    accusation against it (caught and not settled, or unfounded), and the chance the victim answers one
    (rule 12: only where answering is credible)."""
    violate = np.where(breach, 1.0, d.freelance) * d.active
    accused = np.where(breach, d.q, d.accident) * d.active
    return violate, accused, accused if d.answers is None else accused * d.answers


def group_sums(t: PactTerms, d: DealTerms, breach: NDArray[np.bool_]) -> tuple[GroupSums, GroupSums]:
    """Each side's sums over each group of linked baskets (:class:`game.engine.years.GroupSums`)."""
    violate, accused, answered = rates(d, breach)
    onehot = group_matrix(t)
    audience = d.credibility[:, None, None] * t.audience[None, :, None]
    quiet = np.log1p(-np.minimum(answered, 1 - 1e-15))
    cost_v = d.cost * violate
    sums = {
        "own": (cost_v - audience * accused) @ onehot, "taken": (d.gain[:, ::-1] * violate) @ onehot,
        "v_cost": cost_v @ onehot, "quiet": quiet @ onehot, "answered": answered @ onehot,
        "cost_act": (d.cost * d.active) @ onehot, "gain_act": (d.gain * d.active[:, ::-1]) @ onehot,
        "held": (d.gain - d.cost) @ onehot,
    }
    return tuple(GroupSums(**{k: [v[:, s, g] for g in range(t.n_groups)] for k, v in sums.items()})  # type: ignore[return-value]
                 for s in range(2))


def expected_yearly(t: PactTerms, d: DealTerms, breach: NDArray[np.bool_]) -> FloatArray:
    """``(n, 2)``: each side's expected yearly value of the pact in force, given who breaches what on purpose
    (:func:`game.engine.years.expected_years`)."""
    sums = group_sums(t, d, breach)
    stay = 1 - d.revocation
    return np.stack([expected_years(sums[s], sums[1 - s], t.rules[s], t.rules[1 - s], d.paper[:, s],
                                    float(t.reservation[s]), stay, t.years) for s in range(2)], axis=1)


TYPES = ((False, False), (True, False), (False, True), (True, True))
"""Which sides are of the strategic type, with the complying type drawn with probability ``trust``."""


def expected_in_force(t: PactTerms, d: DealTerms) -> FloatArray:
    """``(n, 2)``: ``E_s``, averaged over the sides' types (and over the year events, rule 11, when the
    scenario has any: :func:`game.engine.year_events.expected_with_events`)."""
    if t.later is not None:
        return expected_with_events(t, d)
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
    players who always approve; when a side's ``acceptance`` is below 1, the last column is :data:`TIMING`
    (``logit(acceptance)``, sensitivity 0) on every form."""

    logit: FloatArray         # (F, 2, P)
    slope: FloatArray         # (F, 2, P)
    threshold: FloatArray     # (2,)


def entry_table(scenario: Scenario, parties: tuple[Party, Party]) -> EntryTable:
    """The veto players of each side's principal under each form."""
    rows = [[f.entry[p.principal].veto_players(p.principal) for p in parties] for f in scenario.forms]
    timing = any(p.acceptance < 1 for p in parties)
    width = max(len(players) for row in rows for players in row) + timing
    logit = np.full((len(rows), 2, width), 50.0)
    slope = np.zeros((len(rows), 2, width))
    for i, row in enumerate(rows):
        for s, players in enumerate(row):
            for j, v in enumerate(players):
                logit[i, s, j] = _logit(v.approval)
                slope[i, s, j] = v.sensitivity
            if parties[s].acceptance < 1:
                logit[i, s, -1] = _logit(parties[s].acceptance)
    return EntryTable(logit, slope, np.array([p.domestic_threshold for p in parties]))


def _logit(a: float) -> float:
    a = min(1 - 1e-9, max(1e-9, a))
    return float(np.log(a / (1 - a)))


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
    table = entry_table(scenario, parties)
    z = table.logit[outcome[-1]] + table.slope[outcome[-1]] * (e - table.threshold)[:, None]    # (2, players)
    chance = 1 / (1 + np.exp(-z))                                                              # as entry_chances
    players = []
    for s, party in enumerate(parties):
        names = [v.name for v in form.entry[party.principal].veto_players(party.principal)]
        columns = list(range(len(names))) + ([-1] if party.acceptance < 1 else [])
        names += [TIMING] if party.acceptance < 1 else []
        players.append(tuple((name, float(chance[s, j]) if allowed[s] else 0.0) for j, name in zip(columns, names)))
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
