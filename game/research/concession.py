"""An official's realised concession in non-binding talks, as a share of its binding one, round by round.

docs/model.md ("An official's concession rate") derives ``1/(1 + λ)`` for the *target*: the share of the
range from the official's best value ``Û_max`` to its walk-away point that it has conceded at a moment is the
same in both talks, and the walk-away point is ``r`` in binding talks and ``(r + λ Û_max)/(1 + λ)`` in
non-binding ones. The offers are not the target: an offer is a discrete package at or above the target (the
best for the other side among those), and a movement message or the other side's offer changes what is
offered. This module measures what the offers do:

* the table is the trap's Track 1.5 table on its own, as claim (b) plays it (:mod:`game.research.bargaining_claims`),
  the minister's reveal cost λ as in the file (non-binding, treatment) against λ = 0 (control), every
  delegation played by one persona, one seed;
* the minister's concession in round ``t`` is ``Û_max − Û(offer_t)``, in its government's value on paper
  (``Û_max`` the best package for that government), and the realised ratio in round ``t`` is the concession
  with λ over the concession with λ = 0 (None where the latter is 0: nothing conceded yet in either).

``python main.py research concession [--persona NAME] [--seed S]`` prints the rounds (default: linear, seed 0).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.engine.actions import Action, Offer
from game.engine.state import State
from game.model.scenario import Scenario
from game.model.utility import bargaining_problem
from game.research.bargaining_claims import TRAP
from game.research.experiment import Library, table_alone, with_incentives
from game.scenario.loader import SCENARIO_DIR
from game.strategies.registry import make
from game.strategies.runner import play


def minister_offers(scenario: Scenario, minister: str, persona: str, seed: int) -> list[float]:
    """The value to the minister's government (on paper) of each offer the minister makes, in order."""
    problem = bargaining_problem(scenario, [scenario.party(minister)])
    values: list[float] = []

    def observe(before: State, action: Action, after: State) -> None:
        if isinstance(action, Offer) and action.party == minister:
            values.append(float(problem.utilities_of(np.array(action.outcome))[0]))
    ais = {p.id: make(persona) for p in scenario.parties}
    play(scenario, seed, ais, observe=observe, bargaining_only=True)
    return values


def concession_ratios(persona: str = "linear", seed: int = 0,
                      reveal_cost: float | None = None) -> tuple[float, list[tuple[float, float, float | None]]]:
    """The minister's λ (the file's, or ``reveal_cost``) and, per round of the minister's offers (over the rounds
    both talks lasted), its concession with λ, its concession with λ = 0, and their ratio (None where the
    latter is 0)."""
    trap = Library(SCENARIO_DIR).get(TRAP)
    assert trap is not None, TRAP
    track15, official = trap.phases[0], trap.phases[-1]
    table = table_alone(trap, track15.id, dataclasses.replace(official.protocol, binding=False))
    experts = next(p for p in track15.parties if p not in official.parties)
    minister = next(p for p in track15.parties if p != experts)
    problem = bargaining_problem(table, [table.party(minister)])
    best = float(problem.utility_column(0)[problem.allowed_mask()].max())      # Û_max, crossing no red line
    if reveal_cost is not None:
        table = with_incentives(table, minister, reveal_cost=reveal_cost)
    with_cost = minister_offers(table, minister, persona, seed)
    without = minister_offers(with_incentives(table, minister, reveal_cost=0.0), minister, persona, seed)
    rows: list[tuple[float, float, float | None]] = []
    for a, b in zip(with_cost, without):
        ca, cb = best - a, best - b
        rows.append((ca, cb, None if cb <= 1e-12 else ca / cb))
    return table.party(minister).incentives.reveal_cost, rows


def concession_lines(persona: str, seed: int) -> list[str]:
    """The rounds in words: ``round  concession(λ)  concession(0)  ratio``, after the target's ratio 1/(1 + λ)."""
    reveal, rows = concession_ratios(persona, seed)
    lines = [f"minister, trap's Track 1.5 table, {persona}, seed {seed}: λ = {reveal:g}, target ratio 1/(1+λ) = "
             f"{1 / (1 + reveal):.3f}",
             "The table is played alone with the official talks' protocol made non-binding (as claim (b) plays it);",
             "each round compares the minister's concession with λ to its concession with λ = 0, in its government's",
             "value on paper (docs/model.md, \"An official's concession rate\")."]
    for number, (ca, cb, ratio) in enumerate(rows, 1):
        shown = "-" if ratio is None else f"{ratio:.3f}"
        lines.append(f"round {number}: conceded {ca:.4f} with λ, {cb:.4f} without; ratio {shown}")
    measured = [r for _, _, r in rows if r is not None]
    target = 1 / (1 + reveal)
    if measured:
        verdict = "below" if max(measured) < target else "at or above"
        lines.append(f"Every measured ratio is {verdict} the target's {target:.3f} (highest {max(measured):.3f}): "
                     + ("the offers concede less than the target would." if verdict == "below" else
                        "the offers concede at least what the target would."))
    else:
        lines.append("Nothing was conceded in either run, so no ratio is measured.")
    return lines
