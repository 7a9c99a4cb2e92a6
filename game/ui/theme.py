"""Colours, fonts and the pygame_gui theme, built from the settings (palette and text size)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from game.paths import ASSETS_PACKAGE, shipped_dir
from game.ui.settings import Settings

ASSETS = shipped_dir(ASSETS_PACKAGE)       # assets/ in the repository
FONT_REGULAR = ASSETS / "fonts" / "DejaVuSans.ttf"
FONT_BOLD = ASSETS / "fonts" / "DejaVuSans-Bold.ttf"
FONT_ITALIC = ASSETS / "fonts" / "DejaVuSans-Oblique.ttf"
BASE_THEME = ASSETS / "theme.json"
FONT_NAME = "dejavu"
BODY = 15        # the text size of the theme's text boxes, labels and buttons: a panel drawn with pygame uses it too


@dataclass(frozen=True)
class Palette:
    background: tuple[int, int, int]
    panel: tuple[int, int, int]
    ink: tuple[int, int, int]
    muted: tuple[int, int, int]
    us: tuple[int, int, int]          # the player's side in charts and meters
    them: tuple[int, int, int]        # the other side
    good: tuple[int, int, int]
    bad: tuple[int, int, int]
    focus: tuple[int, int, int]


PALETTES = {
    "standard": Palette((18, 22, 30), (30, 36, 48), (226, 230, 238), (140, 148, 164), (92, 160, 255),
                        (236, 98, 92), (96, 200, 120), (236, 98, 92), (255, 210, 80)),
    # Okabe and Ito's colour-blind safe set: blue, vermillion, bluish green, orange, yellow
    "colour-blind safe": Palette((18, 22, 30), (30, 36, 48), (226, 230, 238), (150, 156, 170), (0, 114, 178),
                                 (213, 94, 0), (0, 158, 115), (230, 159, 0), (240, 228, 66)),
}


def palette(settings: Settings) -> Palette:
    return PALETTES.get(settings.palette, PALETTES["standard"])


def text_scale(settings: Settings) -> float:
    return 1.3 if settings.text_size == "large" else 1.0


def font_size(settings: Settings, base: int = 15) -> int:
    return round(base * text_scale(settings))


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def theme_dict(settings: Settings) -> dict[str, Any]:
    """The base theme (assets/theme.json) with the palette's colours and the text size applied."""
    theme: dict[str, Any] = json.loads(BASE_THEME.read_text(encoding="utf-8"))
    p = palette(settings)
    colours = theme.setdefault("defaults", {}).setdefault("colours", {})
    colours.update({"dark_bg": _hex(p.background), "normal_text": _hex(p.ink), "hovered_text": _hex(p.ink),
                    "selected_bg": _hex(p.us), "active_bg": _hex(p.us), "link_text": _hex(p.focus),
                    "filled_bar": _hex(p.us)})
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            font["size"] = str(round(int(font["size"]) * text_scale(settings)))
            font["regular_path"], font["bold_path"] = str(FONT_REGULAR), str(FONT_BOLD)
            font["italic_path"], font["bold_italic_path"] = str(FONT_ITALIC), str(FONT_BOLD)
    return theme
