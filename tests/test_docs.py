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
    # .ci/run runs it once per interpreter, each in its own venv: the same words but for those two.
    generic = commands[1].replace("python3 -m venv .venv", "$python -m venv $venv").replace(".venv/bin/", "$venv/bin/")
    assert "-c requirements.lock" in generic
    assert generic in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_authoring_tutorial_runs_as_written(tmp_path: Path) -> None:
    """Every command of docs/authoring.md, in order, in an empty folder; each ```text block that
    follows a command is part of what the command prints."""
    import os
    import subprocess
    import sys
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    steps = re.findall(r"```(sh|text)\n(.*?)```", text, flags=re.DOTALL)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    edits = {"border_talks_typo.yaml": ("{hack_and_leak: 0.7, channels: 0.3}", "{hack_and_leek: 0.7, channels: 0.3}"),
             "border_talks_weights.yaml": ("{hack_and_leak: 0.7, channels: 0.3}", "{hack_and_leak: 0.9, channels: 0.3}")}
    ids = {"border_talks_typo.yaml": "id: border_talks_typo", "border_talks_weights.yaml": "id: border_talks_weights"}
    output, ran = "", 0
    for kind, body in steps:
        if kind == "text":
            if output and not body.startswith("python main.py"):
                for line in body.strip().splitlines():
                    assert line in output, (line, output)
            continue
        for command in body.strip().splitlines():
            words = command.split()
            for name, (old, new) in edits.items():
                if name in words and not (tmp_path / name).exists():
                    source = (tmp_path / "border_talks.yaml").read_text(encoding="utf-8")
                    source = source.replace("id: border_talks", ids[name], 1)      # each variant's id is its name
                    (tmp_path / name).write_text(source.replace(old, new, 1), encoding="utf-8")
            result = subprocess.run([sys.executable, str(ROOT / "main.py"), *words[2:]], capture_output=True,
                                    text=True, cwd=tmp_path, env=env, timeout=180)
            output = result.stdout + result.stderr
            ran += 1
            expected_failure = "typo" in command or ("lint" in command and "--strict" in command)
            assert (result.returncode != 0) == expected_failure, (command, output)
    assert ran >= 6


def test_every_lint_code_is_in_the_authoring_table() -> None:
    """docs/authoring.md's table lists every code a lint check can give (newcomer trial: mixed-personas was missing)."""
    table = {m for m in re.findall(r"^\| `([a-z0-9.-]+)` \|", (ROOT / "docs" / "authoring.md").read_text("utf-8"),
                                   flags=re.MULTILINE)}
    source = "".join(p.read_text("utf-8") for p in (ROOT / "game" / "authoring").glob("*.py"))
    codes = set(re.findall(r"\"([a-z0-9]+(?:-[a-z0-9.]+)+)\"", source)) - {"utf-8"}     # the kebab-case literals
    assert {"mixed-personas", "no-zopa", "accept-unused", "yaml-1.1"} <= codes
    assert codes - table == set()


def test_the_teaching_example_in_the_format_guide_validates(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    example = next(b for b in blocks if "schema_version:" in b)
    teaching = next(b for b in blocks if b.startswith("teaching:"))
    path = tmp_path / "example.yaml"
    path.write_text(example + teaching, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.teaching is not None and scenario.teaching.lesson_plan[0].minutes == 10


def test_the_readme_gives_the_screenshots_default_size() -> None:
    default = re.search(r'"--size", default="(\d+)x(\d+)"', (ROOT / "game" / "ui" / "screenshots.py").read_text("utf-8"))
    assert default is not None
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"default {default.group(1)}×{default.group(2)}" in readme
    assert f"(default {default.group(1)}x{default.group(2)})" in (ROOT / "game" / "cli" / "app.py").read_text("utf-8")


def test_the_format_guide_lists_every_parameter_whose_range_is_not_0_to_1() -> None:
    """Author trial: the guide said effects keep 'everything else in [0, 1]', but a reveal cost runs to 10. Its
    table of the other ranges is the code's own (game.model.parameters.OTHER_RANGES), row for row."""
    from game.model.parameters import OTHER_RANGES
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    table = text[text.index("| parameter | range |"):]
    table = table[:table.index("\n\n")]
    rows = dict(re.findall(r"^\| `([^`]+)` \| ([(\[][^ ]+, [^ ]+[\])])", table, flags=re.MULTILINE))
    assert rows == {name: str(span) for name, span in OTHER_RANGES.items()}
    assert "<party>.incentives.reveal_cost" in rows
