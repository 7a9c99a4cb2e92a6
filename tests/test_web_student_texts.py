"""What the student page says after the Track 1.5 table and at the end of a game, from the session layer
(instructor trial of narrow_deal_2020_definitions and track15_trap): the card of a scope nobody agreed,
the debrief's sentence on the seat's own offers, the experts' debrief and who refused the agreement."""

from __future__ import annotations

import dataclasses

from game.engine.actions import Accept, Offer, Perceive, RoundStart, Walk
from game.engine.record import new_deltas
from game.engine.result import game_result
from game.engine.rules import apply, new_game
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.diagnosis import TracePoint, diagnose
from game.session.effects import cards, unagreed
from game.session.views import scope_settled
from tests.conftest import SCENARIOS

DEFS = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")


def at_definitions() -> State:
    """The definitions table, open, the American experts to move."""
    state = apply(new_game(DEFS), Perceive(tuple((p.id, ()) for p in DEFS.parties)))
    return apply(state, RoundStart(()))


def test_the_card_of_a_scope_nobody_agreed_says_that_the_default_applies() -> None:
    before = at_definitions()
    after = apply(before, Walk("us_experts"))
    scope = DEFS.phases[0].scope
    assert scope is not None and after.results[0].agreement is None
    default = scope.rungs[scope.rung_index(scope.default)].label
    for viewer in ("us", "ru", "us_experts", "ru_experts"):
        made = cards(after.scenario, new_deltas(before, after), viewer, failed=unagreed(after))
        assert [c.title for c in made] == [
            f"No scope was agreed in {DEFS.phases[0].name}: the default, '{default}', applies"], viewer
    # an agreed scope keeps its title
    offered = apply(before, Offer("us_experts", (1, 0)))
    accepted = apply(offered, Accept("ru_experts"))
    made = cards(accepted.scenario, new_deltas(offered, accepted), "us", failed=unagreed(accepted))
    assert [c.title for c in made] == [f"The scope agreed in {DEFS.phases[0].name} applies"]
    # the news line the terminal prints says the same
    assert scope_settled(after, 0, "us")[0].startswith("No definition agreed")


def _point(state: State, round_: int, perceived: float) -> TracePoint:
    return TracePoint(1, round_, "us", (0,) * (len(state.scenario.baskets) + 1), ("us", "ru"), (perceived, 0.5),
                      perceived)


def test_the_debrief_says_what_the_offers_asked_and_calls_it_conceding_only_when_the_asks_fell() -> None:
    """Instructor trial: 'You never conceded: each of your offers asked 0.35 for your government' after an
    opening offer across a red line (worth no deal, 0.35) and a second one worth 0.404."""
    state = at_definitions()
    state = apply(state, Walk("us_experts"))                        # the official talks, as the trial's
    result = game_result(state)

    def said(*asks: float) -> str:
        trace = tuple(_point(state, i, a) for i, a in enumerate(asks))
        return diagnose(state, result, "us", trace)[0]
    rose = said(0.35, 0.404)
    assert "each of your offers asked 0.35" not in rose and "0.35 → 0.40" in rose and "conceded" not in rose.replace(
        "never conceded", "")
    assert rose.startswith("You never lowered your ask")
    same = said(0.62, 0.62, 0.621)
    assert same == "You never conceded: each of your offers asked 0.62 for your government."
    fell = said(0.70, 0.66, 0.68, 0.60)
    assert "0.70 → 0.66 → 0.68 → 0.60" in fell and "largest concession came in round 4 (0.680 → 0.600)" in fell
    # the offers of another table (a seat at both tables) are not compared with these
    other = dataclasses.replace(_point(state, 0, 0.9), phase=0)
    both = diagnose(state, result, "us", (other, _point(state, 0, 0.5), _point(state, 1, 0.5)))[0]
    assert both == "You never conceded: each of your offers asked 0.50 for your government."
