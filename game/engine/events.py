"""When an event may fire, and what firing it does (rule 2).

An event allowed in the current phase fires as a round opens when its timing and conditions
hold and its chance draw is below its probability:

* ``once``: not if it has fired before in the game;
* ``at_round: k``: only as round ``k`` (1-based) opens;
* ``when``: every condition given holds, from a closed list: ``round_at_least`` /
  ``round_at_most`` (the round about to open, 1-based), ``offer_at_least`` (the standing offer,
  or the latest offer of the party named in this phase, gives the basket that option or a later
  rung of its ladder), ``walked_away`` (the party walked away from an earlier phase), ``after_event`` (that
  event has fired earlier in the game), ``agreed_in`` (that earlier phase ended with an
  agreement), ``trust_below`` (``compliance.trust`` of the live state, as earlier events left it,
  is below the number).

Year events (``year:``, rule 11) are not talk events: they happen in the compliance years
(:mod:`game.engine.year_events`) and are never drawn here.

The chance draw is made for every event of the phase whatever its conditions, so the seeded
stream, and every game of a scenario without these keys, is exactly as before. Firing applies
the events' effects in file order and records each as a :class:`~game.engine.state.Delta`,
before -> after.
"""

from __future__ import annotations

from game.engine.actions import Offer
from game.engine.params import apply_effect, changes_utilities, read_parameter, touched
from game.engine.state import Delta, State
from game.model.scenario import Effect, Event, EventCondition, Scenario


def in_phase(state: State, event: Event) -> bool:
    """Whether ``event`` may fire at all in the current phase."""
    return not event.phases or state.phase_def.id in event.phases


def spent(state: State, event: Event) -> bool:
    """A ``once`` event that has already fired."""
    return event.once and any(fired == event.id for _, _, fired in state.fired)


def eligible(state: State, event: Event) -> bool:
    """Whether ``event`` may fire as the current round opens (its chance draw aside)."""
    if not in_phase(state, event) or spent(state, event):
        return False
    if event.at_round is not None and state.round + 1 != event.at_round:
        return False
    return event.when is None or holds(state, event.when)


def holds(state: State, when: EventCondition) -> bool:
    """Whether every condition of ``when`` holds as the current round opens."""
    round_no = state.round + 1
    if when.round_at_least is not None and round_no < when.round_at_least:
        return False
    if when.round_at_most is not None and round_no > when.round_at_most:
        return False
    if when.offer_at_least is not None:
        basket_id, option_id, party = when.offer_at_least
        offer = state.standing if not party else latest_offer(state, party)
        if offer is None:
            return False
        index = next(i for i, b in enumerate(state.scenario.baskets) if b.id == basket_id)
        if offer.outcome[index] < state.scenario.baskets[index].option_index(option_id):
            return False
    if when.walked_away is not None and not any(r.ended_by == f"walked:{when.walked_away}" for r in state.results):
        return False
    if when.after_event is not None and not any(e == when.after_event for _, _, e in state.fired):
        return False
    if when.trust_below is not None and not state.scenario.compliance.trust < when.trust_below:
        return False
    return when.agreed_in is None or any(r.phase == when.agreed_in and r.agreement is not None for r in state.results)


def latest_offer(state: State, party: str) -> Offer | None:
    """``party``'s latest offer in the current phase, as a round opens (None before it has made one).

    Every round played so far in the phase holds exactly one offer by each delegation (an accept or a
    walk would have ended the phase), so the phase's offers are the game's last ``2 * round``. The
    standing offer, as a round opens, is always the second mover's: reading it alone, a condition on
    the first mover's offers could never hold (author trial)."""
    offers = [a for a in state.history if isinstance(a, Offer)][-2 * state.round:] if state.round else []
    return next((a for a in reversed(offers) if a.party == party), None)


def apply_recorded(scenario: Scenario, effect: Effect, source: str, phase: int,
                   round_no: int) -> tuple[Scenario, tuple[Delta, ...]]:
    """``effect`` applied to ``scenario`` in phase ``phase`` (0-based round ``round_no``), with its deltas."""
    names = touched(scenario, effect)
    before = [read_parameter(scenario, name, phase) for name in names]
    new = apply_effect(scenario, effect, phase)
    return new, tuple(Delta(source, name, b, read_parameter(new, name, phase), phase, round_no)
                      for name, b in zip(names, before))


def fire(state: State, ids: tuple[str, ...]) -> tuple[Scenario, tuple[Delta, ...], bool]:
    """The scenario after the events ``ids`` (in file order), their deltas, and whether a
    principal's utility table changed (so the sorted tables must be rebuilt)."""
    scenario, rebuild = state.scenario, False
    deltas: list[Delta] = []
    for event in state.scenario.events:
        if event.id in ids:
            for effect in event.effects:
                scenario, changed = apply_recorded(scenario, effect, event.id, state.phase, state.round)
                deltas += changed
                rebuild = rebuild or changes_utilities(effect)
    return scenario, tuple(deltas), rebuild
