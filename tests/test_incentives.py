"""The negotiating-utility formula and its corner cases."""

from __future__ import annotations

import numpy as np
import pytest

from game.model.incentives import negotiating_utility, walk_away_utility
from game.model.scenario import Incentives

OFFICIAL = Incentives(concession_weight=1.0, prestige=0.0, self_knowledge=0.0, reveal_cost=0.15)
EXPERT = Incentives(concession_weight=0.4, prestige=0.15, self_knowledge=0.15, reveal_cost=0.0)


def test_official_in_binding_talks_is_its_governments_gain() -> None:
    u = np.array([0.2, 0.5, 0.9])
    assert negotiating_utility(u, 0.5, OFFICIAL, binding=True, best=0.9) == pytest.approx(u - 0.5)


def test_reveal_cost_counts_only_in_non_binding_talks() -> None:
    n = negotiating_utility(0.6, 0.5, OFFICIAL, binding=False, best=0.9)
    assert n == pytest.approx(0.1 - 0.15 * 0.3)
    assert walk_away_utility(0.5, OFFICIAL, binding=False, best=0.9) == pytest.approx((0.5 + 0.15 * 0.9) / 1.15)
    assert walk_away_utility(0.5, OFFICIAL, binding=False, best=0.9) > walk_away_utility(0.5, OFFICIAL, True, 0.9)


def test_prestige_makes_an_unofficial_delegation_accept_worse_deals() -> None:
    threshold = walk_away_utility(0.5, EXPERT, binding=False, best=0.9)
    assert threshold == pytest.approx(0.5 - 0.15 / 0.4)
    assert negotiating_utility(threshold, 0.5, EXPERT, False, 0.9) == pytest.approx(0.0)


def test_indifferent_delegation() -> None:
    flat = Incentives(concession_weight=0.0, prestige=0.1, self_knowledge=0.0, reveal_cost=0.0)
    assert walk_away_utility(0.5, flat, True, 1.0) == -np.inf
    grumpy = Incentives(concession_weight=0.0, prestige=0.0, self_knowledge=0.0, reveal_cost=0.0)
    assert walk_away_utility(0.5, grumpy, True, 1.0) == -np.inf  # N = 0 everywhere: any deal is as good as none
    assert np.all(negotiating_utility(np.array([0.1, 0.9]), 0.5, flat, True, 1.0) == 0.1)


def test_scalar_form_matches_the_vector_form() -> None:
    from game.model.incentives import scalar_negotiating_utility
    for inc in (OFFICIAL, EXPERT):
        for binding in (True, False):
            assert scalar_negotiating_utility(0.63, 0.4, inc, binding, 0.95) == pytest.approx(
                float(negotiating_utility(0.63, 0.4, inc, binding, 0.95)))
