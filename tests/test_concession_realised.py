"""docs/model.md's realised concession ratio of the official in non-binding talks (research trial 2: it said
1/(1+λ) "at every moment", which holds for the target, not for the offers)."""

from __future__ import annotations

import pytest

from game.cli.app import main
from game.research.concession import concession_ratios
from tests.conftest import ROOT


def test_the_realised_ratios_are_the_figures_docs_model_gives() -> None:
    reveal, rows = concession_ratios("linear", 0)
    assert reveal == pytest.approx(2.33)
    ratios = [round(r, 3) if r is not None else None for _, _, r in rows]
    assert ratios == [0.0, 0.0, 0.0, 0.0, 0.072, 0.135, 0.162, 0.186]
    assert all(r is not None and r < 1 / (1 + reveal) for r in ratios)     # below the target's 0.3
    text = " ".join((ROOT / "docs" / "model.md").read_text(encoding="utf-8").split())
    assert "0, 0, 0, 0, 0.072, 0.135, 0.162, 0.186" in text
    assert "at every moment the concession" not in text
    assert "python main.py research concession --persona linear --seed 0" in text


def test_the_command_prints_the_rounds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", "concession", "--persona", "linear", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert "target ratio 1/(1+λ) = 0.300" in out and "round 8:" in out and "ratio 0.186" in out
