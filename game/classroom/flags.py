"""What the instructor should look at in a class's results: files and seats the debrief flags.

A flag never changes a score (the debrief's figures are always the replayed games', and which result
counts is :mod:`game.classroom.tally`'s rule); it tells the instructor that something in the files
is not as the game writes it, and what that may mean. checks.html lists every flag first, and
``classroom debrief`` prints them.

Flagged: a result whose figures differ from the replay of its own moves (edited and signed again
with the seat's key, :mod:`game.classroom.figures`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.about import version
from game.classroom.checks import Accepted
from game.classroom.figures import named
from game.classroom.folder import Session


@dataclass(frozen=True)
class Flag:
    """One thing to look at: ``about`` a file (its name) or a seat ("table 1, US delegation"), ``kind``
    in a word or two, ``why`` in a sentence."""

    about: str
    kind: str
    why: str


def edited(result: Accepted) -> Flag:
    """A result whose figures are not its replay's (``result.edited`` names them)."""
    other = f", or written by another version of the game ({result.version})" if result.version not in ("", version()) \
        else ""
    return Flag(result.path.name, "edited",
                f"its figures differ from the replay of its own moves: {named(result.edited)}. The file was edited "
                f"and signed again with the seat's key, which the student holds{other}. The debrief shows the "
                "replayed figures: the edit changes no score, but the file is not as the game wrote it")


def class_flags(session: Session, accepted: Sequence[Accepted], changed: Sequence[Accepted] | None = None) -> list[Flag]:
    """Every flag of a class's results, files first: ``accepted`` are the results read, ``changed``
    those (duplicates included) whose figures differ from their replay (default: among ``accepted``)."""
    changed = [a for a in accepted if a.edited] if changed is None else changed
    return [edited(a) for a in changed]
