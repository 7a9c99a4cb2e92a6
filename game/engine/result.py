"""What a finished game was worth, per principal and per delegation.

Per principal (government): the deal's value *on paper* (its reservation value
when there is no deal); *after entry into force*, the expectation
``P(in force) * U + (1 - P(in force)) * r`` of the paper value; the *expected*
value ``V = P(in force) * E + (1 - P(in force)) * r`` with ``E`` the closed-form
expected yearly value in force (docs/model.md, rule 7), what the AI and the
classroom score use; *after compliance*, the mean and 5-95% band of the yearly
value from this game's Monte Carlo (``r`` when not in force). Per delegation: the
negotiating utility of the deal it made in its phase, and the expected value it
*perceived* for its government beside the true one (the Track 1.5 view: what it
felt it won, and what its government gets).
"""

from __future__ import annotations

from dataclasses import dataclass


from game.engine.chance import binding_value
from game.engine.scope import phase_scenario
from game.engine.state import State
from game.engine.tables import build_tables
from game.model.incentives import negotiating_utility


@dataclass(frozen=True, slots=True)
class PrincipalResult:
    principal: str
    party: str
    reservation: float
    paper: float
    entry_probability: float
    in_force: float
    compliance_mean: float       # yearly value over the compliance histories (the cheater's gains included)
    compliance_p5: float
    compliance_p95: float
    # share of histories in which the other side never violated the pact; None when no pact was in force
    # (no deal, or one never in force): nothing could be honoured or broken, so the share is undefined
    honoured_by_other: float | None
    answered: float | None       # mean accusations against this side answered (None: no pact in force)
    expected_in_force: float = 0.0   # E: expected yearly value once in force (closed form)
    expected: float = 0.0            # V = P(in force) E + (1 - P(in force)) r
    veto_players: tuple[tuple[str, float], ...] = ()   # each body's chance of approving


@dataclass(frozen=True, slots=True)
class DelegationResult:
    party: str
    phase: str
    negotiating_utility: float   # 0 when its phase ended without a deal
    perceived: float | None      # its government's value as it saw it
    true_value: float | None     # its government's real value
    # N's terms (docs/model.md, Incentives): kappa (U - r), prestige, lambda (best - U) in non-binding talks,
    # and the discount the rounds took, N = (stake + prestige - reveal) * kept; () without a deal
    parts: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class GameResult:
    agreement: tuple[int, ...] | None
    principals: tuple[PrincipalResult, ...]
    delegations: tuple[DelegationResult, ...]
    in_force: bool
    survival: float               # intact: share of histories in which no response was ever triggered
    violations_detected: float
    violations_undetected: float
    violations_settled: float     # detected, then settled in the consultation channel


def game_result(state: State) -> GameResult:
    """The result of a finished game (``state.stage`` is over)."""
    assert state.tables is not None
    final = state.binding_result
    agreement = final.agreement if final is not None else None
    value = binding_value(state) if agreement is not None else None
    p_force = value.entry if value is not None else 0.0
    principals = []
    for s, pid in enumerate(state.seats):
        party = state.scenario.party(pid)
        r = party.reservation
        paper = value.paper[s] if value is not None else r
        comp = state.compliance
        mean, p5, p95 = (comp.mean[s], comp.p5[s], comp.p95[s]) if comp is not None else (r, r, r)
        honoured = comp.honoured_by_other[s] if comp is not None else None
        answered = comp.answered[s] if comp is not None else None
        principals.append(PrincipalResult(
            party.principal, pid, r, paper, value.principal_entry(s) if value is not None else 0.0,
            p_force * paper + (1 - p_force) * r, mean, p5, p95, honoured, answered,
            value.in_force[s] if value is not None else r, value.value[s] if value is not None else r,
            value.players[s] if value is not None else ()))
    comp = state.compliance
    return GameResult(
        agreement=agreement,
        principals=tuple(principals),
        delegations=delegation_results(state),
        in_force=bool(state.entered) and all(ok for _, ok in state.entered or ()),
        survival=comp.survival if comp is not None else 0.0,
        violations_detected=float(sum(comp.detected)) if comp is not None else 0.0,
        violations_undetected=float(sum(comp.undetected)) if comp is not None else 0.0,
        violations_settled=float(sum(comp.settled)) if comp is not None else 0.0,
    )


def delegation_results(state: State) -> tuple[DelegationResult, ...]:
    """Each seated delegation's view of the deal its phase reached."""
    out = []
    phases = state.scenario.phases or (state.phase_def,)
    noise = dict(state.perception)
    for index, result in enumerate(state.results):
        phase = phases[index]
        bargained = phase_scenario(state.scenario, phase)     # a definitions phase: its scope scenario (rule D1)
        for pid in phase.parties:
            party = bargained.party(pid)
            if result.agreement is None:
                out.append(DelegationResult(pid, phase.id, 0.0, None, None))
                continue
            seen_noise = {} if phase.scope is not None else {k: v for k, v in noise.items() if k in phase.parties}
            table = build_tables(bargained, phase.parties, seen_noise, phase.protocol.binding)
            index = table.problem.index_of(result.agreement)
            mine = table.of(pid)
            seen, true, best = float(mine.perceived[index]), float(mine.expected[index]), mine.best
            n = float(negotiating_utility(seen, party.reservation, party.incentives, phase.protocol.binding, best))
            kept = phase.protocol.discount ** result.round
            inc = party.incentives
            parts = (inc.concession_weight * (seen - party.reservation), inc.prestige,
                     (0.0 if phase.protocol.binding else inc.reveal_cost) * (best - seen), kept)
            out.append(DelegationResult(pid, phase.id, n * kept, seen, true, parts))
    return tuple(out)
