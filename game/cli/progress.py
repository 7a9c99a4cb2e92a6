"""The one progress line of the long commands (``simulate``, ``research claims``), on standard error.

Rule: the line is written only when standard error is a terminal (a pipe or a file gets nothing, so a
redirected stderr holds only messages), always as ``\\r`` + erase-line + the text, so each update replaces
the last one; :func:`clear` erases it before the output or a message. Standard output (the report, the
JSON) never receives it.
"""

from __future__ import annotations

import sys


def shown() -> bool:
    """Whether the progress line is shown: standard error is a terminal."""
    return sys.stderr.isatty()


def show(text: str) -> None:
    """Replace the progress line with ``text`` (nothing when standard error is not a terminal)."""
    if shown():
        sys.stderr.write(f"\r\033[K{text}")
        sys.stderr.flush()


def clear() -> None:
    """Erase the progress line (nothing when standard error is not a terminal)."""
    if shown():
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
