"""The instructor's events (``POST /api/admin/inject``): one of the scenario's round events made to happen now
at one table or at every table playing (rule 15 of :mod:`game.engine.rules`).

Rules: refused after the talks ended, face to face (no game is played), before the start, for an event the
scenario does not have and for a table it does not have. Each game takes it as a move of its own log, sealed
by the instructor (:func:`game.classroom.signing.inject_seal`); a table that cannot take it now (its talks
over, an AI or chance moving, or the event not of its phase) is skipped and told why, and when no table took
it, ClassError says why for each.
"""

from __future__ import annotations

from game.classroom.signing import inject_seal
from game.engine.actions import Inject
from game.engine.record import moves_hash
from game.engine.rules import IllegalMoveError
from game.web.tables import NOT_STARTED, ClassError, Classroom


def inject(c: Classroom, event: str, table: int | None = None) -> tuple[list[int], dict[int, str]]:
    """Make the scenario's round event ``event`` happen now at ``table`` (None: every table playing),
    sealed by the instructor and logged in each game's own move log (rule 15); returns (the tables
    it reached, why each other table was skipped). ClassError when it reached none, or face to face."""
    c.not_ended("no event can happen now")
    if c.mode == "face-to-face":
        raise ClassError("This class negotiates face to face: no game is played here, so no event can happen.")
    if not c.started:                   # instructor trial: "No table could take this event: ." before the start
        raise ClassError(NOT_STARTED + "no table is playing, so no event can happen. Start the class first.")
    known = {e.id: e for e in c.session.scenario.events}
    if event not in known:
        raise ClassError(f"The scenario has no event {event!r}.")
    if table is not None and table not in {k for k, _ in c.session.tables}:
        raise ClassError(f"There is no table {table}.")
    targets = [table] if table is not None else sorted(c.tables)
    done: list[int] = []
    skipped: dict[int, str] = {}
    for k in targets:
        tg = c.tables.get(k)
        if tg is None:
            skipped[k] = "not playing"
            continue
        with tg.lock:
            game = tg.game
            if game is None or tg.final or game.to_move is None:
                skipped[k] = "its talks are over" if game is None or tg.final else "busy: try again"
                continue
            history = game.state.history
            seal = inject_seal(c.key, c.session.id, k, len(history), (event,), moves_hash(history))
            try:
                game.instruct(Inject((event,), seal))
            except IllegalMoveError as exc:
                phase = game.state.phase_def.name
                skipped[k] = (f"'{known[event].text}' cannot happen at '{phase}'" if "cannot fire" in str(exc)
                              else str(exc).split(": ", 1)[-1])        # the event's words, not its id
                continue
            c.sync(tg)
            done.append(k)
    if not done:
        raise ClassError("No table could take this event: " + "; ".join(
            f"table {k}: {why}" for k, why in sorted(skipped.items())) + ".")
    return done, skipped
