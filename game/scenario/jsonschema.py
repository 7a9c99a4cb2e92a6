"""Export the scenario format as JSON Schema (``scenarios/schema.json``) for editors.

The schema comes from the pydantic models (:mod:`game.scenario.schema`), completed here with
what editors need and the models do not say in JSON Schema terms:

* a description for every property (hover help), from :data:`DESCRIPTIONS` where the model has
  none;
* id-keyed mappings (weights, values, entry rules...) accept only id-shaped keys
  (``propertyNames`` with the id pattern), so a Cyrillic look-alike letter in a key is flagged
  as you type, as ``validate`` flags it;
* an effect holds exactly one of ``add``, ``multiply`` and ``set`` (``oneOf``).
"""

from __future__ import annotations

import json
from typing import Any

from game.scenario.loader import SCENARIO_DIR
from game.scenario.schema import ScenarioModel

SCHEMA_PATH = SCENARIO_DIR / "schema.json"

DESCRIPTIONS = {
    "ScenarioModel": {
        "schema_version": "The version of this format: 1.",
        "title": "The scenario's title, as the scenario picker shows it.",
        "year": "The year the talks take place.",
        "summary": "One paragraph for the scenario picker: when and where, who meets, what is on the table.",
        "difficulty": "How hard the scenario is to play: introductory, intermediate or advanced.",
        "sources": "The published sources the numbers rest on (author, title, year).",
        "baskets": "The issues on the table, each a ladder of commitments from weakest to strongest.",
        "forms": "The forms the agreement can take (treaty, executive agreement, joint statement...).",
        "parties": "The delegations and the governments (principals) they speak for.",
        "phases": "Optional stages of a campaign, e.g. a Track 1.5 meeting, then official talks.",
        "events": "Random events that may fire at the start of each round and change parameters.",
        "compliance": "How the pact is simulated after it enters into force.",
    },
    "SourceModel": {"author": "Who wrote it.", "title": "The title of the work.", "year": "When it was published.",
                    "note": "What the scenario takes from it (optional)."},
    "BasketModel": {"name": "The basket's name, as players see it.", "description": "What the basket covers.",
                    "options": "The ladder of commitments, weakest (usually no commitment) first; 2 to 12 rungs."},
    "OptionModel": {"label": "The option's name, as players see it.", "description": "What the option commits to."},
    "FormModel": {"label": "The form's name, as players see it.", "description": "What the form means.",
                  "credibility": "How far each side trusts the other to honour a deal in this form (0 to 1)."},
    "PartyModel": {"name": "The delegation's name, as players see it.",
                   "delegation": "official (Track 1) or unofficial (former officials, scholars: Track 1.5 or 2).",
                   "incentives": "The delegation's own stakes: concession weight, prestige, self-knowledge, "
                                 "reveal cost.",
                   "compliance": "How the principal's agencies behave under the pact."},
    "ProtocolModel": {"rounds": "The deadline, in rounds of offers (1 to 200).",
                      "discount": "Each round, a deal is worth this share of what it was worth the round before.",
                      "binding": "Whether the talks bind the governments (false for Track 1.5 talks).",
                      "lanes": "Whether a basket can be settled and locked on its own."},
    "PhaseModel": {"name": "The phase's name, as players see it.",
                   "parties": "The two delegations at this phase's table (one per government).",
                   "protocol": "How this phase's talks run.",
                   "effects": "Parameter changes applied when the phase opens."},
    "EventModel": {"text": "What happened, as players read it.",
                   "probability": "The chance that the event fires at the start of each round (0 to 1).",
                   "phases": "The phases in which it may fire (all phases when empty).",
                   "effects": "The parameter changes it makes when it fires."},
    "EffectModel": {"parameter": "The parameter to change, e.g. us.reservation or protocol.rounds "
                                 "(docs/scenario-format.md lists the names).",
                    "add": "Add this number to the parameter.", "multiply": "Multiply the parameter by this number.",
                    "set": "Set the parameter to this number."},
    "ComplianceModel": {"years": "How many years the pact is simulated after entry into force (1 to 50).",
                        "response": "What a side does after it detects and attributes a violation: suspend_basket, "
                                    "tit_for_tat or collapse."},
}


def _complete(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the descriptions, key patterns and the one-operation rule of the module docstring."""
    models = {"ScenarioModel": schema, **schema.get("$defs", {})}
    for name, model in models.items():
        for key, prop in model.get("properties", {}).items():
            text = DESCRIPTIONS.get(name, {}).get(key)
            if text and "description" not in prop:
                prop["description"] = text
    _key_patterns(schema)
    effect = models.get("EffectModel")
    if effect is not None:
        effect["oneOf"] = [{"required": [op]} for op in ("add", "multiply", "set")]
    return schema


def _key_patterns(node: Any) -> None:
    """Wherever a mapping's keys have a pattern (``patternProperties``), require it of every key."""
    if isinstance(node, dict):
        patterns = node.get("patternProperties")
        if isinstance(patterns, dict) and len(patterns) == 1:
            node.setdefault("propertyNames", {})["pattern"] = next(iter(patterns))
        for value in node.values():
            _key_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _key_patterns(value)


def schema_text() -> str:
    """The JSON Schema of a scenario file, as stable, pretty-printed text."""
    schema = _complete(ScenarioModel.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Backchannel scenario"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
