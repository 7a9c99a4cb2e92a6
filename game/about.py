"""The program's name and version, as hints and ``--version`` show them.

The version is written once, in ``pyproject.toml``; the installed package's metadata carries it
(:func:`version`). Hints the player reads now name the program as it was started
(:func:`program`); files written for other people (briefs, the instructor's sheet, a scenario
skeleton) name the installed command, :data:`COMMAND`. This module imports nothing from the game,
so every layer may use it.
"""

from __future__ import annotations

import sys
from pathlib import Path

DISTRIBUTION = "backchannel"
COMMAND = "backchannel"          # the console script pyproject.toml installs


def version() -> str:
    """The installed distribution's version (``0+unknown`` when run from a copy never installed)."""
    from importlib import metadata
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def program(argv0: str | None = None) -> str:
    """How the player started the game, to repeat in hints: ``backchannel``, ``python -m game`` or
    ``python main.py`` (with the path they gave it)."""
    start = Path(sys.argv[0] if argv0 is None else argv0)
    if start.name == "__main__.py" and start.parent.name == "game":
        return "python -m game"
    if start.suffix == ".py" and start.name != "__main__.py":
        return f"python {start.as_posix() if start.is_absolute() else start}"
    return COMMAND
