"""A discrete, additive multi-issue bargaining problem.

The outcome space is the Cartesian product of the issues' values; outcome
``k`` is the mixed-radix number whose digits are the chosen value indices,
first issue most significant (NumPy C order). Every party's utility is
additive over issues::

    U_p(o) = sum_i T_i[o_i, p]

where ``T_i`` (shape ``(k_i, P)``) already holds the weighted, normalised
contribution of issue ``i``. Utilities of all outcomes are built in one
vectorised pass as an ``(n, P)`` matrix, summing issues in order so that
every other routine that sums the same tables gets bit-identical numbers.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class BargainingProblem:
    """Issues, additive utility tables, option vetoes and reservation values.

    Attributes:
        party_ids: one id per party, the column order of every utility array.
        issues: issue ids, in outcome-digit order.
        values: for each issue, the ids of its values.
        tables: for each issue, a ``(k_i, P)`` array of utility contributions.
        allowed: for each issue, a ``(k_i,)`` mask, False where some party has
            a red line on that value.
        reservation: ``(P,)`` utility of no deal for each party.
    """

    party_ids: tuple[str, ...]
    issues: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    tables: tuple[FloatArray, ...]
    allowed: tuple[BoolArray, ...]
    reservation: FloatArray

    def __post_init__(self) -> None:
        n_parties = len(self.party_ids)
        if not (len(self.issues) == len(self.values) == len(self.tables) == len(self.allowed)):
            raise ValueError("issues, values, tables and allowed must have one entry per issue")
        for issue, vals, table, ok in zip(self.issues, self.values, self.tables, self.allowed):
            if table.shape != (len(vals), n_parties) or ok.shape != (len(vals),):
                raise ValueError(f"issue {issue!r}: table or mask shape does not match its values")
        if self.reservation.shape != (n_parties,):
            raise ValueError("reservation must have one value per party")

    @property
    def n_parties(self) -> int:
        return len(self.party_ids)

    @cached_property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(v) for v in self.values)

    @property
    def size(self) -> int:
        """Number of outcomes (an exact Python int, possibly astronomically large)."""
        return math.prod(self.shape)

    def utility_column(self, party: int) -> FloatArray:
        """One party's utilities of all outcomes, shape ``(n,)``, in outcome-index order.

        Built issue by issue, ``acc <- (acc[:, None] + T_i[None, :, party]).ravel()``, so the
        sum runs over issues in order (the order every other routine uses)."""
        acc = np.zeros(1)
        for table in self.tables:
            if table.shape[0] == 1 and acc.size > 1:
                acc += table[0, party]                     # the same sums, without a fresh array
            else:
                acc = (acc[:, None] + table[None, :, party]).reshape(-1)
        return acc

    def utility_matrix(self) -> FloatArray:
        """All outcomes' utilities, shape ``(n, P)``, in outcome-index order (one column per party:
        a short innermost axis would make numpy's loops slow)."""
        out = np.empty((self.size, self.n_parties))
        for party in range(self.n_parties):
            out[:, party] = self.utility_column(party)
        return out

    def allowed_mask(self) -> BoolArray:
        """``(n,)`` mask of outcomes that cross no party's red line."""
        acc = np.ones(1, dtype=bool)
        for ok in self.allowed:
            acc = (acc[:, None] & ok[None, :]).reshape(-1)
        return acc

    def decode(self, index: int | NDArray[np.int64]) -> NDArray[np.int64]:
        """Value indices (one per issue) of outcome(s) ``index``."""
        digits = np.unravel_index(np.asarray(index, dtype=np.int64), self.shape)
        return np.stack(digits, axis=-1).astype(np.int64)

    def encode(self, digits: NDArray[np.int64]) -> NDArray[np.int64]:
        """Inverse of :meth:`decode`."""
        digits = np.asarray(digits, dtype=np.int64)
        return np.ravel_multi_index(tuple(np.moveaxis(digits, -1, 0)), self.shape)

    @cached_property
    def strides(self) -> tuple[int, ...]:
        """Place values of the mixed-radix outcome index (first issue most significant)."""
        out, step = [], 1
        for k in reversed(self.shape):
            out.append(step)
            step *= k
        return tuple(reversed(out))

    def index_of(self, outcome: tuple[int, ...]) -> int:
        """Index of one outcome (plain Python: much faster than :meth:`encode` for a single one)."""
        return sum(map(operator.mul, outcome, self.strides))

    def outcome_at(self, index: int) -> tuple[int, ...]:
        """Value indices of one outcome (plain Python: the inverse of :meth:`index_of`)."""
        return tuple([(index // s) % k for s, k in self._digit_places])

    @cached_property
    def _digit_places(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(self.strides, self.shape))

    def describe(self, digits: NDArray[np.int64]) -> dict[str, str]:
        """``{issue: value}`` for one outcome given by its value indices."""
        return {issue: self.values[i][int(d)] for i, (issue, d) in enumerate(zip(self.issues, digits))}

    def utilities_of(self, digits: NDArray[np.int64]) -> FloatArray:
        """Utilities ``(P,)`` of one outcome, summed in the same order as the matrix."""
        total = np.zeros(self.n_parties)
        for table, d in zip(self.tables, digits):
            total = total + table[int(d)]
        return total
