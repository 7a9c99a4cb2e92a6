"""Outcome spaces the engine cannot hold are refused with the reason before anything is allocated
or written, and analysis bounds its memory (attack finding F4)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.authoring.lint import lint_file
from game.cli.app import main
from tests.conftest import ROOT
from tests.scenario_gen import sized_scenario


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """9 baskets of 7 options and 2 forms: 80,707,214 packages, 8 times the engine's limit."""
    path = tmp_path / "big.yaml"
    path.write_text(sized_scenario(9, 7), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["simulate", "{big}", "--games", "1"],
                                     ["play", "{big}", "--side", "a", "--log", "{tmp}/game.jsonl"],
                                     ["classroom", "new", "{big}", "--tables", "2", "-o", "{tmp}/class"]])
def test_play_simulate_and_classroom_new_refuse_at_once(big: Path, tmp_path: Path, command: list[str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    start = time.perf_counter()
    assert main([word.format(big=big, tmp=tmp_path) for word in command]) == 1
    err = capsys.readouterr().err
    assert "80,707,214 packages (9 baskets of 7 options, 2 forms)" in err and "at most 10,000,000" in err
    assert time.perf_counter() - start < 10
    assert not (tmp_path / "game.jsonl").exists() and not (tmp_path / "class").exists()


def test_lint_warns_and_analyze_still_analyses(big: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "too-large-to-play" in {w.code for w in lint_file(big)}
    assert main(["analyze", str(big)]) == 0 and "80,707,214 outcomes" in capsys.readouterr().out
    assert main(["analyze", str(big), "--method", "enumerate"]) == 1
    assert f"{big}: too many outcomes to enumerate: 80,707,214" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")
def test_the_factored_frontier_refuses_in_bounded_memory() -> None:
    """Anti-correlated values put every package on the frontier: it must stop, small, not fill memory."""
    code = """
import numpy as np
from game.analytics.analysis import analyze
from game.analytics.factored import FrontierTooLarge
from game.model.problem import BargainingProblem
rng = np.random.default_rng(1)
tables = []
for _ in range(12):
    x = rng.random(10)
    tables.append(np.stack([x, 1 - x], axis=1))
problem = BargainingProblem(("a", "b"), tuple(f"i{j}" for j in range(12)), tuple(tuple("abcdefghij") for _ in range(12)),
                            tuple(tables), tuple(np.ones(10, bool) for _ in range(12)), np.zeros(2))
try:
    analyze(problem)
except FrontierTooLarge as exc:
    status = open("/proc/self/status").read()           # VmHWM starts afresh at exec, unlike ru_maxrss
    print("refused", int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False)
    word, peak = done.stdout.split()
    assert word == "refused" and int(peak) < 700, done.stdout + done.stderr


def test_lint_says_when_the_frontier_is_too_large_to_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "opposed.yaml"
    path.write_text(sized_scenario(12, 10, opposed=True), encoding="utf-8")
    found = {w.code: w for w in lint_file(path)}
    assert "too-large-to-analyse" in found and "frontier grew past" in found["too-large-to-analyse"].message
    assert main(["analyze", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {path}: the frontier grew past")
