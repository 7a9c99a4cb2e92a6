"""What a newcomer found playing the terminal game at 100 columns (issue: term13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.terminal import _Table
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from tests.conftest import SCENARIOS


def first_move(tmp_path: Path, name: str, side: str) -> GameSession:
    session = GameSession.new(load_scenario(SCENARIOS / name), side, 1, log_path=tmp_path / "g.jsonl")
    session.close()
    return session


def test_lock_before_any_offer_says_there_is_no_offer(tmp_path: Path) -> None:
    session = first_move(tmp_path, "code_of_conduct_2019.yaml", "us_experts")
    state = session.state
    assert state.protocol.lanes and session.to_move == "us_experts" and state.standing is None
    table = _Table("us_experts")
    table.draft = [0] * (len(state.scenario.baskets) + 1)
    with pytest.raises(ValueError, match="no offer from the other side yet") as err:
        table.command(state, "us_experts", "lock 1")
    assert "usage" not in str(err.value)
    with pytest.raises(ValueError, match="usage: lock BASKET"):
        table.command(state, "us_experts", "lock")
