"""Apply an :class:`Effect` (from an event or a phase) to a scenario.

Effects return a new :class:`Scenario`; nothing is mutated. The names are the
grammar of :mod:`game.model.parameters` (with ``forms.<form>.revocation``, for year events).
Results are clipped to each parameter's range: probabilities, values and weights to [0, 1], a
reveal cost to [0, 10], rounds to
0 (which freezes the talks) .. ``MAX_ROUNDS`` (200), discount to (0, 1]. ``validate`` refuses
an effect that leaves a range in one step, but an event may fire in round after round: the
cap on rounds is what bounds every game's length when a deadline keeps moving.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from game.errors import GameError
from game.model.parameters import MAX_ROUNDS, parameter_range
from game.model.scenario import Effect, Phase, Protocol, Scenario, frozen_map


def _op(effect: Effect, current: float) -> float:
    if effect.op == "add":
        return current + effect.amount
    if effect.op == "multiply":
        return current * effect.amount
    return effect.amount


def _unit(x: float) -> float:
    return min(1.0, max(0.0, x))


def apply_effect(scenario: Scenario, effect: Effect, phase_index: int) -> Scenario:
    """The scenario after ``effect``; ``phase_index`` says which phase ``phase.anchoring`` means."""
    parts = effect.parameter.split(".")
    head = parts[0]
    if head == "protocol":
        return _protocol(scenario, effect, parts[1], phase_index)
    if head == "compliance":
        plan = scenario.compliance
        return dataclasses.replace(scenario, compliance=dataclasses.replace(plan, trust=_unit(_op(effect, plan.trust))))
    if head == "forms":
        forms = tuple(dataclasses.replace(f, revocation=_unit(_op(effect, f.revocation))) if f.id == parts[1] else f
                      for f in scenario.forms)
        return dataclasses.replace(scenario, forms=forms)
    if head == "phase":
        if not scenario.phases:
            return scenario
        phase = scenario.phases[phase_index]
        new = dataclasses.replace(phase, anchoring=_unit(_op(effect, phase.anchoring)))
        return dataclasses.replace(scenario, phases=_swap(scenario.phases, phase_index, new))
    if head == "baskets":
        basket = scenario.basket(parts[1])
        if parts[2] == "attribution":
            new_basket = dataclasses.replace(basket, attribution=_unit(_op(effect, basket.attribution)))
        else:
            options = tuple(dataclasses.replace(o, detection=_unit(_op(effect, o.detection))) for o in basket.options)
            new_basket = dataclasses.replace(basket, options=options)
        baskets = tuple(new_basket if b.id == basket.id else b for b in scenario.baskets)
        return dataclasses.replace(scenario, baskets=baskets)
    party = scenario.party(head)
    if len(parts) == 2:
        changes: dict[str, Any] = {parts[1]: _unit(_op(effect, getattr(party, parts[1])))}
        new_party = dataclasses.replace(party, **changes)
    elif parts[1] == "weights":
        weights = dict(party.weights)
        weights[parts[2]] = _unit(_op(effect, weights[parts[2]]))
        new_party = dataclasses.replace(party, weights=frozen_map(weights))
    elif parts[1] in ("incentives", "compliance"):
        group = getattr(party, parts[1])
        span = parameter_range(effect.parameter)
        value = min(span.high, max(span.low, _op(effect, getattr(group, parts[2]))))
        new_group = dataclasses.replace(group, **{parts[2]: value})
        new_party = dataclasses.replace(party, **{parts[1]: new_group})
    else:
        raise GameError(f"unknown parameter {effect.parameter!r}")
    return dataclasses.replace(scenario, parties=tuple(new_party if p.id == party.id else p for p in scenario.parties))


def _protocol(scenario: Scenario, effect: Effect, name: str, phase_index: int) -> Scenario:
    def changed(protocol: Protocol) -> Protocol:
        if name == "rounds":
            rounds = min(float(MAX_ROUNDS), max(0.0, _op(effect, protocol.rounds)))
            return dataclasses.replace(protocol, rounds=int(round(rounds)))
        return dataclasses.replace(protocol, discount=min(1.0, max(1e-6, _op(effect, protocol.discount))))
    if scenario.phases:
        phase = scenario.phases[phase_index]
        new = dataclasses.replace(phase, protocol=changed(phase.protocol))
        return dataclasses.replace(scenario, phases=_swap(scenario.phases, phase_index, new))
    return dataclasses.replace(scenario, protocol=changed(scenario.protocol))


def _swap(phases: tuple[Phase, ...], index: int, new: Phase) -> tuple[Phase, ...]:
    return phases[:index] + (new,) + phases[index + 1:]


def changes_utilities(effect: Effect) -> bool:
    """Whether ``effect`` changes anything a deal's expected value reads (so sorted tables must be
    rebuilt): everything but the protocol, the anchoring and a delegation's own incentives."""
    parts = effect.parameter.split(".")
    return parts[0] not in ("protocol", "phase") and not (len(parts) >= 2 and parts[1] == "incentives")


def read_parameter(scenario: Scenario, name: str, phase_index: int) -> float:
    """The current value of parameter ``name`` (the grammar of :mod:`game.model.parameters`, plus
    ``baskets.<basket>.options.<option>.detection`` for one rung's detection)."""
    parts = name.split(".")
    head = parts[0]
    if head == "protocol":
        protocol = scenario.phases[phase_index].protocol if scenario.phases else scenario.protocol
        return float(getattr(protocol, parts[1]))
    if head == "phase":
        return scenario.phases[phase_index].anchoring if scenario.phases else 0.0
    if head == "compliance":
        return scenario.compliance.trust
    if head == "forms":
        return next(f.revocation for f in scenario.forms if f.id == parts[1])
    if head == "baskets":
        basket = scenario.basket(parts[1])
        if parts[2] == "attribution":
            return basket.attribution
        return basket.options[basket.option_index(parts[3])].detection
    party = scenario.party(head)
    if len(parts) == 2:
        return float(getattr(party, parts[1]))
    if parts[1] == "weights":
        return party.weights[parts[2]]
    return float(getattr(getattr(party, parts[1]), parts[2]))


def touched(scenario: Scenario, effect: Effect) -> tuple[str, ...]:
    """The parameters ``effect`` changes, one name each (detection: every rung of the basket)."""
    parts = effect.parameter.split(".")
    if parts[0] == "baskets" and parts[2] == "detection":
        return tuple(f"baskets.{parts[1]}.options.{o.id}.detection" for o in scenario.basket(parts[1]).options)
    return (effect.parameter,)
