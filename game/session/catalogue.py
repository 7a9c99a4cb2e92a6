"""The shipped scenarios, as both front-ends list them: oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.errors import ScenarioError
from game.model.scenario import Scenario
from game.scenario.loader import SCENARIO_DIR, load_scenario


@dataclass(frozen=True)
class Catalogue:
    scenarios: tuple[Scenario, ...]            # the ones that load, in chronological order (year, then id)
    broken: tuple[tuple[Path, str], ...]       # (file, its first problem) for each that does not


def shipped_catalogue() -> Catalogue:
    """Every scenario in ``scenarios/``: those that load, oldest first, and those that do not."""
    found: list[Scenario] = []
    broken: list[tuple[Path, str]] = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        try:
            found.append(load_scenario(path))
        except ScenarioError as exc:
            broken.append((path, str(exc.problems[0])))
    return Catalogue(tuple(sorted(found, key=lambda s: (s.year, s.id))), tuple(broken))
