"""What a semantic check yields, and the helpers every check uses: a suggestion for a misspelt
name and the report of ids used twice (:mod:`game.scenario.semantic` runs the checks)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from game.scenario.messages import format_path
from game.scenario.yamlsafe import PathKey

Finding = tuple[PathKey, bool, str]
"""One problem: the key path it is at, whether it is at the key (not its value), the message."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for a close match, else the choices when they are few, else nothing."""
    pool = list(choices)
    close = difflib.get_close_matches(word, pool, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(pool)}" if len(pool) <= 12 else ""


class HasId(Protocol):
    """Anything with an id: a basket, an option, a form, a party, a phase, an event, a rung."""

    @property
    def id(self) -> str: ...


def duplicates(items: Sequence[HasId], path: PathKey, what: str) -> Iterator[Finding]:
    """Every item whose id an earlier item already has, located at its id."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = item.id
        if ident in seen:
            yield path + (i, "id"), False, (f"{format_path(path + (i, 'id'))}: duplicate {what} id {ident!r} "
                                            f"(already used by {format_path(path + (seen[ident],))})")
        else:
            seen[ident] = i
