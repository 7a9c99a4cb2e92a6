"""analyze --genius, research-user trial: an exported domain printed option ids though its items carry the labels
(``description``), and a profile's discount factor was ignored without a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS

QUIRKY = Path(__file__).parent / "fixtures" / "genius"


def test_an_exported_domain_is_analysed_with_its_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g"
    assert main(["export", "--genius", str(SCENARIOS / "narrow_deal_2020.yaml"), str(out)]) == 0
    capsys.readouterr()
    files = [str(out / "domain.xml"), str(out / "us.xml"), str(out / "ru.xml")]
    assert main(["analyze", "--genius", *files]) == 0
    text = capsys.readouterr().out
    assert "Pledge + consultations" in text and "Hack-and-leak by state agencies" in text
    assert main(["analyze", "--genius", *files, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(label == "No commitment" for label in data["labels"].values())


def test_a_discount_factor_is_said_to_be_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(QUIRKY / name) for name in ("quirky_domain.xml", "quirky_a.xml", "quirky_b.xml")]
    assert main(["analyze", "--genius", *files]) == 0
    out = capsys.readouterr().out
    assert "Discount factors ignored" in out and "quirky_a 0.5" in out
    assert main(["analyze", "--genius", *files, "--json"]) == 0
    profiles = json.loads(capsys.readouterr().out)["rescaling"]["profiles"]
    assert [p["discount_factor_ignored"] for p in profiles] == [0.5, None]
