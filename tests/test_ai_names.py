"""The AI names are written once (game.model.ai): the scenario schema, its JSON export and the
registry of AIs all name the same AIs."""

from __future__ import annotations

import ast
import json

from game.model.ai import AI_NAMES
from game.scenario.jsonschema import schema_text
from game.scenario.messages import literal_values
from game.scenario.schema import ScenarioModel
from game.strategies.registry import DEFAULT, DESCRIPTIONS, STRATEGIES
from tests.conftest import ROOT


def test_the_registry_the_schema_and_its_json_export_name_the_same_ais() -> None:
    assert tuple(STRATEGIES) == tuple(DESCRIPTIONS) == AI_NAMES and DEFAULT in AI_NAMES
    assert tuple(literal_values(ScenarioModel, ("parties", 0, "strategy"))) == AI_NAMES
    party = json.loads(schema_text())["$defs"]["PartyModel"]["properties"]["strategy"]
    assert [name for choice in party["anyOf"] for name in choice.get("enum", ())] == list(AI_NAMES)


def test_the_ai_names_are_listed_in_one_place() -> None:
    """No tuple, list or Literal[...] of AI names but game.model.ai's (the registry maps each name to
    its AI, and checks its names against that one list at import)."""
    listed = []
    for path in (ROOT / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                names = {e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in AI_NAMES}
                if len(names) >= 3:
                    listed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert listed == ["game/model/ai.py:13"], listed
