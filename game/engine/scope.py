"""Definitions phases: the scope ladder as a one-basket game, and what the agreed scope does to the
next phase (docs/model.md, "Definitions", rules D1-D4).

A phase with a ``scope`` is bargained over one issue, the scope ladder, so every part of the engine
(tables, AIs, front-ends) plays it unchanged: while it runs, the state's scenario is
:func:`scope_scenario`, a scenario whose only basket is the ladder and whose only form is the
agreed terms, which need nobody's approval and cannot be breached. The full scenario waits in
``State.held``. When the next phase opens, :func:`apply_scope` applies the agreed rung (or the
scope's ``default`` when the phase ended without an agreement) to the full scenario:

* D2: each basket the rung does not cover is fixed at its first rung (no commitment): it is locked
  there for the next phase, so it drops out of the bargaining, and marked ``in_scope=False``, so
  that the tables, the AI and the analytics (frontier, Nash deal) count only its first rung;
* D3: each basket it covers takes the rung's interpretive disputes as one more independent source
  of unfounded accusations: ``false_accusation <- 1 - (1 - false_accusation)(1 - disputes)``.

Each change is recorded as a :class:`~game.engine.state.Delta` from ``scope:<phase id>``:
``baskets.<basket>.scope`` 1 -> 0 for a basket left out, ``baskets.<basket>.false_accusation``
before -> after for a covered basket when the rung's disputes are above 0.
"""

from __future__ import annotations

import dataclasses

from game.engine.state import Delta
from game.model.scenario import (
    AgreementForm,
    Basket,
    ComplianceParams,
    EntryRule,
    Option,
    Phase,
    Scenario,
    Scope,
    frozen_map,
)

SCOPE_BASKET = "scope"
TERMS_FORM = "terms"


def scope_scenario(scenario: Scenario, phase: Phase) -> Scenario:
    """The one-issue scenario a definitions phase is bargained in (rule D1): the scope ladder is the
    only basket; each seated party values its rungs as the scope says, no deal is worth the default
    rung, and the terms need nobody's approval; nothing can be breached, no event fires."""
    scope = phase.scope
    assert scope is not None
    ladder = Basket(SCOPE_BASKET, scope.name, "What the pact will count as interference.",
                    tuple(Option(r.id, r.label, r.description, 1.0) for r in scope.rungs))
    principals = sorted({p.principal for p in scenario.parties})
    terms = AgreementForm(TERMS_FORM, "Agreed terms of reference",
                          "The definitions the next talks will use; nobody needs to approve them.", 0.0,
                          frozen_map({p: EntryRule(1.0, 0.0) for p in principals}))
    parties = []
    for party in scenario.parties:
        values = {r.id: float(scope.values.get(party.id, {}).get(r.id, 0.0)) for r in scope.rungs}
        parties.append(dataclasses.replace(
            party, weights=frozen_map({SCOPE_BASKET: 1.0}),
            values=frozen_map({SCOPE_BASKET: frozen_map(values)}),
            gains=frozen_map({SCOPE_BASKET: frozen_map(values)}),
            costs=frozen_map({SCOPE_BASKET: frozen_map({r.id: 0.0 for r in scope.rungs})}),
            form_weight=0.0, form_values=frozen_map({TERMS_FORM: 0.0}),
            reservation=values[scope.default], red_lines=frozen_map({}), domestic_threshold=0.0,
            compliance=ComplianceParams(0.0, 0.0)))
    return dataclasses.replace(scenario, baskets=(ladder,), forms=(terms,), parties=tuple(parties),
                               events=(), stakeholders=())


def phase_scenario(scenario: Scenario, phase: Phase) -> Scenario:
    """The scenario ``phase`` is bargained in: :func:`scope_scenario` for a definitions phase."""
    return scope_scenario(scenario, phase) if phase.scope is not None else scenario


def agreed_rung(scope: Scope, agreement: tuple[int, ...] | None) -> int:
    """The rung that applies: the agreed one, else the default (rule D1)."""
    return agreement[0] if agreement is not None else scope.rung_index(scope.default)


def apply_scope(scenario: Scenario, phase: Phase, agreement: tuple[int, ...] | None,
                next_index: int) -> tuple[Scenario, tuple[Delta, ...], tuple[int, ...]]:
    """The full ``scenario`` after the definitions ``phase`` ended with ``agreement`` (None: no
    agreement), the deltas recorded as phase ``next_index`` opens, and the next phase's locks
    (rules D2-D3)."""
    scope = phase.scope
    assert scope is not None
    rung = scope.rungs[agreed_rung(scope, agreement)]
    source = f"scope:{phase.id}"
    deltas: list[Delta] = []
    locks: list[int] = []
    baskets: list[Basket] = []
    for basket in scenario.baskets:
        if basket.id not in rung.baskets:
            deltas.append(Delta(source, f"baskets.{basket.id}.scope", 1.0, 0.0, next_index, 0))
            locks.append(0)
            baskets.append(dataclasses.replace(basket, in_scope=False))
            continue
        locks.append(-1)
        if rung.disputes > 0:
            after = 1.0 - (1.0 - basket.false_accusation) * (1.0 - rung.disputes)
            deltas.append(Delta(source, f"baskets.{basket.id}.false_accusation", basket.false_accusation, after,
                                next_index, 0))
            basket = dataclasses.replace(basket, false_accusation=after)
        baskets.append(basket)
    locks.append(-1)                                         # the agreement's form stays open
    return dataclasses.replace(scenario, baskets=tuple(baskets)), tuple(deltas), tuple(locks)
