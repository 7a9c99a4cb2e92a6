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
mean, its standard deviation (with ``n − 1``) and a 95% interval (not the bootstrap: a run of up to
100,000 games would need 2,000 resamples of each of its means):

* for a mean, Student's t: ``mean ± t(0.975, n − 1) × sd / √n``, with t from :func:`t975` (an exact table
  for 1 to 30 degrees of freedom, the Cornish–Fisher expansion beyond; no scipy); below 2 values the
  standard deviation and the interval are undefined (NaN);
* for a rate (a share of games: every value 0 or 1), the Wilson score interval
  ``(p + z²/2n ± z √(p(1 − p)/n + z²/4n²)) / (1 + z²/n)``, z = :data:`Z95` (:func:`wilson`), which stays
  within [0, 1] and is not of zero width at 0/n or n/n; it is defined from 1 value.
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


# the 97.5th percentile of Student's t with 1 to 30 degrees of freedom (to 9 decimals)
T975 = (12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252,
        2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688,
        2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845,
        2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142,
        2.045229642, 2.042272456)


def t975(df: int) -> float:
    """Student's t 97.5th percentile with ``df`` ≥ 1 degrees of freedom: :data:`T975` up to 30, beyond it
    the Cornish–Fisher expansion in 1/df around z (Abramowitz & Stegun 26.7.5; error below 1e-5 from 30 on)."""
    if df < 1:
        raise ValueError(f"t975: degrees of freedom must be at least 1, got {df}")
    if df <= len(T975):
        return T975[df - 1]
    z = Z95
    g1 = (z ** 3 + z) / 4
    g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
    g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
    g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
    return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4


def wilson(successes: float, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a rate of ``successes`` out of ``n`` ≥ 1 (see the module's rule)."""
    p, z2 = successes / n, Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    lo = 0.0 if successes == 0 else max(0.0, centre - half)     # exact at the ends (no rounding residue)
    return lo, 1.0 if successes == n else min(1.0, centre + half)


@dataclass(frozen=True, slots=True)
class Spread:
    """A sample's mean, standard deviation (``n − 1``) and the 95% interval ``[lo, hi]`` of its mean (Student's
    t, or Wilson's for a rate), over ``n`` values; NaN where undefined (the mean with no value, the sd below 2,
    a mean's interval below 2)."""

    mean: float
    sd: float
    lo: float
    hi: float
    n: int


def spread(values: Sequence[float] | FloatArray, rate: bool = False) -> Spread:
    """The mean of ``values`` with its spread (the module's rule for a plain sample): ``rate`` (every value
    0 or 1, a share of games) gets the Wilson interval, else ``mean ± t975(n − 1) × sd / √n``."""
    x = np.asarray(values, dtype=float)
    n = int(x.size)
    nan = float("nan")
    if n == 0:
        return Spread(nan, nan, nan, nan, 0)
    mean = float(x.mean())
    sd = float(x.std(ddof=1)) if n >= 2 else nan
    if rate:
        if not np.all((x == 0) | (x == 1)):
            raise ValueError("spread: a rate's values must each be 0 or 1")
        lo, hi = wilson(float(x.sum()), n)
        return Spread(mean, sd, lo, hi, n)
    if n < 2:
        return Spread(mean, nan, nan, nan, n)
    half = t975(n - 1) * sd / math.sqrt(n)
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
