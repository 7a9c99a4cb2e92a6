"""Key paths: where a node sits in a scenario document, and how messages write it.

A key path is a tuple of mapping keys and list indices, ``("parties", 0, "weights", "x")``,
written ``parties[0].weights.x``. This module imports nothing of the reader, so the YAML reader
(:mod:`game.scenario.yamlsafe`) and the messages of the checks can both write paths the same way.
"""

from __future__ import annotations

PathKey = tuple[str | int, ...]


def format_path(path: PathKey) -> str:
    """``("parties", 0, "weights", "x")`` -> ``parties[0].weights.x``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
