"""``simulate --csv`` and ``research claims --csv``: one flat row per game, or per claim and persona, that
``csv.DictReader`` reads back with the same numbers as the ``--json`` output of the same run; FILE written
whole or not at all, and a bad FILE refused in one line before any game is played."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from game.cli.app import main
from game.cli.csv_out import CLAIM_COLUMNS, GOVERNMENT_FIELDS, game_columns
from game.research import claims as claims_module
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS, interrupt_the_third_game


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float | None:
    """A cell as the JSON value it stands for: empty is null."""
    return None if text == "" else float(text)


def flag(text: str) -> bool | None:
    return None if text == "" else {"true": True, "false": False}[text]


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    data: dict[str, Any] = json.loads(captured.out)
    return data


# ---------------------------------------------------------------- simulate
@pytest.mark.parametrize("name, games", [("narrow_deal_2020", 3), ("track15_trap", 2),
                                         ("narrow_deal_2020_definitions", 2)])
def test_simulate_csv_reads_back_with_the_numbers_of_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              name: str, games: int) -> None:
    path = SCENARIOS / f"{name}.yaml"
    out = tmp_path / "games.csv"
    data = run_json(capsys, "simulate", str(path), "--games", str(games), "--seed", "3", "--json", "--csv", str(out))
    rows = read(out)
    assert list(rows[0]) == game_columns(load_scenario(path))
    assert len(rows) == len(data["games"]) == games
    for row, game in zip(rows, data["games"]):
        assert int(row["seed"]) == game["seed"] and (row["a"], row["b"]) == (game["a"], game["b"])
        assert (row["scenario"], row["scenario_sha256"], row["version"]) == (
            data["scenario"], data["scenario_sha256"], data["version"])
        assert int(row["master_seed"]) == data["seed"] == 3 and flag(row["events_on"]) is data["events"]
        assert flag(row["deal"]) is (game["agreement"] is not None)
        for phase in game["phases"]:
            pid = phase["phase"]
            assert int(row[f"phase.{pid}.round"]) == phase["round"]
            assert row[f"phase.{pid}.ended_by"] == phase["ended_by"]
            assert flag(row[f"phase.{pid}.final_response"]) is phase["final_response"]
            for key, value in (phase["agreement"] or {}).items():
                assert row[f"agreement.{pid}.{key}"] == value
        for principal, values in game["principals"].items():
            for field in GOVERNMENT_FIELDS:
                expected = (values["yearly_value"][field.rpartition("_")[2]] if field.startswith("yearly_value")
                            else values[field])
                assert number(row[f"{principal}.{field}"]) == expected, (principal, field)
        assert flag(row["in_force"]) is game["in_force"]
        assert number(row["intact"]) == game["intact"]
        assert number(row["distance_to_frontier"]) == game["distance_to_frontier"]
        for kind, value in game["violations"].items():
            assert number(row[f"violations_{kind}"]) == value
        fired = [e.split(":") for e in row["events_fired"].split(";")] if row["events_fired"] else []
        assert [{"phase": int(p), "round": int(r), "id": i} for p, r, i in fired] == game["events"]


def test_an_agreement_column_is_empty_when_its_phase_reached_no_deal(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "games.csv"
    data = run_json(capsys, "simulate", str(SCENARIOS / "track15_trap.yaml"), "--a", "hardliner", "--b",
                    "hardliner", "--games", "2", "--json", "--csv", str(out))
    failed = [row for row, game in zip(read(out), data["games"]) if game["agreement"] is None]
    assert failed                                                      # two hardliners sign no official deal
    assert all(row["deal"] == "false" and row["agreement.official_talks.form"] == ""
               and row["distance_to_frontier"] == "" for row in failed)


def test_an_interrupted_run_writes_the_games_played(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    interrupt_the_third_game(monkeypatch)
    out = tmp_path / "games.csv"
    assert main(["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "5", "--json", "--csv",
                 str(out)]) == 130
    played = json.loads(capsys.readouterr().out)["games"]
    assert [int(row["seed"]) for row in read(out)] == [g["seed"] for g in played] and len(played) == 2


# ---------------------------------------------------------------- research claims
@pytest.fixture
def few_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims a (a value), b (boulware measures nothing: null cells) and e1 only, to keep the run short."""
    monkeypatch.setattr(claims_module, "CLAIMS", tuple(c for c in claims_module.CLAIMS if c.id in ("a", "b", "e1")))


