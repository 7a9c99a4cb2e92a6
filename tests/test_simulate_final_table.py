"""simulate measures a deal's distance to the frontier at the table the game ended at, as the terminal debrief
does (researcher trial: after a definitions phase, simulate measured against the full table — every basket open,
no scope disputes, no events of the talks — 0.1355 where the debrief said 0.036; docs/model.md, D2)."""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pytest

from game.analytics.pareto import distance_to_frontier, pareto_mask
from game.cli.app import main
from game.cli.render import debrief
from game.engine.result import game_result
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.strategies.registry import make
from game.strategies.runner import play
from tests.conftest import SCENARIOS


def _games(name: str, capsys: pytest.CaptureFixture[str]) -> list[tuple[dict[str, Any], State]]:
    """simulate's records of a few games with a deal, each beside its final state played again from its seed."""
    path = SCENARIOS / f"{name}.yaml"
    assert main(["simulate", str(path), "--json", "--games", "4", "--seed", "3"]) == 0
    records = [g for g in json.loads(capsys.readouterr().out)["games"] if g["agreement"] is not None]
    assert records
    scenario = load_scenario(path)
    return [(g, play(scenario, g["seed"], {pid: make("modeller") for pid in
                                           (p.id for p in scenario.parties)})) for g in records]


@pytest.mark.parametrize("name", ["narrow_deal_2020_definitions", "narrow_deal_2020"])
def test_simulate_gives_the_debriefs_distance_on_paper(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The same number the terminal debrief prints (to its 3 decimals), with the scope and the events counted."""
    games = _games(name, capsys)
    for record, final in games:
        text = debrief(final, game_result(final), "us")
        said = re.search(r"Distance of your deal to the Pareto frontier: ([0-9.]+)", text)
        assert said is not None
        assert f"{record['distance_to_frontier']:.3f}" == said.group(1)
    if name.endswith("definitions"):          # the scope left baskets out: only their first rung is in the frontier
        assert all(not all(b.in_scope for b in final.scenario.baskets) for _, final in games)
        assert all(g["distance_to_frontier"] < 0.1 for g, _ in games)      # 0.13-0.14 against the full table


@pytest.mark.parametrize("name", ["narrow_deal_2020_definitions", "narrow_deal_2020"])
def test_simulate_gives_the_distance_at_the_expected_values_the_ais_bargained_on(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The deal's V is the one the game reports (the scope's disputes counted), measured against the frontier of
    V at the final table over the packages it allowed."""
    for record, final in _games(name, capsys):
        tables = final.tables
        assert tables is not None
        ids = tables.problem.party_ids
        value = np.stack([tables.of(pid).expected for pid in ids], axis=1)
        deal = value[int(tables.problem.encode(np.asarray(final.results[-1].agreement)))]
        reported = [record["principals"][final.scenario.party(pid).principal]["expected"] for pid in ids]
        assert deal == pytest.approx(reported, abs=1e-9)
        allowed = value[tables.problem.allowed_mask()]
        want = float(distance_to_frontier(deal[None, :], allowed[pareto_mask(allowed)])[0])
        assert record["distance_to_expected_frontier"] == pytest.approx(want, abs=1e-9)
