"""Load and validate scenario files: YAML -> checks -> :class:`game.model.scenario.Scenario`.

``load_scenario`` raises :class:`ScenarioError` holding *every* problem of the
file, each located at the offending node as ``path:line:col: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from game.errors import Problem, ScenarioError
from game.model.scenario import Scenario
from game.scenario import semantic
from game.scenario.convert import to_model
from game.scenario.messages import describe, error_message
from game.scenario.schema import ScenarioModel
from game.scenario.yamlsafe import Locator, PathKey, YamlProblem, read_yaml

SCENARIO_SUFFIXES = (".yaml", ".yml")
SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"  # the shipped scenarios


def load_scenario(path: str | Path) -> Scenario:
    """Load one scenario file or raise :class:`ScenarioError` with all its problems."""
    path = Path(path)
    shown = str(path)
    try:
        data, locator = read_yaml(path, shown)
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem(shown, 1, 1, f"expected a mapping of scenario keys at the top level, "
                                                  f"got {describe(data)}")])
    try:
        doc = ScenarioModel.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_locate(shown, locator, (error_message(e, ScenarioModel) for e in exc.errors()))) from None
    findings = semantic.check(doc)
    if findings:
        raise ScenarioError(_locate(shown, locator, findings))
    return to_model(doc, shown)


def _locate(shown: str, locator: Locator, findings: Iterable[tuple[PathKey, bool, str]]) -> list[Problem]:
    problems = []
    for path, at_key, message in findings:
        line, col = locator.find(path, at_key)
        problems.append(Problem(shown, line, col, message))
    return sorted(set(problems), key=lambda p: (p.line, p.col, p.message))


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their scenario files (sorted); keep files as given."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
        else:
            out.append(path)
    return out


def validate_paths(paths: Iterable[str | Path]) -> tuple[int, list[Problem]]:
    """Validate files and folders: (number of files checked, every problem found)."""
    files = scenario_files(paths)
    problems: list[Problem] = []
    for path in files:
        try:
            load_scenario(path)
        except ScenarioError as exc:
            problems += exc.problems
    return len(files), problems
