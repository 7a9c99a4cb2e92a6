"""The names of the game's AIs, written once.

The scenario schema accepts them as a delegation's ``strategy:`` (:mod:`game.scenario.schema`, and
from it ``scenarios/schema.json``), and the registry of AIs (:mod:`game.strategies.registry`) makes
one of each, checking at import that it knows exactly these names. They live in the model layer,
the lowest that needs them, because the scenario layer may not import the strategies.
"""

from __future__ import annotations

from typing import Literal, get_args

AIName = Literal["boulware", "linear", "conceder", "tit_for_tat", "hardliner", "conciliator", "modeller"]
AI_NAMES: tuple[str, ...] = get_args(AIName)
DEFAULT_AI: str = "modeller"
"""The AI a delegation gets when neither the command line nor its scenario names one."""
