"""Golden ``analyze --json`` outputs for every shipped scenario.

Regenerate on purpose only: ``pytest tests/test_golden_analyze.py --update-golden``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.analytics.analysis import analyze
from game.analytics.report import analysis_dict
from game.model.utility import bargaining_problem
from game.scenario.loader import load_scenario
from tests.conftest import shipped_scenarios

GOLDEN = Path(__file__).resolve().parent / "golden" / "analyze"


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_analyze_output_matches_golden(path: Path, update_golden: bool) -> None:
    scenario = load_scenario(path)
    actual = analysis_dict(analyze(bargaining_problem(scenario)))
    golden = GOLDEN / f"{path.stem}.json"
    if update_golden:
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden output for {path.name}; run pytest --update-golden on purpose"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))
