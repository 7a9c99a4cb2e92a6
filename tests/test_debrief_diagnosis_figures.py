"""Newcomer trial (the window's "What happened"): a difference agrees with the rounded figures shown, a rise
an event caused is no raised ask, and a side whose first offer already matched the player's is not said to
have never moved there."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any, cast

import pytest

from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session import diagnosis
from game.session.asks import conceded
from game.session.diagnosis import TracePoint, _form_cost, _moved
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
    chance[(agreed + 1) % len(scenario.forms)] = 0.396                       # one point: "1 percentage point"
    said = _form_cost(state, result, state.phase_def.parties[0])
    assert said is not None and "cost 1 percentage point of" in said, said


def point(outcome: tuple[int, ...], perceived: float, at_first: float | None = None, party: str = "us",
          round_: int = 0) -> TracePoint:
    return TracePoint(0, round_, party, outcome, ("us", "ru"), (0.5, 0.5), perceived, at_first)


def test_a_rise_an_event_caused_is_not_a_raised_ask() -> None:
    same = (1, 1, 1, 1)
    said = conceded([point(same, 0.50, 0.50), point(same, 0.58, 0.50, round_=1)])
    assert said is not None and said.startswith("You never conceded: each of your offers asked 0.50"), said
    assert "events" in said and "0.50 → 0.58" in said, said
    assert "never lowered your ask" not in said
    plain = conceded([point(same, 0.50, 0.50), point(same, 0.50, 0.50, round_=1)])
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
    said = conceded(list(trace))
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


def test_offers_that_changed_terms_but_not_their_worth_are_not_never_conceding() -> None:
    """Handover trial: "You never conceded: each of your offers asked 0.39" of a player whose second offer
    changed the form and a basket: the sentence says the terms changed and each asked the same."""
    said = conceded([point((1, 1, 1, 0), 0.39, 0.39), point((1, 1, 2, 1), 0.39, 0.39, round_=1)])
    assert said == "Your offers changed terms but each asked 0.39 for your government.", said
    same = conceded([point((1, 1, 1, 0), 0.39, 0.39), point((1, 1, 1, 0), 0.39, 0.39, round_=1)])
    assert same is not None and same.startswith("You never conceded"), same


def test_an_offer_across_a_red_line_is_never_given_as_an_ask() -> None:
    """Handover trial: "You never conceded: each of your offers asked 0.35", 0.35 the no-deal value the
    student's offers across the other side's red line fell back to (a binding table never ratifies them)."""
    over = [dataclasses.replace(point((2, 2, 2, 0), 0.35, 0.35, round_=r), true=0.35, true_at_first=0.35,
                                red_lines=("ru",)) for r in (0, 1)]
    said = conceded(over)
    assert said is not None and "asked 0.35" not in said and "never conceded" not in said, said
    assert said.startswith("Your offers of rounds 1 and 2 crossed the other side's red lines"), said
    assert "worth only the no-deal value to your government (0.35)" in said, said
    mixed = conceded([over[0], point((1, 1, 1, 0), 0.45, 0.45, round_=2), point((1, 1, 1, 1), 0.42, 0.42, round_=3)])
    assert mixed is not None and "0.45 → 0.42" in mixed and "Your offer of round 1 crossed" in mixed, mixed
    assert "0.35 →" not in mixed, mixed


def test_the_trace_marks_an_offer_across_a_red_line_at_a_binding_table() -> None:
    from game.engine.actions import Offer
    from game.session.game import GameSession
    from tests.test_ui import OPEN
    scenario = load_scenario(NARROW)
    session = GameSession.new(scenario, "us", 3, "boulware")
    OPEN.append(session)
    ru = scenario.party("ru")
    basket = next(i for i, b in enumerate(scenario.baskets) if ru.red_lines.get(b.id))
    option = next(j for j, o in enumerate(scenario.baskets[basket].options) if o.id in ru.red_lines[scenario.baskets[basket].id])
    package = [1] * len(scenario.baskets) + [0]
    package[basket] = option
    before = session.state
    session.submit(Offer("us", tuple(package)))
    (point_,) = diagnosis.offer_trace([(before, Offer("us", tuple(package)), session.state)])
    assert "ru" in point_.red_lines
    assert point_.truly_made == pytest.approx(before.scenario.party("us").reservation)     # worth no deal


def _agreed_state() -> tuple[Any, Any]:
    """A narrow-deal game the modeller personas brought to an agreement (state, result)."""
    scenario = load_scenario(NARROW)
    for seed in range(12):
        state = run(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
        if game_result(state).agreement is not None:
            return state, game_result(state)
    raise AssertionError("no deal in 12 seeds")


def test_a_chance_of_eighty_odd_percent_reads_an(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trial: "would have had a 88% chance"."""
    state, result = _agreed_state()
    agreed = result.agreement[-1]
    chance = {f: 0.5 if f == agreed else 0.88 if f == (agreed + 1) % len(state.scenario.forms) else 0.1
              for f in range(len(state.scenario.forms))}
    monkeypatch.setattr(diagnosis, "crossed", lambda *_: False)
    monkeypatch.setattr(diagnosis, "deal_value", lambda _, outcome: SimpleNamespace(
        principal_entry=lambda _k: chance[outcome[-1]]))
    said = _form_cost(state, result, state.phase_def.parties[0])
    assert said is not None and "would have had an 88% chance" in said, said


def test_the_form_the_ai_agreed_in_a_handed_over_seat_is_not_the_students(monkeypatch: pytest.MonkeyPatch) -> None:
    """Handover trial: "The form you agreed, Leaders' joint statement, ..." to a student whose seat the AI
    played when the deal was struck."""
    from game.engine.actions import Accept, Offer
    state, result = _agreed_state()
    monkeypatch.setattr(diagnosis, "crossed", lambda *_: False)
    monkeypatch.setattr(diagnosis, "deal_value", lambda _, outcome: SimpleNamespace(
        principal_entry=lambda _k: 0.9 if outcome[-1] == result.agreement[-1] else 0.1))
    history = state.history
    accept = max(i for i, a in enumerate(history) if isinstance(a, Accept))
    taker = history[accept].party
    offerer = next(p for p in state.phase_def.parties if p != taker)
    offered = max(i for i, a in enumerate(history[:accept]) if isinstance(a, Offer) and a.party == offerer)
    for side, move in ((taker, accept), (offerer, offered)):
        assert diagnosis.agreed_by_ai(history, side, move) and not diagnosis.agreed_by_ai(history, side, move + 1)
        handed = _form_cost(state, result, side, ai_from=move)
        assert handed is not None and handed.startswith("The form the AI in your seat agreed, "), handed
        own = _form_cost(state, result, side, ai_from=move + 1)
        assert own is not None and own.startswith("The form you agreed, "), own
    assert not diagnosis.agreed_by_ai(history, taker, None)
