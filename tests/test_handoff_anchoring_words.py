"""Newcomer trial, defect 5: the log said the plan "pulls the sense of a fair deal toward it (weight 0.40)",
the hand-off screen "Each government's bar for approval at home moves 30% of the way toward what the plan is
worth to it": two mechanisms and two numbers. Both now state rule 3 (and the AI's anchored opening) in one
wording, with the weight that moved the bars: the weight when the official talks opened, not after an event
(the White House's disavowal) lowered it."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any, cast

from game.engine.state import Delta
from game.scenario.loader import load_scenario
from game.session.handoff import weight_at_opening
from game.session.names import anchoring
from tests.conftest import SCENARIOS

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")


def test_the_words_name_the_bars_at_home_and_the_opening_with_one_number() -> None:
    said = anchoring("Official talks", 0.4)
    assert said.count("40%") == 2 and "bar for approval at home" in said and "opening ask" in said, said
    assert "sense of a fair deal" not in said and "weight" not in said


def test_the_hand_offs_weight_is_the_one_that_moved_the_bars() -> None:
    official = TRAP.phases[1]
    lowered = dataclasses.replace(TRAP, phases=(TRAP.phases[0], dataclasses.replace(official, anchoring=0.3)))
    deltas = (Delta(f"anchor:{official.id}", "us.domestic_threshold", 0.60, 0.48, 1, 0),
              Delta("white_house_disavows", "phase.anchoring", 0.4, 0.3, 1, 0))
    state = cast(Any, SimpleNamespace(scenario=lowered, deltas=deltas))
    assert abs(weight_at_opening(state, 1) - 0.4) < 1e-9          # the bars moved at 0.40, not at the 0.30 of now
    praised_first = (Delta("plan_praised", "phase.anchoring", 0.4, 0.5, 1, 0),) + deltas[:1]
    state = cast(Any, SimpleNamespace(scenario=lowered, deltas=praised_first))
    assert abs(weight_at_opening(state, 1) - 0.5) < 1e-9          # set before the bars moved: that weight
    state = cast(Any, SimpleNamespace(scenario=lowered, deltas=deltas[:1]))
    assert abs(weight_at_opening(state, 1) - 0.3) < 1e-9          # never changed: the weight now
