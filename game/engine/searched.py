"""A delegation's table when the outcome space is too large to tabulate (docs/model.md, "Play at any size").

Same attributes as :class:`game.engine.tables.DelegationTable`, so the rules, the AIs and the
front-ends read either one: ``order``, ``sorted_neg`` and ``best`` come from the candidates of
:mod:`game.engine.search` ranked by the perceived expected value; every per-outcome attribute
(``perceived``, ``expected``, ``true_u``, ``in_force``, ``entry``, ``paper_seen``, ``ok``) is a
:class:`Column` that values the outcomes it is asked about, when it is asked (one row of the
row-by-row valuation, :func:`game.engine.valuation.value_deals`, the same model the grid valuation
computes), and keeps the last few thousand. Memory is a few megabytes whatever the size of the
space. The candidates under a set of locks are searched again, with the locked baskets fixed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.engine.pact import PactTerms, deal_terms, pact_terms
from game.engine.search import basket_frontier, with_forms
from game.engine.valuation import EntryTable, entry_chances, entry_table, expected_in_force
from game.model.problem import BargainingProblem
from game.model.scenario import Party, Scenario

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

FIELDS = ("true_u", "perceived", "expected", "in_force", "entry", "paper_seen", "ok")
MEMO = 8192          # outcomes whose values a table keeps
CHUNK = 1 << 14      # rows valued at once
SEARCHES = 16        # sets of locks whose candidates a table keeps


@dataclass(frozen=True, eq=False)
class PairValuer:
    """The row-by-row valuation of the two delegations at a table, its terms computed once."""

    scenario: Scenario
    parties: tuple[Party, Party]
    pair: BargainingProblem           # the pair's problem (red lines of both merged into ``allowed``)
    binding: bool = True              # False: non-binding talks, valued on paper (rule 14)
    terms: PactTerms = field(init=False)
    entry_rules: EntryTable = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", pact_terms(self.scenario, self.parties))
        object.__setattr__(self, "entry_rules", entry_table(self.scenario, self.parties))

    def value(self, digits: IntArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """(paper (n, 2), E (n, 2), P(entry) (n,), V (n, 2)) of deals ``(n, B + 1)``, as
        :func:`game.engine.valuation.value_deals` gives them (no entry across either side's red line)."""
        allowed = np.ones(len(digits), dtype=bool)
        for i, ok in enumerate(self.pair.allowed):
            allowed &= ok[digits[:, i]]
        if not self.binding:                                   # rule 14: nothing enters into force
            paper_only = (np.concatenate([deal_terms(self.terms, digits[low:low + CHUNK]).paper
                                          for low in range(0, len(digits), CHUNK)])
                          if len(digits) else np.zeros((0, 2)))
            return paper_only, paper_only, np.ones(len(digits)), paper_only
        paper, in_force, entry = [], [], []
        for low in range(0, len(digits), CHUNK):
            part = digits[low:low + CHUNK]
            d = deal_terms(self.terms, part)
            e = expected_in_force(self.terms, d)
            paper.append(d.paper)
            in_force.append(e)
            entry.append(entry_chances(self.entry_rules, part[:, -1], e).prod(axis=1) * allowed[low:low + CHUNK])
        if not paper:
            empty = np.zeros((0, 2))
            return empty, empty, np.zeros(0), empty
        p, e, pe = np.concatenate(paper), np.concatenate(in_force), np.concatenate(entry)
        v = pe[:, None] * e + (1 - pe[:, None]) * self.terms.reservation[None, :]
        return p, e, pe, v


class SearchedTable:
    """One delegation's view of a table whose outcomes are not tabulated (see the module docstring)."""

    searched = True

    def __init__(self, party_id: str, column: int, valuer: PairValuer, own: BargainingProblem,
                 seen: BargainingProblem) -> None:
        self.party_id = party_id
        self.column = column
        self.valuer = valuer
        self.own = own                    # its own problem: its red lines
        self.seen = seen                  # its problem as it perceives its values (no noise: its own)
        self._memo: OrderedDict[int, tuple[float, ...]] = OrderedDict()
        self._searched: dict[tuple[int, ...], tuple[IntArray, FloatArray]] = {}
        for name in FIELDS:
            setattr(self, name, Column(self, FIELDS.index(name)))
        self.order, self.sorted_neg = self.candidates(())
        self.best = float(-self.sorted_neg[0]) if len(self.order) else 0.0

    # ------------------------------------------------------------------ values of given outcomes
    def rows(self, indices: IntArray) -> FloatArray:
        """``(n, 7)``: the :data:`FIELDS` of outcomes ``indices`` (``ok`` as 0/1)."""
        problem = self.valuer.pair
        digits = problem.decode(np.asarray(indices, dtype=np.int64).reshape(-1))
        paper, in_force, entry, value = self.valuer.value(digits)
        s = self.column
        seen = self.seen_paper(digits)
        ok = np.ones(len(digits), dtype=bool)
        for i, allowed in enumerate(self.own.allowed):
            ok &= allowed[digits[:, i]]
        perceived = value[:, s] + entry * (seen - paper[:, s])
        return np.stack([paper[:, s], perceived, value[:, s], in_force[:, s], entry, seen, ok.astype(float)], axis=1)

    def seen_paper(self, digits: IntArray) -> FloatArray:
        """Its perceived value on paper of deals ``(n, B + 1)``, summed basket by basket in order."""
        total = np.zeros(len(digits))
        for i, table in enumerate(self.seen.tables):
            total = total + table[digits[:, i], 0]
        return total

    def row(self, index: int) -> tuple[float, ...]:
        hit = self._memo.get(index)
        if hit is None:
            hit = tuple(float(x) for x in self.rows(np.array([index]))[0])
            if len(self._memo) >= MEMO:
                self._memo.popitem(last=False)
            self._memo[index] = hit
        return hit

    # ------------------------------------------------------------------ candidates
    def candidates(self, locks: Sequence[int]) -> tuple[IntArray, FloatArray]:
        """(outcome indices, minus their perceived V) of the candidates under ``locks`` (one digit per
        issue, -1 when free; empty: none), best first, ties in outcome order."""
        key = tuple(int(x) for x in locks)
        if key in self._searched:
            return self._searched[key]
        pair = self.valuer.pair
        n_baskets = len(pair.shape) - 1
        allowed = []
        for i, ok in enumerate(pair.allowed):
            mask = ok & self.own.allowed[i]
            if key and key[i] >= 0:
                mask = mask & (np.arange(len(ok)) == key[i])
            allowed.append(mask)
        mine = [t[:, 0] for t in self.seen.tables[:n_baskets]]
        theirs = [t[:, 1 - self.column] for t in pair.tables[:n_baskets]]
        digits = basket_frontier(mine, theirs, allowed[:n_baskets])
        digits = with_forms(digits, np.flatnonzero(allowed[-1]).tolist())
        indices = np.unique(pair.encode(digits)) if len(digits) else np.zeros(0, dtype=np.int64)
        values = self.rows(indices)
        for index, row in zip(indices.tolist(), values.tolist()):
            self._memo[index] = tuple(row)
        while len(self._memo) > MEMO:
            self._memo.popitem(last=False)
        perceived = values[:, 1]
        order = np.lexsort((indices, -perceived))
        result = (indices[order], -perceived[order])
        if len(self._searched) >= SEARCHES:
            self._searched.pop(next(k for k in self._searched if k))      # the unlocked search is kept
        self._searched[key] = result
        return result


class Column:
    """One attribute of every outcome, valued when indexed (an int, or an array of indices)."""

    def __init__(self, table: SearchedTable, position: int) -> None:
        self.table = table
        self.position = position

    def __getitem__(self, index: Any) -> Any:
        if np.ndim(index) == 0:
            value = self.table.row(int(index))[self.position]
            return bool(value) if FIELDS[self.position] == "ok" else value
        values = self.table.rows(np.asarray(index))[:, self.position]
        return values.astype(bool) if FIELDS[self.position] == "ok" else values

    def __len__(self) -> int:
        return self.table.valuer.pair.size
