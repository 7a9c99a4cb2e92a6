"""A seat's page names the delegation to move and the offer's author in the possessive from one helper
(game.session.names.possessive): "Former US officials and scholars' last answer", not "scholars's"
(instructor trial)."""

from __future__ import annotations

from game.engine.actions import Offer, Perceive, RoundStart
from game.engine.rules import apply, new_game
from game.scenario.loader import load_scenario
from game.web.seatview import game_payload
from tests.conftest import SCENARIOS


def test_a_plural_name_ending_in_s_takes_an_apostrophe_alone() -> None:
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    state = apply(apply(new_game(trap), Perceive(tuple((p.id, ()) for p in trap.parties))), RoundStart(()))
    assert state.to_move == "ru" and state.tables is not None
    assert game_payload(state, "us_experts")["to_move_of"] == "Russian Foreign Minister's team's"
    problem = state.tables.problem
    state = apply(state, Offer("ru", problem.outcome_at(0)))
    assert state.to_move == "us_experts"
    assert game_payload(state, "ru")["to_move_of"] == "Former US officials and scholars'"
    assert game_payload(state, "us_experts")["standing"]["by_of"] == "Russian Foreign Minister's team's"
    state = apply(state, Offer("us_experts", problem.outcome_at(0)))
    assert game_payload(state, "ru")["standing"]["by_of"] == "Former US officials and scholars'"
