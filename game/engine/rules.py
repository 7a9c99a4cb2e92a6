"""The rules of a Backchannel game: ``apply(state, action) -> state``, pure and deterministic.

Chance never happens inside ``apply``: chance moves are actions too, sampled by
:func:`game.engine.chance.sample` from the game's one seeded generator, so the
list of actions (the move log) replays a game exactly.

Rules:

1. The game opens with a chance move that draws, once, each delegation's noise
   on its own government's option values (standard deviation ``self_knowledge``).
2. Each round opens with a chance move: every event allowed in the current phase
   fires independently with its probability, when its timing and conditions
   hold (:mod:`game.engine.events`: ``once``, ``at_round``, ``when``); fired
   events apply their effects in file order, each recorded before -> after in
   ``state.deltas``. A ``once`` event never fires twice. If an effect leaves the
   phase with fewer rounds than the current one, the talks are frozen and the
   phase ends without a deal.
3. A phase opens by applying its own effects; if the phase before published an
   agreement (a plan), each principal's domestic threshold moves toward the
   plan's expected value in force by the phase's anchoring weight:
   ``t <- (1 - a) t + a E(plan)``. Both are recorded before -> after in ``state.deltas``.
   If the phase before was a definitions phase, the scope it agreed (or its default)
   is applied first (:mod:`game.engine.scope`, rules D1-D3: baskets outside the scope
   are locked at no commitment, covered baskets take the scope's disputes), also
   recorded; a definitions phase itself is bargained over its scope ladder alone.
4. The first mover moves first in every round, then the other delegation;
   only the delegation to move may act.
5. An offer names one option for every basket and one agreement form, and keeps
   every locked basket at its locked option.
6. Only the delegation facing the other's standing offer may accept it;
   acceptance ends the phase with that offer as its agreement.
7. Walking away ends the phase without a deal.
8. With parallel lanes on, the delegation facing a standing offer may lock any
   unlocked basket at that offer's option; locking does not end its turn.
9. When the last round is over, the delegation facing the standing offer may
   only accept it or walk away; if there is no standing offer the phase ends
   without a deal.
10. An offer may carry one canned message (red line on a basket, movement needed
    on a basket, final offer). A red line names the option it rules out, one of
    that basket's options other than the one the offer itself contains.
11. After the last phase, an agreement goes to a chance move of entry into force:
    each veto player of each principal approves with
    ``logistic(logit(approval) + sensitivity (E - t))``, ``E`` the deal's expected
    yearly value in force to that principal (never, if the deal crosses one of its
    red lines); a principal approves when all its veto players do, and the pact
    enters into force only if every principal does.
12. A pact in force goes to a chance move that seeds the compliance Monte Carlo;
    its result ends the game. No agreement, or no entry into force, ends it at once.
13. Every delegation's word has a credibility, ``trust * 0.5 ** broken``
    (``compliance.trust``; ``broken``: how often it has broken its word in this
    game). A red line naming an option declares it for the rest of the phase. A
    delegation breaks its word when it offers or accepts a package containing an
    option it declared a red line in this phase (the declaration is withdrawn),
    and when, after a final offer, it makes a different offer in the same phase.
14. In non-binding talks nothing agreed enters into force, is kept or is broken, so
    every delegation values outcomes there on paper (its tables hold ``V = U``); in
    binding talks it values them at their expected value ``V`` (docs/model.md).

15. During the talks (a delegation to move), an instructor may inject events of the phase: they fire
    at once, as at a round's start (effects recorded, ``once`` respected, frozen talks if the phase
    is left with fewer rounds than the current one); the turn does not change.
16. During the talks, an instructor may end them: the delegation to move, if it faces the other's
    standing offer, gives its final response (rule 9: accept it, or walk away, which lets the talks
    end: ``let_end:<party>``); otherwise the phase ends at once without a deal (``ended``). Either
    way no later phase is played (each is recorded ``not_held``), so only an agreement of the last
    phase goes to entry into force, and nothing more can be injected.
An action that breaks a rule raises :class:`IllegalMoveError` naming the rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np

from game.engine.actions import (
    Accept,
    Action,
    AnyOffer,
    Comply,
    EndTalks,
    Inject,
    Lock,
    Offer,
    Perceive,
    Ratify,
    RoundStart,
    Walk,
)
from game.engine.compliance import simulate_compliance
from game.engine.events import apply_recorded, fire, in_phase, spent
from game.engine.scope import apply_scope, scope_scenario
from game.engine.state import Delta, PhaseResult, Stage, State
from game.engine.tables import build_tables
from game.engine.valuation import value_deal
from game.engine.word import keep_word, message_error
from game.errors import GameError
from game.model.limits import check_playable
from game.model.scenario import Scenario
from game.words import count


class IllegalMoveError(GameError):
    """An action the rules do not allow in this state."""


def legal_actions(state: State) -> tuple[AnyOffer | Accept | Walk | Lock, ...]:
    """What the delegation to move may do (empty at chance nodes and when the game is over).

    Offers are listed as one :class:`AnyOffer` template (rule 5); accepting, walking away and
    each lock are listed as concrete actions.
    """
    party = state.to_move
    if party is None:
        return ()
    facing = state.standing is not None and state.standing.party != party
    out: list[AnyOffer | Accept | Walk | Lock] = []
    if not state.final_response:
        out.append(AnyOffer(party, state.locks))
    if facing:
        out.append(Accept(party))
    out.append(Walk(party))
    if facing and state.protocol.lanes:
        out += [Lock(party, b) for b in range(len(state.scenario.baskets)) if state.locks[b] < 0]
    return tuple(out)


def new_game(scenario: Scenario) -> State:
    """The state before the first chance move.

    Raises GameError when a table seats other than two delegations: the
    alternating-offers protocol is bilateral (the analytics accept any number);
    and when the outcome space is larger than the engine can number (2^62 packages,
    :data:`game.model.limits.MAX_PLAYABLE_OUTCOMES`; any smaller space plays, by search above the exact tables).
    """
    tables = [(p.id, p.parties) for p in scenario.phases] or [("talks", tuple(p.id for p in scenario.parties))]
    for phase_id, seated in tables:
        if len(seated) != 2:
            where = f"{scenario.path}: " if scenario.path else ""
            raise GameError(f"{where}phase {phase_id!r} seats {count(len(seated), 'delegation')}; the negotiation engine "
                            "plays two per table (use phases to seat them in pairs)")
    check_playable(scenario)
    n_issues = len(scenario.baskets) + 1
    return State(scenario=scenario, locks=(-1,) * n_issues)


def apply(state: State, action: Action) -> State:
    """The state after ``action`` (raises :class:`IllegalMoveError` when it breaks a rule)."""
    handler: Callable[[State, Any], State] | None = _HANDLERS.get(type(action))
    if handler is None:
        raise IllegalMoveError(f"unknown action {action!r}")
    new = handler(state, action)
    return new.evolve(history=state.history + (action,))


def _expect(state: State, stage: Stage, action: Action) -> None:
    if state.stage is not stage:
        raise IllegalMoveError(f"{type(action).__name__} is not allowed now: the game is at stage "
                               f"'{state.stage}', expected '{stage}'")


def _player(state: State, action: Accept | Walk | Lock | Offer) -> None:
    _expect(state, Stage.NEGOTIATE, action)
    if action.party != state.to_move:
        raise IllegalMoveError(f"rule 4: it is {state.to_move}'s turn, not {action.party}'s")


def _perceive(state: State, action: Perceive) -> State:
    _expect(state, Stage.PERCEIVE, action)
    return _open_phase(state.evolve(perception=action.noise), 0)


def _open_phase(state: State, index: int) -> State:
    """Rule 3: phase effects, anchoring of domestic thresholds, fresh tables."""
    scenario = state.scenario if state.held is None else state.held
    phase = state.evolve(phase=index).phase_def
    deltas: list[Delta] = []
    locks = (-1,) * (len(scenario.baskets) + 1)
    before = scenario.phases[index - 1] if index > 0 and scenario.phases else None
    if before is not None and before.scope is not None:
        scenario, changed, locks = apply_scope(scenario, before, state.results[-1].agreement, index)
        deltas += changed
    for effect in phase.effects:
        scenario, changed = apply_recorded(scenario, effect, f"phase:{phase.id}", index, 0)
        deltas += changed
    anchor = None
    previous = state.results[-1] if state.results else None
    if (previous is not None and previous.agreement is not None and scenario.phases[index - 1].publishes
            and scenario.phases[index - 1].scope is None):
        anchor = previous.agreement
        alpha = scenario.phases[index].anchoring
        seated = tuple(scenario.party(pid) for pid in phase.parties)
        plan = value_deal(scenario, (seated[0], seated[1]), anchor)
        parties = []
        for party in scenario.parties:
            if party.id in phase.parties:
                value = plan.in_force[phase.parties.index(party.id)]
                moved = (1 - alpha) * party.domestic_threshold + alpha * value
                deltas.append(Delta(f"anchor:{phase.id}", f"{party.id}.domestic_threshold",
                                    party.domestic_threshold, moved, index, 0))
                party = dataclasses.replace(party, domestic_threshold=moved)
            parties.append(party)
        scenario = dataclasses.replace(scenario, parties=tuple(parties))
    held = None
    if phase.scope is not None:                  # rule D1: bargained in the one-issue scope scenario
        held, scenario = scenario, scope_scenario(scenario, phase)
        locks = (-1, -1)
    perception = dict(state.perception) if phase.scope is None else {}
    tables = build_tables(scenario, phase.parties, perception, phase.protocol.binding)
    return state.evolve(scenario=scenario, held=held, phase=index, round=0, turn=0, standing=None,
                               locks=locks, anchor=anchor, tables=tables, declared=(), finals=(),
                               stage=Stage.ROUND_START, deltas=state.deltas + tuple(deltas))


def _round_start(state: State, action: RoundStart) -> State:
    _expect(state, Stage.ROUND_START, action)
    return _frozen_or(_fire(state, action.events, "rule 2").evolve(stage=Stage.NEGOTIATE, turn=0))


def _inject(state: State, action: Inject) -> State:
    _expect(state, Stage.NEGOTIATE, action)
    if state.ended:
        raise IllegalMoveError("rule 16: the instructor has ended the talks; no event can happen now")
    if not action.events:
        raise IllegalMoveError("rule 15: an injection names at least one event")
    return _frozen_or(_fire(state, action.events, "rule 15"))


def _end_talks(state: State, action: EndTalks) -> State:
    """Rule 16: the final response for the delegation to move if it faces a standing offer, else no deal."""
    _expect(state, Stage.NEGOTIATE, action)
    if state.ended:
        raise IllegalMoveError("rule 16: the instructor has ended the talks already")
    ended = state.evolve(ended=True)
    facing = state.standing is not None and state.standing.party != state.to_move
    return ended if facing else _end_phase(ended, None, "ended")


def _fire(state: State, events: tuple[str, ...], rule: str) -> State:
    """``events`` fired now (rules 2 and 15), their effects recorded and the tables rebuilt if need be."""
    allowed = {e.id for e in state.scenario.events if in_phase(state, e)}
    unknown = [e for e in events if e not in allowed]
    if unknown:
        raise IllegalMoveError(f"{rule}: event {unknown[0]!r} cannot fire in phase {state.phase_def.id!r}")
    again = [e.id for e in state.scenario.events if e.id in events and spent(state, e)]
    if again:
        raise IllegalMoveError(f"{rule}: event {again[0]!r} fires once in a game, and it has fired")
    scenario, deltas, rebuild = fire(state, events)
    fired = state.fired + tuple((state.phase, state.round, e) for e in events)
    new = state.evolve(scenario=scenario, fired=fired, deltas=state.deltas + deltas)
    if rebuild:
        new = new.evolve(tables=build_tables(scenario, new.phase_def.parties, dict(state.perception),
                                              new.protocol.binding))
    return new


def _frozen_or(state: State) -> State:
    """Rule 2: an effect that leaves the phase with fewer rounds than the current one freezes the talks."""
    return _end_phase(state, None, "frozen") if state.round >= state.protocol.rounds else state


def _offer(state: State, action: Offer) -> State:
    _player(state, action)
    if state.final_response:
        raise IllegalMoveError("rule 16: the instructor has ended the talks; you may only accept the standing offer "
                               "or walk away" if state.ended else
                               "rule 9: the last round is over; you may only accept the standing offer or walk away")
    shape = state.tables.problem.shape if state.tables else ()
    if len(action.outcome) != len(shape) or any(not 0 <= v < k for v, k in zip(action.outcome, shape)):
        raise IllegalMoveError(f"rule 5: an offer needs one valid option for each of the {len(shape) - 1} "
                               f"baskets and a form; got {action.outcome}")
    for i, locked in enumerate(state.locks):
        if locked >= 0 and action.outcome[i] != locked:
            raise IllegalMoveError(f"rule 5: basket {state.scenario.baskets[i].name!r} is locked at "
                                   f"{state.scenario.baskets[i].options[locked].label!r}")
    error = message_error(state.scenario, action.outcome, action.message)
    if error is not None:
        raise IllegalMoveError(error)
    return _next_turn(keep_word(state, action.party, action.outcome, action.message), action)


def _next_turn(state: State, offer: Offer) -> State:
    """The turn passes with ``offer`` standing (one new state on the common path)."""
    if state.turn == 0:
        return state.evolve(standing=offer, turn=1)
    new = state.evolve(standing=offer, round=state.round + 1, turn=0)
    if new.final_response:
        if new.standing is None:
            return _end_phase(new, None, "deadline")
        facing = 1 - new.seats.index(new.standing.party)
        return new.evolve(turn=facing)   # rule 9: the final response
    return new.evolve(stage=Stage.ROUND_START)


def _accept(state: State, action: Accept) -> State:
    _player(state, action)
    if state.standing is None or state.standing.party == action.party:
        raise IllegalMoveError("rule 6: there is no offer from the other delegation to accept")
    return _end_phase(keep_word(state, action.party, state.standing.outcome, offer=False), state.standing.outcome,
                      "accepted")


def _walk(state: State, action: Walk) -> State:
    _player(state, action)
    return _end_phase(state, None, f"{'let_end' if state.ended else 'walked'}:{action.party}")


def _lock(state: State, action: Lock) -> State:
    _player(state, action)
    if not state.protocol.lanes:
        raise IllegalMoveError("rule 8: parallel lanes are off in this phase")
    if state.standing is None or state.standing.party == action.party:
        raise IllegalMoveError("rule 8: a basket can only be locked at the other delegation's standing offer")
    if not 0 <= action.basket < len(state.scenario.baskets) or state.locks[action.basket] >= 0:
        raise IllegalMoveError(f"rule 8: basket {action.basket} does not exist or is already locked")
    locks = list(state.locks)
    locks[action.basket] = state.standing.outcome[action.basket]
    return state.evolve(locks=tuple(locks))


def _end_phase(state: State, agreement: tuple[int, ...] | None, how: str) -> State:
    result = PhaseResult(state.phase_def.id, agreement, state.round, how)
    new = state.evolve(results=state.results + (result,), standing=None)
    if state.ended and state.phase + 1 < len(state.scenario.phases):     # rule 16: no later phase is played
        later = tuple(PhaseResult(ph.id, None, 0, "not_held") for ph in state.scenario.phases[state.phase + 1:])
        return new.evolve(results=new.results + later, stage=Stage.OVER)
    if state.phase + 1 < len(state.scenario.phases):
        return _open_phase(new, state.phase + 1)
    return new.evolve(stage=Stage.RATIFY if agreement is not None else Stage.OVER)


def _ratify(state: State, action: Ratify) -> State:
    _expect(state, Stage.RATIFY, action)
    principals = {state.scenario.party(p).principal for p in state.seats}
    if {p for p, _ in action.entered} != principals:
        raise IllegalMoveError(f"rule 11: expected one decision per principal {sorted(principals)}")
    in_force = all(ok for _, ok in action.entered)
    return state.evolve(entered=action.entered, stage=Stage.COMPLY if in_force else Stage.OVER)


def _comply(state: State, action: Comply) -> State:
    _expect(state, Stage.COMPLY, action)
    assert state.tables is not None and state.binding_result is not None
    outcome = state.binding_result.agreement
    assert outcome is not None
    result = simulate_compliance(state.scenario, state.seats, outcome, np.random.default_rng(action.seed))
    return state.evolve(compliance=result, stage=Stage.OVER)


_HANDLERS: dict[type, Callable[[State, Any], State]] = {Perceive: _perceive, RoundStart: _round_start, Offer: _offer, Accept: _accept, Walk: _walk,
             Lock: _lock, Ratify: _ratify, Comply: _comply, Inject: _inject,
             EndTalks: _end_talks}

__all__ = ["IllegalMoveError", "apply", "legal_actions", "new_game"]
