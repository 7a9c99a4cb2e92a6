"""Risky moves in the terminal game ask first (issue 13; the risks are :mod:`game.session.risks`): an offer that goes back on a red line the
player's side declared, that changes an offer it called final, or that crosses its government's own red lines; accepting an offer worth less
to the player's government than no deal (or one that breaks its word); and walking away.

A confirmation reads one line, typed or piped: ``y``/``yes`` goes ahead, ``n``/``no`` or an empty
line (the default) keeps talking, anything else is answered with a message and the question again.
Nothing is sent until the answer is yes, so a wrong key loses nothing. A piped script answers the
question on the line after its command (``walk`` then ``y``).
"""

from __future__ import annotations

from game.cli.wrap import echo
from game.engine.actions import PlayerAction, Walk
from game.engine.state import State
from game.session.risks import risks

YES, NO = ("y", "yes"), ("n", "no", "")


def ask(question: str) -> bool:
    """Ask ``question`` until the answer is yes or no (no by default); EOFError at the end of the input."""
    while True:
        answer = input(f"{question} [y/N] ").strip().lower()
        if answer in YES:
            return True
        if answer in NO:
            return False
        echo(f"  Please answer y (yes) or n (no): {answer!r} is neither. Nothing has been sent yet.")


def confirmed(state: State, party: str, action: PlayerAction) -> bool:
    """True when ``action`` is safe, or risky and the player says yes; on no, says that nothing was sent."""
    found = risks(state, party, action)
    if found is None:
        return True
    reasons, question = found
    for reason in reasons:
        echo(f"  {reason}")
    if ask(question):
        return True
    # a walk-out kept back is not a message kept back (player trial: Enter at "Walk away?" said "Not sent")
    echo("  You stay at the table: the talks go on, and your draft is as it was." if isinstance(action, Walk)
         else "  Not sent: nothing has changed; your draft is as it was.")
    return False
