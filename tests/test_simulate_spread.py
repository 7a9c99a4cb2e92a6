"""simulate's summary gives each mean its spread (research-user gap): the standard deviation over the pairing's
games and the 95% interval of the mean (Student's t; Wilson's for the deal rate: game.research.stats.spread), in the text
table, the --json summary and the --summary-csv rows, which read back with the numbers of the JSON."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.cli.app import main
from game.cli.csv_out import summary_columns
from game.cli.simulate_cmd import summary_means
from game.research.stats import Z95, spread, t975, wilson
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["simulate", str(NARROW), "--json", *args]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def values(games: list[dict[str, Any]], key: str) -> list[float]:
    """Each game's value of the summary's mean ``key``, read off the games' own records."""
    if key == "agreement_rate":
        return [float(g["agreement"] is not None) for g in games]
    if key == "in_force_rate":                  # a game without a deal counts 0
        return [float(g["agreement"] is not None and bool(g["in_force"])) for g in games]
    if key == "intact":
        return [g["intact"] for g in games]
    if key.startswith("mean_distance_to_"):
        return [g[key[5:]] for g in games if g[key[5:]] is not None]
    principal, field = next((p, key[len(p) + 1:]) for p in games[0]["principals"] if key.startswith(p + "_"))
    if field == "honoured_by_other":            # defined only where a pact took effect
        return [g["principals"][principal][field] for g in games if g["agreement"] is not None and g["in_force"]]
    value = [g["principals"][principal][field] for g in games]
    return [v["mean"] for v in value] if field == "yearly_value" else value


def test_every_mean_of_the_summary_has_its_sd_and_95_interval(capsys: pytest.CaptureFixture[str]) -> None:
    """The summary gave means only: a researcher could not tell a difference between pairings from noise."""
    data = run_json(capsys, "--games", "6", "--seed", "2")
    (entry,) = data["summary"]
    means = summary_means(load_scenario(NARROW))
    assert "russia_paper" in means and "united_states_yearly_value" in means and "intact" in means
    assert "in_force_rate" in means          # newcomer trial: "deals 100%" where 4 of 10 took effect
    for key in means:
        x = np.array(values(data["games"], key))
        assert entry[key] == pytest.approx(float(x.mean()), abs=1e-15)
        sd = float(x.std(ddof=1))
        assert entry[f"{key}_sd"] == pytest.approx(sd, abs=1e-12)
        if key in ("agreement_rate", "in_force_rate"):
            assert entry[f"{key}_ci95"] == pytest.approx(list(wilson(float(x.sum()), len(x))), abs=1e-12)
            continue
        if len(x) < 2:
            assert entry[f"{key}_ci95"] == [None, None]
            continue
        half = t975(len(x) - 1) * sd / math.sqrt(len(x))
        assert entry[f"{key}_ci95"] == pytest.approx([x.mean() - half, x.mean() + half], abs=1e-12)
    assert entry["mean_distance_to_frontier_n"] == len(values(data["games"], "mean_distance_to_frontier"))
    assert any(entry[f"{key}_sd"] > 0 for key in means)


def test_one_game_has_a_mean_and_no_spread(capsys: pytest.CaptureFixture[str]) -> None:
    """Below 2 games the sd and the interval are undefined: null in the JSON, '-' in the table, never 0."""
    (entry,) = run_json(capsys, "--games", "1")["summary"]
    assert entry["intact"] is not None and entry["intact_sd"] is None and entry["intact_ci95"] == [None, None]
    assert main(["simulate", str(NARROW), "--games", "1"]) == 0
    text = capsys.readouterr().out.splitlines()
    sd = next(line for line in text if line.startswith("  sd"))
    assert set(sd.split()[1:]) == {"-"}
    interval = next(line for line in text if line.startswith("  95%"))
    assert interval.split()[1] == f"{entry['agreement_rate_ci95'][0]:.0%}-{entry['agreement_rate_ci95'][1]:.0%}".replace("%-", "-")


