"""What every claim's experiment shares: the scenarios, one game per seed, and the values read off it.

An experiment (see :mod:`game.research.claims`) plays the same seeds under two conditions
with one persona for every delegation, and reads one number per seed and condition. Every
scenario is played with its events switched off, so that only the mechanism under study
varies between the conditions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from game.engine.chance import entry_odds
from game.engine.compliance import ComplianceResult, simulate_compliance
from game.engine.state import State
from game.errors import GameError
from game.model.scenario import Incentives, Option, Phase, Protocol, Scenario
from game.model.utility import bargaining_problem
from game.scenario.loader import load_scenario
from game.strategies.registry import make
from game.strategies.runner import play

FloatArray = NDArray[np.float64]


@dataclass
class Library:
    """The scenarios of one folder, by id, loaded once, with their events switched off."""

    folder: Path
    responses: str | None = None   # "credible" or "automatic": rule 12 set in every file; None: as each file says
    _loaded: dict[str, Scenario | None] = field(default_factory=dict)
    _problems: dict[str, str] = field(default_factory=dict)

    def get(self, scenario_id: str) -> Scenario | None:
        """The scenario ``scenario_id`` (events off), or None when the folder has no valid file for it
        (:meth:`problem` then says why). The file is found by id: ``<id>.yaml`` in the folder."""
        if scenario_id not in self._loaded:
            path = self.folder / f"{scenario_id}.yaml"
            scenario: Scenario | None = None
            if not path.is_file():
                self._problems[scenario_id] = f"{path}: no such file (the file of a scenario is <id>.yaml)"
            else:
                try:
                    scenario = dataclasses.replace(load_scenario(path), events=())
                except GameError as exc:          # the loader's own message: file:line:col: what is wrong
                    self._problems[scenario_id] = "; ".join(str(exc).splitlines())
            if scenario is not None and self.responses is not None:
                scenario = dataclasses.replace(scenario, compliance=dataclasses.replace(
                    scenario.compliance, automatic=self.responses == "automatic"))
            self._loaded[scenario_id] = scenario
        return self._loaded[scenario_id]

    def problem(self, scenario_id: str) -> str | None:
        """Why the folder has no valid scenario ``scenario_id`` (the loader's message), or None if it has one."""
        self.get(scenario_id)
        return self._problems.get(scenario_id)


@dataclass(frozen=True, slots=True)
class Samples:
    """One number per seed and condition (NaN where the statistic is undefined for that seed),
    and what share of each condition's games reached a deal."""

    treatment: FloatArray
    control: FloatArray
    deal_rates: dict[str, float]


# ---------------------------------------------------------------- building conditions
def table_alone(scenario: Scenario, phase_id: str, protocol: Protocol) -> Scenario:
    """Phase ``phase_id`` played on its own under ``protocol`` (no anchoring, no phase effects).

    ``protocol.first_mover`` may name a party of another phase: the first mover is then the
    delegation at this table that speaks for the same government."""
    phase = next(p for p in scenario.phases if p.id == phase_id)
    first = scenario.party(protocol.first_mover).principal
    mover = next(pid for pid in phase.parties if scenario.party(pid).principal == first)
    alone = Phase(phase.id, phase.name, phase.parties, dataclasses.replace(protocol, first_mover=mover), 0.0,
                  phase.publishes)
    return dataclasses.replace(scenario, phases=(alone,), protocol=alone.protocol)


def with_incentives(scenario: Scenario, party_id: str, **changes: float) -> Scenario:
    """``scenario`` with some incentives of one delegation changed."""
    parties = tuple(dataclasses.replace(p, incentives=dataclasses.replace(p.incentives, **changes))
                    if p.id == party_id else p for p in scenario.parties)
    return dataclasses.replace(scenario, parties=parties)


OFFICIAL = Incentives(concession_weight=1.0, prestige=0.0, self_knowledge=0.0, reveal_cost=0.0)


def with_phase(scenario: Scenario, index: int, **changes: object) -> Scenario:
    """``scenario`` with fields of one phase changed."""
    phases = list(scenario.phases)
    phases[index] = dataclasses.replace(phases[index], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(scenario, phases=tuple(phases))


def with_options(scenario: Scenario, change: Callable[[int, Option], dict[str, float]]) -> Scenario:
    """``scenario`` with every option of every basket changed by ``change(basket_index, option)``
    (a mapping of the option's numeric fields, ``detection`` or ``consultation``, to new values)."""
    baskets = tuple(dataclasses.replace(b, options=tuple(dataclasses.replace(o, **change(i, o))  # type: ignore[arg-type]
                                                         for o in b.options))
                    for i, b in enumerate(scenario.baskets))
    return dataclasses.replace(scenario, baskets=baskets)


def with_freelancing(scenario: Scenario, rate: float) -> Scenario:
    """Every side's agencies freelance at ``rate``."""
    parties = tuple(dataclasses.replace(p, compliance=dataclasses.replace(p.compliance, freelancing_rate=rate))
                    for p in scenario.parties)
    return dataclasses.replace(scenario, parties=parties)


def without_agency_noise(scenario: Scenario) -> Scenario:
    """No agency freelances, and no side is ever accused of what it did not do (false accusations
    and misattribution 0 on every basket)."""
    baskets = tuple(dataclasses.replace(b, false_accusation=0.0, misattribution=0.0) for b in scenario.baskets)
    return dataclasses.replace(with_freelancing(scenario, 0.0), baskets=baskets)


def with_forms(scenario: Scenario, credibility: float, revocation: float) -> Scenario:
    """Every agreement form with the same ``credibility`` and ``revocation``."""
    return dataclasses.replace(scenario, forms=tuple(dataclasses.replace(f, credibility=credibility,
                                                                         revocation=revocation)
                                                     for f in scenario.forms))


# ---------------------------------------------------------------- playing and reading games
def talks(scenario: Scenario, seed: int, persona: str, follows_anchor: bool = True) -> State:
    """The talks of every phase (up to entry into force), every delegation played by ``persona``."""
    ais = {p.id: make(persona, follows_anchor=follows_anchor) for p in scenario.parties}
    return play(scenario, seed, ais, bargaining_only=True)


def government_value(state: State, party_id: str, outcome: tuple[int, ...] | None) -> float:
    """What ``outcome`` is worth on paper to the government ``party_id`` speaks for (its
    reservation value for no deal), from the true values, not the delegation's perception."""
    party = state.scenario.party(party_id)
    if outcome is None:
        return party.reservation
    return float(bargaining_problem(state.scenario, [party]).utilities_of(np.array(outcome))[0])


def entry_chance(state: State) -> float:
    """P(the binding agreement enters into force): the product over principals (0 for no deal)."""
    if state.binding_result is None or state.binding_result.agreement is None:
        return 0.0
    return float(np.prod([p for _, p in entry_odds(state)]))


def compliance_of(state: State, scenario: Scenario, seed: int) -> ComplianceResult | None:
    """The compliance Monte Carlo of the game's binding agreement under ``scenario``'s compliance
    parameters (as if in force; None for no deal), seeded by ``seed`` so conditions are paired."""
    result = state.binding_result
    if result is None or result.agreement is None:
        return None
    return simulate_compliance(scenario, state.seats, result.agreement, np.random.default_rng(seed))


def deal_rate(states: list[State]) -> float:
    """Share of games whose last phase reached an agreement."""
    return float(np.mean([s.results[-1].agreement is not None for s in states])) if states else 0.0
