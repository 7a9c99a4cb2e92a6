"""Key paths: where a node sits in a scenario document, and how messages write it.

A key path is a tuple of mapping keys and list indices, ``("parties", 0, "weights", "x")``. Messages
write it ``parties[us].weights.x`` when given the document: an item of a list of things with ids
(:data:`NAMED_LISTS`) is named by its id, as ``lint`` names it (``game.authoring.warnings``), so
that ``validate`` and ``lint`` speak of one item the same way and a message stays true when items
are reordered. An item is named by its index instead (``parties[0]``) when its id cannot name it:
it has none, the id is not a valid id or another item of the list has it too, or the path leads
to the id itself (the id is then what the message is about). Without the document, every item is
named by its index.

A key longer than :data:`game.words.ECHOED` characters (no valid key is) is written cut short. This
module imports nothing of the reader or the schema, so both can use it.
"""

from __future__ import annotations

import re
from typing import Any

from game.words import shorten

PathKey = tuple[str | int, ...]

ID_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"   # the schema's Id (game.scenario.schema)
_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
NAMED_LISTS = frozenset({"baskets", "forms", "parties", "phases", "events", "options", "stakeholders", "rungs"})
"""The lists whose items have ids (a scope's ``rungs`` and a basket's ``options`` included); the items of every
other list (sources, effects, veto_players, a phase's parties, teaching questions...) are named by position."""
_MISSING = object()


def format_path(path: PathKey, data: Any = _MISSING) -> str:
    """``("parties", 0, "weights", "x")`` -> ``parties[0].weights.x``, or ``parties[us].weights.x``
    when ``data`` (the document as read) gives the item an id that names it."""
    out = ""
    here: Any = data
    parent: str | int | None = None
    for i, part in enumerate(path):
        if isinstance(part, int):
            at_id = i + 1 < len(path) and path[i + 1] == "id"
            name = None if at_id or parent not in NAMED_LISTS else _item_id(here, part)
            out += f"[{name if name is not None else part}]"
        else:
            out += f".{shorten(part)}" if out else shorten(part)     # a key 5,000 characters long is echoed cut
        here = _child(here, part)
        parent = part
    return out or "(top level)"


def _item_id(items: Any, index: int) -> str | None:
    """The id of ``items[index]`` if it is a valid id that no other item of ``items`` has."""
    if not isinstance(items, list) or not 0 <= index < len(items):
        return None
    ident = _id_of(items[index])
    if ident is None or sum(1 for item in items if _id_of(item) == ident) > 1:
        return None
    return ident


def _id_of(item: Any) -> str | None:
    ident = item.get("id") if isinstance(item, dict) else None
    return ident if isinstance(ident, str) and _ID.fullmatch(ident) else None


def _child(node: Any, part: str | int) -> Any:
    """``node[part]``, or :data:`_MISSING` where there is no such child."""
    if isinstance(part, int):
        return node[part] if isinstance(node, list) and 0 <= part < len(node) else _MISSING
    return node.get(part, _MISSING) if isinstance(node, dict) else _MISSING
