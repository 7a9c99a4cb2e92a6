"""How large an outcome space the negotiation engine can hold in memory.

The engine (:mod:`game.engine.tables`) keeps several per-outcome arrays for every delegation at a
table (utilities, red-line masks and a sorted order), about 80 bytes per outcome in all, so a
table of :data:`MAX_PLAYABLE_OUTCOMES` packages takes about 0.8 GB. ``play``, ``simulate`` and
``classroom new`` refuse a scenario beyond it, with the reason, before allocating anything;
``lint`` warns about it (``too-large-to-play``) and ``analyze`` still analyses it basket by
basket. The size of a table is the product of the number of options of every basket and the
number of agreement forms.
"""

from __future__ import annotations

import math

from game.errors import GameError
from game.model.scenario import Scenario

MAX_PLAYABLE_OUTCOMES = 10_000_000


def outcome_count(scenario: Scenario) -> int:
    """The number of packages at a table: every basket's options times the forms."""
    return math.prod(len(b.options) for b in scenario.baskets) * len(scenario.forms)


def too_large_to_play(scenario: Scenario) -> str | None:
    """Why the engine cannot play ``scenario`` (its size and the limit), or None when it can."""
    count = outcome_count(scenario)
    if count <= MAX_PLAYABLE_OUTCOMES:
        return None
    sizes = sorted({len(b.options) for b in scenario.baskets})
    per = str(sizes[0]) if len(sizes) == 1 else f"{sizes[0]} to {sizes[-1]}"
    shape = f"{len(scenario.baskets)} baskets of {per} options, {len(scenario.forms)} forms"
    return (f"the outcome space has {count:,} packages ({shape}); the negotiation engine holds at most "
            f"{MAX_PLAYABLE_OUTCOMES:,} in memory (about 0.8 GB): remove options or baskets to play it "
            "('analyze' still analyses it basket by basket)")


def check_playable(scenario: Scenario) -> None:
    """GameError, naming the file, when the engine cannot hold ``scenario``'s outcome space; called
    before anything is built or written (a log, a session folder)."""
    why = too_large_to_play(scenario)
    if why is not None:
        raise GameError(f"{scenario.path + ': ' if scenario.path else ''}cannot play this scenario: {why}")
