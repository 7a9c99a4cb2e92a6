"""The game state: an immutable record; the rules in :mod:`game.engine.rules` make new ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from game.engine.actions import Action, Offer, Outcome, Ratify
from game.engine.compliance import ComplianceResult
from game.engine.tables import Tables
from game.model.scenario import Phase, Protocol, Scenario


class Stage(StrEnum):
    PERCEIVE = "perceive"          # chance: perception noise (rule 1)
    ROUND_START = "round_start"    # chance: events (rule 2)
    NEGOTIATE = "negotiate"        # the delegation to move acts (rules 4-10)
    RATIFY = "ratify"              # chance: entry into force (rule 11)
    COMPLY = "comply"              # chance: compliance (rule 12)
    OVER = "over"


@dataclass(frozen=True, slots=True)
class PhaseResult:
    phase: str
    agreement: Outcome | None
    round: int
    ended_by: str                  # accepted | walked:<party> | deadline | frozen; rule 16: ended | let_end:<party> | not_held


@dataclass(frozen=True, slots=True)
class Delta:
    """One effect as it changed the game: ``parameter`` (a name of :mod:`game.model.parameters`; per
    option for detection: ``baskets.<basket>.options.<option>.detection``) went from ``before`` to
    ``after`` as round ``round`` (0-based) of phase ``phase`` opened. ``source`` is the event id, or
    ``phase:<id>`` for a phase's own effects, ``anchor:<id>`` for the published plan's anchoring and
    ``scope:<id>`` for the scope a definitions phase agreed (:mod:`game.engine.scope`; its parameters
    are ``baskets.<basket>.scope``, 1 -> 0 for a basket left out, and
    ``baskets.<basket>.false_accusation``)."""

    source: str
    parameter: str
    before: float
    after: float
    phase: int
    round: int


@dataclass(frozen=True)
class State:
    scenario: Scenario             # current parameters, after events and phase effects
    stage: Stage = Stage.PERCEIVE
    phase: int = 0
    round: int = 0
    turn: int = 0                  # 0: the phase's first mover, 1: the other delegation
    standing: Offer | None = None
    locks: tuple[int, ...] = ()    # per issue: the locked option, or -1
    results: tuple[PhaseResult, ...] = ()
    fired: tuple[tuple[int, int, str], ...] = ()   # (phase, round, event id)
    deltas: tuple[Delta, ...] = ()                 # every effect so far, before -> after, in order
    perception: tuple[tuple[str, tuple[float, ...]], ...] = ()
    anchor: Outcome | None = None  # the plan published by the phase before
    entered: tuple[tuple[str, bool], ...] | None = None
    compliance: ComplianceResult | None = None
    held: Scenario | None = None   # the full scenario while a definitions phase runs in its scope scenario
    history: tuple[Action, ...] = ()
    declared: tuple[tuple[str, str, str], ...] = ()  # rule 13: standing red lines (party, basket, option), this phase
    finals: tuple[tuple[str, Outcome], ...] = ()     # rule 13: standing final offers (party, outcome), this phase
    broken: tuple[tuple[str, int], ...] = ()         # rule 13: how often each delegation broke its word
    ended: bool = False                              # rule 16: the instructor has ended the talks
    tables: Tables | None = field(default=None, compare=False, repr=False)

    def evolve(self, **changes: object) -> State:
        """A copy with ``changes`` (the rules' fast ``dataclasses.replace``); the cached views
        (phase, seats) are kept unless the scenario or the phase changes."""
        new = object.__new__(State)
        fields = self.__dict__.copy()
        if ("scenario" in changes and changes["scenario"] is not self.scenario) or (
                "phase" in changes and changes["phase"] != self.phase):   # the cached views depend on these only
            for key in _CACHED:
                fields.pop(key, None)
        fields.update(changes)
        object.__setattr__(new, "__dict__", fields)
        return new

    @cached_property
    def phase_def(self) -> Phase:
        """The current phase (a scenario without phases has one implicit phase, 'talks')."""
        if self.scenario.phases:
            return self.scenario.phases[self.phase]
        s = self.scenario
        return Phase("talks", s.title, tuple(p.id for p in s.parties), s.protocol, 0.0, False)

    @property
    def built(self) -> Tables:
        """The phase's precomputed tables, which rule 3 builds as every phase opens (an AI asked to
        move in a state without them is a programming error, not a user's)."""
        if self.tables is None:
            raise RuntimeError("the state has no tables: they are built when a phase opens (rule 3)")
        return self.tables

    @property
    def refused(self) -> tuple[tuple[str, str], ...]:
        """(principal, veto player) for every body that refused the agreement (rule 11)."""
        ratify = next((a for a in reversed(self.history) if isinstance(a, Ratify)), None)
        return ratify.refused if ratify is not None else ()

    def credibility(self, party: str) -> float:
        """How far the other side believes ``party``'s word (rule 13): the governments' trust, halved
        for every time it has broken its word (a red line it then offered or accepted, a final offer
        it then changed)."""
        times = next((n for p, n in self.broken if p == party), 0)
        return self.scenario.compliance.trust * 0.5 ** times

    def red_lines_declared(self, party: str) -> tuple[tuple[str, str], ...]:
        """(basket, option) of every red line ``party`` has declared at this table and not broken."""
        return tuple((b, o) for p, b, o in self.declared if p == party)

    @property
    def protocol(self) -> Protocol:
        return self.phase_def.protocol

    @cached_property
    def seats(self) -> tuple[str, str]:
        """The two delegations at this table, first mover first."""
        ids = self.phase_def.parties
        first = self.protocol.first_mover
        other = next(p for p in ids if p != first)
        return (first, other)

    @property
    def to_move(self) -> str | None:
        return self.seats[self.turn] if self.stage is Stage.NEGOTIATE else None

    @property
    def final_response(self) -> bool:
        """After the last round, or once the instructor has ended the talks (rule 16), the delegation facing
        the standing offer may only accept or walk away."""
        return self.ended or self.round >= self.protocol.rounds

    @property
    def is_chance(self) -> bool:
        return self.stage in (Stage.PERCEIVE, Stage.ROUND_START, Stage.RATIFY, Stage.COMPLY)

    @property
    def binding_result(self) -> PhaseResult | None:
        """The result of the last phase, whose agreement is the one that binds."""
        n_phases = max(1, len(self.scenario.phases))
        return self.results[-1] if len(self.results) == n_phases else None


_CACHED = frozenset({"phase_def", "seats"})