def test_claims_csv_reads_back_with_the_numbers_of_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            few_claims: None) -> None:
    out = tmp_path / "claims.csv"
    report = run_json(capsys, "research", "claims", "--games", "2", "--seed", "5", "--persona", "modeller",
                      "--persona", "boulware", "--json", "--csv", str(out))
    rows = read(out)
    assert tuple(rows[0]) == CLAIM_COLUMNS
    results = [(claim, run, main) for claim in report["claims"]
               for run, main in [(claim, True)] + [(r, False) for r in claim["personas"].values()]]
    assert len(rows) == len(results) == 6
    seen_null = False
    for row, (claim, run, main) in zip(rows, results):
        assert (row["claim"], row["persona"], flag(row["main_persona"])) == (claim["id"], run["persona"], main)
        assert row["statement"] == claim["statement"] and row["predicts"] == claim["predicts"]
        assert number(row["margin"]) == claim["margin"]
        assert int(row["games"]) == report["games"] and int(row["master_seed"]) == report["master_seed"] == 5
        assert row["seeds"] == report["seeds"] and row["version"] == report["version"]
        for column, estimate in (("effect", run["effect"]), ("ablation_effect", run["ablation_effect"])):
            assert number(row[column]) == estimate["value"]
            assert [number(row[f"{column}_lo"]), number(row[f"{column}_hi"])] == estimate["ci95"]
            assert int(row[f"{column}_n"]) == estimate["n"]
            seen_null |= estimate["value"] is None
        assert row["unit"] == run["effect"]["unit"]
        assert flag(row["holds"]) is run["holds"] and flag(row["vanishes"]) is run["vanishes_under_ablation"]
        assert flag(row["earned"]) is (run["holds"] and run["vanishes_under_ablation"])
        for condition in ("treatment", "control"):
            assert number(row[f"deal_rate_{condition}"]) == run["deal_rates"][condition]
            assert number(row[f"ablation_deal_rate_{condition}"]) == run["ablation_deal_rates"][condition]
        assert flag(row["no_deal_in_a_condition"]) is run["no_deal_in_a_condition"]           # in both, always
        assert row["reason"] == (run.get("reason") or "")
        assert row["scenario_sha256"] == ";".join(f"{sid}={report['scenario_sha256'][sid]}" for sid in claim["scenarios"])
        assert all(len(pair.split("=")[1]) == 64 for pair in row["scenario_sha256"].split(";"))
    assert seen_null                                    # boulware measures nothing on (b): empty cells, not "None"


