"""An unsure delegation's brief is its own view (rule 1): the Track 1.5 experts see their government's
values through noise in every draft, and their brief now ranks options the same way (newcomer trial:
the brief said 'best on paper: Pledge covering state-directed proxies' while choosing it lowered the
draft's value 'as you see it')."""

from __future__ import annotations

from pathlib import Path

from game.cli import render
from game.engine.tables import perceived_party
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.brief import brief_facts, seen_scenario
from tests.conftest import SCENARIOS

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")


def test_the_experts_brief_ranks_options_by_the_values_they_see(tmp_path: Path) -> None:
    differs = 0
    for seed in range(6):
        session = GameSession.new(TRAP, "us_experts", seed, None, tmp_path / f"{seed}.jsonl")
        state = session.state
        noise = dict(state.perception)["us_experts"]
        assert any(noise)                                         # they are unsure (sigma 0.15)
        seen = perceived_party(TRAP, TRAP.party("us_experts"), noise)
        facts = brief_facts(seen_scenario(state, "us_experts"), "us_experts")
        for p in facts.priorities:
            basket = next(b for b in TRAP.baskets if b.name == p.basket)
            allowed = [o for o in basket.options if o.id not in seen.red_lines.get(basket.id, ())]
            assert p.best == max(allowed, key=lambda o: seen.values[basket.id][o.id]).label   # never a red line
        differs += render.brief(seen_scenario(state, "us_experts"), "us_experts") != render.brief(TRAP, "us_experts")
        assert seen_scenario(state, "us") is state.scenario or not dict(state.perception).get("us")   # officials: as is
        session.close()
    assert differs > 0                                            # the noise changes some brief: the test can fail


def test_a_brief_during_a_definitions_phase_is_the_whole_scenarios(tmp_path: Path) -> None:
    """Instructor trial: once the definitions table opened, an expert's brief read 'No deal is worth 0.00'
    and 'At the bar: Agreed terms of reference: 100%' (the scope scenario's)."""
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")
    session = GameSession.new(scenario, "us_experts", 1, None, tmp_path / "d.jsonl")
    state = session.state
    assert state.held is not None                                  # the definitions table is open
    text = render.brief(seen_scenario(state, "us_experts"), "us_experts")
    assert text == render.brief(scenario, "us_experts")            # no noise here: the file's brief
    assert "terms of reference" not in text and f"No deal is worth {scenario.party('us_experts').reservation:.2f}" in text
    session.close()


def test_the_brief_names_no_red_line_as_best_and_only_the_delegations_met() -> None:
    """Regression trial: the trap experts' brief said 'best on paper: Channels + mutual questioning' and listed
    the same option as a red line; the narrow definitions experts' brief listed the Russian officials, whom they
    never meet, across the table."""
    for path in sorted(SCENARIOS.glob("*.yaml")):
        s = load_scenario(path)
        for party in s.parties:
            facts = brief_facts(s, party.id)
            for p in facts.priorities:
                basket = next(b for b in s.baskets if b.name == p.basket)
                banned = {basket.options[basket.option_index(o)].label for o in party.red_lines.get(basket.id, ())}
                assert p.best not in banned or len(banned) == len(basket.options), (path.name, party.id, p.basket)
            tables = [ph.parties for ph in s.phases if party.id in ph.parties]
            met = {q for t in tables for q in t} if tables else {q.id for q in s.parties}
            assert set(facts.across) == {q.name for q in s.parties if q.principal != party.principal and q.id in met}
    defs = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")
    assert brief_facts(defs, "us_experts").across == (defs.party("ru_experts").name,)
