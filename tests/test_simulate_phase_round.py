"""simulate's phase ``round`` never exceeds the phase's deadline: the final response after the last round is
reported in the last round with ``final_response`` true (research trial 2: ``round: 11, ended_by: accepted`` in
a 10-round phase, while docs/playing.md said the last round is the deadline)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS


def _games(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    assert main(["simulate", *argv, "--json"]) == 0
    games: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["games"]
    return games


def test_the_final_response_is_reported_in_the_last_round(capsys: pytest.CaptureFixture[str]) -> None:
    (game,) = _games(capsys, str(SCENARIOS / "narrow_deal_2020.yaml"), "--a", "hardliner", "--b", "hardliner",
                     "--games", "1", "--no-events")
    (phase,) = game["phases"]
    assert (phase["round"], phase["ended_by"], phase["final_response"]) == (10, "accepted", True)


def test_no_round_is_above_its_deadline_unless_frozen(capsys: pytest.CaptureFixture[str]) -> None:
    games = _games(capsys, str(SCENARIOS / "track15_trap.yaml"), "--round-robin", "--games", "1", "--no-events")
    deadlines = {"track15": 6, "official_talks": 10}
    finals = 0
    for game in games:
        for phase in game["phases"]:
            if phase["ended_by"] == "not_held":
                continue
            assert 1 <= phase["round"] <= deadlines[phase["phase"]], phase
            finals += phase["final_response"]
            if phase["final_response"]:
                assert phase["round"] == deadlines[phase["phase"]]
                assert phase["ended_by"] == "accepted" or phase["ended_by"].startswith("walked:")
    assert finals