def test_the_text_table_gives_sd_and_interval_under_each_row_of_means(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--games", "4", "--seed", "1")
    (entry,) = data["summary"]
    assert main(["simulate", str(NARROW), "--games", "4", "--seed", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("modeller "))
    sd, interval = lines[row + 1].split(), lines[row + 2].split()
    assert sd[0] == "sd" and interval[0] == "95%" and len(sd) == len(interval) == len(lines[row].split()) - 1
    assert float(sd[-1]) == round(entry["intact_sd"], 2)
    lo, hi = entry["intact_ci95"]
    assert interval[-1] == f"±{(hi - lo) / 2:.2f}"
    assert any("Student's t" in line and "Wilson" in line for line in lines[:row])       # the legend says what they are


def test_summary_csv_reads_back_with_the_numbers_of_the_json(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.csv"
    data = run_json(capsys, "--games", "2", "--round-robin", "--summary-csv", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    means = summary_means(load_scenario(NARROW))
    assert list(rows[0]) == summary_columns(means) and len(rows) == len(data["summary"]) == 49
    for row, entry in zip(rows, data["summary"]):
        assert (row["a"], row["b"], int(row["games"])) == (entry["a"], entry["b"], entry["games"])
        assert row["scenario_sha256"] == data["scenario_sha256"] and row["interrupted"] == "false"
        for key in means:
            lo, hi = entry[f"{key}_ci95"]
            for column, value in ((key, entry[key]), (f"{key}_sd", entry[f"{key}_sd"]), (f"{key}_lo", lo),
                                  (f"{key}_hi", hi)):
                assert (None if row[column] == "" else float(row[column])) == value, column


def test_docs_list_the_summary_csv_columns() -> None:
    """docs/playing.md names every column of --summary-csv (each mean ``KEY`` with ``KEY_sd``, ``KEY_lo``,
    ``KEY_hi``; a government's means as ``G_...``)."""
    text = (ROOT / "docs" / "playing.md").read_text(encoding="utf-8")
    section = text.split("### The summary as a CSV", 1)[1].split("\n#", 1)[0]
    assert all(f"`KEY{suffix}`" in section for suffix in ("", "_sd", "_lo", "_hi"))
    means = summary_means(load_scenario(NARROW))
    generic = {m.replace("united_states_", "G_").replace("russia_", "G_") for m in means}
    columns = summary_columns(means)
    others = [c for c in columns if not any(c in (m, f"{m}_sd", f"{m}_lo", f"{m}_hi") for m in means)]
    for name in sorted(generic) + others:
        assert f"`{name}`" in section, name


def test_spread_is_undefined_below_two_values() -> None:
    assert math.isnan(spread([]).mean) and spread([]).n == 0
    one = spread([0.4])
    assert one.mean == 0.4 and math.isnan(one.sd) and math.isnan(one.lo)


def test_t_quantiles_match_known_values() -> None:
    """Student's t 97.5th percentiles (published tables; scipy.stats.t.ppf agrees to 1e-9)."""
    known = {1: 12.7062, 2: 4.3027, 3: 3.1824, 10: 2.2281, 29: 2.0452, 30: 2.0423, 31: 2.0395, 40: 2.0211,
             60: 2.0003, 120: 1.9799, 10_000: 1.9602}
    for df, t in known.items():
        assert t975(df) == pytest.approx(t, abs=1e-4), df
    assert all(t975(df) > t975(df + 1) > Z95 for df in range(1, 200))       # decreasing toward z
    with pytest.raises(ValueError):
        t975(0)


def test_a_mean_over_3_games_has_the_t_interval_and_a_rate_wilsons() -> None:
    """Research trial: on 3 games "0% sd 0% ±0%" for a 0/3 rate, and means' intervals 2.2 times too narrow."""
    s = spread([0.1, 0.2, 0.6])
    half = 4.302652730 * s.sd / math.sqrt(3)
    assert (s.lo, s.hi) == pytest.approx((s.mean - half, s.mean + half))
    none = spread([0.0, 0.0, 0.0], rate=True)
    assert none.lo == 0.0 and none.hi == pytest.approx(0.5615, abs=1e-4)
    assert wilson(3, 3) == (pytest.approx(0.4385, abs=1e-4), 1.0)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    one = spread([1.0], rate=True)
    assert one.hi == 1.0 and 0 < one.lo < 0.5 and math.isnan(one.sd)
    with pytest.raises(ValueError):
        spread([0.5, 1.0], rate=True)
