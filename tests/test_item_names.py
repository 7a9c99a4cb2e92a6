"""``validate`` names list items by id, as ``lint`` does (``parties[us].weights``), and by index where
the id cannot name the item (none, not a valid id, given twice, or the id is what the message is about)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.authoring.warnings import named_path
from game.errors import ScenarioError
from game.scenario.keypaths import format_path
from game.scenario.loader import SCENARIO_DIR, load_located, load_scenario
from game.scenario.yamlsafe import read_yaml
from tests.conftest import SCENARIOS

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(SCENARIO_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_validate_and_lint_name_every_node_alike(path: Path) -> None:
    scenario, locator, _ = load_located(path)
    data, _ = read_yaml(path, str(path))
    nodes = [p for p in locator.values if p[-1:] != ("id",)]   # at an id, validate keeps the index
    assert [format_path(p, data) for p in nodes] == [named_path(scenario, p) for p in nodes]
    assert format_path(("parties", 0, "weights"), data) == f"parties[{scenario.parties[0].id}].weights"


DOC: dict[str, Any] = {
    "parties": [{"id": "us", "name": "x"}, {"name": "no id"}, {"id": "Ru!"}, {"id": "twice"}, {"id": "twice"}],
    "baskets": [{"id": "hack", "options": [{"id": "none"}, {"id": 3}]}],
    "phases": [{"id": "track15", "parties": ["us", "ru"],
                "scope": {"rungs": [{"id": "narrow"}, {"id": "wide"}]}}],
    "sources": [{"id": "s1"}],
    "stakeholders": [{"id": "allies"}],
    "forms": [{"id": "treaty", "entry": {"us": {"veto_players": [{"name": "Senate"}]}}}],
}


@pytest.mark.parametrize("path, shown", [
    (("parties", 0, "name"), "parties[us].name"),
    (("parties", 0, "id"), "parties[0].id"),                        # the id is what the message is about
    (("parties", 1, "name"), "parties[1].name"),                    # no id
    (("parties", 2, "name"), "parties[2].name"),                    # not a valid id
    (("parties", 3, "name"), "parties[3].name"),                    # given twice
    (("parties", 9, "name"), "parties[9].name"),                    # no such item
    (("baskets", 0, "options", 0, "label"), "baskets[hack].options[none].label"),
    (("baskets", 0, "options", 1, "label"), "baskets[hack].options[1].label"),   # id not text
    (("phases", 0, "parties", 1), "phases[track15].parties[1]"),     # a list of ids names no item
    (("sources", 0, "title"), "sources[0].title"),                  # not a list lint names by id
    (("stakeholders", 0, "values", "x"), "stakeholders[allies].values.x"),
    (("phases", 0, "scope", "rungs", 1, "baskets"), "phases[track15].scope.rungs[wide].baskets"),
    (("forms", 0, "entry", "us", "veto_players", 0, "name"), "forms[treaty].entry.us.veto_players[0].name"),
    ((), "(top level)"),
])
def test_an_item_is_named_by_its_id_only_when_the_id_names_it(path: tuple[str | int, ...], shown: str) -> None:
    assert format_path(path, DOC) == shown


def test_without_the_document_items_are_named_by_index() -> None:
    assert format_path(("parties", 0, "name")) == "parties[0].name"
    assert format_path(("baskets", 0, "options", 0), DOC) == "baskets[hack].options[none]"


def test_validate_names_the_party_by_id_and_falls_back_when_the_id_is_bad(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(NARROW.replace("reservation: 0.35", "reservation: lots", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert [p.message for p in info.value.problems] == ["parties[us].reservation: expected a number, got 'lots'"]
    path.write_text(NARROW.replace("reservation: 0.35", "reservation: lots", 1).replace("  - id: us\n", "  - id: US\n", 1),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    messages = [p.message for p in info.value.problems]
    assert "parties[0].reservation: expected a number, got 'lots'" in messages
    assert any(m.startswith("parties[0].id: expected an id") for m in messages)
