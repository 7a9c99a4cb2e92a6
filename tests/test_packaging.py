"""What the wheel and the sdist carry, and how the game finds its files (issue 16, items 1 and 8).

The build itself (a wheel installed outside the repository, played from another folder) is checked
by .ci/run; these tests check the configuration it rests on and the editable install they run in.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from game.paths import ASSETS_PACKAGE, SCENARIOS_PACKAGE, shipped_dir
from tests.conftest import ROOT, SCENARIOS

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    """The source folder of a package, by pyproject's package-dir mapping (else its dotted path)."""
    mapping = SETUPTOOLS.get("package-dir", {})
    parts = package.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in mapping:
            return ROOT / mapping[".".join(parts[:i])] / Path(*parts[i:])
    return ROOT / Path(*parts)


def test_every_package_of_the_game_is_listed() -> None:
    code = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "game").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert code <= listed, f"add to [tool.setuptools] packages: {sorted(code - listed)}"
    for package in listed:
        assert package_folder(package).is_dir(), package


def test_every_shipped_file_is_package_data() -> None:
    """A file added to scenarios/ or assets/ that no package-data pattern matches would be missing
    from the wheel."""
    data = SETUPTOOLS["package-data"]
    for package in (SCENARIOS_PACKAGE, ASSETS_PACKAGE, f"{ASSETS_PACKAGE}.fonts"):
        folder = package_folder(package)
        for path in folder.iterdir():
            if path.is_dir() or path.suffix in (".py", ".pyc"):
                continue
            assert any(fnmatch.fnmatch(path.name, pattern) for pattern in data[package]), \
                f"{path.relative_to(ROOT)} is not in [tool.setuptools.package-data] {package!r}"


def test_the_game_finds_its_files_through_the_package() -> None:
    assert shipped_dir(SCENARIOS_PACKAGE) == SCENARIOS.resolve()
    assert (shipped_dir(ASSETS_PACKAGE) / "fonts" / "DejaVuSans.ttf").is_file()
    from game.scenario.jsonschema import SCHEMA_PATH
    from game.scenario.loader import SCENARIO_DIR
    assert SCENARIO_DIR == SCENARIOS.resolve() and SCHEMA_PATH.is_file()


def test_the_version_is_written_once_and_read_from_the_metadata() -> None:
    import game
    from game.about import version
    assert version() == game.__version__ == PYPROJECT["project"]["version"]
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "game").rglob("*.py"))
    assert not re.search(r"""__version__\s*=\s*["']""", sources)
    result = subprocess.run([sys.executable, "-m", "game", "--version"], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.stdout == f"backchannel {PYPROJECT['project']['version']}\n"


def test_metadata_licence_and_entry_points() -> None:
    project = PYPROJECT["project"]
    assert project["license"].startswith("MIT")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert all((ROOT / f).is_file() for f in project["license-files"])
    assert project["authors"] and project["keywords"] and project["classifiers"]
    assert project["scripts"]["backchannel"] == "game.launcher:main"
    assert project["gui-scripts"]["backchannel-window"] == "game.launcher:window"


def test_new_points_its_schema_at_a_copy_beside_the_file_wherever_it_is_written(tmp_path: Path) -> None:
    """Issue 17: an absolute file:// URI named one machine's install; the relative schema.json and a
    copy of the shipped schema beside the new file work wherever the folder goes."""
    from game.cli.app import main
    from game.scenario.jsonschema import SCHEMA_PATH
    assert main(["new", "talks", "-o", str(tmp_path / "deep" / "talks.yaml")]) == 0
    first = (tmp_path / "deep" / "talks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"
    assert (tmp_path / "deep" / "schema.json").read_bytes() == SCHEMA_PATH.read_bytes()


def test_schema_without_output_leaves_an_up_to_date_shipped_file_alone(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.app import main
    from game.scenario.jsonschema import SCHEMA_PATH
    before = SCHEMA_PATH.stat().st_mtime_ns
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == f"{SCHEMA_PATH}: up to date\n"
    assert SCHEMA_PATH.stat().st_mtime_ns == before


def test_the_class_servers_pages_scripts_and_styles_are_package_data() -> None:
    """Every file under game/web/templates and game/web/static matches a package-data pattern of game.web
    (the server fetches nothing from the internet: these files are all its pages need)."""
    patterns = SETUPTOOLS["package-data"]["game.web"]
    web = ROOT / "game" / "web"
    files = [p for sub in ("templates", "static") for p in (web / sub).iterdir() if p.is_file()]
    assert files
    for path in files:
        relative = path.relative_to(web).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), \
            f"{path.relative_to(ROOT)} is not in [tool.setuptools.package-data] 'game.web'"
