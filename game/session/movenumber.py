"""The number of a move as people read it, from the number a move log gives it.

Rule: a move log numbers every action, chance's (the values each delegation perceives, each round's start,
the votes at home, compliance) and the instructor's (an injected event, the end of the talks) among the
delegations' own. People read a move list of the delegations' moves (offers, acceptances, walk-outs, locks;
the events are lines between them, unnumbered), so every page, debrief and grade sheet that says "from
move N" counts those alone: N is 1 + the delegations' moves made before the log's move. The logs and their
seals keep their own numbers (instructor trial: "AI since move 8" of a table whose move list had 5 lines).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.actions import Accept, Lock, Offer, Walk

# what the moves people read count: the delegations' moves (an event is a line, not a move)
COUNTED = "moves counted as the move list shows them: the delegations' offers and answers, not the events"


def seen_move(history: Sequence[object], start: int) -> int:
    """The number (1-based) people read for the log's move ``start`` (0-based, every action counted): one
    more than the delegations' moves in ``history`` before it."""
    return 1 + sum(1 for action in history[:start] if isinstance(action, (Offer, Accept, Walk, Lock)))
