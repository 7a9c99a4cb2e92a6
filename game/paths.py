"""Where the game's files are: the shipped ones inside the package, the player's where the platform keeps them.

The repository keeps the shipped scenarios and the window's assets at its top (``scenarios/``,
``assets/``); ``pyproject.toml`` maps them into the package as ``game.scenarios`` and
``game.assets``, so :func:`shipped_dir` finds them with :mod:`importlib.resources` in a wheel, an
sdist build or an editable install alike.

Saved games and settings live in the folders :mod:`platformdirs` gives for this platform
(``~/.local/share/backchannel`` and ``~/.config/backchannel`` on Linux, honouring the XDG
variables; ``~/Library/Application Support/backchannel`` on macOS; ``%LOCALAPPDATA%\\backchannel``
on Windows). Older versions used the Linux places everywhere: :func:`move_old_files` moves what
it finds there once and says what it moved. This module imports nothing from the game but
:mod:`game.errors`, so every layer may use it.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

from game.errors import GameError
from game.words import count

APP = "backchannel"
SCENARIOS_PACKAGE = "game.scenarios"     # scenarios/ in the repository
ASSETS_PACKAGE = "game.assets"           # assets/ in the repository


def shipped_dir(package: str) -> Path:
    """The folder on disk of a package-data package (``game.scenarios`` or ``game.assets``)."""
    try:
        folder = resources.files(package)
    except ModuleNotFoundError:
        raise GameError(f"the game's {package} files are missing from this installation; "
                        f"reinstall Backchannel (pip install --force-reinstall backchannel)") from None
    if not isinstance(folder, Path):          # a zipped install: not how pip or pipx install
        raise GameError(f"the game's {package} files are not in a folder on disk ({folder}); "
                        f"install Backchannel with pip or pipx")
    return folder


def data_dir() -> Path:
    """The player's data folder (saved games)."""
    import platformdirs
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    """The player's settings folder."""
    import platformdirs
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def log_dir() -> Path:
    """Where games are saved unless ``--log`` says otherwise."""
    return data_dir() / "logs"


def old_places() -> tuple[Path, Path]:
    """(data, settings) folders that earlier versions used on every platform: the Linux (XDG) ones."""
    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / APP
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / APP
    return data, config


def move_old_files() -> list[str]:
    """Move saved games and settings from the old places to this platform's, once; one line per move.

    Nothing to do on Linux (the places are the same) or once moved (the old folders are gone). A
    name taken in the new place keeps the old file beside it as ``NAME.old-N``; nothing is lost.
    """
    old_data, old_config = old_places()
    said = []
    for old, new, emptied in ((old_data / "logs", log_dir(), (old_data / "logs", old_data)),
                              (old_config, config_dir(), (old_config,))):
        if not old.is_dir() or _same(old, new):
            continue
        try:
            moved = _move_contents(old, new)
        except OSError as exc:
            said.append(f"Could not move your files from {old} to {new} ({exc}); they are still in {old}.")
            continue
        for folder in emptied:
            try:
                folder.rmdir()
            except OSError:
                break
        if moved:
            said.append(f"Moved {count(moved, 'file')} from {old} to {new}, where Backchannel now keeps them on this system.")
    return said


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _move_contents(old: Path, new: Path) -> int:
    """Move every file and folder of ``old`` into ``new``; returns how many were moved."""
    new.mkdir(parents=True, exist_ok=True)
    count = 0
    for item in sorted(old.iterdir()):
        target = new / item.name
        n = 0
        while target.exists():
            n += 1
            target = new / f"{item.name}.old-{n}"
        shutil.move(str(item), str(target))
        count += 1
    return count
