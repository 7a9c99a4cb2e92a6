"""The experiments behind the claims about the talks: (a) trap, (b) hardball, (c) laundering,
(d) form, (f) 2017 against 2020, (g) trust and verifiable rungs.

Each ``measure_*`` plays one game per seed of ``seeds`` under the claim's two conditions, every
delegation played by ``persona``, and returns one number per seed and condition (docs/model.md,
"The seeds' claims", specifies each). ``ablated`` neutralises the mechanism said to produce the
claim, in both conditions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from game.engine.counterfactual import fully_verified, with_trust
from game.engine.state import State
from game.model.scenario import Scenario
from game.research.experiment import (
    OFFICIAL,
    Library,
    Samples,
    deal_rate,
    entry_chance,
    government_value,
    table_alone,
    talks,
    with_incentives,
    with_phase,
    with_forms,
)

TRAP = "track15_trap"
Statistic = Callable[[State], float]


def _need(library: Library, scenario_id: str) -> Scenario:
    scenario = library.get(scenario_id)
    assert scenario is not None, scenario_id        # the runner checks a claim's scenarios first
    return scenario


def _trap_table(library: Library, binding: bool = False) -> tuple[Scenario, str, str]:
    """The trap's Track 1.5 table (experts against the minister) under the official table's
    protocol (non-binding unless ``binding``), so that (a) and (b) compare incentives, not
    protocols. Returns the table, the experts' id and the minister's id."""
    trap = _need(library, TRAP)
    track15, official = trap.phases[0], trap.phases[-1]
    table = table_alone(trap, track15.id, dataclasses.replace(official.protocol, binding=binding))
    experts = next(p for p in track15.parties if p not in official.parties)
    minister = next(p for p in track15.parties if p != experts)
    return table, experts, minister


def _pair(treatment: Scenario, control: Scenario, persona: str, seeds: Sequence[int], statistic: Statistic,
          deals_only: bool = False) -> Samples:
    """Play every seed under both conditions and read ``statistic`` off each game. With
    ``deals_only``, seeds where either condition ends without a deal are NaN in both."""
    t_states = [talks(treatment, seed, persona) for seed in seeds]
    c_states = [talks(control, seed, persona) for seed in seeds]
    t = np.array([statistic(s) for s in t_states], dtype=float)
    c = np.array([statistic(s) for s in c_states], dtype=float)
    if deals_only:
        both = np.array([a.results[-1].agreement is not None and b.results[-1].agreement is not None
                         for a, b in zip(t_states, c_states)])
        t, c = np.where(both, t, np.nan), np.where(both, c, np.nan)
    return Samples(t, c, {"treatment": deal_rate(t_states), "control": deal_rate(c_states)})


def _value_to(party_id: str) -> Statistic:
    return lambda state: government_value(state, party_id, state.results[-1].agreement)


def measure_a(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(a) Value to Washington's government of the experts' outcome (no deal: its reservation
    value): the experts with their Track 1.5 incentives (treatment) against the same experts
    with an official's κ = 1, π = 0, σ = 0 (control). Ablation: prestige and noise removed, κ
    kept at the file's 0.4, so the experts' walk-away point is their government's own again."""
    table, experts, _ = _trap_table(library)
    treatment = with_incentives(table, experts, prestige=0.0, self_knowledge=0.0) if ablated else table
    control = with_incentives(table, experts, concession_weight=OFFICIAL.concession_weight,
                              prestige=OFFICIAL.prestige, self_knowledge=OFFICIAL.self_knowledge)
    return _pair(treatment, control, persona, seeds, _value_to(experts))


