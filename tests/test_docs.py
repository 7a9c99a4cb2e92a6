"""The documentation's annotated example is a valid scenario, and the README's commands match .ci/run."""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.loader import load_scenario
from tests.conftest import ROOT


def test_annotated_example_in_the_format_guide_validates(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    example = next(b for b in blocks if "schema_version:" in b)
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    scenario = load_scenario(path)
    assert [b.id for b in scenario.baskets] == ["hack_and_leak", "channels"]
    assert [p.id for p in scenario.parties] == ["us", "ru"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .*?)\n```", readme)
    assert len(commands) == 2, "the README must show the install-and-play and install-and-test commands"
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
