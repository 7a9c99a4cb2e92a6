"""One table's game as the class server holds it in memory, rebuilt from its move log at every start."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.state import State
from game.session.game import GameSession, Moment, replayed_moments
from game.session.movelog import handovers_of, restore


@dataclass
class TableGame:
    """One table's game in memory (rebuilt from its move log at every start of the server)."""

    table: int
    humans: tuple[str, ...]
    state: State
    moments: list[Moment]
    game: GameSession | None                    # None once over (the log is closed)
    final: bool = False
    result: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    version: int = 0                            # bumped at every change (dashboards, tests)
    # the seats the instructor handed to the AI mid-game (their student had left): the AI's first move, 0-based
    handovers: dict[str, int] = field(default_factory=dict)


def replayed(path: Path) -> tuple[State, list[Moment], dict[str, int]]:
    """A finished game's final state, every move, and the seats handed to the AI mid-game, from its log."""
    contents, scenario, state, _ = restore(path)
    starts = {p: h.start for p, h in handovers_of(contents, scenario).items()}
    return state, replayed_moments(scenario, contents.actions), starts
