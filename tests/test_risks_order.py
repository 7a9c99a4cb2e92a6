"""The reasons a move is risky come most serious first, for every front-end (game/session/risks.py): a deal
across the government's own red line can never be ratified, so it is said before a red line the player
declared, and before the question (newcomer trial: the window's dialog gave the declared red line first and
the government's after Page Down; the terminal asks in the same order)."""

from __future__ import annotations

from game.engine.actions import Accept, Message, MessageKind, Offer, RoundStart, Walk
from game.engine.rules import apply
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.session.risks import risks
from game.session.views import value_of
from tests.conftest import SCENARIOS
from tests.test_rules import at_table

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")


def test_the_governments_red_line_comes_before_the_declared_one() -> None:
    s = TRAP
    index = {b.id: i for i, b in enumerate(s.baskets)}
    state = at_table(s)                                        # the Track 1.5 table: the minister moves first
    low = tuple([0] * len(s.baskets) + [0])
    state = apply(state, Offer("ru", low))
    declared = s.baskets[index["hack_and_leak"]].options[1].id
    state = apply(apply(state, Offer("us_experts", low, Message(MessageKind.RED_LINE, "hack_and_leak", declared))),
                  RoundStart(()))
    crossing = list(low)
    crossing[index["hack_and_leak"]] = 1                                                  # the declared red line
    crossing[index["ngo_funding"]] = s.baskets[index["ngo_funding"]].option_index("pledge_verify")   # the government's
    state = apply(state, Offer("ru", tuple(crossing)))
    found = risks(state, "us_experts", Accept("us_experts"))
    assert found is not None
    reasons, question = found
    assert reasons[0].startswith("It crosses your government's red line on Government grants to NGOs")
    assert any(r.startswith("It contains what you declared a red line") for r in reasons[1:])
    assert question == "Accept it anyway?"


def test_walking_away_from_an_offer_worth_more_than_no_deal_says_so() -> None:
    """Instructor trial: the walk-away question gave no deal's value alone, where the offer on the table was
    worth more; it now says what walking away gives up, and says nothing of an offer worth less."""
    s = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    state = at_table(s)
    other = state.to_move
    assert other is not None
    me = next(p for p in state.phase_def.parties if p != other)
    best_for_me = max(((value_of(state, me, o), o) for o in _candidates(s)), key=lambda x: x[0])[1]
    state = apply(state, Offer(other, best_for_me))
    found = risks(state, me, Walk(me))
    assert found is not None
    reasons, question = found
    worth = value_of(state, me, best_for_me)
    assert worth > s.party(me).reservation
    assert reasons[1] == (f"Their offer on the table is worth {worth:.3f} to your government, more than no deal: "
                          "walking away gives it up.")
    assert question == "Walk away?"
    nothing = tuple([0] * len(s.baskets) + [0])
    assert value_of(state, me, nothing) <= s.party(me).reservation
    reasons, _ = risks(apply(at_table(s), Offer(other, nothing)), me, Walk(me)) or ([], "")
    assert len(reasons) == 1 and reasons[0].startswith("Walking away ends these talks")


def _candidates(s: Scenario) -> list[tuple[int, ...]]:
    """A few packages of ``s``: every basket at one rung, each form."""
    k = min(len(b.options) for b in s.baskets)
    return [tuple([r] * len(s.baskets) + [f]) for r in range(k) for f in range(len(s.forms))]
