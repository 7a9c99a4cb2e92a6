"""Newcomer trial, defect 4: "Official talks: no deal (US delegation (State Department) walked away) at the
deadline" read as two endings in one sentence. A table ended by the answer given once its last round was over
ends "in round N, the last", whatever the answer."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from game.scenario.loader import load_scenario
from game.session.diagnosis import table_endings
from tests.conftest import SCENARIOS

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")


def endings(ended_by: str, round_: int) -> list[str]:
    meeting, official = TRAP.phases
    results = (SimpleNamespace(ended_by="accepted", round=2, agreement=(0,) * 9, phase=meeting.id),
               SimpleNamespace(ended_by=ended_by, round=round_, agreement=None, phase=official.id))
    return table_endings(cast(Any, SimpleNamespace(scenario=TRAP, phase_def=official, results=results)), "ru")


def test_a_walk_out_after_the_last_round_ends_in_the_last_round() -> None:
    rounds = TRAP.phases[1].protocol.rounds
    line = endings("walked:us", rounds)[1]
    assert line.endswith(f"(US delegation (State Department) walked away) in round {rounds}, the last"), line
    assert "deadline" not in line


def test_a_walk_out_within_the_talks_names_its_round() -> None:
    assert endings("walked:us", 3)[1].endswith("walked away) in round 4")
