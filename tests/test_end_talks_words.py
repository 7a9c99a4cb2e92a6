"""Rule 16 in words (instructor trial): after the instructor ends the talks, an accepted Track 1.5 plan reads as
agreed and the official talks as not held (the move list said the meeting ended in no deal, and the debrief
gave the official talks a round); letting the talks end is said so, not 'walked away'."""

from __future__ import annotations

from game.engine.actions import Accept, EndTalks, Offer, Perceive, RoundStart, Walk
from game.engine.rules import apply, new_game
from game.engine.state import State
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.session.diagnosis import table_endings
from game.session.views import describe
from tests.conftest import SCENARIOS

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")
NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")


def ended_facing_an_offer(scenario: Scenario) -> State:
    """The first table of ``scenario``: the first mover offers, then the instructor ends the talks."""
    state = apply(new_game(scenario), Perceive(tuple((p.id, ()) for p in scenario.parties)))
    state = apply(state, RoundStart(()))
    first, second = state.seats
    assert state.tables is not None
    offer = state.tables.problem.outcome_at(int(state.tables.of(second).order[0]))
    return apply(apply(state, Offer(first, offer)), EndTalks())


def test_a_plan_accepted_after_the_end_is_agreed_and_the_official_talks_were_not_held() -> None:
    before = ended_facing_an_offer(TRAP)
    experts, minister = before.seats
    after = apply(before, Accept(minister))
    lines = [text for _, text in describe(before, Accept(minister), after, experts)]
    meeting, official = (p.name for p in TRAP.phases)
    assert f"{meeting} ends: agreement." in lines, lines
    assert f"{official}: not held (the instructor ended the talks first)." in lines, lines
    assert table_endings(after, experts) == [f"{meeting}: agreement in round 1",
                                         f"{official}: not held (the instructor ended the talks first)"]


def test_letting_the_talks_end_after_the_end_is_said_so() -> None:
    before = ended_facing_an_offer(NARROW)
    _, second = before.seats
    after = apply(before, Walk(second))
    mine = [text for _, text in describe(before, Walk(second), after, second)]
    assert mine[0] == "You let the talks end." and "walk" not in " ".join(mine), mine
    assert "no deal (you let the talks end after the instructor ended them)" in mine[-1], mine
    theirs = [text for _, text in describe(before, Walk(second), after, "")]
    assert theirs[0].endswith("lets the talks end."), theirs
