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
    """9 baskets of 7 options and 2 forms: 80,707,214 packages, beyond the exact tables (played by search)
    and beyond what analysis enumerates."""
    path = tmp_path / "big.yaml"
    path.write_text(sized_scenario(9, 7), encoding="utf-8")
    return path


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    """32 baskets of 4 options and 2 forms: 2^65 packages, beyond the 64-bit package numbers."""
    path = tmp_path / "huge.yaml"
    path.write_text(sized_scenario(32, 4), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["validate", "{huge}"],
                                     ["simulate", "{huge}", "--games", "1"],
                                     ["play", "{huge}", "--side", "a", "--log", "{tmp}/game.jsonl"],
                                     ["classroom", "new", "{huge}", "--tables", "2", "-o", "{tmp}/class"]])
def test_validate_play_simulate_and_classroom_new_refuse_at_once(huge: Path, tmp_path: Path, command: list[str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    start = time.perf_counter()
    assert main([word.format(huge=huge, tmp=tmp_path) for word in command]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err                   # validate lists its problems on stdout
    assert f"{huge}:8:1: baskets: " in err or command[0] != "validate"
    assert "too large to play: the outcome space has 36,893,488,147,419,103,232 packages (32 baskets of 4 options, " \
           "2 forms)" in err and "at most 4,611,686,018,427,387,904 (2^62)" in err, err
    assert time.perf_counter() - start < 10
    assert not (tmp_path / "game.jsonl").exists() and not (tmp_path / "class").exists()


def test_a_space_beyond_the_exact_tables_plays_and_analyze_refuses_to_enumerate_it(
        big: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "too-large-to-play" not in {w.code for w in lint_file(big)}
    assert main(["simulate", str(big), "--games", "1"]) == 0 and "100%" in capsys.readouterr().out
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
