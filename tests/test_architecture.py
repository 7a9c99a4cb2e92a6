"""Layering: imports flow from the front-ends down to the model; only game.ui imports pygame."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SCENARIOS, shipped_scenarios

# What each layer may import from inside the game package. errors, about (name and version),
# paths (the shipped files and the player's folders), safeio (bounded reading of untrusted files),
# atomic (writing a file whole or not at all), labels (chart labels that hide no marker), words
# (how messages write counts, near misses and echoed input) and unsafe (the characters no text people
# read may hold) are leaf modules every layer may use.
SHARED = {"errors", "about", "paths", "safeio", "atomic", "labels", "words", "unsafe"}
ALLOWED = {
    "model": {"model"} | SHARED,
    "scenario": {"scenario", "model"} | SHARED,
    "analytics": {"analytics", "model"} | SHARED,
    "engine": {"engine", "model", "analytics"} | SHARED,
    "strategies": {"strategies", "engine", "model", "analytics"} | SHARED,
    "research": {"research", "session", "scenario", "analytics", "engine", "strategies", "model"} | SHARED,
    "session": {"session", "scenario", "engine", "strategies", "model"} | SHARED,
    "authoring": {"authoring", "scenario", "analytics", "strategies", "model"} | SHARED,
    "classroom": {"classroom", "session", "scenario", "analytics", "engine", "strategies", "model"} | SHARED,
    "cli": {"cli", "authoring", "classroom", "research", "session", "scenario", "analytics", "engine", "strategies",
            "model", "__init__"} | SHARED,
    "ui": {"ui", "classroom", "research", "session", "scenario", "analytics", "engine", "strategies", "model",
           "__init__"} | SHARED,
    # the class server: a front-end beside cli and ui (it imports neither, nor they it)
    "web": {"web", "classroom", "session", "scenario", "analytics", "engine", "strategies", "model"} | SHARED,
}


def game_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            if name == "game":
                found.add("__init__")
            elif name.startswith("game."):
                found.add(name.split(".")[1])
            elif name.split(".")[0] == "pygame" or name.split(".")[0] == "pygame_gui":
                found.add("pygame")
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    for path in (ROOT / "game" / layer).rglob("*.py"):
        extra = game_imports(path) - ALLOWED[layer] - ({"pygame"} if layer == "ui" else set())
        assert not extra, f"{path.relative_to(ROOT)} imports {sorted(extra)}"


@pytest.mark.parametrize("module", sorted(SHARED))
def test_the_shared_leaf_modules_import_no_layer(module: str) -> None:
    assert game_imports(ROOT / "game" / f"{module}.py") <= {"errors", "words"}


def test_importing_engine_and_cli_never_imports_pygame() -> None:
    code = ("import sys, game.engine, game.cli.app, game.scenario.loader, game.analytics.analysis, game.strategies;"
            "from game.cli.app import main; main(['validate', %r]);"
            "assert 'pygame' not in sys.modules and 'pygame_gui' not in sys.modules, 'pygame imported'") % str(SCENARIOS)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_scenario_starts_with_the_schema_comment() -> None:
    for path in shipped_scenarios():
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n"), path.name


def test_schema_json_is_up_to_date() -> None:
    from game.scenario.jsonschema import SCHEMA_PATH, schema_text
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run 'python main.py schema' to regenerate"


def test_every_shipped_scenario_cites_sources_with_author_title_year() -> None:
    from game.scenario.loader import load_scenario
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        assert scenario.sources and all(s.author and s.title and s.year for s in scenario.sources)
