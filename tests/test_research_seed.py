"""``research claims --seed S``: the master seed draws the games' seeds as ``simulate --seed S`` does; without
it the games keep seeds 0 to N-1, so that docs/model.md's figures stay valid."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli.app import main
from game.engine.state import State
from game.research import claims as claims_module
from game.research import compliance_claims
from game.scenario.loader import SCENARIO_DIR
from game.strategies.runner import game_seeds
from tests.conftest import SCENARIOS


@pytest.fixture
def played(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Only claim e1 (one scenario, quick), and the seeds of the games it plays, in order."""
    seeds: list[int] = []
    real = compliance_claims.talks

    def talks(scenario: object, seed: int, persona: str, follows_anchor: bool = True) -> State:
        seeds.append(seed)
        return real(scenario, seed, persona, follows_anchor)  # type: ignore[arg-type]
    monkeypatch.setattr(compliance_claims, "talks", talks)
    monkeypatch.setattr(claims_module, "CLAIMS", tuple(c for c in claims_module.CLAIMS if c.id == "e1"))
    yield seeds


def test_without_a_master_seed_the_games_keep_seeds_0_to_n_minus_1(played: list[int]) -> None:
    report = claims_module.report(SCENARIO_DIR, 3, ["modeller"])
    assert played == [0, 1, 2] * 2                       # the claim, then its ablation
    assert report["master_seed"] is None and report["seeds"] == "0-2"


def test_a_master_seed_plays_the_seeds_simulate_gives_its_games(played: list[int],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "3", "--seed", "7", "--json"]) == 0
    simulated = [g["seed"] for g in json.loads(capsys.readouterr().out)["games"]]
    assert simulated == game_seeds(7, 3) and simulated != [0, 1, 2]
    assert main(["research", "claims", "--games", "3", "--seed", "7", "--persona", "modeller", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert played == simulated * 2
    assert report["master_seed"] == 7 and "master seed 7" in report["seeds"]


def test_the_text_report_names_its_seeds(played: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", "claims", "--games", "2", "--seed", "7", "--persona", "modeller"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "master seed 7" in first and "2 games per condition" in first
    assert main(["research", "claims", "--games", "2", "--persona", "modeller"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("2 games per condition, seeds 0 to 1")


def test_a_bad_master_seed_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["research", "claims", "--seed", "-1"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and "--seed: expected a whole number" in err and "Traceback" not in err


def test_the_text_report_names_its_scenarios_and_responses_when_not_the_defaults(
        played: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Research-user trial: the text report's header left out --responses credible and --scenarios DIR."""
    (tmp_path / "narrow_deal_2020.yaml").write_text((SCENARIO_DIR / "narrow_deal_2020.yaml").read_text())
    assert main(["research", "claims", "--games", "2", "--persona", "modeller", "--scenarios", str(tmp_path),
                 "--responses", "credible"]) == 0
    header = capsys.readouterr().out.split("(e1)")[0]
    assert f"scenarios from {tmp_path}" in header and "--responses credible" in header
    assert main(["research", "claims", "--games", "2", "--persona", "modeller",
                 "--scenarios", str(SCENARIO_DIR)]) == 0
    header = capsys.readouterr().out.split("(e1)")[0]
    assert "scenarios from" not in header and "--responses" not in header          # the defaults: not said


def test_the_text_report_says_how_no_deal_counts_for_each_claim(played: list[int],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Research-user trial: the report did not say how a game without a deal counts in each statistic (the
    'no deal counts as' column of docs/model.md), so a 0% deal rate could not be read."""
    assert main(["research", "claims", "--games", "2", "--persona", "modeller"]) == 0
    text = capsys.readouterr().out
    e1 = next(c for c in claims_module.CLAIMS if c.id == "e1")
    assert f"a game without a deal counts as: {e1.no_deal}" in text
    assert all(claim.no_deal for claim in claims_module.CLAIMS)        # every claim says it, where it is defined


def test_a_report_on_few_seeds_says_its_verdicts_are_indicative() -> None:
    """Research trial: 2 seeds per condition gave zero-width intervals and 'earned' verdicts with no warning."""
    from game.cli.research_cmd import _seeds_line
    from game.research.stats import MIN_MEASURED as FEW_SEEDS
    assert "indicative" in _seeds_line(2, None) and "indicative" in _seeds_line(FEW_SEEDS - 1, 7)
    assert "indicative" not in _seeds_line(FEW_SEEDS, None) and "indicative" not in _seeds_line(40, 7)
