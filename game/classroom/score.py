"""The score of a classroom game for one government: the one number the debrief ranks and averages.

The rule: the deal's expected value (docs/model.md, rule 7),

    score_p = P(entry) · E_p + (1 − P(entry)) · r_p

where ``E_p`` is the closed-form expected yearly value of the pact in force (trust, detection, the
other side's likely breaches, the responses and revocation counted) and ``r_p`` the no-deal value
(also the score of no deal). It averages over the ratification draw and over the compliance
histories, so two tables that reached the same package under the same events get the same score whatever their dice; the
draw itself (did it enter?) is shown apart. Every figure the debrief shows as a score comes from
this one function.
"""

from __future__ import annotations

from game.engine.result import GameResult


def score(result: GameResult, principal: str, reservation: float) -> float:
    """What ``result`` is worth to ``principal`` (its government); ``reservation`` when the game left
    that government out of the binding table's result (no figures for it)."""
    for p in result.principals:
        if p.principal == principal:
            return p.expected
    return reservation


def entry_chance(result: GameResult) -> float:
    """P(the deal enters into force): the product of each government's chance (0 without a deal)."""
    if result.agreement is None:
        return 0.0
    chance = 1.0
    for p in result.principals:
        chance *= p.entry_probability
    return chance
