"""How messages write a count: one implementation, for every layer.

A leaf module (the standard library only) that every layer may use, so that a validate message,
a lint warning, a command-line error and a screen of the window say it the same way:

* :func:`count` writes ``1 form`` and ``2 forms`` (never ``1 forms`` nor ``1 form(s)``).
"""

from __future__ import annotations

import numbers


def plural(n: float, noun: str, many: str | None = None) -> str:
    """``noun`` as it goes with the number ``n``: itself for 1, else ``many`` (default: ``noun + 's'``)."""
    return noun if n == 1 else (many if many is not None else noun + "s")


def count(n: float, noun: str, many: str | None = None) -> str:
    """``n`` and its noun: ``1 form``, ``2 forms``, ``15,625 outcomes``, ``2 parties`` (``many="parties"``).
    A whole number is written with thousands separated, any other as ``:g`` writes it (``2.5 rounds``)."""
    number = f"{n:,}" if isinstance(n, numbers.Integral) else f"{n:g}"
    return f"{number} {plural(n, noun, many)}"
