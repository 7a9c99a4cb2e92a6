"""``lint``: warnings beyond validity, each at ``path:line:col`` and at the key that causes it.

A file can be valid and still make a poor game. The checks here (the table and Track 1.5 checks
are in :mod:`game.authoring.tables_lint`, those of a definitions phase's scope in
:mod:`game.authoring.scope_lint`, those of the file's id among its files in
:mod:`game.authoring.files_lint`, more of events in :mod:`game.authoring.events_lint`):

* ``no-zopa``: no package beats no deal for every side at the binding table; the warning points
  at the reservation of the side that causes it: a side whose best package is worth no more than
  no deal, else the side whose reservation lies furthest above the best it can get from a
  package the other side accepts;
* ``dominated-option``: a rung (other than the first, "no commitment") that every party values
  less than one same other rung of the basket, so no one would choose it (one warning per basket); a
  rung some party's red lines rule out dominates nothing, since it can never be agreed;
* ``red-lines-leave-nothing``: a party's red lines leave it no package worth more than no deal;
* ``weights-sum``: a party's or a stakeholder's basket weights do not add up to 1 within :data:`WEIGHTS_TOLERANCE` (they
  are rescaled, but the file says something its author probably did not mean; weights rounded to a
  few decimals are not warned);
* ``event-never-fires``: an event with probability 0, limited to phases that never hold a
  round, due at a round after its talks end, or waiting (``when: {agreed_in: P}``) for an agreement
  in a phase P that ends only after every phase the event may fire in;
* ``deadline-recedes``: an event that may fire round after round lengthens the talks by at least
  one round per round on average (probability times rounds added >= 1): the deadline moves away as
  fast as the talks advance, so games run to the 200-round cap. An event that fires at most once
  (``once: true``; one due at its ``at_round``, once a phase) adds its rounds a bounded number of
  times, not round after round: it is left out;
* ``mixed-personas``: the delegations default to different AI personas (``strategy``, or the
  default persona where none is named). Every persona maximises the same negotiating utility,
  but they bid and accept differently, so a comparison between delegations would then measure
  the personas, not the incentives the file encodes;
* ``cheat-gain-ignored``: a schema-1 file sets ``compliance.cheat_gain``, which is read but no longer
  used (a breach wins back the cost of one's own restraint), as schema 2 refuses it and schema 1
  refuses the schema-2 keys (trust, revocation, audience_cost): the number does nothing;
* ``too-large-to-play``: the outcome space is larger than the negotiation engine can hold
  (:mod:`game.model.limits`): ``play``, ``simulate`` and ``classroom new`` refuse the file;
* ``too-large-to-analyse``: the Pareto frontier grows past what analysis holds in bounded memory,
  so the zone of agreement cannot be checked;
* ``yaml-1.1``: a plain value or mapping key that a YAML 1.1 reader reads otherwise (``no`` as false,
  ``010`` as 8): the game and editors read YAML 1.2, but other tools may not. A number is to be
  written plainly (``10``: quoted, it would be text where a number is expected), anything else quoted.

Warnings the file accepts in ``lint: {accept: [...]}`` are not counted (:mod:`game.authoring.accept`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.analytics.analysis import analyze
from game.analytics.factored import factored_frontier
from game.authoring.accept import apply_accepts
from game.authoring.events_lint import check_events
from game.authoring.files_lint import check_files
from game.authoring.scope_lint import check_scopes
from game.authoring.tables_lint import check_tables
from game.authoring.warnings import Collector, Warning_
from game.errors import GameError
from game.model.limits import too_large_to_play
from game.model.problem import BargainingProblem
from game.model.scenario import Event, Scenario
from game.model.utility import bargaining_problem
from game.scenario.loader import load_located
from game.scenario.yamlcore import yaml11_meaning, yaml12_advice, yaml12_rule
from game.scenario.yamlsafe import PathKey
from game.strategies.registry import DEFAULT
from game.words import count

__all__ = ["LintReport", "Warning_", "lint_file", "lint_report"]

WEIGHTS_TOLERANCE = 0.005
"""``weights-sum`` warns when the weights add up to more than this away from 1: weights written to a
few decimals (17 of 0.0588, three of 0.333) add up to 1 within rounding, and are meant to."""


@dataclass(frozen=True)
class LintReport:
    """The warnings of one file that count, and those its ``lint`` block accepts."""

    warnings: list[Warning_]
    accepted: list[Warning_]


def lint_file(path: Path) -> list[Warning_]:
    """Every warning of one valid scenario file that it does not accept (ScenarioError when it is not valid)."""
    return lint_report(path).warnings


def lint_report(path: Path) -> LintReport:
    """The counted and the accepted warnings of one valid scenario file, in line order."""
    scenario, locator, document = load_located(path)
    collector = Collector(scenario, locator)
    lint(collector)
    for i, party in enumerate(document.parties):
        if document.schema_version == 1 and party.compliance.cheat_gain is not None:
            collector.warn(("parties", i, "compliance", "cheat_gain"), "cheat-gain-ignored",
                           f"schema_version 1 reads cheat_gain but no longer uses it: what a breach is worth to "
                           f"{party.id!r} is the cost of its own restraint, which schema 1 derives from its values "
                           "(remove cheat_gain, or move to schema_version 2 and give costs)")
    check_tables(collector)
    check_events(collector)
    check_scopes(collector)
    check_files(collector, Path(scenario.path))
    counted, accepted = apply_accepts(collector, document.lint.accept)
    order = (lambda w: (w.line, w.col, w.code))
    return LintReport(sorted(counted, key=order), sorted(accepted, key=order))


def lint(c: Collector) -> None:
    """Add the warnings of the checks listed in the module docstring (but the table checks) to ``c``."""
    scenario = c.scenario
    why = too_large_to_play(scenario)
    if why is not None:
        c.warn(("baskets",), "too-large-to-play", f"{why}; play, simulate and classroom new refuse it")
    problem = bargaining_problem(scenario)
    try:
        zopa = analyze(problem).solutions.zopa
    except GameError as exc:                              # a frontier too large for bounded memory
        c.warn(("baskets",), "too-large-to-analyse", f"{exc}; the zone of agreement was not checked")
        zopa = True
    if not zopa:
        _no_zopa(c, problem)
    for b, basket in enumerate(scenario.baskets):
        values = np.array([[p.values[basket.id][o.id] for p in scenario.parties] for o in basket.options])
        # beats[k, j]: every party values rung k above rung j, and no party's red lines rule k out (a rung
        # that can never be agreed leaves the rungs below it a choice: analyze's Nash deal may pick one)
        lined = {o for p in scenario.parties for o in p.red_lines.get(basket.id, ())}
        open_rung = np.array([o.id not in lined for o in basket.options])
        beats = (values[:, None, :] > values[None, :, :]).all(axis=2) & open_rung[:, None]
        beaten = {j: np.flatnonzero(beats[:, j]).tolist()
                  for j in range(1, len(basket.options))}           # rungs above the first: who beats them
        dominated = [(basket.options[j].id, basket.options[next((k for k in better if not beaten.get(k)),
                                                                 better[0])].id)
                     for j, better in beaten.items() if better]     # each by a rung nothing beats, if one does
        if dominated:
            c.warn(("baskets", b, "options"), "dominated-option",
                   f"basket {basket.id!r}: {_dominated(dominated, len(scenario.parties))}")
    for i, party in enumerate(scenario.parties):
        _weights_sum(c, ("parties", i, "weights"), party.id, party.weights)
        if any(party.red_lines.values()) and _best(scenario, i) <= party.reservation:
            c.warn(("parties", i, "red_lines"), "red-lines-leave-nothing",
                   f"the red lines of {party.id!r} leave it no package worth more than no deal "
                   f"({party.reservation:.2f})")
    for i, holder in enumerate(scenario.stakeholders):
        _weights_sum(c, ("stakeholders", i, "weights"), holder.id, holder.weights)
    personas = [p.strategy or DEFAULT for p in scenario.parties]
    if len(set(personas)) > 1:
        # at the strategy the author wrote that differs from the default, the rarest such one first
        odd = min((i for i, name in enumerate(personas) if name != DEFAULT), key=lambda i: (personas.count(personas[i]), i))
        whose = ", ".join(f"{p.id}: {name}{'' if p.strategy else ' (the default)'}"
                          for p, name in zip(scenario.parties, personas, strict=True))
        c.warn(("parties", odd, "strategy"), "mixed-personas",
               f"delegations default to different AI personas ({whose}): comparisons between them would measure "
               "the personas, not the incentives", at_key=True)
    rounds = {ph.id: ph.protocol.rounds for ph in scenario.phases}
    for e, event in enumerate(scenario.events):
        if event.probability <= 0:
            c.warn(("events", e, "probability"), "event-never-fires", f"event {event.id!r} has probability 0")
        elif event.phases and all(rounds.get(ph, 0) == 0 for ph in event.phases):
            c.warn(("events", e, "phases"), "event-never-fires",
                   f"event {event.id!r} is limited to phases that never hold a round")
        elif event.when is not None and event.when.agreed_in is not None \
                and _ends_too_late(scenario, event.when.agreed_in, event.phases):
            c.warn(("events", e, "when", "agreed_in"), "event-never-fires",
                   f"event {event.id!r} waits for an agreement in phase {event.when.agreed_in!r}, which holds only "
                   f"after phase {event.when.agreed_in!r} has ended, but the event may fire only in that phase or "
                   "before it (list a later phase in its phases, or name an earlier phase)", at_key=False)
        elif event.at_round is not None:
            longest = max([rounds.get(ph, 0) for ph in event.phases or rounds] or [scenario.protocol.rounds])
            if event.at_round > longest:
                c.warn(("events", e, "at_round"), "event-never-fires",
                       f"event {event.id!r} is due in round {event.at_round}, but its talks last {count(longest, 'round')}")
        for j, effect in enumerate(event.effects):
            if effect.parameter == "protocol.rounds" and effect.op == "add" and _fires_often(event) \
                    and event.probability * effect.amount >= 1:
                c.warn(("events", e, "effects", j, "add"), "deadline-recedes",
                       f"event {event.id!r} adds {count(effect.amount, 'round')} with probability {event.probability:g} "
                       "each round: the deadline recedes as fast as the talks advance, so games run to the cap "
                       "of 200 rounds (lower the probability or the rounds added)", at_key=False)
    for k, year_event in enumerate(scenario.year_events):          # listed after the talk events (validate)
        if year_event.probability <= 0:
            c.warn(("events", len(scenario.events) + k, "probability"), "event-never-fires",
                   f"year event {year_event.id!r} has probability 0")
    _yaml11(c)


def _fires_often(event: Event) -> bool:
    """Whether ``event`` may fire in more than one round of a game: not a ``once`` event, nor one due at
    its ``at_round`` alone (game.engine.events)."""
    return not event.once and event.at_round is None


def _weights_sum(c: Collector, path: PathKey, who: str, weights: Mapping[str, float]) -> None:
    """The ``weights-sum`` warning of a party or a stakeholder (both are rescaled to 1): its basket
    weights add up to more than :data:`WEIGHTS_TOLERANCE` away from 1."""
    total = sum(weights.values())
    if abs(total - 1.0) > WEIGHTS_TOLERANCE:       # beyond it, 3 decimals never print 1.000
        c.warn(path, "weights-sum", f"the weights of {who!r} add up to {total:.3f}, not 1 (they are rescaled to 1)")


def _dominated(pairs: Sequence[tuple[str, str]], parties: int) -> str:
    """Says who prefers which rung to which dominated ones, and that no one would choose those:
    ``both sides prefer 'pledge_consult' to 'pledge'; no one would choose 'pledge'``; the rungs one
    rung beats are listed together (``'pledge_consult' to 'principle' and 'pledge'; ... them``)."""
    who = "both sides prefer" if parties == 2 else "every delegation prefers"
    by: dict[str, list[str]] = {}
    for worse, better in pairs:
        by.setdefault(better, []).append(repr(worse))
    preferred = "; ".join(f"{better!r} to {_and(worse)}" for better, worse in by.items())
    return f"{who} {preferred}; no one would choose {'them' if len(pairs) > 1 else repr(pairs[0][0])}"


def _and(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _yaml11(c: Collector) -> None:
    """The ``yaml-1.1`` warnings: one per plain value or key in the file (a node an alias repeats is
    warned at once, where it is written)."""
    seen: set[tuple[int, int]] = set()
    for node, value in c.locator.yaml11.items():
        if c.locator.find(node) not in seen:
            seen.add(c.locator.find(node))
            c.warn(node, "yaml-1.1", f"{yaml12_rule(value)}; {yaml12_advice(value)} so that every YAML tool reads "
                                     "it the same way", at_key=False)
    for node, value in c.locator.yaml11_keys.items():
        if c.locator.find(node, True) not in seen:
            seen.add(c.locator.find(node, True))
            c.warn(node, "yaml-1.1", f"scenario files follow YAML 1.2, which reads the plain key {value} as text "
                                     f"(YAML 1.1 read it as {yaml11_meaning(value)}); "
                                     f"{yaml12_advice(value, key=True)} so that every YAML tool reads it the same way")


def _ends_too_late(scenario: Scenario, agreed_in: str, phases: tuple[str, ...]) -> bool:
    """Whether phase ``agreed_in`` ends only after every phase of ``phases`` (all phases when empty)
    has opened its rounds, so that ``when: {agreed_in: ...}`` can never hold there."""
    order = [ph.id for ph in scenario.phases]
    if agreed_in not in order:
        return False
    return all(order.index(ph) <= order.index(agreed_in) for ph in (phases or order) if ph in order)


def _best(scenario: Scenario, i: int) -> float:
    """The best a party can get within its own red lines (utilities are additive: the best allowed
    option per issue)."""
    own = bargaining_problem(scenario, [scenario.parties[i]])
    return float(sum(float(t[ok, 0].max()) if ok.any() else -np.inf for t, ok in zip(own.tables, own.allowed)))


def _no_zopa(c: Collector, problem: BargainingProblem) -> None:
    """Warn at the reservation of the side that empties the zone of agreement (see the module docstring)."""
    scenario = c.scenario
    index = {p.id: i for i, p in enumerate(scenario.parties)}
    table = [index[pid] for pid in problem.party_ids]
    r = problem.reservation
    cause, why = table[0], "every game ends without a deal"
    alone = [k for k, i in enumerate(table) if _best(scenario, i) <= r[k]]
    if alone:
        k = alone[0]
        cause = table[k]
        why = f"even its best package is worth no more than no deal ({r[k]:.2f})"
    else:
        try:
            front = factored_frontier(problem)[1]          # red-line-free, before any reservation
        except GameError:                                 # too large to build: name no side
            front = np.empty((0, len(table)))
        gaps = []
        for k in range(len(table)):
            others = np.all(np.delete(front, k, axis=1) > np.delete(r, k), axis=1) if len(front) else np.zeros(0, bool)
            if others.any():
                gaps.append((r[k] - float(front[others, k].max()), k))
        if gaps:
            gap, k = max(gaps)
            cause = table[k]
            why = (f"its reservation ({r[k]:.2f}) is above the best it can get from any package the other side "
                   f"accepts ({r[k] - gap:.2f})")
    party = scenario.parties[cause]
    c.warn(("parties", cause, "reservation"), "no-zopa",
           f"no package beats no deal for every side at the binding table: {party.id!r} causes it: {why}")
