"""research claims' JSON carries the paired values per seed, from which its effects and bootstrap intervals
can be recomputed, and writes ``reason`` null where there is none (research trial 2: neither could be
checked from the output)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from game.cli.app import main
from game.research.stats import paired_effect


def test_per_seed_values_reproduce_the_effects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", "claims", "--claim", "d", "--claim", "e1", "--persona", "modeller", "--games", "3",
                 "--seed", "4", "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    for claim in data["claims"]:
        per_seed = claim["per_seed"]
        assert len(per_seed["seeds"]) == 3 and len(set(per_seed["seeds"])) == 3
        assert "reason" in claim                                   # null when there is none, never left out
        for prefix, key in (("", "effect"), ("ablation_", "ablation_effect")):
            t, c = (np.array([np.nan if v is None else v for v in per_seed[prefix + side]], dtype=float)
                    for side in ("treatment", "control"))
            assert len(t) == len(c) == 3
            again = paired_effect(t, c, claim[key]["unit"]).as_json()
            assert again == claim[key]


def test_an_earned_or_unexplained_result_has_reason_null(capsys: pytest.CaptureFixture[str]) -> None:
    from game.research import claims as claims_module
    from game.research.experiment import Samples
    from game.scenario.loader import SCENARIO_DIR
    from game.research.experiment import Library
    claim = next(c for c in claims_module.CLAIMS if c.id == "d")

    def big_effect(library: Library, persona: str, seeds: Any, ablated: bool) -> Samples:
        n = len(seeds)
        treatment = np.zeros(n) if ablated else np.linspace(0.9, 1.0, n)
        return Samples(treatment, np.zeros(n), {"treatment": 1.0, "control": 1.0})
    import dataclasses
    run = claims_module.run_claim(dataclasses.replace(claim, measure=big_effect), Library(SCENARIO_DIR), "modeller",
                                  list(range(12)))
    assert run["holds"] is True and run["vanishes_under_ablation"] is True
    assert "reason" in run and run["reason"] is None
    assert json.loads(json.dumps(run))["per_seed"]["ablation_treatment"] == [0.0] * 12
