"""A move log read from its end: whether the game is over, and the number of its last move.

Only the last bytes of the file are read, so that a list of saved games costs little however long the
games are, and a writer can check that the move it appends follows the last one on disk
(:class:`game.session.movelog.MoveLog`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from game.errors import GameError
from game.safeio import Unreadable, loads_json

__all__ = ["END_TAIL", "LogError", "ended", "last_action_on_disk"]


class LogError(GameError):
    """A move log that cannot be read, naming the file and line."""


def last_action_on_disk(path: Path) -> int:
    """The number of the last action in the log on disk (-1 when only the header is there). LogError
    when the last line is incomplete or the game has ended."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            chunk, tail = 4096, b""
            while True:
                start = max(0, size - chunk)
                handle.seek(start)
                tail = handle.read(size - start)
                if start == 0 or tail.rstrip(b"\n").count(b"\n") >= 1:
                    break
                chunk *= 4
    except OSError as exc:
        raise LogError(f"{path}: cannot read the move log ({exc.strerror or exc})") from None
    if not tail.endswith(b"\n"):
        raise LogError(f"{path}: the last line is incomplete (is another program writing this log?)")
    try:
        record = loads_json(tail.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("utf-8"))
    except (Unreadable, UnicodeDecodeError):
        raise LogError(f"{path}: the last line is not a log record") from None
    kind = record.get("type") if isinstance(record, dict) else None
    if kind == "header":
        return -1
    if kind == "action" and isinstance(record.get("n"), int):
        return int(record["n"])
    if kind == "handover" and isinstance(record.get("from"), int):
        return int(record["from"]) - 1
    if kind == "end":
        raise LogError(f"{path}: this game is already over")
    raise LogError(f"{path}: the last line is not a log record")


END_TAIL = 400                    # bytes enough for a log's end record


def ended(path: Path) -> bool:
    """Whether the log's last line is its end record (the game is over), read from the last bytes of the
    file only, so that finished games cost nothing when the list is made; False when in doubt (the
    full read then decides)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - END_TAIL))
            last = handle.read(END_TAIL).rstrip().rsplit(b"\n", 1)[-1]
        record = json.loads(last)
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and record.get("type") == "end"
