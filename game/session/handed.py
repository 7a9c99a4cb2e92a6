"""What a debrief says of a seat the instructor handed to the AI mid-game after its student left (a handover
point: the seat's first move played by the AI, 0-based among the game's moves, as the move log records it).

Rule: every front-end that shows that seat's debrief (the class page, the window loading the class's move log)
says it in these words, with the move numbered as the move list numbers it
(:func:`game.session.movenumber.seen_move`), and gives the score as the table's for the seat, not credited to
the student; what the debrief says of "your offers" counts the student's own moves alone
(:func:`game.session.diagnosis.diagnose`'s ``ai_from``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from game.session.movenumber import seen_move


def handed_over_words(history: Sequence[object], ai_from: int, score: Literal["above", "below"] = "above") -> str:
    """The debrief's sentence for a seat handed to the AI from the log's move ``ai_from``; ``score`` says
    where the seat's score stands on the page, before or after this sentence."""
    return (f"Your instructor handed your seat to the AI after you left: the AI played it from move "
            f"{seen_move(history, ai_from)} on. The score {score} is your table's for this seat and is not "
            f"credited to you; what this debrief says of your offers counts only the moves you made yourself.")


def handed_score_label(history: Sequence[object], ai_from: int | None) -> str:
    """The label of the seat's score: its government's, or, when the seat was handed to the AI from the log's
    move ``ai_from``, the table's and not credited to the student."""
    if ai_from is None:
        return "Your score (the deal's expected value to your government)"
    return (f"Your table's score for this seat, not credited to you (the AI played it from move "
            f"{seen_move(history, ai_from)}; the deal's expected value to your government)")
