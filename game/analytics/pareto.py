"""Pareto frontier of a set of utility vectors.

Outcome ``j`` *dominates* ``i`` when ``U_j >= U_i`` for every party and
``U_j > U_i`` for at least one. The frontier is the set of rows no row
dominates; rows with identical utilities do not dominate each other, so they
are all kept. One implementation for two parties (sorting) and one for any
number (sum-ordered blocks); both start with the same exact prefilter.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

_BLOCK = 256  # rows compared at once in the N-party sweep


def pareto_mask(u: FloatArray) -> BoolArray:
    """Boolean mask of the non-dominated rows of ``u`` (shape ``(n, P)``)."""
    u = np.asarray(u, dtype=np.float64)
    n, n_parties = u.shape
    mask = np.zeros(n, dtype=bool)
    if n == 0:
        return mask
    survivors = _prefilter(u)
    sub = u[survivors]
    keep = _pareto_2d(sub) if n_parties == 2 else _pareto_nd(sub)
    mask[survivors[keep]] = True
    return mask


def _prefilter(u: FloatArray) -> NDArray[np.int64]:
    """Indices of rows not dominated by a few known frontier rows.

    A row maximising a strictly positive weighted sum is Pareto-optimal, so
    every row it dominates can be dropped before the exact pass. This is exact
    and usually removes almost all rows. Work is done column by column on
    contiguous arrays, which is several times faster than row-wise reductions.
    """
    n, n_parties = u.shape
    if n < 4096:
        return np.arange(n)
    columns = np.ascontiguousarray(u.T)
    keep = np.ones(n, dtype=bool)
    for lead in range(-1, n_parties):
        weights = np.ones(n_parties) if lead < 0 else np.where(np.arange(n_parties) == lead, 1.0, 0.1)
        best = u[int(np.argmax(weights @ columns))]
        covered = np.ones(n, dtype=bool)   # best >= row everywhere
        beaten = np.zeros(n, dtype=bool)   # best > row somewhere
        for p in range(n_parties):
            covered &= columns[p] <= best[p]
            beaten |= columns[p] < best[p]
        keep &= ~(covered & beaten)
    return np.flatnonzero(keep)


def _pareto_2d(u: FloatArray) -> BoolArray:
    """Two parties: sort by x descending then y descending; a row survives when
    it has the best y among rows with its x and beats the best y of every row
    with a larger x."""
    n = u.shape[0]
    x, y = u[:, 0], u[:, 1]
    order = np.lexsort((-y, -x))
    xs, ys = x[order], y[order]
    positions = np.arange(n)
    new_group = np.empty(n, dtype=bool)
    new_group[0] = True
    new_group[1:] = xs[1:] != xs[:-1]
    start = np.maximum.accumulate(np.where(new_group, positions, 0))
    running = np.maximum.accumulate(ys)
    previous_best = np.where(start > 0, running[np.maximum(start - 1, 0)], -np.inf)
    keep_sorted = (ys == ys[start]) & (ys > previous_best)
    keep = np.zeros(n, dtype=bool)
    keep[order[keep_sorted]] = True
    return keep


def _pareto_nd(u: FloatArray) -> BoolArray:
    """Any number of parties: a dominating row has a strictly larger sum, so
    rows are swept in order of decreasing sum, each block checked against the
    frontier found so far and against itself."""
    n, n_parties = u.shape
    order = np.argsort(-u.sum(axis=1), kind="stable")
    ordered = u[order]
    keep_sorted = np.zeros(n, dtype=bool)
    front = np.empty((0, n_parties))
    for start in range(0, n, _BLOCK):
        block = ordered[start:start + _BLOCK]
        dominated = _dominated_by(block, front)
        ge = np.all(block[None, :, :] >= block[:, None, :], axis=2)
        gt = np.any(block[None, :, :] > block[:, None, :], axis=2)
        dominated |= np.any(ge & gt, axis=1)
        keep_sorted[start:start + len(block)] = ~dominated
        front = np.concatenate([front, block[~dominated]])
    keep = np.zeros(n, dtype=bool)
    keep[order[keep_sorted]] = True
    return keep


def _dominated_by(points: FloatArray, front: FloatArray, chunk: int = 4096) -> BoolArray:
    """For each row of ``points``, whether some row of ``front`` dominates it."""
    out = np.zeros(len(points), dtype=bool)
    for start in range(0, len(front), chunk):
        f = front[start:start + chunk]
        ge = np.all(f[None, :, :] >= points[:, None, :], axis=2)
        gt = np.any(f[None, :, :] > points[:, None, :], axis=2)
        out |= np.any(ge & gt, axis=1)
    return out


def distance_to_frontier(points: FloatArray, frontier: FloatArray) -> FloatArray:
    """Euclidean distance in utility space from each point to the nearest frontier point.

    Zero for frontier points; ``inf`` when the frontier is empty.
    """
    points = np.atleast_2d(np.asarray(points, dtype=np.float64))
    frontier = np.atleast_2d(np.asarray(frontier, dtype=np.float64))
    best = np.full(len(points), np.inf)
    if frontier.size == 0:
        return best
    chunk = max(1, 4_000_000 // (len(frontier) * frontier.shape[1]))
    for start in range(0, len(points), chunk):
        p = points[start:start + chunk]
        d2 = ((p[:, None, :] - frontier[None, :, :]) ** 2).sum(axis=2)
        best[start:start + chunk] = np.sqrt(d2.min(axis=1))
    return best
