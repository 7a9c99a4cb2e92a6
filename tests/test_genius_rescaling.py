"""``analyze --genius`` says in one line what reading the GENIUS files rescaled, from what range to what
(docs/scenario-format.md, "GENIUS domains"); before, the values were shown rescaled without a word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import FIXTURES, GENIUS, ROOT, SCENARIOS

QUIRKY = [str(FIXTURES / "genius" / name) for name in ("quirky_domain.xml", "quirky_a.xml", "quirky_b.xml")]


def analyze(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["analyze", *args]) == 0
    return capsys.readouterr().out


def scale_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Values ")]


def test_the_summary_says_in_one_line_what_was_rescaled_from_what_to_what(capsys: pytest.CaptureFixture[str]) -> None:
    lines = scale_lines(analyze(capsys, "--genius", *QUIRKY))
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("Values rescaled on reading")
    # quirky_a: Size 2/4/8 and Colour 5/10, weights 3 and 1; quirky_b: Size 6/3/0 and Colour 1/1, no weights
    # two ranges, each over every issue: 0.25 is Size's 2/8, not 2/10 (research trial 2: '26-508 -> 0.08228-1')
    assert ("quirky_a: evaluations 2-10 in the file, 0.25-1 once each issue's are divided by its own largest "
            "(2 of 2 issues), weights summing to 4 -> 1") in line
    assert ("quirky_b: evaluations 0-6 in the file, 0-1 once each issue's are divided by its own largest "
            "(1 of 2 issues), no weights given -> each issue 1/n") in line
    assert "->" not in line.split("weights summing")[0].split("quirky_a:")[1]
    assert "reservation values as written" in line


def test_the_json_gives_the_line_and_each_profile_s_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(analyze(capsys, "--genius", *QUIRKY, "--json"))
    rescaling = data["rescaling"]
    assert rescaling["note"] == scale_lines(analyze(capsys, "--genius", *QUIRKY))[0]
    a, b = rescaling["profiles"]
    assert a == {"party": "quirky_a", "evaluations": [2.0, 10.0], "rescaled": [0.25, 1.0], "rescaled_issues": 2,
                 "issues": 2, "weights_sum": 4.0, "discount_factor_ignored": 0.5}
    assert b["weights_sum"] is None and b["rescaled_issues"] == 1 and b["evaluations"] == [0.0, 6.0]


def test_an_exported_domain_reads_back_as_written_and_says_so(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--genius", str(SCENARIOS / "narrow_deal_2020.yaml"), str(tmp_path / "g")]) == 0
    capsys.readouterr()
    files = [str(tmp_path / "g" / name) for name in ("domain.xml", "us.xml", "ru.xml")]
    lines = scale_lines(analyze(capsys, "--genius", *files))
    assert len(lines) == 1 and lines[0].startswith("Values as written in the files, nothing rescaled")
    assert "export --genius" in lines[0] and "best package" in lines[0]
    profiles = json.loads(analyze(capsys, "--genius", *files, "--json"))["rescaling"]["profiles"]
    assert all(p["rescaled_issues"] == 0 and p["weights_sum"] == pytest.approx(1.0) for p in profiles)


def test_a_scenario_s_analysis_has_no_such_line(capsys: pytest.CaptureFixture[str]) -> None:
    scenario = str(SCENARIOS / "narrow_deal_2020.yaml")
    assert scale_lines(analyze(capsys, scenario)) == []
    assert "rescaling" not in json.loads(analyze(capsys, scenario, "--json"))


@pytest.mark.skipif(not GENIUS.is_dir(), reason="../shared/genius is not beside this checkout")
def test_a_weights_sum_near_1_is_shown_with_the_digits_that_tell_it_from_1(
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = GENIUS / "Laptop"
    line = scale_lines(analyze(capsys, "--genius", str(folder / "laptop_domain.xml"),
                               str(folder / "laptop_buyer_utility.xml"), str(folder / "laptop_seller_utility.xml")))[0]
    assert "weights summing to 1.0001 -> 1" in line and "summing to 1 -> 1" not in line


@pytest.mark.skipif(not GENIUS.is_dir(), reason="../shared/genius is not beside this checkout")
def test_the_documented_camera_line_is_what_analyze_prints(capsys: pytest.CaptureFixture[str]) -> None:
    docs = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    documented = re.search(r"```text\n(Values rescaled on reading.*?)\n```", docs, flags=re.DOTALL)
    assert documented is not None
    folder = GENIUS / "Camera"
    printed = scale_lines(analyze(capsys, "--genius", str(folder / "camera_domain.xml"),
                                  str(folder / "camera_buyer_utility.xml"), str(folder / "camera_seller_utility.xml")))
    assert printed == [documented.group(1)]
