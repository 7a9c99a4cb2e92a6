"""A player's unsent draft, kept beside the move log when the game is saved (the terminal and the window),
and in the window's hot seat the deals a player has been told and closed (behind their own curtain at a change
of tables, or at their turn).

The move log holds moves, not what a player was still composing. ``quit``, Ctrl-D or Ctrl-C
write each human's draft package to ``<log>.draft.json`` (atomically), and ``play --resume``
restores it, so edits not yet offered are not lost. The file is a convenience, never trusted:
one that is missing, too large, malformed, or whose packages do not fit the scenario (wrong
length, an option out of range, a party that is not a human of this game) is ignored with a
message saying why, and the player starts from the government's best package as before.
The file is removed when the game ends.

``told`` lists, as [player, table] pairs, the deals a player was told at the change of tables
(:func:`game.session.untold.told_at_change`) or at their next turn (:func:`game.session.untold.untold_deal`):
the moves cannot say whether that curtain was passed, or the deal closed, before the game was saved (nobody
moved since), so the window writes the pairs here, in the same atomic write as the drafts, once the
player closed the deal; a loaded game tells a deal not listed, and never one listed. A bad ``told`` is
ignored (the deal is told again rather than never).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from game.atomic import write_atomically
from game.model.scenario import Scenario
from game.engine.searched import SearchedTable
from game.engine.state import State
from game.safeio import Unreadable, read_json

LIMIT = 64 * 1024

# What the starting draft is (:func:`starting_draft`), in the words of every front-end's text (the terminal's
# prompt and 'best', the printed brief): one sentence, so that no text says one measure and the code another.
STARTS_AT = ("the package best for your government at expected value, crossing none of its red lines. Expected "
             "value is what the game bargains on: the chances of approval at home and of the deal being kept are "
             "counted (where nothing binds, the value on paper is used), so this package can differ from the "
             "brief's best on paper")


def path_of(log: Path) -> Path:
    """Where the drafts of the game logged at ``log`` are kept."""
    return log.with_name(log.name + ".draft.json")


def save(log: Path, drafts: dict[str, list[int]], told: Iterable[tuple[str, int]] = ()) -> None:
    """Keep ``drafts`` (party -> option index per basket, then the form) and ``told`` (the (player, table)
    pairs of the deals told and closed) beside the log, in one atomic write; nothing when both
    are empty."""
    pairs = sorted(set(told))
    if drafts or pairs:
        data = {"drafts": drafts, **({"told": [list(p) for p in pairs]} if pairs else {})}
        write_atomically(path_of(log), json.dumps(data, sort_keys=True).encode())


def load(log: Path, scenario: Scenario, humans: tuple[str, ...]) -> tuple[dict[str, list[int]], str | None]:
    """(the saved drafts that fit ``scenario``, why the file was ignored or None)."""
    where = path_of(log)
    if not where.exists():
        return {}, None
    try:
        data = read_json(where, LIMIT)
    except Unreadable as exc:
        return {}, f"{where}: {exc}"
    sizes = [len(b.options) for b in scenario.baskets] + [len(scenario.forms)]
    drafts = data.get("drafts") if isinstance(data, dict) else None
    if not isinstance(drafts, dict):
        return {}, f"{where}: expected an object with 'drafts', found {type(data).__name__}"
    out: dict[str, list[int]] = {}
    for party, draft in drafts.items():
        if party not in humans:
            return {}, f"{where}: drafts.{party}: not a player of this game (expected one of: {', '.join(humans)})"
        if (not isinstance(draft, list) or len(draft) != len(sizes)
                or not all(type(x) is int and 0 <= x < n for x, n in zip(draft, sizes))):
            return {}, (f"{where}: drafts.{party}: expected {len(sizes)} option numbers within each basket's "
                        f"ladder, found {json.dumps(draft)[:80]}")
        out[party] = list(draft)
    return out, None


def told(log: Path, humans: tuple[str, ...], tables: int) -> set[tuple[str, int]]:
    """The (player, table) pairs saved as told beside ``log``: each a player of ``humans`` and a table number
    below ``tables``; empty when the file or its ``told`` is missing or bad."""
    try:
        data = read_json(path_of(log), LIMIT)
    except (Unreadable, OSError):
        return set()
    pairs = data.get("told") if isinstance(data, dict) else None
    if not isinstance(pairs, list):
        return set()
    out = {(p[0], p[1]) for p in pairs if isinstance(p, list) and len(p) == 2 and p[0] in humans
           and type(p[1]) is int and 0 <= p[1] < tables}
    return out if len(out) == len(pairs) else set()


def discard(log: Path) -> None:
    """Remove the saved drafts (the game is over)."""
    path_of(log).unlink(missing_ok=True)


def own_best(scenario: Scenario, role: str) -> list[int]:
    """The seat's own best package: on each basket the option its government values most, and its
    preferred agreement form (the brief's "best for you"). Read from its own values alone: a best by
    expected value would mix in what the other government ratifies and keeps."""
    me = scenario.party(role)
    out = [max(range(len(b.options)), key=lambda i: me.values.get(b.id, {}).get(b.options[i].id, 0.0))
           for b in scenario.baskets]
    return out + [max(range(len(scenario.forms)), key=lambda i: me.form_values.get(scenario.forms[i].id, 0.0))]


def starting_draft(state: State, party: str) -> list[int]:
    """Where an offer starts, on every front-end (the terminal's draft and its ``best``, the window's draft, the
    class page's form), and the package the printed brief names: the package best for the seat's government
    at *expected* value as its delegation sees it (the value the game bargains on, docs/model.md: chances of
    approval and of being kept counted), crossing none of its red lines and keeping each locked basket (a lane
    settled, or one a definitions phase left out of the scope) at its lock. It can differ from the brief's
    best on paper (:func:`own_best`), which is the fallback when the table offers no such package or the seat
    does not sit at it (newcomer trial, 1933 as the Soviet Union: the draft on paper, worth 0.466 expected,
    while the other side's first counter was worth 0.702; instructor trial: the terminal and the page
    started at different packages)."""
    tables = state.tables
    if tables is not None and party in tables.problem.party_ids:
        table = tables.of(party)
        order = table.order
        locked = any(lock >= 0 for lock in state.locks)
        if locked and isinstance(table, SearchedTable):    # a space too large to tabulate: searched under the locks
            order, _ = table.candidates(state.locks)
        elif locked:
            digits = np.unravel_index(order, tables.problem.shape)
            keep = np.ones(len(order), dtype=bool)
            for i, lock in enumerate(state.locks):
                if lock >= 0:
                    keep &= digits[i] == lock
            order = order[keep]
        if len(order):
            return [int(d) for d in np.unravel_index(int(order[0]), tables.problem.shape)]
    best = own_best(state.scenario, party)
    return [lock if lock >= 0 else b for b, lock in zip(best, state.locks)] + best[len(state.locks):]
