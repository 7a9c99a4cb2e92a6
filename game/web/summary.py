"""A table's line on the instructor's dashboard (and, without names and moves, on the projector).

Rules:

* No seat's values: the last move is described for no viewer (:func:`game.session.views.describe`),
  in one line, with what followed it (a phase's end, its effects) apart.
* Each claimed seat says whether its student is connected, or since when they are away
  (``presence``; "since" is None for a seat not seen since the server started), and which seats the
  instructor may hand to the AI now (``can_hand_over``: away, played by a student, at a table still
  bargaining); a seat handed over says from which move the AI plays it (``ai_since_move``, 1-based,
  as the move list and the debrief count moves: :func:`game.session.movenumber.seen_move`), and whose move the table waits for (``to_move``, while it bargains).
* A seat nobody took is named by the server (``empty``): the AI where a game is played, "not
  joined" where none is (a table nobody joined, or face to face).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from game.engine.state import Stage
from game.session.movenumber import seen_move
from game.session.names import round_words
from game.session.views import describe
from game.web import facetoface
from game.web.tables import Classroom


def rejoined(classroom: Classroom, table: int) -> dict[str, str]:
    """Per role of ``table``, the name its seat was claimed again under after the start, where it differs from
    the seat's first name (:meth:`game.web.tables.Classroom.names`, the name it is graded under)."""
    first = classroom.store.first_names()
    return {s.role: s.name for s in classroom.store.seats()
            if s.table == table and first.get((s.table, s.role), s.name) != s.name}


def table_summary(classroom: Classroom, table: int, connected: Collection[str] = (),
                  away: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The table's line: ``connected``, the roles with a page open now; ``away``, when each other seat's
    last page closed (the server's clock)."""
    names = classroom.names()
    seats = {r: names.get((table, r)) for r in classroom.session.roles}
    out: dict[str, Any] = {"table": table, "seats": seats, "joined": sum(1 for n in seats.values() if n),
                           "presence": {r: {"connected": r in connected, "since": None if r in connected
                                            else (away or {}).get(r)} for r, name in seats.items() if name},
                           "ai_since_move": {}, "can_hand_over": [],
                           # a student back under another name: the seat keeps its first name, this one beside it
                           "rejoined_as": rejoined(classroom, table)}
    if facetoface.mode(classroom) == "face-to-face" and classroom.started:
        out.update(facetoface.summary(classroom, table))
        return out
    tg = classroom.tables.get(table)
    if tg is None:
        out.update(status="waiting" if not classroom.started else "not played",
                   empty="—" if not classroom.started else "not joined")
        return out
    s = tg.state
    last: list[tuple[str, str]] = []
    for m in reversed(tg.moments):       # the last move that says something (a quiet round start does not)
        if last := describe(m.before, m.action, m.after, ""):
            break
    over = s.stage is Stage.OVER
    final = s.binding_result
    handed = dict(tg.handovers)
    out.update(status="over" if over else ("final response" if tg.final else "playing"), empty="AI",
               phase=s.phase_def.name if s.scenario.phases else "talks", round=round_words(s.round, s.protocol.rounds),
               # the move in one line; what followed it (a phase's end, its effects) apart, for a <details>
               last=last[0][1] if last else "", last_more=[text for _, text in last[1:]], version=tg.version,
               outcome=None if not over else ("deal" if final and final.agreement is not None else "no deal"),
               deal=None if not over or not final or final.agreement is None else list(final.agreement),
               # whether the deal entered into force (every government's vote at home said yes)
               in_force=None if not over or not final or final.agreement is None else
               bool(s.entered) and all(ok for _, ok in s.entered or ()),
               result=tg.result, ai_since_move={r: seen_move(s.history, n) for r, n in handed.items()},
               # whose move the table waits for (a student's or an AI's): a table stuck on an away student shows
               to_move=None if over or s.stage is not Stage.NEGOTIATE else s.to_move,
               can_hand_over=[] if over or tg.game is None else
               [r for r in tg.humans if r not in handed and r not in connected and seats.get(r)])
    return out
