"""Shared test set-up: headless SDL, paths, and the --update-golden switch."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
GENIUS = ROOT.parent / "shared" / "genius"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output (on purpose only)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def shipped_scenarios() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def interrupt_on_call(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, number: int) -> None:
    """Ctrl-C at the ``number``-th call (from 1) of ``owner.name``: the calls before it run as usual, that one
    raises KeyboardInterrupt."""
    real, calls = getattr(owner, name), [0]

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == number:
            raise KeyboardInterrupt
        return real(*args, **kwargs)
    monkeypatch.setattr(owner, name, interrupted)


def interrupt_game(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """Ctrl-C during game ``number`` (from 1) of a run: ``runner.play`` plays the games before it and raises
    KeyboardInterrupt on its ``number``-th call."""
    from game.strategies import runner
    interrupt_on_call(monkeypatch, runner, "play", number)


def interrupt_the_third_game(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the third game of a run: ``runner.play`` plays the first two and raises
    KeyboardInterrupt on its third call."""
    interrupt_game(monkeypatch, 3)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    """Every problem the loader finds in ``text`` written as ``x.yaml``, as ``validate`` prints it (the path
    shortened to ``x.yaml``); the text must be invalid."""
    from game.errors import ScenarioError
    from game.scenario.loader import load_scenario
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return [str(p).replace(str(path), "x.yaml") for p in info.value.problems]
