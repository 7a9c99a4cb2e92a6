"""Player settings, kept in ``settings.json`` in the player's settings folder (:func:`game.paths.config_dir`:
``~/.config/backchannel`` on Linux) and written atomically."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.atomic import write_atomically
from game.paths import config_dir
from game.safeio import Unreadable, read_json

PALETTES = ("standard", "colour-blind safe")
TEXT_SIZES = ("normal", "large")
RESOLUTIONS = ((1024, 640), (1280, 800), (1600, 900), (1920, 1080))


@dataclass
class Settings:
    width: int = 1280
    height: int = 800
    fullscreen: bool = False
    volume: float = 0.6
    muted: bool = False
    palette: str = "standard"
    text_size: str = "normal"
    reduce_motion: bool = False      # meters jump to their new values instead of moving

    def clean(self) -> Settings:
        """The same settings with every value brought into its allowed range."""
        return Settings(max(800, min(3840, int(self.width))), max(560, min(2160, int(self.height))),
                        bool(self.fullscreen), max(0.0, min(1.0, float(self.volume))), bool(self.muted),
                        self.palette if self.palette in PALETTES else "standard",
                        self.text_size if self.text_size in TEXT_SIZES else "normal", bool(self.reduce_motion))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings (defaults when there are none) and a warning when the file was unreadable."""
    path = path or settings_path()
    try:
        if not path.exists():
            return Settings(), None
        data = read_json(path, 64 * 1024)
    except (OSError, Unreadable) as exc:
        return Settings(), f"{path}: could not read the settings ({exc}); using the defaults"
    if not isinstance(data, dict):
        return Settings(), f"{path}: expected a JSON object of settings; using the defaults"
    defaults, kept, bad = asdict(Settings()), {}, []
    for name in (f.name for f in fields(Settings) if f.name in data):   # one at a time: a bad one loses only itself
        try:
            Settings(**{**defaults, name: data[name]}).clean()
            kept[name] = data[name]
        except (TypeError, ValueError, OverflowError):
            bad.append(f"{name} ({repr(data[name])[:40]})")
    warning = (f"{path}: not a valid value for {', '.join(bad)}; using the default for "
               f"{'it' if len(bad) == 1 else 'each'}") if bad else None
    return Settings(**{**defaults, **kept}).clean(), warning


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a temporary file renamed over the old one)."""
    path = path or settings_path()
    write_atomically(path, json.dumps(asdict(settings), indent=1).encode("utf-8"))
