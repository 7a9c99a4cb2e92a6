"""analyze after a definitions phase analyses the table a rung of the scope leaves, never the file's table with
every basket open and no disputes (researcher trial; docs/model.md D1-D3): ``--scope RUNG``, else the default
rung, which the game plays when no definition is agreed; it says which, and simulate's distances agree with it."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from game.analytics.analysis import analyze
from game.cli.app import main
from game.engine.expected_analysis import analyze_expected
from game.engine.scope import apply_scope
from game.model.utility import bargaining_problem
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

DEFS = SCENARIOS / "narrow_deal_2020_definitions.yaml"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["analyze", str(DEFS), "--json", *argv]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_a_rung_leaves_the_table_as_the_engine_opens_the_next_phase(capsys: pytest.CaptureFixture[str]) -> None:
    """On paper and at expected value, the analysis of --scope RUNG is the one of the scenario apply_scope gives
    (a left-out basket only at its first option; the rung's disputes in V), and it differs from the file's."""
    s = load_scenario(DEFS)
    phase = s.phases[0]
    assert phase.scope is not None
    rung = phase.scope.rung_index("plus_state_media")
    scoped = apply_scope(s, phase, (rung, 0), 1)[0]
    parties = (scoped.party("us"), scoped.party("ru"))
    paper = _json(capsys, "--scope", "plus_state_media")
    assert paper["scope"] == {"phase": "track15_definitions", "rung": "plus_state_media", "agreed": True,
                              "default": "all_cyber", "rungs": ["state_agencies", "plus_state_media", "all_cyber"],
                              "out_of_scope": ["critical_infrastructure"], "disputes": 0.02}
    want = analyze(bargaining_problem(scoped, parties)).solutions
    assert want.nash is not None
    assert paper["nash"]["utilities"] == pytest.approx(list(want.nash.utilities), abs=1e-9)
    assert {p["outcome"]["critical_infrastructure"] for p in paper["frontier"]} == {"none"}
    assert {p["outcome"]["critical_infrastructure"] for p in _json(capsys)["frontier"]} != {"none"}
    at_value = _json(capsys, "--scope", "plus_state_media", "--expected")
    expected = analyze_expected(scoped, parties)
    assert at_value["zone_packages"] == expected.zone
    assert at_value["max_entry"]["any"] == pytest.approx(expected.best_entry, abs=1e-9)
    unscoped = analyze_expected(s, (s.party("us"), s.party("ru")))           # what analyze --expected valued
    assert expected.zone != unscoped.zone


def test_without_a_rung_the_default_applies_and_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    """No agreed definition: the scope's default rung applies (D1), with its disputes at expected value."""
    s = load_scenario(DEFS)
    default = apply_scope(s, s.phases[0], None, 1)[0]
    data = _json(capsys, "--expected")
    assert data["scope"]["rung"] == "all_cyber" and data["scope"]["agreed"] is False
    assert data["zone_packages"] == analyze_expected(default, (default.party("us"), default.party("ru"))).zone
    assert main(["analyze", str(DEFS)]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert line.startswith("Table analysed: ") and "no agreed definition" in line and "'all_cyber'" in line
    assert "Rungs: state_agencies, plus_state_media, all_cyber" in line
    assert main(["analyze", str(SCENARIOS / "narrow_deal_2020.yaml"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scope"] is None
    assert main(["analyze", str(DEFS), "--phase", "track15_definitions", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scope"] is None         # the ladder's own table


def test_simulate_and_analyze_scope_measure_a_deal_alike(capsys: pytest.CaptureFixture[str]) -> None:
    """Without events the last table of a game is the one its agreed rung leaves: simulate's two distances are
    analyze --scope RUNG --deal's, on paper and at expected value."""
    assert main(["simulate", str(DEFS), "--json", "--games", "3", "--no-events"]) == 0
    games = [g for g in json.loads(capsys.readouterr().out)["games"] if g["agreement"] is not None]
    assert games
    for game in games:
        deal = ",".join(f"{k}={v}" for k, v in game["agreement"].items())
        rung = game["phases"][0]["agreement"]["scope"]
        paper = _json(capsys, "--scope", rung, "--deal", deal)["deal"]
        at_value = _json(capsys, "--scope", rung, "--deal", deal, "--expected")["deal"]
        assert paper["distance_to_frontier"] == pytest.approx(game["distance_to_frontier"], abs=1e-9)
        assert at_value["distance_to_frontier"] == pytest.approx(game["distance_to_expected_frontier"], abs=1e-9)


@pytest.mark.parametrize(("argv", "said"), [
    ([str(DEFS), "--scope", "plus_media"], "expected one of: state_agencies, plus_state_media, all_cyber "
                                           "(did you mean 'plus_state_media'?)"),
    ([str(SCENARIOS / "narrow_deal_2020.yaml"), "--scope", "all_cyber"], "has no definitions phase"),
    ([str(DEFS), "--scope", "state_agencies", "--deal", "critical_infrastructure=pledge"],
     "--scope state_agencies leaves 'critical_infrastructure' out of scope, fixed at its first option; expected "
     "critical_infrastructure=none"),
    ([str(DEFS), "--phase", "track15_definitions", "--scope", "all_cyber"],
     "is the definitions phase itself, bargained over the scope ladder; expected the table of a phase after it: "
     "--phase official_talks"),
])
def test_a_rung_that_cannot_apply_is_refused_in_words(argv: list[str], said: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", *argv]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err



@pytest.mark.parametrize("rung", ["state_agencies", "plus_state_media", "all_cyber"])
def test_the_outcome_space_counts_only_the_outcomes_the_scoped_table_has(
        rung: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A basket the rung leaves out is locked at its first option (D2), so it counts one option, not five: the
    text's outcome space and the zone's "of N", and the JSON's n_outcomes, give the scoped table's size (they
    gave the file's 62,500 at every rung)."""
    s = load_scenario(DEFS)
    paper = _json(capsys, "--scope", rung)
    out = set(paper["scope"]["out_of_scope"])
    shape = [1 if b.id in out else len(b.options) for b in s.baskets] + [len(s.forms)]
    size = math.prod(shape)
    assert size < 5 ** 6 * len(s.forms) if out else size == 5 ** 6 * len(s.forms)
    at_value = _json(capsys, "--scope", rung, "--expected")
    assert paper["n_outcomes"] == at_value["n_outcomes"] == size
    assert main(["analyze", str(DEFS), "--scope", rung]) == 0
    sizes = " x ".join(map(str, shape))
    assert f"Outcome space: {size:,} outcomes ({sizes}), analysed by enumeration" in capsys.readouterr().out
    assert main(["analyze", str(DEFS), "--scope", rung, "--expected"]) == 0
    text = capsys.readouterr().out
    assert f"Outcome space: {size:,} outcomes ({sizes})" in text
    assert f"Packages that beat no deal for both at expected value: {at_value['zone_packages']:,} of {size:,}" in text
