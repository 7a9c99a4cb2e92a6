"""How large an outcome space the negotiation engine tabulates, and how large it plays at all.

The size of a table is the product of the number of options of every basket and the number of
agreement forms.

* Up to :data:`EXACT_TABLE_OUTCOMES` packages the engine (:mod:`game.engine.tables`) values every
  package once per negotiation and keeps several per-outcome arrays for every delegation at a table
  (about 80 bytes per package): the AI's moves are binary searches in exact sorted tables. The limit
  was set just above the largest shipped scenario of its day (``ryabkov_2017`` then had 3,145,728
  packages; 786,432 since issue 9's repairs) because every shipped scenario's golden game must stay as
  it is; it is not set by cost. Measured on the 2-core
  reference machine (``/usr/bin/time`` around ``simulate --games 3``): ``ryabkov_2017`` takes 41 s of
  CPU and peaks at 1.8 GB with exact tables (each game's perception noise rebuilds them), 1.1 s and
  57 MB by search, for the same deals within 0.005 on paper and 0.001 in expected value; 9 baskets
  of 5 options (3.9 million, no noise) take 3.5 s and 0.69 GB exact, 8 of 7 (11.5 million) 7.7 s
  and 1.8 GB exact, 1.0 s and 54 MB by search. Lowering the limit below 3,145,728 would make
  ``ryabkov_2017`` fast and small at the price of a new golden game (docs/model.md, "Play at any size").
* Above it, the engine does not enumerate: each delegation bargains over candidates found by a
  search over the additive part of the valuation, basket by basket, ranked by the full expected
  value (:mod:`game.engine.search`, :mod:`game.engine.searched`), and values any other package only
  when it is offered. Memory and time per move no longer depend on the size of the space.
* Above :data:`MAX_PLAYABLE_OUTCOMES` even that is impossible, because a package is numbered by one
  64-bit integer (move logs, replays, the AI's candidate lists): ``validate`` refuses such a
  scenario with the reason, and ``play``, ``simulate`` and ``classroom new`` refuse it before
  allocating anything.
"""

from __future__ import annotations

import math

from game.errors import GameError
from game.model.scenario import Scenario
from game.words import count, plural

EXACT_TABLE_OUTCOMES = 3_200_000
MAX_PLAYABLE_OUTCOMES = 2 ** 62
SERVED_MEMORY = 2 * 1024**3        # what a served class's tables may hold together on an instructor's laptop
SERVED_PACKAGE_BYTES = 120         # measured: a served table of ryabkov_2017 (786,432 packages) holds ~90 MB
SEARCHED_TABLE_BYTES = 64 * 1024**2  # a table past EXACT_TABLE_OUTCOMES: search, whatever the size (57 MB)


def outcome_count(scenario: Scenario) -> int:
    """The number of packages at a table: every basket's options times the forms."""
    return math.prod(len(b.options) for b in scenario.baskets) * len(scenario.forms)


def size_problem(options: list[int], forms: int) -> str | None:
    """Why a table of baskets with ``options`` options each and ``forms`` forms cannot be played
    (its size and the limit), or None when it can."""
    packages = math.prod(options) * forms
    if packages <= MAX_PLAYABLE_OUTCOMES:
        return None
    sizes = sorted(set(options))
    per = str(sizes[0]) if len(sizes) == 1 else f"{sizes[0]} to {sizes[-1]}"
    shape = f"{count(len(options), 'basket')} of {per} {plural(sizes[-1], 'option')}, {count(forms, 'form')}"
    return (f"the outcome space has {packages:,} packages ({shape}); the negotiation engine numbers every package "
            f"with one 64-bit integer, so it plays at most {MAX_PLAYABLE_OUTCOMES:,} (2^62): remove options "
            "or baskets to play it")


def too_large_to_play(scenario: Scenario) -> str | None:
    """Why the engine cannot play ``scenario`` (its size and the limit), or None when it can."""
    return size_problem([len(b.options) for b in scenario.baskets], len(scenario.forms))


def check_playable(scenario: Scenario) -> None:
    """GameError, naming the file, when the engine cannot play ``scenario``'s outcome space; called
    before anything is built or written (a log, a session folder)."""
    why = too_large_to_play(scenario)
    if why is not None:
        raise GameError(f"{scenario.path + ': ' if scenario.path else ''}cannot play this scenario: {why}")


def served_tables_at_most(outcomes: int) -> int:
    """How many tables of ``outcomes`` packages the class server holds within :data:`SERVED_MEMORY`: each
    keeps its valuation tables, about :data:`SERVED_PACKAGE_BYTES` a package up to
    :data:`EXACT_TABLE_OUTCOMES`, :data:`SEARCHED_TABLE_BYTES` a table above it (search)."""
    per_table = outcomes * SERVED_PACKAGE_BYTES if outcomes <= EXACT_TABLE_OUTCOMES else SEARCHED_TABLE_BYTES
    return max(1, SERVED_MEMORY // per_table)


def too_large_to_serve(outcomes: int, tables: int) -> str | None:
    """Why the class server should not serve ``tables`` tables of ``outcomes`` packages, or None."""
    most = served_tables_at_most(outcomes)
    if tables <= most:
        return None
    return (f"{count(tables, 'table')} of a scenario of {count(outcomes, 'package')} would need more memory than a "
            f"laptop should give them; the class server serves at most {count(most, 'table')} of it: make the session "
            "with fewer tables "
            f"('classroom new ... --tables {most}'), or play it with the file-based classroom")
