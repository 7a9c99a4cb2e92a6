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
    """An issue on the table: an ordered ladder of options, weakest first.

    After signing (docs/model.md, rules 1-4): ``binds`` lists the parties whose restraint the
    commitment asks for (empty: every party at the table); ``linked_to`` the baskets it was
    traded against (None: the whole package); ``false_accusation`` the yearly chance that a
    side that keeps it is accused all the same, ``misattribution`` the yearly chance that a
    non-state act (criminals, "patriotic" hackers) is pinned on a side's state;
    ``detection_cap`` the most any verification can detect; ``detection_by`` a factor on the
    detection of violations by one party (party id -> factor, default 1). ``in_scope`` is False
    once a definitions phase has left the basket out of the pact's scope (game.engine.scope):
    only its first rung (no commitment) may then be agreed."""

    id: str
    name: str
    description: str
    options: tuple[Option, ...]
    attribution: float = 1.0
    binds: tuple[str, ...] = ()
    linked_to: tuple[str, ...] | None = None
    false_accusation: float = 0.0
    misattribution: float = 0.0
    detection_cap: float = 1.0
    detection_by: Mapping[str, float] = field(default_factory=lambda: frozen_map({}))
    in_scope: bool = True          # False: a definitions phase left it out; only its first rung is allowed

    def binds_party(self, party_id: str) -> bool:
        """Whether the commitment asks ``party_id`` to restrain itself."""
        return not self.binds or party_id in self.binds

    def option_index(self, option_id: str) -> int:
        """Position of ``option_id`` on the ladder (ValueError if absent)."""
        for i, option in enumerate(self.options):
            if option.id == option_id:
                return i
        raise ValueError(f"basket {self.id!r} has no option {option_id!r}")


@dataclass(frozen=True, slots=True)
class VetoPlayer:
    """One body whose approval a principal needs (a chamber, a court, the leader).

    ``P(approves) = logistic(logit(approval) + sensitivity * (V_p - threshold_p))``, where
    ``V_p`` is the deal's expected yearly value to the principal once in force."""

    name: str
    approval: float
    sensitivity: float


@dataclass(frozen=True, slots=True)
class EntryRule:
    """Entry into force for one principal under one form: every veto player must approve
    (independent votes). A rule written with one ``approval`` and ``sensitivity`` is one
    veto player named after the government."""

    approval: float
    sensitivity: float
    players: tuple[VetoPlayer, ...] = ()

    def veto_players(self, principal: str) -> tuple[VetoPlayer, ...]:
        """The veto players, or one standing for the whole government."""
        return self.players or (VetoPlayer(principal, self.approval, self.sensitivity),)


@dataclass(frozen=True, slots=True)
class AgreementForm:
    """A form the agreement can take. ``credibility`` (0-1) is how firmly the form holds a
    side to its word in public: a caught breach costs the breaching principal
    ``credibility * audience_cost``. ``revocation`` is the yearly chance that a successor
    drops the agreement (docs/model.md, rule 5). ``signed``: nobody votes on it, each government's
    leader signs it or declines to (a leaders' joint statement); only the words differ."""

    id: str
    label: str
    description: str
    credibility: float
    entry: Mapping[str, EntryRule]
    revocation: float = 0.0
    signed: bool = False


@dataclass(frozen=True, slots=True)
class Incentives:
    """The delegation's own stakes (see :mod:`game.model.incentives`)."""

    concession_weight: float = 1.0
    prestige: float = 0.0
    self_knowledge: float = 0.0
    reveal_cost: float = 0.0


@dataclass(frozen=True, slots=True)
class ComplianceParams:
    """freelancing_rate: yearly chance that an agency would violate a basket on its own if
    sure not to be caught; audience_cost: what a caught, unsettled breach costs the principal
    at home and abroad under a form of credibility 1, in units of its utility (rule 3)."""

    freelancing_rate: float = 0.0
    audience_cost: float = 0.0


@dataclass(frozen=True, slots=True)
class Party:
    """A delegation at the table and the values of the principal it speaks for.

    ``values`` are the paper values, derived (rule 1) as
    ``status_quo + gains - costs`` per basket and option: ``gains`` is the value of the other
    side's restraint, ``costs`` the cost of one's own (what a breach would win back)."""

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
    gains: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: frozen_map({}))
    costs: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: frozen_map({}))
    acceptance: float = 1.0
    """The chance, apart from its veto players' votes, that the principal goes ahead with any deal at
    all (rule 10): 1 as a file starts; only an event or a phase changes it (e.g. an election window halves
    Washington's, calibration brief section 6: "P(US accepts) x0.5")."""


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
class ScopeRung:
    """One rung of a definitions phase's scope ladder (docs/model.md, "Definitions"): the baskets
    the agreed definition of interference covers, and ``disputes``, the yearly chance that a side
    keeping its word is accused all the same over what the definition covers (an interpretive
    dispute), added to each covered basket's ``false_accusation``."""

    id: str
    label: str
    description: str
    baskets: tuple[str, ...]
    disputes: float = 0.0


