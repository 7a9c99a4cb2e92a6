"""A claim's verdicts need at least MIN_MEASURED measured seeds (research trial: one measured game out of 40
gave a zero-width interval that "excluded 0", and the claim was reported earned)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.cli.csv_out import claim_rows
from game.cli.research_cmd import _describe
from game.research.claims import CLAIMS, Claim, earned, run_claim
from game.research.experiment import Library, Samples
from game.research.stats import MIN_MEASURED
from game.scenario.loader import SCENARIO_DIR


def _measure(kept: int) -> object:
    """A fake experiment over 40 seeds where only ``kept`` seeds give the statistic, with a clear effect
    that vanishes under the ablation."""
    def measure(library: Library, persona: str, seeds: Sequence[int], ablated: bool) -> Samples:
        n = len(seeds)
        t = np.full(n, np.nan)
        c = np.full(n, np.nan)
        t[:kept] = 0.5 + (0.0 if ablated else -0.2) + 0.001 * (-1.0) ** np.arange(kept)
        c[:kept] = 0.5
        return Samples(t, c, {"treatment": kept / n, "control": kept / n})
    return measure


def _claim(kept: int) -> Claim:
    base = CLAIMS[0]
    return Claim(base.id, base.statement, base.seeds, base.scenarios, base.unit, -1, 0.02,
                 _measure(kept), no_deal=base.no_deal)  # type: ignore[arg-type]


def test_one_measured_game_gives_no_verdict() -> None:
    run = run_claim(_claim(1), Library(SCENARIO_DIR), "modeller", list(range(40)))
    assert run["holds"] is None and run["vanishes_under_ablation"] is None
    assert earned(run["holds"], run["vanishes_under_ablation"]) is None
    assert "too few measured games (n=1)" in str(run["reason"])
    claim = {"id": "a", "statement": "s", "conditions": "t vs c", "ablation": "x", "predicts": "decrease", "margin": 0.02, "no_deal_counts_as": "x",
             "scenarios": ["track15_trap"], "holds_for": [], "personas": {}, **run}
    assert "too few measured games (n=1)" in _describe(claim)
    row = claim_rows({"version": "v", "scenarios": "d", "games": 40, "master_seed": None, "seeds": "0-39",
                      "responses": "r", "interrupted": False, "scenario_sha256": {"track15_trap": "ab"},
                      "claims": [claim]})[0]
    assert row["scenario_sha256"] == "track15_trap=ab"
    assert row["holds"] is None and row["vanishes"] is None and row["earned"] is None


def test_enough_measured_games_give_the_verdicts() -> None:
    run = run_claim(_claim(MIN_MEASURED), Library(SCENARIO_DIR), "modeller", list(range(40)))
    assert run["holds"] is True and run["vanishes_under_ablation"] is True
    few = run_claim(_claim(MIN_MEASURED - 1), Library(SCENARIO_DIR), "modeller", list(range(40)))
    assert few["holds"] is None
