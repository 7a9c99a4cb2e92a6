"""The experiments behind the claims about the pact after signing: (e1) consultation channels,
(e2) verification where attribution is weak, (e3) freelancing breaks pacts leaders keep.

Each plays one game of a scenario's talks per seed of ``seeds``, ``persona`` for every delegation,
then runs the compliance Monte Carlo of each agreed deal (as if in force: entry into force is
another claim's business) under the two conditions, with the game's seed, so that the
conditions are paired. Games without a deal are left out (NaN); the deal rate is reported
beside. docs/model.md specifies each experiment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from game.engine.compliance import ComplianceResult, policy_breaches
from game.engine.state import State
from game.model.scenario import Option, Scenario
from game.research.experiment import (
    Library,
    Samples,
    compliance_of,
    deal_rate,
    talks,
    without_agency_noise,
    with_options,
)

WEAK_ATTRIBUTION = 0.5      # a basket "where attribution is weak": attribution below this
Reading = Callable[[ComplianceResult], float]


def _deals(library: Library, scenario_id: str, persona: str, seeds: Sequence[int]) -> tuple[Scenario, list[State]]:
    scenario = library.get(scenario_id)
    assert scenario is not None, scenario_id
    return scenario, [talks(scenario, seed, persona) for seed in seeds]


def _compare(states: list[State], seeds: Sequence[int], treatment: Scenario, control: Scenario, reading: Reading,
             keep: Callable[[State], bool] = lambda s: True) -> Samples:
    """Each game's compliance under both conditions, seeded by the game's own seed (``seeds[k]`` for
    ``states[k]``), so that the conditions are paired."""
    t, c = [], []
    for seed, state in zip(seeds, states, strict=True):
        a, b = compliance_of(state, treatment, seed), compliance_of(state, control, seed)
        usable = a is not None and b is not None and keep(state)
        t.append(reading(a) if usable and a is not None else np.nan)
        c.append(reading(b) if usable and b is not None else np.nan)
    rate = deal_rate(states)
    return Samples(np.array(t), np.array(c), {"treatment": rate, "control": rate})


def _intact(result: ComplianceResult) -> float:
    return result.survival


def _violations_per_year(result: ComplianceResult) -> float:
    """Violations (caught or not, both sides, every basket) per year of the pact."""
    return (sum(result.detected) + sum(result.undetected)) / max(result.years, 1)


def measure_e1(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(e1) Share of histories intact (narrow_deal_2020): the agreed rungs' consultation channels
    (treatment) against none (control). Ablation: no agency freelances and no side is accused of
    what it did not do, so a channel that settles freelancers' incidents and accusations has
    nothing to settle."""
    scenario, states = _deals(library, "narrow_deal_2020", persona, seeds)
    base = without_agency_noise(scenario) if ablated else scenario
    no_channel = with_options(base, lambda b, o: {"consultation": 0.0})
    return _compare(states, seeds, base, no_channel, _intact)


def _weak(scenario: Scenario) -> list[int]:
    return [i for i, b in enumerate(scenario.baskets) if b.attribution < WEAK_ATTRIBUTION]


def measure_e2(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(e2) Violations per pact-year (ict_guarantees_2020): every basket whose attribution is weak
    (below 0.5) given its verification rung's detection, whatever rung was agreed (treatment),
    against the agreed rungs (control). Reverse ablation: attribution set to 1 and the cap on
    detection lifted on those baskets (what the seeds say verification cannot overcome), which
    must make verification matter."""
    scenario, states = _deals(library, "ict_guarantees_2020", persona, seeds)
    weak = _weak(scenario)
    base = scenario
    if ablated:
        baskets = tuple(dataclasses.replace(b, attribution=1.0, detection_cap=1.0) if i in weak else b
                        for i, b in enumerate(scenario.baskets))
        base = dataclasses.replace(scenario, baskets=baskets)
    top = {i: base.baskets[i].options[-1].detection for i in weak}

    def verified(b: int, option: Option) -> dict[str, float]:
        return {"detection": top[b]} if b in top else {}
    return _compare(states, seeds, with_options(base, verified), base, _violations_per_year)


def measure_e3(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(e3) Share of histories intact (narrow_deal_2020), on deals where neither side breaches by
    policy ("pacts leaders keep"): agencies freelancing, and sides accused of what they did not
    do, at the file's rates (treatment) against neither (control). Ablation: every caught
    freelancing violation and every accusation is settled in a consultation channel
    (probability 1), so neither triggers a response."""
    scenario, states = _deals(library, "narrow_deal_2020", persona, seeds)
    base = with_options(scenario, lambda b, o: {"consultation": 1.0}) if ablated else scenario

    def kept_by_leaders(state: State) -> bool:
        agreement = state.results[-1].agreement
        assert agreement is not None
        return not policy_breaches(scenario, state.seats, agreement).any()
    return _compare(states, seeds, base, without_agency_noise(base), _intact, keep=kept_by_leaders)
