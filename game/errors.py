"""Error types shared by every layer.

A :class:`Problem` is one located complaint about an input file; a
:class:`ScenarioError` carries every problem found in one file so that a
front-end can print them all as ``path:line:col: message``.
"""

from __future__ import annotations


class GameError(Exception):
    """Base class of every error Backchannel raises on purpose."""


def error_line(message: str) -> str:
    """The one style of a command-line error that is not located in an input file (those are
    ``path:line:col: message``): ``error: message``; a message starts in lower case, as the
    rest of the line after ``error:`` does (a path or an option keeps its own case)."""
    return f"error: {message}"


class Problem:
    """One problem in an input file, located at a 1-based line and column (line 0: the whole file).

    A frozen value, equal and hashed by its fields (:attr:`__match_args__`, in order), written out
    rather than made a dataclass: every command imports this module, and dataclasses (with inspect)
    would double what ``--help`` costs. A subclass adds fields by extending ``__slots__``,
    ``__match_args__`` and ``__init__`` (:class:`game.authoring.warnings.Warning_`)."""

    __slots__ = ("col", "line", "message", "path")
    __match_args__: tuple[str, ...] = ("path", "line", "col", "message")

    path: str
    line: int
    col: int
    message: str

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        self._set(path=path, line=line, col=col, message=message)

    def _set(self, **fields: object) -> None:
        """Give the (frozen) fields their values, once, from ``__init__``."""
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} is frozen")

    def _key(self) -> tuple[object, ...]:
        """The fields' values, in order."""
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Problem)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[type[Problem], tuple[object, ...]]:
        return type(self), self._key()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__name__}({fields})"

    def __str__(self) -> str:
        """``path:line:col: message``, or ``path: message`` for a problem of the whole file (line 0: a file that
        is missing, a folder, too large or unreadable has no line to point at)."""
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ScenarioError(GameError):
    """A scenario (or GENIUS) file that cannot be loaded, with all its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
