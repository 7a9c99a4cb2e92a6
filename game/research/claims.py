"""The seeds' claims as measurements over many seeded games (see docs/model.md).

Each function returns plain numbers; ``tests/test_claims.py`` asserts the
claims on them and ``python -m game.research.claims`` prints them as JSON.
Events are switched off so that only the mechanism under study varies.

(a) Track 1.5 trap: an unofficial, prestige-seeking delegation facing an
    official reaches deals worth less to its own government than official
    talks on the same agenda.
(b) An official AI concedes less in non-binding than in binding talks, from
    incentives alone (same AI, same counterpart, only ``binding`` differs).
(c) The published Track 1.5 plan moves the later official outcome toward it.
(d) A treaty enters into force less often than an executive agreement or a
    joint statement.
(e) Verification and freelancing: detection deters deliberate cheating, and a
    higher freelancing rate lowers the pact's survival.
(f) Zones of agreement of the narrow and the sweeping agendas.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np

from game.analytics.analysis import analyze
from game.engine.actions import Offer
from game.engine.compliance import deliberate_violations, simulate_compliance
from game.engine.ratification import entry_probability
from game.engine.state import State
from game.engine.tables import build_tables
from game.model.scenario import Scenario
from game.model.utility import bargaining_problem
from game.scenario.loader import SCENARIO_DIR, load_scenario
from game.strategies.registry import make
from game.strategies.runner import play


def _scenario(name: str) -> Scenario:
    return dataclasses.replace(load_scenario(SCENARIO_DIR / f"{name}.yaml"), events=())


def _alone(scenario: Scenario, phase: int, **changes: Any) -> Scenario:
    """One phase of a campaign played on its own (no anchoring, no phase effects)."""
    ph = dataclasses.replace(scenario.phases[phase], anchoring=0.0, effects=())
    if "parties" in changes:
        ph = dataclasses.replace(ph, parties=changes["parties"],
                                 protocol=dataclasses.replace(ph.protocol, first_mover=changes["parties"][1]))
    if "binding" in changes:
        ph = dataclasses.replace(ph, protocol=dataclasses.replace(ph.protocol, binding=changes["binding"]))
    return dataclasses.replace(scenario, phases=(ph,))


def _value(state: State, party: str, outcome: tuple[int, ...] | None) -> float:
    """True value to ``party``'s government of ``outcome`` (its reservation value for no deal)."""
    if outcome is None:
        return state.scenario.party(party).reservation
    tables = build_tables(state.scenario, (party,), {})
    return float(tables.of(party).true_u[tables.problem.encode(np.array(outcome))])


def claim_a(games: int = 40) -> dict[str, float]:
    """Mean value to Washington: the experts' Track 1.5 deals vs official talks, same agenda and counterpart."""
    trap = _scenario("track15_trap")
    experts = _alone(trap, 0)
    official = _alone(trap, 1)
    ais = {"us_experts": "prestige_seeker", "us": "modeller", "ru": "modeller"}
    values: dict[str, list[float]] = {"experts": [], "official": []}
    deals: dict[str, int] = {"experts": 0, "official": 0}
    for seed in range(games):
        for key, scenario, us in (("experts", experts, "us_experts"), ("official", official, "us")):
            state = play(scenario, seed, {p: make(n) for p, n in ais.items()})
            outcome = state.results[-1].agreement
            values[key].append(_value(state, us, outcome))
            deals[key] += outcome is not None
    return {"experts_mean": float(np.mean(values["experts"])), "official_mean": float(np.mean(values["official"])),
            "experts_deal_rate": deals["experts"] / games, "official_deal_rate": deals["official"] / games}


def claim_b(games: int = 40) -> dict[str, list[float]]:
    """Moscow's official (Boulware) facing the same hardliner: the value to Moscow of its offer in each round."""
    trap = _scenario("track15_trap")
    out: dict[str, list[float]] = {}
    for binding in (True, False):
        scenario = _alone(trap, 1, binding=binding)
        rows = []
        for seed in range(games):
            state = play(scenario, seed, {"us": make("hardliner"), "ru": make("boulware"), "us_experts": make("boulware")})
            rows.append([_value(state, "ru", a.outcome) for a in state.history if isinstance(a, Offer) and a.party == "ru"])
        length = min(len(r) for r in rows)
        out["binding" if binding else "non_binding"] = [float(x) for x in np.mean([r[:length] for r in rows], axis=0)]
    return out


def claim_c(games: int = 40) -> dict[str, float]:
    """Official outcomes after the experts' published plan, with the scenario's anchoring and with none."""
    trap = _scenario("track15_trap")
    out: dict[str, float] = {}
    for label, alpha in (("anchored", trap.phases[1].anchoring), ("unanchored", 0.0)):
        scenario = dataclasses.replace(trap, phases=(trap.phases[0], dataclasses.replace(trap.phases[1], anchoring=alpha)))
        distance, us_value, plan_us = [], [], []
        for seed in range(games):
            state = play(scenario, seed, {"us_experts": make("prestige_seeker"), "us": make("modeller"), "ru": make("modeller")})
            plan, final = state.results[0].agreement, state.results[-1].agreement
            if plan is None or final is None:
                continue
            p = np.array([_value(state, "us", plan), _value(state, "ru", plan)])
            f = np.array([_value(state, "us", final), _value(state, "ru", final)])
            distance.append(float(np.linalg.norm(p - f)))
            us_value.append(float(f[0]))
            plan_us.append(float(p[0]))
        out[f"{label}_distance_to_plan"] = float(np.mean(distance))
        out[f"{label}_us_value"] = float(np.mean(us_value))
        out[f"{label}_games"] = float(len(distance))
        out["plan_us_value"] = float(np.mean(plan_us))
    return out