def test_a_result_not_measured_is_null_empty_and_not_measured_never_false(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Research-user trial: a persona with no deal (effect null, n 0) was reported 'holds: false,
    vanishes_under_ablation: false' and false,false,false in the CSV, where docs/model.md says empty; and
    no_deal_in_a_condition was left out of the JSON when false."""
    monkeypatch.setattr(claims_module, "CLAIMS", tuple(c for c in claims_module.CLAIMS if c.id == "b"))
    out = tmp_path / "claims.csv"
    args = ["research", "claims", "--games", "2", "--persona", "modeller", "--persona", "boulware"]
    report = run_json(capsys, *args, "--json", "--csv", str(out))
    claim = report["claims"][0]
    boulware = claim["personas"]["boulware"]                   # no deal in a condition: nothing to compare
    assert boulware["effect"]["n"] == 0
    assert boulware["holds"] is None and boulware["vanishes_under_ablation"] is None
    assert boulware["no_deal_in_a_condition"] is True
    assert claim["no_deal_in_a_condition"] is False            # the modeller's: written when false too
    rows = {row["persona"]: row for row in read(out)}
    assert [rows["boulware"][k] for k in ("holds", "vanishes", "earned")] == ["", "", ""]
    assert rows["modeller"]["no_deal_in_a_condition"] == "false"
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "boulware not measured" in text and "false" not in text


def test_claims_csv_without_json_still_prints_the_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              few_claims: None) -> None:
    out = tmp_path / "claims.csv"
    assert main(["research", "claims", "--games", "2", "--persona", "modeller", "--csv", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("2 games per condition") and "wrote 3 rows" in captured.err
    assert [row["master_seed"] for row in read(out)] == ["", "", ""]      # no --seed: an empty cell, JSON's null


# ---------------------------------------------------------------- refusals and atomic writing
BAD_TARGETS = {"a folder": ("", "is a folder"), "a missing folder": ("missing/out.csv", "does not exist"),
               "a folder that is a file": ("file.txt/out.csv", "is a file, not a folder")}


@pytest.mark.parametrize("command", [["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "1"],
                                     ["research", "claims", "--games", "2"]], ids=["simulate", "claims"])
@pytest.mark.parametrize("target", sorted(BAD_TARGETS))
def test_a_bad_csv_file_is_refused_in_one_line_before_any_game(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch, command: list[str],
                                                               target: str) -> None:
    from game.research import experiment
    from game.strategies import runner

    def no_game(*args: object, **kwargs: object) -> None:
        raise AssertionError("a game was played before the CSV file was checked")
    monkeypatch.setattr(runner, "play", no_game)
    monkeypatch.setattr(experiment, "play", no_game)
    (tmp_path / "file.txt").write_text("x")
    where, reason = BAD_TARGETS[target]
    assert main([*command, "--csv", str(tmp_path / where)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --csv ") and reason in err and "Traceback" not in err


@pytest.mark.skipif(not (Path("/proc/self").is_dir() and Path("/sys/kernel").is_dir()), reason="Linux only")
@pytest.mark.parametrize("command", [["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "1"],
                                     ["research", "claims", "--games", "2"]], ids=["simulate", "claims"])
@pytest.mark.parametrize("target", ["/proc/x.csv", "/sys/x.csv"])
def test_a_file_that_cannot_be_created_is_refused_before_any_game(capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  command: list[str], target: str) -> None:
    """Research-user trial: --csv /proc/x.csv (or /sys/x.csv) was refused only after the whole run."""
    from game.research import experiment
    from game.strategies import runner

    def no_game(*args: object, **kwargs: object) -> None:
        raise AssertionError("a game was played before the CSV file was checked")
    monkeypatch.setattr(runner, "play", no_game)
    monkeypatch.setattr(experiment, "play", no_game)
    assert main([*command, "--csv", target]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: --csv {target}: cannot create a file in ")
    assert "Traceback" not in err


def test_the_check_leaves_no_file_behind(tmp_path: Path) -> None:
    from game.cli.csv_out import check_target
    check_target(tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_earlier_file_whole_and_says_so_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "games.csv"
    out.write_text("an earlier run\n")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", full)
    assert main(["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "1", "--csv", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: {out}: cannot write the CSV (No space left on device)"
    assert out.read_text() == "an earlier run\n" and sorted(p.name for p in tmp_path.iterdir()) == ["games.csv"]


def test_claims_csv_says_how_a_game_without_a_deal_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          few_claims: None) -> None:
    """``no_deal_counts_as`` was in the JSON only: a CSV reader had to copy it from docs/model.md's table by hand."""
    out = tmp_path / "claims.csv"
    report = run_json(capsys, "research", "claims", "--games", "2", "--persona", "modeller", "--persona",
                      "boulware", "--json", "--csv", str(out))
    wanted = {claim["id"]: claim["no_deal_counts_as"] for claim in report["claims"]}
    rows = read(out)
    assert all(wanted[claim.id] for claim in claims_module.CLAIMS if claim.id in wanted)
    assert [row["no_deal_counts_as"] for row in rows] == [wanted[row["claim"]] for row in rows]


def test_the_claims_csv_columns_of_docs_model_md_are_the_codes_in_order() -> None:
    """docs/model.md "The report as a CSV" lists every column of ``research claims --csv``, in the order written."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    table = text.split("### The report as a CSV", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = [name for line in rows for name in re.findall(r"`([a-z_0-9]+)`", line.split(" | ")[0])]
    assert tuple(documented) == CLAIM_COLUMNS
