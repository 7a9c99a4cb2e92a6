"""What the pact is worth once in force: a vectorised Monte Carlo over the years.

For each of ``S`` simulated histories and each year, for each side and each
basket with a commitment (any option above the ladder's first rung):

* **deliberate cheating**: a side violates a basket every year when the gain,
  ``cheat_gain * the victim's stake`` (interference is worth more where it
  hurts more), exceeds the expected cost of being caught over the pact's
  term, ``detection * attribution * own stake * years`` (its own yearly value
  of the commitment, or, under ``collapse``, its whole gain ``U - r``);
* **freelancing**: otherwise its agencies violate it that year with
  probability ``freelancing_rate * (1 - detection * attribution)``: the rate
  is how often an agency would act on its own if sure not to be caught, and
  the odds of being caught deter it too;
* a violation is **detected and attributed** with probability
  ``detection(option) * attribution(basket)``;
* a detected violation by a freelancing agency is **settled** in the
  consultation channel with the option's ``consultation`` probability: the
  government disowns the agency and reins it in, and no response follows
  (the lesson of INCSEA and the NRRC). Deliberate violations and
  retaliation are policy, and are never settled;
* the victim loses the basket's value that year (the commitment is worth no
  more than no commitment), detected or not, and the violator gains what the
  violation is worth to it, ``cheat_gain * the victim's stake``, the same gain
  that drives deliberate cheating: what a side decides on is what it is paid;
* on detection (unless settled) the scenario's **response** applies: ``suspend_basket`` (both
  sides drop the basket for good), ``tit_for_tat`` (the victim violates the
  same basket the next year) or ``collapse`` (the pact ends; both get their
  reservation value from then on).

A side's yearly value is its utility of the deal minus the baskets suspended
or violated against it, plus its gains from its own violations; after a
collapse it is its reservation value. The measures, per history and then
averaged (each side in table order):

* **honoured by the other side**: the other side committed no violation at all,
  seen or unseen, in any year;
* **intact**: no response was ever triggered (no violation caught and left
  unsettled), so a pact breached and answered every year is never intact, even
  under tit-for-tat when the last year happens to be quiet (``survival`` is
  the same number, kept under its old name);
* **answered**: how many responses were triggered against this side;
* **yearly value**: mean, 5th and 95th percentile of the side's yearly value.

Years are looped over (at most 50); histories and baskets are numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.model.scenario import ResponseRule, Scenario
from game.model.utility import total_weight

N_SIMULATIONS = 2000
HISTOGRAM_BINS = 20


@dataclass(frozen=True, slots=True)
class ComplianceResult:
    """Per side (in table order): mean yearly value and its 5-95% band over histories,
    mean violations detected (of which settled in the consultation channel) and undetected;
    and the share of histories in which the pact stays intact (``survival``)."""

    parties: tuple[str, ...]
    mean: tuple[float, ...]
    p5: tuple[float, ...]
    p95: tuple[float, ...]
    detected: tuple[float, ...]
    undetected: tuple[float, ...]
    survival: float
    years: int
    simulations: int
    settled: tuple[float, ...] = (0.0, 0.0)
    intact_by_year: tuple[float, ...] = ()              # share of histories with no response yet, after each year
    caught_by_year: tuple[float, ...] = ()              # mean violations caught (both sides) in each year
    missed_by_year: tuple[float, ...] = ()              # mean violations not caught in each year
    histogram: tuple[tuple[int, ...], ...] = ()         # per side: histories per 0.05-wide bin of the yearly value
    story: tuple[tuple[int, int, int, str, str], ...] = ()
    """One history told year by year (the first simulated): (year from 1, side, basket, why it was
    violated: deliberate | freelancing | retaliation, and what came of it: unseen | settled | answered)."""
    honoured_by_other: tuple[float, ...] = ()           # per side: share of histories the other side never violated
    answered: tuple[float, ...] = ()                    # per side: mean responses triggered against it

    @property
    def intact(self) -> float:
        """Share of histories in which no response was ever triggered (the same as ``survival``)."""
        return self.survival


def basket_stakes(scenario: Scenario, party_ids: tuple[str, ...], outcome: tuple[int, ...]) -> np.ndarray:
    """``(2, B)``: each side's yearly value of each basket's commitment over no commitment (>= 0)."""
    stakes = np.zeros((len(party_ids), len(scenario.baskets)))
    for s, pid in enumerate(party_ids):
        party = scenario.party(pid)
        scale = (1 - party.form_weight) / max(total_weight(party), 1e-300)
        for b, basket in enumerate(scenario.baskets):
            chosen = basket.options[outcome[b]].id
            base = basket.options[0].id
            gain = party.weights[basket.id] * (party.values[basket.id][chosen] - party.values[basket.id][base])
            stakes[s, b] = max(0.0, gain * scale)
    return stakes


def deliberate_violations(scenario: Scenario, party_ids: tuple[str, ...], outcome: tuple[int, ...],
                          deal_values: np.ndarray, reservations: np.ndarray) -> np.ndarray:
    """``(2, B)``: which committed baskets each side violates on purpose every year
    (gain ``cheat_gain * victim's stake`` above ``detection * attribution * at_risk * years``)."""
    years, rule = scenario.compliance.years, scenario.compliance.response
    committed = np.array([outcome[b] > 0 for b in range(len(scenario.baskets))])
    p_catch = np.array([b.options[outcome[i]].detection * b.attribution for i, b in enumerate(scenario.baskets)])
    stakes = basket_stakes(scenario, party_ids, outcome)
    gains = np.array([scenario.party(pid).compliance.cheat_gain for pid in party_ids])
    at_risk = (deal_values - reservations)[:, None] if rule is ResponseRule.COLLAPSE else stakes
    return committed[None, :] & (gains[:, None] * stakes[::-1] > p_catch[None, :] * at_risk * years)


def simulate_compliance(scenario: Scenario, party_ids: tuple[str, ...], outcome: tuple[int, ...],
                        deal_values: np.ndarray, reservations: np.ndarray, rng: np.random.Generator,
                        simulations: int = N_SIMULATIONS) -> ComplianceResult:
    """Run the Monte Carlo for a deal in force; ``deal_values`` are each side's U of the deal."""
    years, rule = scenario.compliance.years, scenario.compliance.response
    n_baskets = len(scenario.baskets)
    committed = np.array([outcome[b] > 0 for b in range(n_baskets)])
    p_catch = np.array([b.options[outcome[i]].detection * b.attribution for i, b in enumerate(scenario.baskets)])
    p_settle = np.array([b.options[outcome[i]].consultation for i, b in enumerate(scenario.baskets)])
    stakes = basket_stakes(scenario, party_ids, outcome)                      # (2, B)
    freelancing = np.array([scenario.party(pid).compliance.freelancing_rate for pid in party_ids])
    deliberate = deliberate_violations(scenario, party_ids, outcome, deal_values, reservations)  # (2, B)

    gains = np.array([scenario.party(pid).compliance.cheat_gain for pid in party_ids])[:, None] * stakes[::-1]  # (2, B)
    alive = np.ones(simulations, dtype=bool)
    never_answered = np.ones(simulations, dtype=bool)
    violated_by = np.zeros((2, simulations), dtype=bool)
    answered_count = np.zeros((2, simulations))
    suspended = np.zeros((simulations, n_baskets), dtype=bool)
    retaliate = np.zeros((2, simulations, n_baskets), dtype=bool)
    total = np.zeros((2, simulations))
    detected_count = np.zeros((2, simulations))
    undetected_count = np.zeros((2, simulations))
    settled_count = np.zeros((2, simulations))
    intact_by_year, caught_by_year, missed_by_year = [], [], []
    story: list[tuple[int, int, int, str, str]] = []
    for year in range(years):
        active = committed[None, :] & ~suspended & alive[:, None]             # (S, B)
        draws = rng.random((2, simulations, n_baskets))
        freelance = draws < freelancing[:, None, None] * (1 - p_catch)[None, None, :]
        policy = deliberate[:, None, :] | retaliate
        violate = active[None] & (policy | freelance)
        caught = violate & (rng.random((2, simulations, n_baskets)) < p_catch[None, None, :])
        settled = caught & ~policy
        if p_settle.any():                     # (no draw without a channel: the stream stays as it was)
            settled &= rng.random((2, simulations, n_baskets)) < p_settle[None, None, :]
        else:
            settled[:] = False
        lost = (stakes[:, None, :] * (suspended[None] | violate[::-1])).sum(axis=2)   # victim: the other side
        won = (gains[:, None, :] * violate).sum(axis=2)                                # the violator's gain
        total += np.where(alive[None, :], deal_values[:, None] - lost + won, reservations[:, None])
        detected_count += caught.sum(axis=2)
        undetected_count += (violate & ~caught).sum(axis=2)
        settled_count += settled.sum(axis=2)
        answered = caught & ~settled
        violated_by |= violate.any(axis=2)
        answered_count += answered.sum(axis=2)
        never_answered &= ~answered.any(axis=(0, 2))
        for side, basket in zip(*np.nonzero(violate[:, 0, :])):                # the first history, told
            cause = ("deliberate" if deliberate[side, basket] else
                     "retaliation" if retaliate[side, 0, basket] else "freelancing")
            fate = "answered" if answered[side, 0, basket] else "settled" if settled[side, 0, basket] else "unseen"
            story.append((year + 1, int(side), int(basket), cause, fate))
        any_answered = answered.any(axis=0)                                    # (S, B)
        retaliate = np.zeros_like(retaliate)
        if rule is ResponseRule.SUSPEND_BASKET:
            suspended |= any_answered
        elif rule is ResponseRule.TIT_FOR_TAT:
            retaliate = answered[::-1].copy()
        else:
            alive &= ~any_answered.any(axis=1)
        intact_by_year.append(float(never_answered.mean()))
        caught_by_year.append(float(caught.sum() / simulations))
        missed_by_year.append(float((violate & ~caught).sum() / simulations))
    yearly = total / years
    return ComplianceResult(
        parties=party_ids,
        mean=tuple(float(x) for x in yearly.mean(axis=1)),
        p5=tuple(float(x) for x in np.percentile(yearly, 5, axis=1)),
        p95=tuple(float(x) for x in np.percentile(yearly, 95, axis=1)),
        detected=tuple(float(x) for x in detected_count.mean(axis=1)),
        undetected=tuple(float(x) for x in undetected_count.mean(axis=1)),
        survival=float(never_answered.mean()),
        years=years,
        simulations=simulations,
        settled=tuple(float(x) for x in settled_count.mean(axis=1)),
        intact_by_year=tuple(intact_by_year),
        caught_by_year=tuple(caught_by_year),
        missed_by_year=tuple(missed_by_year),
        story=tuple(story),
        honoured_by_other=tuple(float(x) for x in (~violated_by[::-1]).mean(axis=1)),
        answered=tuple(float(x) for x in answered_count.mean(axis=1)),
        histogram=tuple(tuple(int(c) for c in np.histogram(np.clip(yearly[s], 0.0, 1.0), bins=HISTOGRAM_BINS,
                                                           range=(0.0, 1.0))[0]) for s in range(2)),
    )
