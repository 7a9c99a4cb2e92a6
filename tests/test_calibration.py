"""The shipped scenarios against what the seeds say (issue 9, item 3): each test reads a number or
an outcome off a shipped file and checks it against the seed passage cited in the file and in
docs/calibration.md. Where the claim rests on a rule, the test also removes the rule and shows
the claim go."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.actions import Accept, Offer, Perceive, RoundStart
from game.engine.rules import apply, new_game
from game.engine.tables import build_tables
from game.engine.valuation import stakeholder_values
from game.model.incentives import walk_away_utility
from game.model.scenario import Delegation, Scenario
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")


def _officials_at_non_binding_tables(scenario: Scenario) -> list[str]:
    out = []
    for phase in scenario.phases:
        if not phase.protocol.binding:
            out += [p for p in phase.parties if scenario.party(p).delegation is Delegation.OFFICIAL]
    return out


@pytest.mark.parametrize("name", ["track15_trap", "code_of_conduct_2019"])
def test_officials_concede_about_0_3_of_their_track_1_rate_in_non_binding_talks(name: str) -> None:
    """Calibration brief: an official's concession rate at a Track 1.5 table is about 0.3 of its
    Track 1 rate. docs/model.md: the ratio is (U_max - walk-away non-binding) / (U_max - r)."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    for pid in _officials_at_non_binding_tables(scenario):
        party = scenario.party(pid)
        best, r = 0.9, party.reservation
        non_binding = walk_away_utility(r, party.incentives, False, best)
        binding = walk_away_utility(r, party.incentives, True, best)
        assert binding == pytest.approx(r)
        assert (best - non_binding) / (best - binding) == pytest.approx(0.3, abs=0.01), pid


def test_the_trap_plan_lowers_washingtons_bar_at_home() -> None:
    """003: the plan "shifts the perception of the relative value of the concessions": after a plan
    that leans toward Moscow, the official US delegation's domestic threshold falls (rule 3), so a
    lopsided deal is easier, not harder, to accept at home. No phase effect pushes it back up."""
    official = TRAP.phases[-1]
    assert not any(e.parameter.endswith("domestic_threshold") for e in official.effects)
    state = apply(new_game(TRAP), Perceive(tuple((p.id, ()) for p in TRAP.parties)))
    state = apply(state, RoundStart(()))
    plan = (1, 3, 1, 3, 3, 3, 3, 3)              # the kind of plan the Track 1.5 table publishes
    first = state.protocol.first_mover
    other = next(p for p in state.phase_def.parties if p != first)
    state = apply(apply(state, Offer(first, plan)), Accept(other))
    moved = [d for d in state.deltas if d.parameter == "us.domestic_threshold"]
    assert moved and moved[-1].after < moved[-1].before
    assert state.scenario.party("us").domestic_threshold < TRAP.party("us").domestic_threshold


def test_the_trap_has_an_absent_party_whose_loss_is_reported() -> None:
    """003: "talks about Ukraine without Ukraine". The trap names a stakeholder with no seat, and
    a deal that gives Moscow NGO restraint costs it against no deal."""
    assert TRAP.stakeholders
    holder, value, reservation = stakeholder_values(TRAP, (3, 3, 3, 3, 3, 3, 3, 2))[0]
    assert value < reservation
    assert stakeholder_values(TRAP, None)[0][1] == reservation


def test_rule_13_is_what_lets_track_15_incentives_move_the_plan() -> None:
    """Ablation of rule 13 at the trap's Track 1.5 table: valued like binding talks (expected value,
    entry into force weighed), the experts' and the minister's tables are nearly flat in the region
    they bargain over; on paper they span the terms."""
    state = apply(new_game(TRAP), Perceive(tuple((p.id, ()) for p in TRAP.parties)))
    assert state.tables is not None
    paper_span = np.ptp(state.tables.of("ru").perceived[state.tables.of("ru").order[:1000]])
    binding = build_tables(state.scenario, state.phase_def.parties, {}, binding=True)
    v_span = np.ptp(binding.of("ru").perceived[binding.of("ru").order[:1000]])
    assert paper_span > 2 * v_span
