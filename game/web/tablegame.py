"""One table's game as the class server holds it in memory, rebuilt from its move log at every start."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.folder import Session
from game.classroom.results import write_result
from game.engine.state import State
from game.errors import GameError
from game.session.game import GameSession, Moment, replayed_moments
from game.session.movelog import handovers_of, played_personas, restore


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
    whys: dict[int, str] = {}                    # the AI's reasons, re-derived as the replay checks its moves
    contents, scenario, state, _ = restore(path, whys=whys)
    starts = {p: h.start for p, h in handovers_of(contents, scenario).items()}
    return state, replayed_moments(scenario, contents.actions, whys), starts


def finish_table(tg: TableGame, session: Session, key: str, log: Path | None) -> bool:
    """Close a finished game's log and write its result once, signed by the server (``key``), in the format of
    ``classroom debrief``: mode ``ai`` with one student, ``hot-seat`` with more; the seats handed to the AI are
    sealed in it (``ai_from``). ``log`` is the move log, read for the personas when the game was already
    closed (a server restarted on a finished game). Sets ``tg.result`` to the result's path, or to
    "not written: <why>"; False when a result was written before (nothing done)."""
    started, personas = "", None
    if tg.game is not None:
        tg.game.close()
        started, personas = str(tg.game.header.get("started", "")), tg.game.personas
        tg.game = None
    if tg.result:
        return False
    mode = "ai" if len(tg.humans) == 1 else "hot-seat"
    try:
        if personas is None:
            if log is None:
                raise GameError(f"table {tg.table}: no move log to read its personas from")
            contents, scenario, _, _ = restore(log)
            personas = played_personas(contents, scenario)
            started = str(contents.header.get("started", ""))
        path = write_result(session, tg.table, tg.humans[0], mode, tg.state, tg.humans, personas, started,
                            served_by=key, ai_from=tg.handovers)
        tg.result = str(path)
    except (OSError, GameError) as exc:
        tg.result = f"not written: {exc}"
    return True
