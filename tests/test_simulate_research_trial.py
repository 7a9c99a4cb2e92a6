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


def test_distance_is_said_on_paper_and_given_at_expected_value(capsys: pytest.CaptureFixture[str]) -> None:
    """The AIs bargain at expected value: a deal analyze --expected puts on the frontier was reported off it.
    Without the events of the talks the last table is the file's, the one analyze --expected values (with them,
    the distance is measured at the table the events left: tests/test_simulate_final_table.py)."""
    from game.engine.expected_analysis import analyze_expected
    from game.scenario.loader import load_scenario
    assert main(["simulate", str(NARROW), "--json", "--games", "4", "--no-events"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    scenario = load_scenario(NARROW)
    parties = scenario.table_parties(None)
    expected = analyze_expected(scenario, (parties[0], parties[1]))
    from game.analytics.pareto import distance_to_frontier
    import numpy as np
    for game in (g for g in data["games"] if g["agreement"] is not None):
        agreement = game["agreement"]
        digits = [next(i for i, o in enumerate(b.options) if o.id == agreement[b.id]) for b in scenario.baskets]
        digits.append(next(i for i, f in enumerate(scenario.forms) if f.id == agreement["form"]))
        v = expected.value_of(np.array(digits))
        want = float(distance_to_frontier(v[None, :], expected.analysis.solutions.frontier_utilities)[0])
        assert game["distance_to_expected_frontier"] == pytest.approx(want, abs=1e-9)
    assert any(g["distance_to_expected_frontier"] == 0 != g["distance_to_frontier"] for g in data["games"])
    assert main(["simulate", str(NARROW), "--games", "2"]) == 0
    text = capsys.readouterr().out
    assert "frontier on paper" in text and "distV" in text


@pytest.mark.parametrize("where", ["_load", "build_tables"])
def test_ctrl_c_before_the_first_game_prints_the_empty_output(where: str, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Ctrl-C at 0.7 s, while the scenario and its tables loaded, printed only 'interrupted': no JSON, no CSV."""
    from game.cli import simulate_cmd
    from game.engine import tables
    module = simulate_cmd if where == "_load" else tables
    real, calls = getattr(module, where), [0]

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == 1:
            raise KeyboardInterrupt
        return real(*args, **kwargs)
    monkeypatch.setattr(module, where, interrupted)
    games, summary = tmp_path / "g.csv", tmp_path / "s.csv"
    assert main(["simulate", str(NARROW), "--json", "--games", "3", "--csv", str(games),
                 "--summary-csv", str(summary)]) == 130
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["interrupted"] is True and data["games"] == [] and data["summary"] == []
    assert data["scenario"] == "narrow_deal_2020" and "interrupted after 0 of 3 games" in out.err
    assert games.read_text(encoding="utf-8").count("\n") == 1 and summary.read_text(encoding="utf-8").count("\n") == 1


def test_quantities_of_a_pact_that_does_not_exist_are_null(capsys: pytest.CaptureFixture[str]) -> None:
    """Research trial 2: a game without a deal gave answered, violations and entry 0.0 and expected_in_force
    the reservation; now each is null where it is undefined, and defined elsewhere."""
    games = []
    for scenario in ("ryabkov_2017", "track15_trap"):          # deals never in force; hardliners without a deal
        assert main(["simulate", str(SCENARIOS / f"{scenario}.yaml"), "--json", "--games", "3", "--no-events",
                     "--round-robin"]) == 0
        games += json.loads(capsys.readouterr().out)["games"]
    kinds = {(g["agreement"] is not None, bool(g["in_force"])) for g in games}
    assert {(False, False), (True, False), (True, True)} <= kinds
    for g in games:
        deal, took = g["agreement"] is not None, g["agreement"] is not None and g["in_force"]
        assert all((v is None) is (not took) for v in g["violations"].values())
        for p in g["principals"].values():
            assert (p["answered"] is None) is (not took) and (p["honoured_by_other"] is None) is (not took)
            assert (p["entry"] is None) is (not deal) and (p["expected_in_force"] is None) is (not deal)
            assert p["paper"] is not None and p["expected"] is not None
