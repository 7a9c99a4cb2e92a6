"""Defect 1 (newcomer trial, track15_trap as the American experts, self_knowledge noise 0.15): "What happened"
said "Your offers asked 0.93 → 0.65 → 0.39", the values as the delegation perceived them, while the offer
trace plotted the true ones. The sentence gives the true values and, once, what the delegation saw."""

from __future__ import annotations

from game.session.drafts import starting_draft
from game.engine.actions import Offer
from game.scenario.loader import load_scenario
from game.session.asks import conceded
from game.session.diagnosis import TracePoint, offer_trace
from game.session.game import GameSession
from tests.conftest import SCENARIOS


def point(perceived: float, true: float, round_: int) -> TracePoint:
    return TracePoint(0, round_, "us_experts", (round_, 0), ("us_experts", "ru"), (true, 0.5), perceived,
                      perceived, true=true, true_at_first=true)


def test_the_asks_are_the_true_values_and_the_perceived_are_said_once() -> None:
    said = conceded([point(0.93, 0.87, 0), point(0.65, 0.75, 1), point(0.39, 0.53, 2)])
    assert said is not None and said.startswith("Your offers asked 0.87 → 0.75 → 0.53"), said
    assert said.count("0.93 → 0.65 → 0.39") == 1 and "saw them as" in said, said
    assert "(0.750 → 0.530)" in said, said                    # the largest concession, in true values too


def test_without_noise_nothing_is_said_of_what_the_delegation_saw() -> None:
    said = conceded([point(0.8, 0.8, 0), point(0.6, 0.6, 1)])
    assert said is not None and "saw" not in said, said


def test_a_played_noisy_delegations_trace_carries_the_true_values() -> None:
    from tests.test_ui import OPEN
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 5, "boulware")
    OPEN.append(session)
    state = session.state
    assert state.tables is not None
    package = tuple(starting_draft(state, "us_experts"))
    before = session.state
    session.submit(Offer("us_experts", package))
    (t,) = offer_trace([(before, Offer("us_experts", package), session.state)])
    index = before.tables.problem.index_of(package) if before.tables is not None else 0
    assert before.tables is not None
    assert t.truly_asked == float(before.tables.of("us_experts").expected[index])
    assert t.truly_asked == t.values[t.seats.index("us_experts")]                      # non-binding: the chart's value, the text's value
    assert t.asked != t.truly_asked                           # the noise: what it saw differs
