"""The score of a classroom game for one government: the one number the debrief ranks and averages.

The rule today: the deal's value on paper, averaged over the ratification draw,

    score_p = P(entry) · U_p + (1 − P(entry)) · r_p

(``r_p`` for no deal), so that two tables that reached the same package get the same score whether
or not their legislatures' dice let it enter into force; the draw itself (did it enter?) is shown
apart. Issue 14 item 15 replaces the body of :func:`score` by the expected value of #8,
``P(entry) · E[value | in force] + (1 − P(entry)) · r``: every figure the debrief shows as a score
comes from this one function.
"""

from __future__ import annotations

from game.engine.result import GameResult


def score(result: GameResult, principal: str, reservation: float) -> float:
    """What ``result`` is worth to ``principal`` (its government); ``reservation`` when the game left
    that government out of the binding table's result (no figures for it)."""
    for p in result.principals:
        if p.principal == principal:
            return p.in_force
    return reservation


def entry_chance(result: GameResult) -> float:
    """P(the deal enters into force): the product of each government's chance (0 without a deal)."""
    if result.agreement is None:
        return 0.0
    chance = 1.0
    for p in result.principals:
        chance *= p.entry_probability
    return chance
