"""``python main.py`` in a terminal with no display opens the scenario and side picker, then the game
(newcomer trial: choosing a scenario and a side ended in "internal error: AttributeError: 'Namespace'
object has no attribute 'session'", because the menu built the play command's options by hand and
missed the ones added since)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.start import start
from tests.test_terminal_confirm import typed


def test_choosing_a_scenario_and_a_side_starts_the_game(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    typed(monkeypatch, ["1", "1"])
    assert start() == 0
    out, err = capsys.readouterr()
    assert "internal error" not in out + err and "Traceback" not in out + err
    assert "Across the table:" in out and "round 1 of" in out            # the game began: its first round heading
    logs = list((tmp_path / "data").rglob("*.jsonl"))
    assert len(logs) == 1 and "--resume" in out + err                   # Ctrl-D saved it and said how to go on


def test_q_at_either_prompt_leaves_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for answers in (["q"], ["1", "q"], ["0", "x", "q"]):
        typed(monkeypatch, answers)
        assert start() == 0
    assert capsys.readouterr().out.count("Please type a number from 1 to") == 2
