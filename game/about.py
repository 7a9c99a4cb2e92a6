"""The program's name and version, as hints and ``--version`` show them.

The version is written once, in ``pyproject.toml``; the installed package's metadata carries it
(:func:`version`). Hints the player reads now name the program as it was started
(:func:`program`); files written for other people (briefs, the instructor's sheet, a scenario
skeleton) name the installed command, :data:`COMMAND`. This module imports nothing from the game,
so every layer may use it.
"""

from __future__ import annotations

import os
import sys

DISTRIBUTION = "backchannel"
COMMAND = "backchannel"          # the console script pyproject.toml installs


def version() -> str:
    """The installed distribution's version (``0+unknown`` when run from a copy never installed).

    The ``Version:`` field of the distribution's ``METADATA``, found the way importlib.metadata
    finds it (the first ``backchannel-*.dist-info`` folder on ``sys.path``) without importing
    importlib.metadata, which costs more than the rest of ``--version``; anything else (an egg, a
    zip) is left to importlib.metadata."""
    found = _dist_info_version()
    if found:
        return found
    from importlib import metadata
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def version_line() -> str:
    """What ``--version`` prints: ``backchannel 0.1.0``."""
    return f"{DISTRIBUTION} {version()}"


def _dist_info_version() -> str | None:
    """The version in the first ``backchannel-*.dist-info/METADATA`` on ``sys.path``, or None."""
    prefix = DISTRIBUTION + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:                     # a zip file, a folder that is gone...
            continue
        for name in names:
            if name.lower().startswith(prefix) and name.endswith(".dist-info") and "-" not in name[len(prefix):-10]:
                return _metadata_version(os.path.join(entry or ".", name, "METADATA"))
    return None


def _metadata_version(path: str) -> str | None:
    """The ``Version:`` header of a core-metadata file (None when it cannot be read)."""
    try:
        with open(path, encoding="utf-8") as file:
            for line in file:
                if not line.strip():
                    break                   # the headers end at the first blank line
                key, _, value = line.partition(":")
                if key.strip().lower() == "version":
                    return value.strip() or None
    except (OSError, UnicodeDecodeError):
        pass
    return None


def program(argv0: str | None = None) -> str:
    """How the player started the game, to repeat in hints: ``backchannel``, ``python -m game`` or
    ``python main.py`` (with the path they gave it)."""
    from pathlib import Path
    start = Path(sys.argv[0] if argv0 is None else argv0)
    if start.name == "__main__.py" and start.parent.name == "game":
        return "python -m game"
    if start.suffix == ".py" and start.name != "__main__.py":
        return f"python {start.as_posix() if start.is_absolute() else start}"
    return COMMAND
