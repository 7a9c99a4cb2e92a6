"""Paired effects over seeds, their bootstrap intervals, and the verdicts the claims use.

An experiment plays each seed under two conditions (the same seed drives both, so the
comparison is paired). Per seed it yields one number per condition, or NaN where the
statistic is undefined for that seed (a claim measured "on games that reach a plan",
say); seeds with a NaN in either condition are dropped from both.

* effect = mean over the kept seeds of (treatment − control);
* its 95% interval is the percentile bootstrap of that mean: :data:`RESAMPLES` resamples
  of the kept seeds with replacement, drawn from a fixed generator so the report is
  reproducible, and the 2.5th and 97.5th percentiles of the resampled means;
* no verdict is given (None, "too few measured games") on an estimate over fewer than
  :data:`MIN_MEASURED` kept seeds, in the effect for ``holds`` and in the effect or the ablation for
  ``vanishes`` (the claims report applies this before the rules below);
* a directional claim **holds** when ``sign × effect > margin`` and the interval excludes 0;
* it **vanishes** under its ablation when there was an effect to vanish (its interval excludes
  0), ``|ablation effect| ≤ 25%`` of ``|effect|``, and the ablation's interval includes 0;
* a claim of *no* effect holds when ``|effect| ≤ margin``; its reverse ablation (which
  restores what the claim says is missing) must make the predicted effect appear:
  ``sign × ablation effect > margin`` with an interval that excludes 0.

A plain sample (``simulate``'s summary: one value per game, no pairing) gets :func:`spread`: its
mean, its standard deviation (with ``n − 1``) and the 95% interval of the mean by the normal
approximation, ``mean ± 1.96 × sd / √n`` (not the bootstrap: a run of up to 100,000 games would
need 2,000 resamples of each of its means); below 2 values the standard deviation and the
interval are undefined (NaN).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

RESAMPLES = 2000
MIN_MEASURED = 10
"""The fewest paired seeds an estimate needs before a claim's verdicts (holds, vanishes, earned) are given:
below it they are None ("too few measured games"), not False, and the text report warns when fewer seeds
than this are played at all (research trial: one measured game out of 40 gave a zero-width interval that
"excluded 0" and an earned claim)."""
VANISH_SHARE = 0.25
Z95 = 1.959963984540054          # the standard normal's 97.5th percentile: a two-sided 95% interval
FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean difference with its 95% bootstrap interval, in ``unit``, over ``n`` paired seeds."""

    value: float
    lo: float
    hi: float
    unit: str
    n: int

    def as_json(self) -> dict[str, object]:
        """The estimate as JSON data; with no seed to measure on (n = 0), the numbers are null."""
        def number(x: float) -> float | None:
            return None if np.isnan(x) else round(x, 6)
        return {"value": number(self.value), "ci95": [number(self.lo), number(self.hi)], "unit": self.unit,
                "n": self.n}

    @property
    def excludes_zero(self) -> bool:
        return self.lo > 0 or self.hi < 0


def paired_effect(treatment: FloatArray, control: FloatArray, unit: str) -> Estimate:
    """Mean of ``treatment − control`` over the seeds where both are defined, with its interval."""
    t, c = np.asarray(treatment, dtype=float), np.asarray(control, dtype=float)
    keep = ~(np.isnan(t) | np.isnan(c))
    diffs = t[keep] - c[keep]
    n = int(diffs.size)
    if n == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), unit, 0)
    rng = np.random.default_rng(0)
    means = diffs[rng.integers(0, n, size=(RESAMPLES, n))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return Estimate(float(diffs.mean()), float(lo), float(hi), unit, n)


@dataclass(frozen=True, slots=True)
class Spread:
    """A sample's mean, standard deviation (``n − 1``) and the 95% normal-approximation interval of its
    mean ``[lo, hi]``, over ``n`` values; NaN where undefined (the mean with no value, the rest below 2)."""

    mean: float
    sd: float
    lo: float
    hi: float
    n: int


def spread(values: Sequence[float] | FloatArray) -> Spread:
    """The mean of ``values`` with its spread: ``mean ± Z95 × sd / √n`` (the module's rule for a plain sample)."""
    x = np.asarray(values, dtype=float)
    n = int(x.size)
    nan = float("nan")
    if n == 0:
        return Spread(nan, nan, nan, nan, 0)
    mean = float(x.mean())
    if n < 2:
        return Spread(mean, nan, nan, nan, n)
    sd = float(x.std(ddof=1))
    half = Z95 * sd / math.sqrt(n)
    return Spread(mean, sd, mean - half, mean + half, n)


def holds_directional(effect: Estimate, sign: int, margin: float) -> bool:
    """The effect has the predicted sign, exceeds the margin, and its interval excludes 0."""
    if effect.n == 0:
        return False
    return bool(sign * effect.value > margin and effect.excludes_zero and np.sign(effect.lo + effect.hi) == sign)


def vanishes(effect: Estimate, ablation: Estimate) -> bool:
    """There was an effect, and under the ablation it shrinks to at most a quarter and is no longer
    distinguishable from 0 (an effect that was never there cannot vanish)."""
    if effect.n == 0 or ablation.n == 0 or not effect.excludes_zero:
        return False
    return bool(abs(ablation.value) <= VANISH_SHARE * abs(effect.value) and not ablation.excludes_zero)


def holds_null(effect: Estimate, margin: float) -> bool:
    """A claim of no effect: the effect is within the margin."""
    return bool(effect.n > 0 and abs(effect.value) <= margin)


def appears(ablation: Estimate, sign: int, margin: float) -> bool:
    """The reverse ablation of a claim of no effect: an effect of the predicted sign beyond the
    margin, its interval excluding 0."""
    return holds_directional(ablation, sign, margin)
