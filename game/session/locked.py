"""Why a basket is locked, in words, and which message numbers a locked basket takes off the list.

A basket is locked for one of two reasons (docs/model.md): a definitions table left it outside the agreed
scope (rule D2: fixed at its first rung, "in_scope" false), or a lane settled it (the lock move). Newcomer
trial: "basket 3 is locked" said neither, and `messages` skipped numbers 12–16 and 34 without a word.
"""

from __future__ import annotations

from game.model.scenario import Scenario
from game.session.views import numbered_messages


def locked_why(scenario: Scenario, basket: int) -> str:
    """Why basket ``basket`` (0-based) is locked: "outside the agreed scope" or "settled in its lane"."""
    return "settled in its lane" if scenario.baskets[basket].in_scope else "outside the agreed scope"


def _spans(numbers: list[int]) -> str:
    """1, 2, 3, 7 -> "1–3 and 7"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def missing_messages(scenario: Scenario, locks: tuple[int, ...]) -> str:
    """A note for the numbered messages a locked basket took off the list ("" when none): which numbers, and
    the baskets and why they are locked; the numbers of the others stay as they were."""
    every = {n for n, _ in numbered_messages(scenario)}
    shown = {n for n, _ in numbered_messages(scenario, locks)}
    gone = sorted(every - shown)
    if not gone:
        return ""
    baskets = [f"{b.name} ({locked_why(scenario, i)})" for i, b in enumerate(scenario.baskets)
               if i < len(locks) and locks[i] >= 0]
    return (f"(Numbers {_spans(gone)} are the messages about locked baskets, left out: {'; '.join(baskets)}; "
            "the other numbers keep their meaning.)")
