"""Newcomer trial, wording: "the United States got no deal, 0.55 against 0.55 without a deal"; "In the
history told, year 2:"; "We take your red line … 30% seriously" beside an offer that keeps that option."""

from __future__ import annotations

from pathlib import Path

from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.handoff import closing_sentence
from game.strategies.words import kept_red_line
from tests.conftest import SCENARIOS
from tests.test_debrief_truth import trap_game


def test_a_government_without_a_deal_is_told_its_value_once() -> None:
    state, result = trap_game(1)
    assert result.agreement is None
    sentence = closing_sentence(state, result)
    assert sentence is not None
    assert "the United States got no deal: 0.55, its value without a deal;" in sentence, sentence
    assert "against 0.55 without a deal" not in sentence


def test_an_offer_that_keeps_a_declared_red_line_says_so(tmp_path: Path) -> None:
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 1,
                              log_path=tmp_path / "g.jsonl")
    session.close()
    state = session.state
    assert state.standing is not None
    mine = state.standing.outcome
    basket = state.scenario.baskets[0]
    kept = basket.options[mine[0]]
    [told] = kept_red_line(state, basket.id, kept.id, mine)
    assert f"Our offer still keeps '{kept.label}' on {basket.name}" in told
    other = next(o for o in basket.options if o.id != kept.id)
    assert kept_red_line(state, basket.id, other.id, mine) == []
