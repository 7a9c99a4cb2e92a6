"""The instructor's moves in a result: the events injected on the class server (rule 15) and the end of
the talks there (rule 16). Only the class server makes them, each sealed with the session key for its
game: its table, its move number and the hash of the moves before it
(:func:`game.classroom.signing.inject_seal`, :func:`game.classroom.signing.end_seal`).

A result may hold them only if the instructor's side wrote it and sealed it whole
(:func:`game.classroom.signing.result_seal`): a game played from a seat folder, which no instructor
took part in, never holds one, whatever seal it carries (a seal copied from a class server's game of
the same table, say). In such a result each move's own seal is still checked, for this game; a seal of
the older kind (made before seals named the moves before them) is accepted there, and only there: the
whole seal, which no student can make, already says that the class server wrote this very game.

A game played from a seat folder holds the instructor's *planned* events (``classroom new --inject``) as
inject moves sealed ``planned`` (:mod:`game.classroom.planned`): no signature, they are checked against the
instructor's schedule instead (:func:`game.classroom.planned.planned_error`), not here.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.classroom.planned import is_planned
from game.classroom.signing import verify_end, verify_inject
from game.engine.actions import Action, EndTalks, Inject
from game.engine.record import moves_hash


def _what(action: Inject | EndTalks) -> str:
    return "injects events" if isinstance(action, Inject) else "ends the talks"


def _verified(key: str, session_id: str, table: int, index: int, action: Inject | EndTalks,
              before: str | None) -> bool:
    if isinstance(action, Inject):
        return verify_inject(key, session_id, table, index, action.events, before, action.seal)
    return verify_end(key, session_id, table, index, before, action.seal)


def instructed_moves(key: str, session_id: str, table: int, actions: Sequence[Action], sealed: bool) -> str | None:
    """Why the instructor's moves among ``actions`` are refused, or None when there are none or each
    carries the instructor's seal for this game (the rule in this module's docstring); ``sealed`` says
    whether the result carries the instructor's side's whole seal."""
    for index, action in enumerate(actions):
        if not isinstance(action, (Inject, EndTalks)) or (is_planned(action) and not sealed):
            continue                # a planned event's move: the instructor's schedule checks it (planned_error)
        if not sealed:
            return (f"its move {index + 1} {_what(action)}, which only the instructor does, on the class server: "
                    "a game played from a seat folder cannot hold that move (its seal comes from another game)")
        if not (_verified(key, session_id, table, index, action, moves_hash(actions[:index]))
                or _verified(key, session_id, table, index, action, None)):
            return f"its move {index + 1} {_what(action)} without the instructor's seal for this game"
    return None
