"""The command line answers at once and names itself as it was started (issue 16, items 2 and 3).

Speed is measured by benchmarks/bench_cli.py, never asserted here; these tests check what makes it
fast: ``--help`` and ``--version`` import none of the heavy libraries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.about import COMMAND, program
from tests.conftest import ROOT

HEAVY = ("numpy", "matplotlib", "pydantic", "pygame", "pygame_gui")


def imported_by(*args: str) -> tuple[list[str], str]:
    """(the heavy modules imported, stdout) when the launcher runs ``args`` in a fresh interpreter."""
    code = ("import json, sys\n"
            f"sys.argv = ['backchannel', *{list(args)!r}]\n"
            "from game.launcher import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    *out, last = result.stdout.splitlines()
    return json.loads(last), "\n".join(out)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["validate", "--help"], ["classroom", "--help"]])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    heavy, out = imported_by(*args)
    assert heavy == [], f"{' '.join(args)} imported {heavy}"
    assert out


def test_validate_imports_no_numpy_matplotlib_or_pygame() -> None:
    heavy, out = imported_by("validate", "narrow_deal_2020")
    assert heavy == ["pydantic"] and "1 scenario file valid" in out


def test_ai_names_are_checked_and_listed_without_importing_them_up_front() -> None:
    result = subprocess.run([sys.executable, "-m", "game", "simulate", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert "boulware" in result.stdout and "tit_for_tat" in result.stdout
    result = subprocess.run([sys.executable, "-m", "game", "play", "narrow_deal_2020", "--side", "us", "--opponent",
                             "nobody"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "invalid choice: 'nobody'" in result.stderr and "'modeller'" in result.stderr


@pytest.mark.parametrize(("argv0", "name"), [
    ("/home/ann/.local/bin/backchannel", "backchannel"),
    ("C:\\Users\\ann\\pipx\\backchannel.exe", "backchannel"),
    ("/usr/bin/backchannel-window", "backchannel"),
    (str(ROOT / "game" / "__main__.py"), "python -m game"),
    ("main.py", "python main.py"),
    ("../game/main.py", "python ../game/main.py"),
    ("/opt/python/lib/pytest/__main__.py", "backchannel"),
])
def test_the_program_is_named_as_it_was_started(argv0: str, name: str) -> None:
    assert program(argv0) == name


@pytest.mark.parametrize(("launcher", "name"), [(["main.py"], "python main.py"), (["-m", "game"], "python -m game")])
def test_live_hints_name_the_program_as_started(launcher: list[str], name: str, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    menu = subprocess.run([sys.executable, *launcher], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert f"Try: {name} play narrow_deal_2020 --side us" in menu.stdout
    quit_ = subprocess.run([sys.executable, *launcher, "play", "narrow_deal_2020", "--side", "us", "--seed", "1"],
                           input="quit\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert f"Resume with:\n  {name} play --resume " in quit_.stdout
    assert "main.py" not in quit_.stdout.replace(name, "")


def test_the_try_line_names_a_shipped_id_that_plays(tmp_path: Path) -> None:
    from game.cli.app import scenario_menu
    line = scenario_menu().splitlines()[-1]
    words = line.split()
    scenario = words[words.index("play") + 1]
    assert "/" not in scenario and "\\" not in scenario
    result = subprocess.run([sys.executable, "-m", "game", "play", scenario, "--side", "us", "--seed", "2", "--log",
                             str(tmp_path / "g.jsonl")], input="walk\ny\n", capture_output=True, text=True, cwd=tmp_path,
                            timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0 and "DEBRIEF" in result.stdout


def test_files_for_other_people_name_the_installed_command(tmp_path: Path) -> None:
    from game.cli.app import main
    assert main(["classroom", "new", "narrow_deal_2020", "--pairs", "1", "-o", str(tmp_path / "class")]) == 0
    briefs = [p.read_text(encoding="utf-8") for p in (tmp_path / "class").rglob("*.md")]
    assert briefs and all(f"{COMMAND} play --session" in text or f"{COMMAND} classroom" in text for text in briefs)
    assert not any("main.py" in text for text in briefs)
    assert main(["new", "talks", "-o", str(tmp_path / "talks.yaml")]) == 0
    skeleton = (tmp_path / "talks.yaml").read_text(encoding="utf-8")
    assert f"{COMMAND} validate talks.yaml" in skeleton and "main.py" not in skeleton


def test_version_alone_imports_neither_the_command_line_nor_importlib_metadata() -> None:
    code = ("import sys\nsys.argv = ['backchannel', '--version']\nfrom game.launcher import main\nmain()\n"
            "print(sorted(m for m in ('game.cli.app', 'importlib.metadata', 'argparse') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    version, imported = result.stdout.splitlines()
    assert version.startswith("backchannel ") and imported == "[]"


def test_the_version_is_read_from_the_first_dist_info_on_the_path(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from game import about
    assert about.version() == metadata.version(about.DISTRIBUTION)
    for name, text in [("backchannel-extra-9.dist-info", "Version: 9\n"),       # another distribution
                       ("backchannel-7.1.dist-info", ("Metadata-Version: 2.4\nName: backchannel\nVersion: 7.1\n\n"
                                                      "Version: 8 (the description, not a header)\n"))]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "METADATA").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert about.version() == "7.1" and about.version_line() == "backchannel 7.1"


@pytest.mark.parametrize(("launcher", "name"), [(["main.py"], "python main.py"), (["-m", "game"], "python -m game")])
def test_usage_and_the_no_display_hint_name_the_program_as_started(launcher: list[str], name: str,
                                                                   tmp_path: Path) -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    usage = subprocess.run([sys.executable, *launcher, "--no-such-option"], capture_output=True, text=True, cwd=ROOT,
                           env=env, timeout=120)
    assert usage.returncode == 2 and usage.stderr.startswith(f"usage: {name} ")
    window = subprocess.run([sys.executable, *launcher, "window"], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120)
    assert window.returncode == 1 and f"'{name} play SCENARIO --side PARTY'" in window.stderr


def test_replaying_an_unfinished_game_names_the_command_that_continues_it(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    started = subprocess.run([sys.executable, "main.py", "play", "narrow_deal_2020", "--side", "us", "--seed", "1",
                              "--log", str(log)], input="quit\n", capture_output=True, text=True, cwd=ROOT,
                             timeout=120)
    assert started.returncode == 0, started.stderr
    replay = subprocess.run([sys.executable, "main.py", "replay", str(log)], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert replay.returncode == 1 and f"'python main.py play --resume {log}'" in replay.stderr
