"""simulate's findings of the research-user trial: honoured_by_other where no pact took effect, the distance to
the frontier said to be on paper, and Ctrl-C before the first game."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def test_honoured_by_other_is_null_where_no_pact_took_effect(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    """It was 0.0 in a game without a deal in force, which reads as "broken in every history"; the summary's
    mean is over the games where a pact took effect."""
    games, summary = tmp_path / "g.csv", tmp_path / "s.csv"
    assert main(["simulate", str(NARROW), "--json", "--games", "6", "--seed", "2", "--csv", str(games),
                 "--summary-csv", str(summary)]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    took = [g for g in data["games"] if g["agreement"] is not None and g["in_force"]]
    idle = [g for g in data["games"] if g not in took]
    assert took and idle
    assert all(p["honoured_by_other"] is None for g in idle for p in g["principals"].values())
    assert all(p["honoured_by_other"] is not None for g in took for p in g["principals"].values())
    (entry,) = data["summary"]
    assert entry["honoured_by_other_n"] == len(took)
    mean = sum(g["principals"]["russia"]["honoured_by_other"] for g in took) / len(took)
    assert entry["russia_honoured_by_other"] == pytest.approx(mean)
    rows = list(csv.DictReader(games.read_text(encoding="utf-8").splitlines()))
    assert [r["russia.honoured_by_other"] == "" for r in rows] == [g in idle for g in data["games"]]
    (row,) = csv.DictReader(summary.read_text(encoding="utf-8").splitlines())
    assert int(row["honoured_by_other_n"]) == len(took)