def measure_b(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(b) Value to Washington of the experts' plan, on seeds where both conditions reach one:
    the minister's reveal cost λ as in the file (treatment) against λ = 0 (control).
    Ablation: the same talks made binding, where λ is not counted (rule of the negotiating utility)."""
    table, experts, minister = _trap_table(library, binding=ablated)
    control = with_incentives(table, minister, reveal_cost=0.0)
    return _pair(table, control, persona, seeds, _value_to(experts), deals_only=True)


def measure_c(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(c) Distance, in the two governments' values, from the official deal to the published plan,
    on seeds where the plan and both official deals exist: the file's anchoring (treatment)
    against none (control). The plan is the same in both (the first phase is identical). Ablation:
    the delegations' openings ignore the plan, while the anchoring still moves the domestic
    thresholds (rule 3)."""
    trap = _need(library, TRAP)
    control = with_phase(trap, len(trap.phases) - 1, anchoring=0.0)
    t, c = [], []
    deals = {"treatment": 0, "control": 0}
    for seed in seeds:
        pair = []
        for label, scenario in (("treatment", trap), ("control", control)):
            state = talks(scenario, seed, persona, follows_anchor=not ablated)
            plan, final = state.results[0].agreement, state.results[-1].agreement
            deals[label] += final is not None
            pair.append(np.nan if plan is None or final is None else _distance(state, plan, final))
        t.append(pair[0])
        c.append(pair[1])
    return Samples(np.array(t), np.array(c), {k: v / max(len(seeds), 1) for k, v in deals.items()})


def _distance(state: State, a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Euclidean distance between two outcomes in the plane of the seated governments' values."""
    va = np.array([government_value(state, p, a) for p in state.seats])
    vb = np.array([government_value(state, p, b) for p in state.seats])
    return float(np.linalg.norm(va - vb))


def measure_d(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(d) Share of games ending in a code of conduct (no deal counts as not): 2019 (treatment)
    against 2020 (control). Mechanism: forms valued at expected value, where a public code's
    credibility raises the cost of an answered breach and its revocation chance differs (#8).
    Ablation: every form of both files takes the executive agreement's credibility and
    revocation, so only form values and entry odds tell forms apart."""
    def code(state: State) -> float:
        agreement = state.results[-1].agreement
        return float(agreement is not None and state.scenario.forms[agreement[-1]].id == "code_of_conduct")
    treatment, control = _need(library, "code_of_conduct_2019"), _need(library, "narrow_deal_2020")
    if ablated:
        same = next(f for f in control.forms if f.id == "executive_agreement")
        treatment = with_forms(treatment, credibility=same.credibility, revocation=same.revocation)
        control = with_forms(control, credibility=same.credibility, revocation=same.revocation)
    return _pair(treatment, control, persona, seeds, code)


def measure_f(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(f) Chance that the talks' agreement enters into force (no deal: 0): the 2017 sweeping offer
    (treatment) against the narrow 2020 deal (control). Mechanism: mistrust and unverifiable
    baskets, which lower what a deal is expected to be worth in force, and with it each veto
    player's approval (#8). Ablation: full trust and every breach seen and attributed, in both."""
    treatment, control = _need(library, "ryabkov_2017"), _need(library, "narrow_deal_2020")
    if ablated:
        treatment, control = (fully_verified(with_trust(s, 1.0)) for s in (treatment, control))
    return _pair(treatment, control, persona, seeds, entry_chance)


LOW_TRUST, HIGH_TRUST = 0.2, 0.8


def measure_g(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
    """(g) Share of the agreed baskets at their verification rung (the ladder's last; no deal: left
    out), narrow_deal_2020 at low trust (0.2, the file's) against high trust (0.8). Mechanism:
    trust discounts only what cannot be verified (#8). Ablation: every breach seen and attributed,
    in both, so that nothing is left for trust to discount."""
    base = _need(library, "narrow_deal_2020")
    if ablated:
        base = fully_verified(base)

    def verified(state: State) -> float:
        agreement = state.results[-1].agreement
        if agreement is None:
            return float("nan")
        baskets = state.scenario.baskets
        return float(np.mean([o == len(b.options) - 1 for b, o in zip(baskets, agreement[:-1])]))
    return _pair(with_trust(base, LOW_TRUST), with_trust(base, HIGH_TRUST), persona, seeds, verified)