@dataclass(frozen=True, slots=True)
class Scope:
    """What a definitions phase bargains over: one issue, the ladder of ``rungs`` (narrowest first);
    ``default`` the rung that applies when the phase ends without an agreement; ``values`` per seated
    party, what each rung is worth to its government (0 worst, 1 best)."""

    name: str
    rungs: tuple[ScopeRung, ...]
    default: str
    values: Mapping[str, Mapping[str, float]]

    def rung_index(self, rung_id: str) -> int:
        """Position of ``rung_id`` on the ladder (ValueError if absent)."""
        for i, rung in enumerate(self.rungs):
            if rung.id == rung_id:
                return i
        raise ValueError(f"the scope has no rung {rung_id!r}")


@dataclass(frozen=True, slots=True)
class Phase:
    """One stage of a campaign; ``anchoring`` is the weight it takes from the
    published outcome of the phase before (0 for the first phase). A phase with a
    ``scope`` is a definitions phase: it bargains over the scope ladder only, and its
    outcome sets the next phase's parameters (:mod:`game.engine.scope`)."""

    id: str
    name: str
    parties: tuple[str, ...]
    protocol: Protocol
    anchoring: float
    publishes: bool
    effects: tuple[Effect, ...] = ()
    scope: Scope | None = None


@dataclass(frozen=True, slots=True)
class EventCondition:
    """When an event may fire, from a closed list of predicates (all given ones must hold; see
    :mod:`game.engine.events`): the round (1-based) at least / at most a number, the standing
    offer at or above an option of a basket (``offer_at_least``: basket id, option id, and the
    offering party or "" for either), a party that has walked away, an event that has fired,
    a phase that ended with an agreement, ``compliance.trust`` below a number (``trust_below``)."""

    round_at_least: int | None = None
    round_at_most: int | None = None
    offer_at_least: tuple[str, str, str] | None = None
    walked_away: str | None = None
    after_event: str | None = None
    agreed_in: str | None = None
    trust_below: float | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A chance event; ``once``: it fires at most once per game; ``at_round``: it may fire only as
    that round (1-based) opens; ``when``: the conditions that must hold for it to fire."""

    id: str
    text: str
    probability: float
    phases: tuple[str, ...]
    effects: tuple[Effect, ...]
    once: bool = False
    at_round: int | None = None
    when: EventCondition | None = None


@dataclass(frozen=True, slots=True)
class YearEvent:
    """A chance event of the compliance years (docs/model.md, rule 11): it may happen at the start of
    compliance year ``year`` (1-based) with ``probability`` (one draw per history), and its
    ``effects`` (on ``compliance.trust``, ``baskets.<b>.detection|attribution`` or
    ``forms.<f>.revocation``) hold from that year on."""

    id: str
    text: str
    probability: float
    year: int
    effects: tuple[Effect, ...]


@dataclass(frozen=True, slots=True)
class CompliancePlan:
    """The years after signing: ``years`` simulated; the ``response`` to an answered breach;
    ``trust``, the prior that the other government is a complying type (one number per pair
    of governments, sourced in docs/calibration.md); ``continuation``, the yearly chance that
    both expect the pact to matter next year (the shadow of the future; default 1 - 1/years)."""

    years: int
    response: ResponseRule
    trust: float = 1.0
    continuation: float | None = None
    response_by: Mapping[str, ResponseRule] = field(default_factory=lambda: frozen_map({}))
    automatic: bool = True    # False: a victim answers only where answering beats tolerating (rule 12)

    def rule_of(self, party_id: str) -> ResponseRule:
        """The response ``party_id`` applies when the other side's breach is answered (rule 2)."""
        return self.response_by.get(party_id, self.response)

    @property
    def shadow(self) -> float:
        """The continuation probability used by deterrence (rule 3)."""
        return self.continuation if self.continuation is not None else 1.0 - 1.0 / self.years


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """A principal with values but no seat (an ally, independent media, a third country):
    no AI, no table; the debrief reports what the deal cost or gave it (rule 8).
    ``values`` per basket and option in [0, 1], ``weights`` per basket, ``reservation``
    what no deal leaves it."""

    id: str
    name: str
    weights: Mapping[str, float]
    values: Mapping[str, Mapping[str, float]]
    reservation: float
    description: str = ""


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
    stakeholders: tuple[Stakeholder, ...] = ()
    teaching: Teaching | None = None       # the optional teaching material (game.model.teaching)
    year_events: tuple[YearEvent, ...] = ()  # events of the compliance years (events with ``year:`` in the file)

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

    def across(self, side: str) -> tuple[Party, ...]:
        """The delegations of other governments ``side`` meets: at its own tables when the talks are in phases
        (its own government's other delegations are never across the table)."""
        me = self.party(side)
        tables = [ph.parties for ph in self.phases if side in ph.parties]
        met = {p for parties in tables for p in parties} if tables else {p.id for p in self.parties}
        return tuple(p for p in self.parties if p.principal != me.principal and p.id in met)

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
