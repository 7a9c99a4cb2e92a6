"""Word wrap for the terminal game: paragraphs fit the terminal's width, tables stay as they are.

A line longer than the terminal is wrapped at spaces (never inside a word), its continuation lines
indented two spaces past its own indentation. A line laid out in columns (two or more spaces between
words, as in the brief's priorities, the offers' baskets and the debrief's figures) is a table row: only
its last column wraps, within the row, its continuation lines indented under that column (a hanging
indent), so the terminal never cuts a word; where that column would be too narrow, it goes under the
row, indented. A
line holding a command or a file path (a resume command, a move log) is never wrapped, so it can be
copied and pasted. Output that is not a terminal (piped, redirected) is never wrapped, so scripts and
logs read the same lines as before.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from typing import IO

COLUMNS = re.compile(r"\S {2,}\S")      # two or more spaces between words: a table's columns
LAST_COLUMN = re.compile(r"\S {2,}(?=\S)")
COPYABLE = re.compile(r"(?:^|\s)--[a-z]|[\w.~-]*[A-Za-z_.~-]/\S*/|[\\/]\S+\.(?:jsonl|json|ya?ml|html|pdf|csv|txt|md|zip|png)\b")
NARROWEST = 20                          # a last column narrower than this is not wrapped: the row stays whole


def is_table_row(line: str) -> bool:
    """Whether ``line`` is laid out in columns."""
    return bool(COLUMNS.search(line.strip()))


def fit(text: str, width: int) -> str:
    """``text`` with every paragraph line longer than ``width`` wrapped; table rows kept whole."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or COPYABLE.search(line):
            out.append(line)
            continue
        if not line.strip("-"):                       # a rule of dashes: as wide as the terminal
            out.append("-" * width)
            continue
        if is_table_row(line):
            out += fit_row(line, width)
            continue
        indent = line[:len(line) - len(line.lstrip())]
        out += textwrap.wrap(line.strip(), max(width, len(indent) + 20), initial_indent=indent,
                             subsequent_indent=indent + "  ", break_long_words=False, break_on_hyphens=False)
    return "\n".join(out)


def fit_row(row: str, width: int) -> list[str]:
    """A table row wider than ``width`` with its last column wrapped inside the row (hanging indent); on a
    terminal too narrow for that, its last column goes under the row, indented, so that no word is cut by
    the terminal (newcomer trial at 60 columns: "1. Statemen|t of principle")."""
    start = [m.end() for m in LAST_COLUMN.finditer(row)][-1]
    if width - start - 2 < NARROWEST:
        indent = " " * (len(row) - len(row.lstrip()) + 4)
        head = textwrap.wrap(row[:start].rstrip(), width, subsequent_indent=indent, break_long_words=False,
                             break_on_hyphens=False) or [""]
        return head + textwrap.wrap(row[start:], max(width, len(indent) + NARROWEST), initial_indent=indent,
                                    subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    tail = textwrap.wrap(row[start:], width - start, subsequent_indent="  ", break_long_words=False,
                         break_on_hyphens=False)
    return [row[:start] + tail[0]] + [" " * start + line for line in tail[1:]]


def width(stream: IO[str] | None = None) -> int | None:
    """The terminal's width when ``stream`` (standard output by default) is a terminal, else None."""
    stream = sys.stdout if stream is None else stream
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):            # a replaced or closed stream
        return None
    return shutil.get_terminal_size((80, 24)).columns


def short(path: object) -> str:
    """``path`` as a player types it: under the home folder it starts with ``~`` (which a shell expands), so
    a command that names a log in the user's data folder fits a 100-column terminal more often."""
    from pathlib import Path
    text, home = str(path), str(Path.home())
    return "~" + text[len(home):] if home not in ("", "/") and text.startswith(home + "/") else text


def echo(*values: object, sep: str = " ", end: str = "\n", file: IO[str] | None = None) -> None:
    """print(), wrapped to the terminal's width (:func:`fit`) when it goes to a terminal."""
    text = sep.join(str(v) for v in values)
    columns = width(file)
    print(fit(text, columns - 1) if columns else text, end=end, file=file)
