"""Export the scenario format as JSON Schema (``scenarios/schema.json``)."""

from __future__ import annotations

import json

from game.scenario.loader import SCENARIO_DIR
from game.scenario.schema import ScenarioModel

SCHEMA_PATH = SCENARIO_DIR / "schema.json"


def schema_text() -> str:
    """The JSON Schema of a scenario file, as stable, pretty-printed text."""
    schema = ScenarioModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Backchannel scenario"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
