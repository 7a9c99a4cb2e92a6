"""How messages write counts (game.words): one form, two forms, never '1 forms' nor '1 form(s)'."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.app import main
from game.words import count, plural
from tests.conftest import SCENARIOS
from tests.scenario_gen import sized_scenario


def test_count_writes_the_singular_for_one_and_the_plural_otherwise() -> None:
    assert [count(n, "form") for n in (0, 1, 2)] == ["0 forms", "1 form", "2 forms"]
    assert count(15625, "outcome") == "15,625 outcomes"
    assert count(1, "party", "parties") == "1 party" and count(3, "party", "parties") == "3 parties"
    assert count(1.0, "round") == "1 round" and count(2.5, "round") == "2.5 rounds"
    assert plural(1, "is", "are") == "is" and plural(4, "is", "are") == "are"


def test_a_scenario_too_large_with_one_form_says_one_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(sized_scenario(32, 4, forms=1), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "(32 baskets of 4 options, 1 form)" in out and "1 forms" not in out, out


def test_validate_and_lint_count_one_file_one_problem_one_warning(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SCENARIOS / "narrow_deal_2020.yaml")]) == 0
    assert capsys.readouterr().out == "1 scenario file valid\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text((SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
                      .replace("first_mover: us", "first_mover: nobody"), encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    assert capsys.readouterr().err == "1 of 1 file invalid, 1 problem\n"
    weights = tmp_path / "weights.yaml"
    weights.write_text((SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
                       .replace("id: narrow_deal_2020 ", "id: weights ")
                       .replace("weights: {hack_and_leak: 0.30,", "weights: {hack_and_leak: 0.50,"), encoding="utf-8")
    assert main(["lint", str(weights)]) == 0
    assert "1 warning, 6 accepted by the files' lint blocks" in capsys.readouterr().err


def test_the_frontier_of_one_package_is_one_outcome(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.yaml"
    # seed 2: one of the two packages is better for both sides
    path.write_text(sized_scenario(1, 2, seed=2, forms=1).replace("reservation: 0.3", "reservation: 0"),
                    encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Outcome space: 2 outcomes (2 x 1)" in out
    assert "Pareto frontier (acceptable deals): 1 outcome\n" in out, out
