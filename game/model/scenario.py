"""The scenario as plain, immutable model objects (no YAML, no pydantic).

These are what :mod:`game.scenario` produces from a validated file and what
the engine, the AI and the analytics consume. Field meanings are documented
in ``docs/scenario-format.md``; formulas that use them live in
:mod:`game.model.utility` (principal utility) and :mod:`game.model.incentives`
(negotiating utility).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

from game.model.teaching import Teaching

V = TypeVar("V")


def frozen_map(data: Mapping[str, V]) -> Mapping[str, V]:
    """Return a read-only view of a copy of ``data``."""
    return MappingProxyType(dict(data))


class Delegation(StrEnum):
    """Who sits at the table: officials (Track 1) or former officials and scholars."""

    OFFICIAL = "official"
    UNOFFICIAL = "unofficial"


class ResponseRule(StrEnum):
    """What a side does after it detects and attributes a violation."""

    SUSPEND_BASKET = "suspend_basket"
    TIT_FOR_TAT = "tit_for_tat"
    COLLAPSE = "collapse"


@dataclass(frozen=True, slots=True)
class Source:
    author: str
    title: str
    year: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class Option:
    """One rung of a basket's ladder; ``detection`` is P(a violation is detected), and
    ``consultation`` is P(a detected violation by a freelancing agency is settled in the
    agreement's consultation channel, without a response)."""

    id: str
    label: str
    description: str
    detection: float
    consultation: float = 0.0


@dataclass(frozen=True, slots=True)
class Basket:
    """An issue on the table: an ordered ladder of options, weakest first."""

    id: str
    name: str
    description: str
    options: tuple[Option, ...]
    attribution: float = 1.0

    def option_index(self, option_id: str) -> int:
        """Position of ``option_id`` on the ladder (ValueError if absent)."""
        for i, option in enumerate(self.options):
            if option.id == option_id:
                return i
        raise ValueError(f"basket {self.id!r} has no option {option_id!r}")


@dataclass(frozen=True, slots=True)
class EntryRule:
    """Entry into force for one principal under one form.

    ``P(enters) = logistic(logit(approval) + sensitivity * (U_p - threshold_p))``:
    ``approval`` is the chance when the deal is exactly at the principal's
    domestic threshold, ``sensitivity`` how fast it moves with the deal's value.
    """

    approval: float
    sensitivity: float


@dataclass(frozen=True, slots=True)
class AgreementForm:
    id: str
    label: str
    description: str
    credibility: float
    entry: Mapping[str, EntryRule]


@dataclass(frozen=True, slots=True)
class Incentives:
    """The delegation's own stakes (see :mod:`game.model.incentives`)."""

    concession_weight: float = 1.0
    prestige: float = 0.0
    self_knowledge: float = 0.0
    reveal_cost: float = 0.0


@dataclass(frozen=True, slots=True)
class ComplianceParams:
    """Freelancing: yearly chance that an agency violates a basket on its own;
    cheat_gain: what a deliberate violation is worth to the principal."""

    freelancing_rate: float = 0.0
    cheat_gain: float = 0.0


@dataclass(frozen=True, slots=True)
class Party:
    """A delegation at the table and the values of the principal it speaks for."""

    id: str
    name: str
    principal: str
    delegation: Delegation
    weights: Mapping[str, float]
    values: Mapping[str, Mapping[str, float]]
    form_weight: float
    form_values: Mapping[str, float]
    reservation: float
    red_lines: Mapping[str, tuple[str, ...]]
    incentives: Incentives
    domestic_threshold: float
    compliance: ComplianceParams
    strategy: str | None = None


@dataclass(frozen=True, slots=True)
class Protocol:
    rounds: int
    discount: float
    first_mover: str
    binding: bool
    lanes: bool


@dataclass(frozen=True, slots=True)
class Effect:
    """Change one named parameter: exactly one of add / multiply / set applies."""

    parameter: str
    op: str
    amount: float


@dataclass(frozen=True, slots=True)
class Phase:
    """One stage of a campaign; ``anchoring`` is the weight it takes from the
    published outcome of the phase before (0 for the first phase)."""

    id: str
    name: str
    parties: tuple[str, ...]
    protocol: Protocol
    anchoring: float
    publishes: bool
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    text: str
    probability: float
    phases: tuple[str, ...]
    effects: tuple[Effect, ...]


@dataclass(frozen=True, slots=True)
class CompliancePlan:
    years: int
    response: ResponseRule


@dataclass(frozen=True, slots=True)
class Scenario:
    schema_version: int
    id: str
    title: str
    year: int
    summary: str
    difficulty: str
    sources: tuple[Source, ...]
    baskets: tuple[Basket, ...]
    forms: tuple[AgreementForm, ...]
    parties: tuple[Party, ...]
    protocol: Protocol
    phases: tuple[Phase, ...]
    events: tuple[Event, ...]
    compliance: CompliancePlan
    path: str = field(default="", compare=False)
    teaching: Teaching | None = None       # the optional teaching material (game.model.teaching)

    def party(self, party_id: str) -> Party:
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)

    def basket(self, basket_id: str) -> Basket:
        for basket in self.baskets:
            if basket.id == basket_id:
                return basket
        raise KeyError(basket_id)

    def table_parties(self, phase_id: str | None = None) -> tuple[Party, ...]:
        """Parties at the table in ``phase_id`` (default: the last phase, whose
        deal is the one that binds), or all parties when there are no phases."""
        if not self.phases:
            return self.parties
        phase = self.phases[-1] if phase_id is None else next(
            (p for p in self.phases if p.id == phase_id), None)
        if phase is None:
            raise KeyError(phase_id)
        return tuple(self.party(pid) for pid in phase.parties)
