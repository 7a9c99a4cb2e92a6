"""Negotiating utility: what a delegation itself gets from a deal.

A delegation ``d`` speaking for principal ``p`` bargains on::

    N_d(o) = kappa * (U_hat_p(o) - r_p) + pi - lambda * revealed(o)     for a deal
    N_d(no deal) = 0

* ``kappa`` (concession_weight): how much it feels the terms it concedes;
* ``U_hat_p``: the principal's utility as the delegation perceives it, values
  perturbed once per game with noise of standard deviation ``self_knowledge``;
* ``pi`` (prestige): what coming home with *any* deal is worth to it;
* ``lambda`` (reveal_cost), counted only in non-binding talks:
  ``revealed(o) = max_o' U_hat_p(o') - U_hat_p(o)``, the concession it has
  shown before the real negotiation.

So an official (kappa 1, pi 0) in non-binding talks accepts only deals with
``U_hat >= (r + lambda * U_max) / (1 + lambda)``, above its reservation, while
an unofficial delegation (kappa 0.4, pi 0.15) accepts deals down to
``r - pi / kappa`` for its government. ``N`` rises with ``U_hat`` whenever
``kappa + lambda > 0``, which lets every AI work on one table sorted by
``U_hat``. This is the only place the formula lives.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.model.scenario import Incentives

FloatArray = NDArray[np.float64]


def negotiating_utility(perceived: FloatArray | float, reservation: float, incentives: Incentives,
                        binding: bool, best: float) -> FloatArray:
    """``N_d`` of deals whose perceived principal utility is ``perceived``.

    ``best`` is ``max U_hat`` over the deals the delegation could accept.
    """
    u = np.asarray(perceived, dtype=np.float64)
    reveal = 0.0 if binding else incentives.reveal_cost
    return incentives.concession_weight * (u - reservation) + incentives.prestige - reveal * (best - u)


def scalar_negotiating_utility(perceived: float, reservation: float, incentives: Incentives,
                               binding: bool, best: float) -> float:
    """:func:`negotiating_utility` of one deal, in plain Python (the AI's hot path)."""
    reveal = 0.0 if binding else incentives.reveal_cost
    return incentives.concession_weight * (perceived - reservation) + incentives.prestige - reveal * (best - perceived)


def walk_away_utility(reservation: float, incentives: Incentives, binding: bool, best: float) -> float:
    """The perceived principal utility at which a deal is worth exactly no deal (N = 0).

    Solves ``N = 0`` for ``U_hat``; below it the delegation prefers no deal.
    Returns ``-inf`` when N does not depend on the deal and prestige makes any
    deal worth having, ``+inf`` when no deal ever is.
    """
    reveal = 0.0 if binding else incentives.reveal_cost
    slope = incentives.concession_weight + reveal
    constant = -incentives.concession_weight * reservation + incentives.prestige - reveal * best
    if slope <= 0:
        return -np.inf if constant >= 0 else np.inf
    return -constant / slope
