"""Which result counts for each seat: one per table and role, every attempt listed, missing seats named.

The rule, for each seat (a role at a table), among the accepted results that speak for it and
were played against the session's AI:

1. a result the instructor chose (``classroom debrief --count FILE``) counts;
2. else students' results (against the AI, hot-seat, face to face) come before simulated previews;
3. else the earliest game counts (by the time it started, then by file name): playing again
   never improves a seat's score.

Every other result for the seat is listed as an attempt; a seat with no result is named missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.classroom.checks import Accepted
from game.classroom.folder import Session


@dataclass(frozen=True)
class Seat:
    table: int
    role: str
    counted: Accepted | None
    attempts: tuple[Accepted, ...]     # every result for this seat, the counted one included
    how: str                           # why the counted one counts ("" when missing)


def _matches(result: Accepted, chosen: Sequence[Path]) -> bool:
    return any(result.path == c or result.path.resolve() == c.resolve() or result.path.name == str(c)
               for c in chosen)


def tally(session: Session, accepted: Sequence[Accepted], chosen: Sequence[Path] = ()) -> list[Seat]:
    """One :class:`Seat` per table and role of the session, in table then role order."""
    seats = []
    for table, _ in session.tables:
        for role in session.roles:
            mine = [a for a in accepted if a.table == table and role in a.seats and a.apart is None]
            mine.sort(key=lambda a: (a.mode == "simulated", a.started or "~", a.path.name))
            picked = [a for a in mine if _matches(a, chosen)]
            if picked:
                counted, how = picked[0], "chosen by the instructor (--count)"
            elif mine:
                counted = mine[0]
                how = "the only result" if len(mine) == 1 else (
                    f"the first of {len(mine)} results (by the time the game started); "
                    "'--count FILE' chooses another")
                if counted.mode == "simulated":
                    how = "a simulated preview: no student's result" + ("" if len(mine) == 1 else f" ({how})")
            else:
                counted, how = None, ""
            seats.append(Seat(table, role, counted, tuple(mine), how))
    return seats


def unknown_choices(accepted: Sequence[Accepted], chosen: Sequence[Path]) -> list[Path]:
    """The ``--count`` files that name no accepted result (the instructor is told)."""
    return [c for c in chosen if not any(_matches(a, [c]) for a in accepted)]
