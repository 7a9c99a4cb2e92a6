"""What a front-end shows, as plain facts: the confidential brief and a package's worth.

The terminal (:mod:`game.cli.render`) and the window (:mod:`game.ui`) format
these; neither computes them itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import State
from game.model.scenario import Delegation, Scenario


@dataclass(frozen=True)
class Priority:
    basket: str          # basket name
    weight: float        # share of the government's basket weight
    best: str            # label of its best option for this government


@dataclass(frozen=True)
class Brief:
    """One delegation's confidential brief: nothing of the other side's values."""

    delegation: str
    title: str
    year: int
    summary: str
    principal: str
    kind: str                        # official | unofficial
    across: tuple[str, ...]          # names of the delegations of other governments
    priorities: tuple[Priority, ...] # heaviest first
    form_share: float
    forms_preferred: tuple[str, ...] # best first (at most three)
    red_lines: tuple[str, ...]       # "Basket: option, option"
    reservation: float
    threshold: float
    stakes: tuple[float, float, float] | None  # (concession weight, prestige, noise) for a Track 1.5 delegation


def brief_facts(scenario: Scenario, side: str) -> Brief:
    me = scenario.party(side)
    priorities = tuple(Priority(b.name, me.weights[b.id] / max(sum(me.weights.values()), 1e-300),
                                max(b.options, key=lambda o: me.values[b.id][o.id]).label)
                       for b in sorted(scenario.baskets, key=lambda b: -me.weights[b.id]))
    forms = tuple(f.label for f in sorted(scenario.forms, key=lambda f: -me.form_values[f.id])[:3])
    red = tuple(f"{scenario.basket(b).name}: "
                + ", ".join(scenario.basket(b).options[scenario.basket(b).option_index(o)].label for o in opts)
                for b, opts in me.red_lines.items() if opts)
    inc = me.incentives
    track15 = me.delegation is Delegation.UNOFFICIAL or inc.prestige > 0 or inc.concession_weight < 1
    return Brief(me.name, scenario.title, scenario.year, scenario.summary, me.principal.replace("_", " "),
                 me.delegation.value, tuple(p.name for p in scenario.parties if p.principal != me.principal),
                 priorities, me.form_weight, forms, red, me.reservation, me.domestic_threshold,
                 (inc.concession_weight, inc.prestige, inc.self_knowledge) if track15 else None)


def value_of(state: State, party: str, outcome: tuple[int, ...]) -> float:
    """The value to ``party``'s government of ``outcome`` *as the delegation perceives it*
    (the true value for a delegation without noise; the debrief reveals the truth)."""
    assert state.tables is not None
    return float(state.tables.of(party).perceived[state.tables.problem.index_of(outcome)])


def crossed(state: State, party: str, outcome: tuple[int, ...]) -> list[str]:
    """Names of the baskets where ``outcome`` crosses one of ``party``'s red lines."""
    p = state.scenario.party(party)
    return [b.name for i, b in enumerate(state.scenario.baskets) if b.options[outcome[i]].id in p.red_lines.get(b.id, ())]
