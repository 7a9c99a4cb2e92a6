"""Newcomer trial: the debrief's "Best frontier deal for your government … 0.853 on paper, 0.620 expected"
was worth less, expected, than the deal the player got (0.621) and than no deal. "Best" is now by expected
value, the measure the deal struck is scored on, and a package no better than it is never shown as better."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.cli.render import debrief
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.best_deal import best_deal_words, best_for
from game.strategies.registry import make
from game.strategies.runner import play
from tests.conftest import SCENARIOS


@pytest.mark.parametrize("name,seed", [("roosevelt_litvinov_1933", 1), ("narrow_deal_2020", 2),
                                       ("track15_trap", 3)])
def test_the_best_deal_shown_is_worth_more_expected_than_the_deal_struck(name: str, seed: int) -> None:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    state = play(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
    result = game_result(state)
    assert result.agreement is not None and state.tables is not None
    side = state.phase_def.parties[0]
    text = debrief(state, result, side)
    assert "Best frontier deal" not in text
    told, terms = best_deal_words(state, result, side)
    assert told and told in text
    got = next(p.expected for p in result.principals if p.party == side)
    shown = re.search(r"worth (\d\.\d{3}) expected", told)
    if terms is not None:
        assert shown is not None and float(shown.group(1)) > got, told
    best = best_for(state, side)
    assert best is not None
    a, b = (state.tables.of(pid) for pid in state.tables.problem.party_ids)
    other = state.tables.problem.party_ids[1]
    allowed = a.ok & b.ok & (b.expected > scenario.party(other).reservation)
    assert np.isclose(best.expected, a.expected[allowed].max())
