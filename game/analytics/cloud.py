"""A random sample of packages for a chart's cloud, without enumerating the outcome space.

Drawing every package of a large space is unreadable and, above a few million, impossible; the
charts draw ``count`` packages drawn uniformly without replacement (a fixed generator, so a chart
is the same each time). The utilities of the sampled packages are summed issue by issue in order,
as :meth:`game.model.problem.BargainingProblem.utility_column` sums them, so a sample of a small
space is bit-identical to the same rows of the full utility matrix.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.model import limits
from game.model.problem import BargainingProblem


def package_cloud(problem: BargainingProblem, count: int, seed: int = 0) -> NDArray[np.float64]:
    """``(m, P)`` utilities of every package when there are at most ``count``, else of ``count`` of
    them drawn without replacement (``m = min(count, size)``)."""
    size = problem.size
    if size <= count:
        return problem.utility_matrix()
    indices = np.random.default_rng(seed).choice(size, count, replace=False)
    digits = problem.decode(indices)
    out = np.zeros((count, problem.n_parties))
    for i, table in enumerate(problem.tables):
        out = out + table[digits[:, i]]
    return out


def cloud_label(problem: BargainingProblem, count: int, label: str) -> str:
    """``label``, saying how few packages the cloud shows when the space is beyond tabulating."""
    if problem.size <= limits.EXACT_TABLE_OUTCOMES:
        return label
    return f"{label} (a random {count:,} of {problem.size:,})"
