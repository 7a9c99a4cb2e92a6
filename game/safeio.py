"""Reading untrusted files: regular files only, a bounded number of bytes, bounded JSON.

Every reader of a file a player, a student or a stranger can hand the game (results, move logs,
GENIUS XML) goes through here, so that no single file can block, exhaust memory or crash it:

* :func:`read_bounded` opens without blocking (a FIFO cannot hang it), checks on the opened
  descriptor that it is a regular file (not a FIFO, a device such as ``/dev/zero``, or a
  folder), and reads at most ``limit + 1`` bytes, refusing a larger file;
* :func:`loads_json` refuses nesting deeper than :data:`MAX_JSON_DEPTH`, integers longer than
  :data:`MAX_DIGITS` digits, non-finite numbers (``1e999``, ``NaN``, ``Infinity``), and turns
  every parser failure into :class:`Unreadable` with the reason.

Both raise :class:`Unreadable` (a :class:`~game.errors.GameError`) whose message is the reason
only; the caller adds the file name and, where it has one, the line.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from game.errors import GameError

MAX_JSON_DEPTH = 64
MAX_DIGITS = 100
# A string, or an unterminated one to the end of the text: every match succeeds where it starts, so the
# scan is linear. A required closing quote made each escaped quote of an unterminated string start a
# new match that failed only at the end of the text: quadratic, minutes for a 200 KB file (attacker trial).
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class Unreadable(GameError):
    """A file or text that is refused; the message says why."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (Unreadable otherwise)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except IsADirectoryError:
        raise Unreadable("is a directory") from None
    except OSError as exc:
        raise Unreadable(f"cannot open it ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable("is a directory")
        if not stat.S_ISREG(mode):
            raise Unreadable("not a regular file (a pipe, a device or a socket)")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Unreadable(f"cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise Unreadable(f"too large (more than {limit:,} bytes)")
    return b"".join(chunks)


def read_json(path: Path, limit: int) -> Any:
    """The JSON in the regular file ``path`` of at most ``limit`` bytes, within :func:`loads_json`'s
    limits (Unreadable otherwise, also for bytes that are not UTF-8)."""
    try:
        return loads_json(read_bounded(path, limit).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON ``text`` (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Unreadable(f"a number with more than {MAX_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise Unreadable(f"a number with more than {MAX_DIGITS} digits")
    value = float(text)
    if not math.isfinite(value):
        raise Unreadable(f"a number out of range ({text})")
    return value


def _constant(text: str) -> Any:
    raise Unreadable(f"{text} is not a number JSON allows")


def loads_json(text: str) -> Any:
    """Parse JSON ``text`` within the limits of the module docstring (Unreadable otherwise)."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise Unreadable(f"nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise Unreadable(f"not readable JSON ({exc})") from None