def claim_d() -> dict[str, dict[str, float]]:
    """P(entry into force) of each scenario's Nash deal under each of its forms (all principals approve)."""
    out: dict[str, dict[str, float]] = {}
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        scenario = load_scenario(path)
        parties = scenario.table_parties()
        problem = bargaining_problem(scenario, parties)
        nash = analyze(problem).solutions.nash
        if nash is None:
            continue
        odds = {}
        for f, form in enumerate(scenario.forms):
            digits = nash.digits.copy()
            digits[-1] = f
            u = problem.utilities_of(digits)
            odds[form.id] = float(np.prod([entry_probability(form, p, float(u[i])) for i, p in enumerate(parties)]))
        out[scenario.id] = odds
    return out


def _verified(scenario: Scenario) -> Scenario:
    """Every option given the verification rung's machinery (the ladder's last rung): its detection
    and its consultation channel, the values unchanged, so only verification differs."""
    baskets = tuple(dataclasses.replace(b, options=tuple(
        dataclasses.replace(o, detection=b.options[-1].detection, consultation=b.options[-1].consultation)
        for o in b.options)) for b in scenario.baskets)
    return dataclasses.replace(scenario, baskets=baskets)


def _freelancing(scenario: Scenario, factor: float) -> Scenario:
    parties = tuple(dataclasses.replace(p, compliance=dataclasses.replace(
        p.compliance, freelancing_rate=min(1.0, p.compliance.freelancing_rate * factor))) for p in scenario.parties)
    return dataclasses.replace(scenario, parties=parties)


def _survival(scenario: Scenario, ids: tuple[str, ...], digits: np.ndarray, values: np.ndarray,
              reservations: np.ndarray) -> float:
    """Survival of one deal in the compliance Monte Carlo (fixed seed, so comparisons are paired)."""
    outcome = tuple(int(x) for x in digits)
    return simulate_compliance(scenario, ids, outcome, values, reservations, np.random.default_rng(0)).survival


def claim_e() -> dict[str, dict[str, float]]:
    """Per scenario: survival of its Nash deal as shipped, with the verification rung's machinery on every
    basket, and with freelancing doubled; deliberate violations summed over its frontier deals without and
    with verification; and, over the frontier deals where neither side cheats by policy, how many
    verification makes more likely to survive, and how many less."""
    out: dict[str, dict[str, float]] = {}
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        scenario = load_scenario(path)
        verified = _verified(scenario)
        ids = tuple(p.id for p in scenario.table_parties())
        problem = bargaining_problem(scenario, scenario.table_parties())
        sol = analyze(problem).solutions
        if sol.nash is None:
            continue
        reservations = np.array([scenario.party(p).reservation for p in ids])
        cheats, raised, lowered, gains = [0, 0], 0, 0, []
        for digits in sol.frontier_digits:
            outcome = tuple(int(x) for x in digits)
            u = problem.utilities_of(digits)
            base = int(deliberate_violations(scenario, ids, outcome, u, reservations).sum())
            checked = int(deliberate_violations(verified, ids, outcome, u, reservations).sum())
            cheats[0] += base
            cheats[1] += checked
            if base == 0 and checked == 0:
                gain = _survival(verified, ids, digits, u, reservations) - _survival(scenario, ids, digits, u,
                                                                                     reservations)
                gains.append(gain)
                raised += gain > 0
                lowered += gain < 0
        nash = sol.nash.digits
        u_nash = problem.utilities_of(nash)
        nash_outcome = tuple(int(x) for x in nash)
        out[scenario.id] = {
            "survival": _survival(scenario, ids, nash, u_nash, reservations),
            "survival_verified": _survival(verified, ids, nash, u_nash, reservations),
            "survival_freelancing_x2": _survival(_freelancing(scenario, 2.0), ids, nash, u_nash, reservations),
            "nash_policy_cheating": float(deliberate_violations(scenario, ids, nash_outcome, u_nash,
                                                                reservations).sum()),
            "deliberate_violations": float(cheats[0]), "deliberate_violations_verified": float(cheats[1]),
            "policy_free_deals": float(len(gains)), "verification_raises": float(raised),
            "verification_lowers": float(lowered),
            "smallest_gain": float(min(gains)) if gains else 0.0}
    return out


def claim_f() -> dict[str, dict[str, Any]]:
    """Zone of agreement and the Nash deal of the narrow and sweeping agendas, with and without red lines."""
    out: dict[str, dict[str, Any]] = {}
    for name in ("narrow_deal_2020", "ryabkov_2017"):
        scenario = load_scenario(SCENARIO_DIR / f"{name}.yaml")
        problem = bargaining_problem(scenario)
        free = dataclasses.replace(problem, allowed=tuple(np.ones_like(a) for a in problem.allowed))
        with_lines, without = analyze(problem).solutions, analyze(free).solutions
        nash_free = without.nash.digits if without.nash is not None else None
        out[name] = {
            "zopa": with_lines.zopa, "zopa_without_red_lines": without.zopa,
            "nash": [float(x) for x in with_lines.nash.utilities] if with_lines.nash else None,
            "reservation": [float(x) for x in problem.reservation],
            "unconstrained_nash_crosses_red_line": bool(nash_free is not None and not all(
                problem.allowed[i][int(d)] for i, d in enumerate(nash_free))),
        }
    return out


if __name__ == "__main__":
    report = {"a": claim_a(), "b": claim_b(), "c": claim_c(), "d": claim_d(), "e": claim_e(), "f": claim_f()}
    Path("/dev/stdout").write_text(json.dumps(report, indent=1) + "\n")
