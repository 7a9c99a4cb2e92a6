"""Line editing for the terminal game: arrow keys, history and Tab completion where Python has readline.

Python has :mod:`readline` on Linux and macOS (GNU readline or libedit); on Windows it has none
and ``input()`` keeps the console's own editing. Nothing changes when input is piped. History
lives for one game only and is wiped at each hot-seat hand-over, so the Up arrow never shows one
player the other's commands.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import ModuleType

COMMANDS = ("show", "set", "counter", "best", "offer", "final", "redline", "movement", "accept", "walk", "lock",
            "brief", "help", "quit", "form")


def _readline() -> ModuleType | None:
    """The readline module when it exists and both ends are a terminal, else None."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    try:
        import readline
    except ImportError:            # Windows, or a Python built without it
        return None
    return readline


def completer(words: Sequence[str]) -> Callable[[str, int], str | None]:
    """readline's completer: the ``state``-th of ``words`` that starts with ``text``."""
    def complete(text: str, state: int) -> str | None:
        matches = [w + " " for w in words if w.startswith(text.lower())]
        return matches[state] if state < len(matches) else None
    return complete


def enable(words: Sequence[str] = COMMANDS) -> bool:
    """Turn on editing, history and Tab completion of ``words``; False where the platform has no
    readline or input is not a terminal."""
    readline = _readline()
    if readline is None:
        return False
    readline.set_completer(completer(words))
    readline.set_completer_delims(" ")
    libedit = "libedit" in (readline.__doc__ or "")          # macOS's system Python
    readline.parse_and_bind("bind ^I rl_complete" if libedit else "tab: complete")
    readline.clear_history()
    return True


def forget() -> None:
    """Wipe the history (a hot-seat hand-over)."""
    readline = _readline()
    if readline is not None:
        readline.clear_history()
