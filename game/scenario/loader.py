"""Load and validate scenario files: YAML -> checks -> :class:`game.model.scenario.Scenario`.

``load_scenario`` raises :class:`ScenarioError` holding *every* problem of the
file, each located at the offending node as ``path:line:col: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from game.errors import Problem, ScenarioError
from game.model.scenario import Scenario
from game.paths import SCENARIOS_PACKAGE, shipped_dir
from game.scenario import semantic
from game.scenario.convert import to_model
from game.scenario.keypaths import format_path
from game.scenario.messages import describe, error_message
from game.scenario.schema import ScenarioModel
from game.scenario.yamlcore import yaml11_meaning, yaml12_rule
from game.scenario.yamlsafe import Locator, PathKey, YamlProblem, read_yaml
from game.words import closest

SCENARIO_SUFFIXES = (".yaml", ".yml")
SCENARIO_DIR = shipped_dir(SCENARIOS_PACKAGE)  # the shipped scenarios (scenarios/ in the repository)


def shipped_scenario(name: str | Path) -> Path | None:
    """The shipped scenario called ``name`` (its id, with or without ``.yaml``), if there is one."""
    path = Path(name)
    if path.parent != Path(".") or path.suffix not in ("", *SCENARIO_SUFFIXES):
        return None
    candidate = SCENARIO_DIR / (path.stem + ".yaml")
    return candidate if candidate.is_file() else None


def load_located(path: str | Path) -> tuple[Scenario, Locator, ScenarioModel]:
    """A scenario, the locator of its nodes (path -> line and column) and its validated document
    (with the keys the game itself ignores, such as ``lint``), for tools that point into the file.
    Raises :class:`ScenarioError` as :func:`load_scenario` does."""
    scenario = load_scenario(path)
    data, locator = read_yaml(Path(scenario.path), scenario.path)
    return scenario, locator, ScenarioModel.model_validate(data)


def load_scenario(path: str | Path) -> Scenario:
    """Load one scenario file or raise :class:`ScenarioError` with all its problems.

    A bare name that is not a file but is a shipped scenario's id (``narrow_deal_2020``)
    loads that scenario."""
    path = Path(path)
    if not path.exists():
        path = shipped_scenario(path) or path
    shown = str(path)
    try:
        data, locator = read_yaml(path, shown)
    except YamlProblem as exc:
        problem = exc.problem
        if not path.exists() and SCENARIO_DIR.is_dir():
            names = sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))
            near = closest(path.stem, names) if path.parent == Path(".") else None     # a shipped one, misspelt
            hint = f" (did you mean {near!r}?)" if near is not None else ""
            problem = Problem(problem.path, problem.line, problem.col,
                              f"{problem.message}{hint}; the shipped scenarios are: {', '.join(names)}")
        raise ScenarioError([problem]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem(shown, 1, 1, f"expected a mapping of scenario keys at the top level, "
                                                  f"got {describe(data)}")])
    try:
        doc = ScenarioModel.model_validate(data)
    except ValidationError as exc:
        found = (error_message(e, ScenarioModel) for e in exc.errors())
        raise ScenarioError(_locate(shown, locator, _by_id(_with_yaml_rule(found, locator), data))) from None
    findings = semantic.check(doc)
    if findings:
        raise ScenarioError(_locate(shown, locator, _by_id(findings, data)))
    return to_model(doc, shown)


def _with_yaml_rule(findings: Iterable[tuple[PathKey, bool, str]],
                    locator: Locator) -> Iterator[tuple[PathKey, bool, str]]:
    """Findings about a plain value that YAML 1.1 reads otherwise (``binding: yes``) also state the 1.2 rule,
    unless YAML 1.1 read it as text (``1e400``): the older reading cannot explain what is wrong with it."""
    for path, at_key, message in findings:
        value = None if at_key else locator.yaml11.get(path)
        if value is not None and yaml11_meaning(value) == "text":
            value = None
        yield path, at_key, message if value is None else f"{message}; {yaml12_rule(value)}"


def _by_id(findings: Iterable[tuple[PathKey, bool, str]], data: object) -> Iterator[tuple[PathKey, bool, str]]:
    """The key paths a message writes on the way to its finding's node (every check starts with its own
    path or its holder's; a hint may name a mapping above) name list items by id where the document gives
    them one (``parties[us].weights``), as ``lint`` does; each is read whole, longest first, so that a path
    that leads to an id keeps its index (``parties[2].id``, :func:`format_path`)."""
    for path, at_key, message in findings:
        names = {format_path(path[:end]): format_path(path[:end], data) for end in range(len(path), 0, -1)}
        if any(plain != named for plain, named in names.items()):
            written = re.compile(r"(?<![\w.\]])(" + "|".join(map(re.escape, names)) + r")(?![\w\[])")
            message = written.sub(lambda found: names[found.group(1)], message)
        yield path, at_key, message


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


def empty_folders(paths: Iterable[str | Path]) -> list[str]:
    """One message per folder among ``paths`` that holds no scenario file (a tool pointed at the
    wrong folder must not pass for want of files to check)."""
    return [f"{raw}: no scenario files in this folder (expected {' or '.join(SCENARIO_SUFFIXES)} files; give the "
            "folder that holds them, or the files themselves)"
            for raw in paths if Path(raw).is_dir() and not scenario_files([raw])]


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
