"""How messages write a count and a near miss: one implementation each, for every layer.

A leaf module (the standard library only) that every layer may use, so that a validate message,
a lint warning, a command-line error and a screen of the window say these things the same way:

* :func:`count` writes ``1 form`` and ``2 forms`` (never ``1 forms`` nor ``1 form(s)``);
* :func:`closest` and :func:`suggest` name the choice a misspelt word most likely meant
  (``; did you mean 'modeller'?``), from the choices of the place where it was written;
* :func:`shorten` cuts what a user typed or wrote to a readable length before a message echoes it.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Iterable

CUTOFF = 0.6          # difflib's default: how alike (0 to 1) a word and a choice must be to be suggested
LISTED = 12           # at most this many choices are listed when none is close
ECHOED = 60           # at most this many characters of an input are echoed


def plural(n: float, noun: str, many: str | None = None) -> str:
    """``noun`` as it goes with the number ``n``: itself for 1, else ``many`` (default: ``noun + 's'``)."""
    return noun if n == 1 else (many if many is not None else noun + "s")


def count(n: float, noun: str, many: str | None = None) -> str:
    """``n`` and its noun: ``1 form``, ``2 forms``, ``15,625 outcomes``, ``2 parties`` (``many="parties"``).
    A whole number is written with thousands separated, any other as ``:g`` writes it (``2.5 rounds``)."""
    number = f"{n:,}" if isinstance(n, numbers.Integral) else f"{n:g}"
    return f"{number} {plural(n, noun, many)}"


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The choice ``word`` most likely misspells, or None when none is alike enough (difflib's ratio,
    at least ``cutoff``). Of equally alike choices, the one that starts as ``word`` does for longer wins
    (a typo is rarer in the first letters: ``rus`` means ``ru``, not ``us``), then the first given."""
    best: tuple[float, int, int] | None = None
    found: str | None = None
    for order, choice in enumerate(dict.fromkeys(choices)):
        matcher = difflib.SequenceMatcher(None, choice, word)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:    # upper bounds, as difflib's
            continue
        ratio = matcher.ratio()
        if ratio < cutoff:
            continue
        key = (ratio, _same_start(word, choice), -order)
        if best is None or key > best:
            best, found = key, choice
    return found


def suggest(word: str, choices: Iterable[str], listed: int = LISTED) -> str:
    """``; did you mean 'x'?`` for the closest choice (:func:`closest`), else the choices when there are
    at most ``listed`` (``; expected one of: a, b``), else nothing: the tail of a message about ``word``."""
    pool = list(dict.fromkeys(choices))
    near = closest(word, pool)
    if near is not None:
        return f"; did you mean {near!r}?"
    return f"; expected one of: {', '.join(pool)}" if pool and len(pool) <= listed else ""


def shorten(text: str, limit: int = ECHOED) -> str:
    """``text`` cut to at most ``limit`` characters, ending in ``...`` when cut (an input echoed in a
    message: a 5,000-character word must not bury the message that quotes it)."""
    return text if len(text) <= limit else text[:max(limit - 3, 1)] + "..."


def _same_start(a: str, b: str) -> int:
    """How many first characters ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
