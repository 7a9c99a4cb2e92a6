"""Newcomer trial, defect 15: the Track 1.5 trap's sentence said "the United States got 0.53 expected before the
votes ... gained 0.08 against no deal" of a deal that never entered into force, and nothing there said so."""

from __future__ import annotations

from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.handoff import closing_sentence
from game.strategies.registry import make
from game.strategies.runner import play as run
from tests.conftest import SCENARIOS


def test_the_trap_sentence_says_a_deal_never_entered_into_force_and_not_when_it_did() -> None:
    scenario = load_scenario(SCENARIOS / "code_of_conduct_2019.yaml")
    seen = set()
    for seed in range(60):
        state = run(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
        result = game_result(state)
        sentence = closing_sentence(state, result)
        if sentence is None or result.agreement is None or result.in_force in seen:
            continue
        seen.add(result.in_force)
        said = "never entered into force" in sentence
        assert said is (not result.in_force), sentence
        if len(seen) == 2:
            break
    assert False in seen, "no trap game whose deal failed at home in 60 seeds"
