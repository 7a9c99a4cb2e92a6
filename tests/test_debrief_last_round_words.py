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


def endings(ended_by: str, round_: int, history: tuple[object, ...] = (), ai_from: int | None = None,
            viewer: str = "ru") -> list[str]:
    meeting, official = TRAP.phases
    results = (SimpleNamespace(ended_by="accepted", round=2, agreement=(0,) * 9, phase=meeting.id),
               SimpleNamespace(ended_by=ended_by, round=round_, agreement=None, phase=official.id))
    state = SimpleNamespace(scenario=TRAP, phase_def=official, results=results, history=history)
    return table_endings(cast(Any, state), viewer, ai_from)


def test_a_walk_out_after_the_last_round_ends_in_the_last_round() -> None:
    rounds = TRAP.phases[1].protocol.rounds
    line = endings("walked:us", rounds)[1]
    assert line.endswith(f"(US delegation (State Department) walked away) in round {rounds}, the last"), line
    assert "deadline" not in line


def test_a_walk_out_within_the_talks_names_its_round() -> None:
    assert endings("walked:us", 3)[1].endswith("walked away) in round 4")


def test_a_walk_out_the_ai_made_in_a_handed_over_seat_is_the_ais() -> None:
    """Handover trial: the moves after the instructor handed a student's seat to the AI are the AI's, not the
    student's ("you walked away" of a walk-out the AI made)."""
    from game.engine.actions import Offer, Walk
    history = (Offer("us", (0,) * 7), Offer("ru", (1,) * 7), Walk("us"))
    assert endings("walked:us", 3, history, ai_from=1, viewer="us")[1].endswith(
        "no deal (the AI in your seat walked away) in round 4")
    assert endings("walked:us", 3, history, ai_from=3, viewer="us")[1].endswith("no deal (you walked away) in round 4")
    assert endings("walked:us", 3, history, viewer="us")[1].endswith("no deal (you walked away) in round 4")
