"""simulate has a documented maximum of games, and Ctrl-C still prints the summary of the games
played (attack finding F16)."""

from __future__ import annotations

import json

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS, interrupt_the_third_game

NARROW = str(SCENARIOS / "narrow_deal_2020.yaml")


@pytest.mark.parametrize("args", [["--games", "100001"], ["--games", "100000000000"],
                                  ["--round-robin", "--games", "3000"]])
def test_too_many_games_are_refused_before_any_is_played(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["simulate", NARROW, *args])
    assert info.value.code == 2 and "at most 100,000 games in one run" in capsys.readouterr().err


def test_an_interrupt_prints_the_summary_of_the_games_played(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    interrupt_the_third_game(monkeypatch)
    assert main(["simulate", NARROW, "--games", "5", "--json"]) == 130
    out = capsys.readouterr()
    assert len(json.loads(out.out)["games"]) == 2 and "interrupted after 2 of 5 games" in out.err
