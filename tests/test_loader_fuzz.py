"""Mutation fuzzing of the shipped scenarios: every mutant either loads or gives
``path:line:col: message`` problems, never an exception of another kind.

A few hundred cases run by default; ``pytest -m slow`` runs 10,000.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from game.errors import ScenarioError
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from tests.conftest import shipped_scenarios

TOKENS = ["heavy", "-1", "2.5", "null", "[]", "{}", "~", '"x"', "true", "&a", "*a", "!!python/name:os.system",
          "{{", "]]", ":", "- ", "1e999", "nan", "0x1F", "'", '"', "|", ">", "? ", "&b [*b]", "\t", "é", "<<: *a"]
YAML_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): \S")


def mutate(text: str, rng: np.random.Generator) -> str:
    """Apply one to three random edits: line deletion, duplication, swaps, token
    replacement, indentation changes, truncation and raw garbage."""
    for _ in range(int(rng.integers(1, 4))):
        lines = text.split("\n")
        i, j = (int(x) for x in rng.integers(0, len(lines), size=2))
        op = int(rng.integers(0, 8))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[j])
        elif op == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            words = list(re.finditer(r"[A-Za-z0-9_.\-]+", lines[i]))
            if words:
                w = words[int(rng.integers(0, len(words)))]
                lines[i] = lines[i][: w.start()] + str(rng.choice(TOKENS)) + lines[i][w.end():]
        elif op == 4:
            lines[i] = "  " + lines[i] if rng.random() < 0.5 else lines[i][2:]
        elif op == 5:
            text = "\n".join(lines)
            text = text[: int(rng.integers(0, len(text) + 1))]
            continue
        elif op == 6:
            pos = int(rng.integers(0, len(lines[i]) + 1))
            lines[i] = lines[i][:pos] + str(rng.choice(TOKENS)) + lines[i][pos:]
        else:
            pos = int(rng.integers(0, len(lines[i]) + 1))
            lines[i] = lines[i][:pos] + bytes(rng.integers(0, 256, size=3, dtype=np.uint8)).decode("latin-1") + lines[i][pos:]
        text = "\n".join(lines)
    return text


def check_mutants(tmp_path: Path, count: int, seed: int) -> None:
    sources = [p.read_text(encoding="utf-8") for p in shipped_scenarios()]
    rng = np.random.default_rng(seed)
    path = tmp_path / "mutant.yaml"
    for case in range(count):
        text = mutate(sources[case % len(sources)], rng)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            result = load_scenario(path)
        except ScenarioError as exc:
            assert exc.problems, f"case {case}: an error with no problems"
            n_lines = len(YAML_BREAKS.split(text)) + 1  # YAML also breaks lines at \r, NEL, LS and PS
            for problem in exc.problems:
                match = LINE.match(str(problem))
                assert match, f"case {case}: badly formed problem {problem!s}"
                assert match["path"] == str(path)
                assert 1 <= int(match["line"]) <= n_lines and int(match["col"]) >= 1, f"case {case}: {problem}"
        else:
            assert isinstance(result, Scenario)


def test_mutants_load_or_report_located_problems(tmp_path: Path) -> None:
    check_mutants(tmp_path, count=300, seed=20261123)


@pytest.mark.slow
def test_ten_thousand_mutants(tmp_path: Path) -> None:
    check_mutants(tmp_path, count=10_000, seed=1933)
