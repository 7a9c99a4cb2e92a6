"""What a result says of its game against what its own moves give: the figures a student could edit.

A result's figures (the deal and its labels, every government's figures, whether the deal entered
into force, the share of compliance histories intact, the seed) are written from the finished game.
The debrief never uses them: it replays the result's moves and shows the replay's. A signature does
not show that they were edited either, since a student holds their seat's key and can sign an edited
file again; but the replay does: :func:`edited_fields` names every figure that differs from the
replay's, so that the debrief can say that the file was edited (or written by another version of the
game, whose model gave other figures). A key in such a name is the file's text: it is named as
:func:`game.unsafe.shown` shows it (an escape code as ``\x1b``), and cut after :data:`MAX_KEY` characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.unsafe import shown

FIGURES = ("seed", "agreement", "agreement_labels", "principals", "in_force", "intact")
TOLERANCE = 1e-9            # the figures are written rounded to 10 decimals
MAX_NAMED = 8               # the fields named in full; the rest are counted
MAX_KEY = 40                # the characters of a key named; a longer one is cut, and its length said


def _differences(claimed: object, expected: object, where: str) -> list[str]:
    """The dotted names under ``where`` at which ``claimed`` differs from ``expected`` (numbers within
    :data:`TOLERANCE` are the same; ``True`` is not the number 1)."""
    if isinstance(expected, Mapping):
        if not isinstance(claimed, Mapping):
            return [where]
        keys = sorted(set(map(str, expected)) | set(map(str, claimed)))
        return [name for key in keys for name in
                _differences(claimed.get(key), expected.get(key), f"{where}.{shown(key, MAX_KEY)}")]
    if isinstance(expected, bool) or isinstance(claimed, bool) or expected is None or claimed is None:
        return [] if type(claimed) is type(expected) and claimed == expected else [where]
    if isinstance(expected, (int, float)):
        ok = isinstance(claimed, (int, float)) and abs(float(claimed) - float(expected)) <= TOLERANCE
        return [] if ok else [where]
    return [] if claimed == expected else [where]


def _older(claimed: object, expected: object) -> object:
    """``claimed`` principals as this version writes them: a government's ``honoured_by_other`` or ``answered``
    of 0.0 where the replay has none (null: no pact was in force) is what versions before it was null wrote,
    not an edit."""
    if not (isinstance(claimed, Mapping) and isinstance(expected, Mapping)):
        return claimed
    out: dict[str, object] = {}
    for key, entry in claimed.items():
        theirs = expected.get(key)
        for field in ("honoured_by_other", "answered"):
            if isinstance(entry, Mapping) and isinstance(theirs, Mapping) and theirs.get(field, 0) is None \
                    and type(entry.get(field)) in (int, float) and entry[field] == 0:
                entry = {**entry, field: None}
        out[key] = entry
    return out


def edited_fields(record: Mapping[str, Any], expected: Mapping[str, Any]) -> tuple[str, ...]:
    """The figures of ``record`` (a result as read) that differ from ``expected`` (the record the
    replayed game gives, :func:`game.classroom.results.result_record`), as dotted names
    (``principals.united_states.paper``); empty when every figure is the replay's (an older version's 0.0
    for an undefined ``honoured_by_other`` or ``intact`` included, :func:`_older`)."""
    claimed = {**record, "principals": _older(record.get("principals"), expected.get("principals"))}
    if expected.get("intact", 0) is None and type(record.get("intact")) in (int, float) and record["intact"] == 0:
        claimed["intact"] = None                          # an older version's 0.0 for no pact in force
    return tuple(name for field in FIGURES
                 for name in _differences(claimed.get(field), expected.get(field), field))


def named(fields: tuple[str, ...]) -> str:
    """The fields for a sentence: the first :data:`MAX_NAMED` by name, then how many more."""
    listed = ", ".join(fields[:MAX_NAMED])
    rest = len(fields) - MAX_NAMED
    return listed + (f" and {rest} more" if rest > 0 else "")
