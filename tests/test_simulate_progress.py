"""simulate's progress line: on standard error when it is a terminal, by the one implementation research
claims uses (game.cli.progress), never in standard output (research trial: 1,600 games ran 110 s silently)."""

from __future__ import annotations

import io
import json

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS

NARROW = str(SCENARIOS / "narrow_deal_2020.yaml")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_goes_to_a_terminals_stderr_only(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["simulate", NARROW, "--games", "2", "--no-events", "--json"]) == 0
    json.loads(capsys.readouterr().out)                    # stdout is the JSON alone
    said = terminal.getvalue()
    assert "\r\033[Ksimulating 1/2 games" in said and "\r\033[Ksimulating 2/2 games" in said
    assert said.endswith("\r\033[K")                       # erased after the last game


def test_no_progress_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", NARROW, "--games", "2", "--no-events", "--json"]) == 0
    assert "simulating" not in capsys.readouterr().err
