"""Newcomer trial (the window's "What happened"): a difference agrees with the rounded figures shown, a rise
an event caused is no raised ask, and a side whose first offer already matched the player's is not said to
have never moved there."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session import diagnosis
from game.session.diagnosis import TracePoint, _conceded, _form_cost, _moved
from game.session.names import government_of
from game.strategies.registry import make
from game.strategies.runner import play as run
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def test_the_forms_cost_is_the_difference_of_the_percentages_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(NARROW)
    for seed in range(12):
        state = run(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
        result = game_result(state)
        if result.agreement is not None:
            break
    else:
        raise AssertionError("no deal in 12 seeds")
    agreed = result.agreement[-1]
    chance = {f: 0.386 if f == agreed else 0.494 if f == (agreed + 1) % len(scenario.forms) else 0.1
              for f in range(len(scenario.forms))}
    monkeypatch.setattr(diagnosis, "crossed", lambda *_: False)
    monkeypatch.setattr(diagnosis, "deal_value", lambda _, outcome: SimpleNamespace(
        principal_entry=lambda _k: chance[outcome[-1]]))
    said = _form_cost(state, result, state.phase_def.parties[0])
    assert said is not None and "49% chance" in said and "not 39%" in said, said
    assert "cost 10 percentage points" in said, said
    home = government_of(scenario, state.phase_def.parties[0], article=True)
    assert f"49% chance of approval in {home}, not 39%" in said, said      # whose chance (author trial h86)


def point(outcome: tuple[int, ...], perceived: float, at_first: float | None = None, party: str = "us",
          round_: int = 0) -> TracePoint:
    return TracePoint(0, round_, party, outcome, ("us", "ru"), (0.5, 0.5), perceived, at_first)


def test_a_rise_an_event_caused_is_not_a_raised_ask() -> None:
    same = (1, 1, 1, 1)
    said = _conceded([point(same, 0.50, 0.50), point(same, 0.58, 0.50, round_=1)])
    assert said is not None and said.startswith("You never conceded: each of your offers asked 0.50"), said
    assert "events" in said and "0.50 → 0.58" in said, said
    assert "never lowered your ask" not in said
    plain = _conceded([point(same, 0.50, 0.50), point(same, 0.50, 0.50, round_=1)])
    assert plain == "You never conceded: each of your offers asked 0.50 for your government."


def test_the_asks_are_compared_in_the_values_of_the_first_offer_in_a_played_game() -> None:
    from game.engine.actions import Offer
    from game.session.game import GameSession
    from tests.test_ui import OPEN
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware",
                              schedule=(("hack_and_leak_scandal", 2), ("new_sanctions", 2), ("indictment", 3)))
    OPEN.append(session)
    package = tuple([1] * len(session.state.scenario.baskets) + [0])
    moments = []
    for _ in range(4):
        before = session.state
        session.submit(Offer("us", package))
        moments.append((before, Offer("us", package), session.state))
    trace = diagnosis.offer_trace(moments)
    assert len({f"{t.perceived:.2f}" for t in trace}) > 1       # the scripted events changed the values
    assert len({t.asked for t in trace}) == 1                 # one package: one ask, whatever the events did
    said = _conceded(list(trace))
    assert said is not None and said.startswith("You never conceded"), said


def test_a_basket_where_the_first_offer_matched_the_players_is_not_one_never_moved_on() -> None:
    scenario = load_scenario(NARROW)
    state = cast(Any, SimpleNamespace(scenario=scenario))
    n = len(scenario.baskets)
    first = (0,) * n + (0,)
    last = (0, 2) + (0,) * (n - 2) + (0,)
    wanted = first                                             # the player asked option 0 on the first basket
    said = _moved(state, [point(first, 0.5, party="ru"), point(last, 0.5, party="ru")], "Russia", wanted)
    assert said is not None and f"never on {scenario.baskets[0].name}" not in said, said
    unlike = (1,) * n + (0,)                                   # the player wanted otherwise: it never moved there
    said = _moved(state, [point(first, 0.5, party="ru"), point(last, 0.5, party="ru")], "Russia", unlike)
    assert said is not None and f"never on {scenario.baskets[0].name}" in said, said
