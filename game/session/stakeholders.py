"""What the deal did to each stakeholder (a principal with no seat, rule 8 of docs/model.md): one rule for
every debrief (the window's, the terminal's, the class server's and the Track 1.5 closing sentence).

The rule: an absent party is touched by an agreement only if the agreement is in force.

- no agreement: it keeps its no-deal value;
- an agreement the votes at home refused (it never entered into force): it keeps its no-deal value too;
- an agreement in force: the deal's value to it (its paper value, ``sum_b (w_b / W) v_b(o_b)``);
- an agreement whose votes are not yet taken (the Track 1.5 hand-off, shown before the vote): the
  expectation ``P(in force) x paper + (1 - P(in force)) x no deal``, said "in expectation, before the votes",
  as the delegations' figures are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.chance import binding_value
from game.engine.result import GameResult
from game.engine.state import State
from game.engine.valuation import stakeholder_values
from game.model.scenario import Stakeholder

Basis = Literal["no deal", "refused", "in force", "expected"]


@dataclass(frozen=True)
class Standing:
    """A stakeholder's value after the talks, against its no-deal value, and on what basis."""

    holder: Stakeholder
    value: float          # what the outcome is worth to it (its reservation unless the agreement is in force)
    reservation: float    # what no deal leaves it
    paper: float          # the agreement's value to it were it in force (its reservation without one)
    basis: Basis

    @property
    def lost(self) -> float:
        """Its no-deal value minus its value (a negative loss is a gain)."""
        return self.reservation - self.value


def basis_of(state: State, result: GameResult) -> Basis:
    """On what basis the stakeholders are valued: no agreement, an agreement refused at home, one in force,
    or one whose votes are not yet taken (``state.entered`` is set by the votes)."""
    if result.agreement is None:
        return "no deal"
    if state.entered is None:
        return "expected"
    return "in force" if result.in_force else "refused"


def standings(state: State, result: GameResult) -> list[Standing]:
    """Each stakeholder's :class:`Standing` under the module's rule, in the scenario's order."""
    basis = basis_of(state, result)
    entry = binding_value(state).entry if basis == "expected" else 0.0
    out = []
    for holder, paper, reservation in stakeholder_values(state.scenario, result.agreement):
        value = {"no deal": reservation, "refused": reservation, "in force": paper,
                 "expected": entry * paper + (1 - entry) * reservation}[basis]
        out.append(Standing(holder, value, reservation, paper, basis))
    return out


def change_words(standing: Standing) -> str:
    """"kept its no-deal value" (a loss under 0.005), else "lost 0.45 against no deal" or "gained ...",
    with "in expectation, before the votes" when the votes are not yet taken."""
    lost = standing.lost
    if abs(lost) < 0.005:
        return "kept its no-deal value"
    verb = f"lost {lost:.2f} against no deal" if lost > 0 else f"gained {-lost:.2f} against no deal"
    return verb + (" in expectation, before the votes" if standing.basis == "expected" else "")


def standing_words(standing: Standing) -> str:
    """What the outcome did to a stakeholder, after its name, with three decimals as the debrief's tables
    give: its value against its no-deal value, and why (no deal, refused at home, in force, or expected)."""
    v, r = standing.value, standing.reservation
    if standing.basis == "no deal":
        return f"no deal, so it keeps its {r:.3f}"
    if standing.basis == "refused":
        return (f"the agreement did not enter into force, so it keeps its {r:.3f} "
                f"(in force, the deal would have left it {standing.paper:.3f})")
    when = "in force" if standing.basis == "in force" else "in expectation, before the votes"
    change = "gives" if v >= r else "costs"
    return f"the deal {change} it {abs(v - r):.3f} {when}: {v:.3f} against {r:.3f} with no deal"
