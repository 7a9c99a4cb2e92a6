"""What the student page says after the Track 1.5 table and at the end of a game, from the session layer
(instructor trial of narrow_deal_2020_definitions and track15_trap): the card of a scope nobody agreed,
the debrief's sentence on the seat's own offers, the experts' debrief and who refused the agreement."""

from __future__ import annotations

from game.engine.actions import Accept, Offer, Perceive, RoundStart, Walk
from game.engine.record import new_deltas
from game.engine.rules import apply, new_game
from game.engine.state import State
from game.scenario.loader import load_scenario
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
