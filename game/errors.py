"""Error types shared by every layer.

A :class:`Problem` is one located complaint about an input file; a
:class:`ScenarioError` carries every problem found in one file so that a
front-end can print them all as ``path:line:col: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


class GameError(Exception):
    """Base class of every error Backchannel raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file, located at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ScenarioError(GameError):
    """A scenario (or GENIUS) file that cannot be loaded, with all its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
