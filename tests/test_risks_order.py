"""The reasons a move is risky come most serious first, for every front-end (game/session/risks.py): a deal
across the government's own red line can never be ratified, so it is said before a red line the player
declared, and before the question (newcomer trial: the window's dialog gave the declared red line first and
the government's after Page Down; the terminal asks in the same order)."""

from __future__ import annotations

from game.engine.actions import Accept, Message, MessageKind, Offer, RoundStart
from game.engine.rules import apply
from game.scenario.loader import load_scenario
from game.session.risks import risks
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
