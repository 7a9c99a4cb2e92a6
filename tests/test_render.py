"""Terminal views: the debrief explains what happened to the deal."""

from __future__ import annotations

from game.cli.render import brief, debrief
from game.engine.actions import Accept, Offer, Perceive, Ratify, RoundStart
from game.engine.result import game_result
from game.engine.rules import apply, new_game
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")


def test_debrief_says_why_a_deal_never_entered_into_force() -> None:
    state = apply(new_game(NARROW), Perceive(tuple((p.id, ()) for p in NARROW.parties)))
    state = apply(state, RoundStart(()))
    crossing = (3, 4, 3, 3, 3, 3, 0)                      # inspection of election systems: a US red line
    state = apply(apply(state, Offer("us", crossing)), Accept("ru"))
    state = apply(state, Ratify((("united_states", False), ("russia", True))))
    text = debrief(state, game_result(state), "us")
    assert "did not enter into force" in text
    assert "crosses the United States' red line on Election infrastructure: it can never be ratified there" in text
    assert "What each delegation felt it won" not in text   # officials without own stakes: nothing to add


def test_brief_of_an_official_has_no_track15_section() -> None:
    assert "Track 1.5" not in brief(NARROW, "us")
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    assert "You feel only 40% of what you concede" in brief(trap, "us_experts")
