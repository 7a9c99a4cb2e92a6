"""Lint checks of a scenario file among its files: the names commands and folders know it by.

* ``id-not-file-name``: the file's ``id`` is not its file name without ``.yaml``. Commands that take
  a scenario by name (``play narrow_deal_2020``) look for the file of that name, while the game's
  logs, results and hints name the id, so an id and a file name that differ send the author to a
  scenario that is not there;
* ``duplicate-id``: another scenario file in the same folder has the same id: the scenario picker,
  logs and results could not tell the two apart. Each sibling is read as YAML only (not validated),
  so that the check stays fast; a sibling that cannot be read is left to ``validate``.
"""

from __future__ import annotations

from pathlib import Path

from game.authoring.warnings import Collector
from game.scenario.loader import SCENARIO_SUFFIXES
from game.scenario.yamlsafe import YamlProblem, read_yaml
from game.words import plural

__all__ = ["check_files"]


def check_files(c: Collector, path: Path) -> None:
    """Add the ``id-not-file-name`` and ``duplicate-id`` warnings of the scenario file ``path`` to ``c``."""
    ident = c.scenario.id
    if ident != path.stem:
        c.warn(("id",), "id-not-file-name",
               f"the id {ident!r} is not the file's name ({path.name!r}): commands that take a scenario by name "
               f"look for {ident}.yaml, and the game's hints, logs and results name {ident!r} (rename the file "
               f"{ident}{path.suffix}, or set id: {path.stem})", at_key=False)
    twins = [other.name for other in _siblings(path) if _id_of(other) == ident]
    if twins:
        named = ", ".join(map(repr, twins[:3])) + (f" and {len(twins) - 3} more" if len(twins) > 3 else "")
        c.warn(("id",), "duplicate-id",
               f"{named} in the same folder {plural(len(twins), 'has', 'have')} the id {ident!r} too: the scenario "
               "picker, logs and results could not tell them apart (give each scenario its own id)", at_key=False)


def _siblings(path: Path) -> list[Path]:
    """The other scenario files of ``path``'s folder, sorted."""
    try:
        found = sorted(p for p in path.parent.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
    except OSError:
        return []
    mine = path.resolve()
    return [p for p in found if p.resolve() != mine]


def _id_of(path: Path) -> object:
    """The top-level ``id`` of a YAML file, or None when it has none or cannot be read."""
    try:
        data, _ = read_yaml(path, str(path))
    except (YamlProblem, OSError):
        return None
    return data.get("id") if isinstance(data, dict) else None
