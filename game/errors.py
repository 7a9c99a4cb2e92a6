"""Error types shared by every layer.

A :class:`Problem` is one located complaint about an input file; a
:class:`ScenarioError` carries every problem found in one file so that a
front-end can print them all as ``path:line:col: message``.
"""

from __future__ import annotations


class GameError(Exception):
    """Base class of every error Backchannel raises on purpose."""


class Problem:
    """One problem in an input file, located at a 1-based line and column.

    A frozen value (equal and hashed by its four fields), written out rather than made a dataclass:
    every command imports this module, and dataclasses (with inspect) would double what
    ``--help`` costs."""

    __slots__ = ("path", "line", "col", "message")
    __match_args__ = ("path", "line", "col", "message")

    path: str
    line: int
    col: int
    message: str

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        for name, value in zip(self.__slots__, (path, line, col, message)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Problem is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Problem is frozen")

    def _fields(self) -> tuple[str, int, int, str]:
        """The four fields, in order."""
        return self.path, self.line, self.col, self.message

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Problem)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __reduce__(self) -> tuple[type[Problem], tuple[str, int, int, str]]:
        return Problem, self._fields()

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, line={self.line!r}, col={self.col!r}, message={self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ScenarioError(GameError):
    """A scenario (or GENIUS) file that cannot be loaded, with all its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
