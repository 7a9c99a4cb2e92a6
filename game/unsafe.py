"""Characters that are unsafe in text people read: one definition for every place that takes text in.

Unsafe are the control characters (C0, DEL and C1: a terminal escape code starts with ESC, U+001B) and the
characters that change the direction of the text around them (bidi embeddings and overrides, U+202A to
U+202E, and isolates, U+2066 to U+2069), which can make a name or a line show other than it reads (a file
name "gnp.exe" shown as "exe.png"). Tab and line feed are safe where the text may hold them
(``keep``): a scenario's prose does; a student's name is one line and keeps neither.

Where text is refused (a scenario, :data:`UNSAFE_CLASS` in its schema's pattern), :func:`first_unsafe` names
the character; where it is cleaned (a name typed on the class server), :func:`strip_unsafe` drops them, and a
terminal escape sequence whole (``ESC [31m``, not only its ESC: the rest would show as ``[31m``); where text
from a file is printed (a result's file name or keys in the debrief), :func:`shown` writes each as its escape
(``\x1b``, ``\u202e``), so it shows and does nothing, and cuts a text longer than asked.
"""

from __future__ import annotations

import re
import unicodedata

# (first, last) code points, both included
_RANGES: tuple[tuple[int, int], ...] = ((0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
TEXT_KEEPS = "\t\n"         # what a text of several lines (a scenario's prose) may keep of the controls
# ECMA-48 sequences that start with ESC: a control sequence (CSI: ESC [ parameters, intermediates, final), a
# control string (OSC, DCS, SOS, PM, APC: up to BEL or ESC \, or to the end of the text) and any other escape
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?"
                       r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
                       r"|\x1b[ -/]*[0-~]?")


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _class(keep: str) -> str:
    """The regular-expression class body (Python, JSON Schema and the schema's checker read it alike) of the
    unsafe characters but ``keep``."""
    parts, kept = [], sorted(ord(c) for c in keep)
    for first, last in _RANGES:
        start = first
        for code in [k for k in kept if first <= k <= last] + [last + 1]:
            if start <= code - 1:
                parts.append(_escape(start) if start == code - 1 else f"{_escape(start)}-{_escape(code - 1)}")
            start = code + 1
    return "".join(parts)


UNSAFE_CLASS = _class(TEXT_KEEPS)   # for a pattern: r"^[^" + UNSAFE_CLASS + r"]*$"


def is_unsafe(char: str, keep: str = "") -> bool:
    """Whether the character ``char`` is unsafe (the rule in this module's docstring), ``keep`` excepted."""
    code = ord(char)
    return char not in keep and any(first <= code <= last for first, last in _RANGES)


def first_unsafe(text: str, keep: str = TEXT_KEEPS) -> int | None:
    """The index of the first unsafe character of ``text`` (``keep`` excepted), or None."""
    return next((i for i, c in enumerate(text) if is_unsafe(c, keep)), None)


def strip_unsafe(text: str, keep: str = "") -> str:
    """``text`` without its terminal escape sequences (whole) and its unsafe characters (``keep`` excepted)."""
    return "".join(c for c in _SEQUENCE.sub("", text) if not is_unsafe(c, keep))


def shown(text: str, limit: int | None = None, keep: str = "") -> str:
    """``text`` as a terminal may print it: each unsafe character (``keep`` excepted) as its escape, ``\x1b``
    or ``\u202e``; longer than ``limit`` characters, its first ``limit`` and how long it was
    ("ab… (100,000 characters)")."""
    safe = "".join(_escape(ord(c)) if is_unsafe(c, keep) else c for c in text)
    if limit is not None and len(safe) > limit:
        return f"{safe[:limit]}… ({len(text):,} characters)"
    return safe


def describe_unsafe(char: str) -> str:
    """'U+001B' or 'U+202E (RIGHT-TO-LEFT OVERRIDE)': an unsafe character as a message names it."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
