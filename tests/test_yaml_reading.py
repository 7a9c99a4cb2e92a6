"""Scenario files are read by the YAML 1.2 core schema, and syntax errors name their cause (issue 17, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.yamlsafe import read_yaml
from tests.conftest import SCENARIOS

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return [str(p).replace(str(path), "x.yaml") for p in info.value.problems]


def data(tmp_path: Path, text: str) -> object:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "d.yaml")[0]


def test_a_tab_is_named(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "id: x\nbaskets:\n\t- a\n")
    assert message.startswith("x.yaml:3:1: ") and "a tab character" in message and "spaces" in message


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = 'id: x\ntitle: "Talks\nyear: 2020\n' + "".join(f"k{i}: {i}\n" for i in range(7))
    [message] = problems(tmp_path, text)
    assert message.startswith("x.yaml:2:8: ") and "never closed" in message and '"' in message


def test_an_undefined_alias_is_named(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "id: x\ntitle: *shared_values\n")
    assert message.startswith("x.yaml:2:8: ") and "*shared_values" in message and "&shared_values" in message


def test_a_colon_inside_a_value_gets_a_quote_it_hint(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "id: x\ntitle: Talks: the sequel\n")
    assert message.startswith("x.yaml:2:13: ") and "quotes" in message


def test_only_true_and_false_are_booleans(tmp_path: Path) -> None:
    assert data(tmp_path, "a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\n") == {
        "a": "yes", "b": "no", "c": "on", "d": "off", "e": True, "f": False}


def test_numbers_have_no_octal_base_60_or_date_forms(tmp_path: Path) -> None:
    assert data(tmp_path, "a: 010\nb: 0o10\nc: 1:30\nd: 2020-01-01\ne: 1e3\nf: 0x1F\ng: 1_000\n") == {
        "a": 10, "b": 8, "c": "1:30", "d": "2020-01-01", "e": 1000.0, "f": 31, "g": "1_000"}


def test_binding_yes_is_refused_with_the_rule(tmp_path: Path) -> None:
    text = NARROW.replace("binding: true", "binding: yes", 1)
    assert text != NARROW
    [message] = problems(tmp_path, text)
    assert "protocol.binding: expected true or false, got 'yes'" in message
    assert "YAML 1.2" in message and "only true and false are booleans" in message


def test_an_id_spelt_no_is_an_id(tmp_path: Path) -> None:
    text = NARROW.replace("id: narrow_deal_2020", "id: no", 1)
    path = tmp_path / "no.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_scenario(path).id == "no"


def test_nan_and_infinity_are_named_as_not_finite(tmp_path: Path) -> None:
    text = NARROW.replace("    reservation: 0.4\n", "    reservation: .nan\n", 1)
    [message] = problems(tmp_path, text)
    assert "parties[1].reservation: expected a finite number <= 1.0, got nan" in message
