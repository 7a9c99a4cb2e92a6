"""Rule 10's acceptance: the chance, apart from its veto players' votes, that a government goes ahead with
any deal at all. The calibration brief's election window gives "P(US accepts) x0.5" (section 6); the 2017
and ICT 2020 files apply it as ``us.acceptance: multiply 0.5``. It must halve Washington's chance of entry
exactly, in the tables the AIs bargain on (the grid and the row-by-row valuation), in the draw and in the
debrief, and change nothing where it is 1."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from numpy.typing import NDArray

from game.engine.chance import sample, veto_odds
from game.engine.params import apply_effect
from game.engine.result import game_result
from game.engine.rules import apply, new_game
from game.engine.state import Stage, State
from game.engine.valuation import TIMING, value_all, value_deal, value_deals
from game.model.scenario import Effect, Party, Scenario
from game.scenario.loader import load_scenario
from game.session.diagnosis import why_refused
from game.session.effects import cards, unagreed
from game.strategies.registry import make
from game.strategies.runner import play
from tests.conftest import SCENARIOS, problems_of

SWEEPING = load_scenario(SCENARIOS / "ryabkov_2017.yaml")
NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
HALF = Effect("us.acceptance", "multiply", 0.5)


def pair(s: Scenario) -> tuple[Party, Party]:
    return (s.parties[0], s.parties[1])


def some_deals(s: Scenario, n: int = 200, seed: int = 0) -> NDArray[np.int64]:
    rng = np.random.default_rng(seed)
    sizes = [len(b.options) for b in s.baskets] + [len(s.forms)]
    return np.stack([rng.integers(0, k, n) for k in sizes], axis=1)


@pytest.mark.parametrize("scenario", [NARROW, SWEEPING], ids=["narrow", "sweeping"])
def test_halving_acceptance_halves_every_chance_of_entry_and_nothing_else(scenario: Scenario) -> None:
    halved = apply_effect(scenario, HALF, 0)
    digits = some_deals(scenario)
    before, after = value_deals(scenario, pair(scenario), digits), value_deals(halved, pair(halved), digits)
    np.testing.assert_allclose(after.entry, 0.5 * before.entry, rtol=1e-12)
    np.testing.assert_array_equal(after.in_force, before.in_force)       # E does not read acceptance
    np.testing.assert_array_equal(after.paper, before.paper)
    r = np.array([p.reservation for p in pair(scenario)])
    np.testing.assert_allclose(after.value - r, 0.5 * (before.value - r), rtol=1e-9, atol=1e-12)


def test_the_grid_and_the_row_by_row_valuation_agree_with_acceptance_below_one() -> None:
    halved = apply_effect(NARROW, HALF, 0)
    shape = tuple(len(b.options) for b in halved.baskets) + (len(halved.forms),)
    grid = value_all(halved, pair(halved), shape)
    digits = some_deals(halved, 300, seed=1)
    rows = value_deals(halved, pair(halved), digits)
    index = np.ravel_multi_index(tuple(digits.T), shape)
    np.testing.assert_allclose(grid.entry[index], rows.entry, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(grid.value[index], rows.value, rtol=1e-9, atol=1e-12)


def test_the_timing_is_a_player_only_below_one_and_its_chance_is_the_acceptance() -> None:
    outcome = tuple(int(x) for x in some_deals(NARROW, 1)[0])
    plain = value_deal(NARROW, pair(NARROW), outcome)
    assert all(name != TIMING for side in plain.players for name, _ in side)       # ablation: at 1, no player
    halved = apply_effect(NARROW, HALF, 0)
    valued = value_deal(halved, pair(halved), outcome)
    us = [p.id for p in halved.parties].index("us")
    assert valued.players[us][-1] == (TIMING, pytest.approx(0.5))
    assert valued.players[us][:-1] == plain.players[us]
    assert valued.principal_entry(us) == pytest.approx(0.5 * plain.principal_entry(us))
    assert valued.entry == pytest.approx(0.5 * plain.entry)


def test_validate_refuses_raising_acceptance_above_one(tmp_path: Path) -> None:
    data = yaml.safe_load((SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8"))
    data["events"] = [{"id": "boost", "text": "A boost.", "probability": 0.5,
                       "effects": [{"parameter": "us.acceptance", "add": 0.2}]}]
    problems = problems_of(tmp_path, yaml.safe_dump(data, sort_keys=False))
    assert any("us.acceptance" in p and "1.2" in p for p in problems), problems


def game(seed: int, b: str = "boulware") -> State:
    """A 2017 game, the modeller for Washington: its election window fires in round 4."""
    s = load_scenario(SCENARIOS / "ryabkov_2017.yaml")
    return play(s, seed, {p.id: make("modeller" if p.id == "us" else b) for p in s.parties})


def at_vote(final: State) -> State:
    """``final``'s game replayed up to the vote on entry into force."""
    state = new_game(load_scenario(SCENARIOS / "ryabkov_2017.yaml"))
    for action in final.history:
        if state.stage is Stage.RATIFY:
            return state
        state = apply(state, action)
    raise AssertionError("the game never came to a vote")


def test_the_2017_election_window_halves_washingtons_acceptance_and_says_so() -> None:
    state = game(1)
    assert [r for _, r, e in state.fired if e == "election_window"] == [3]            # round 4, 0-based 3
    assert state.scenario.party("us").acceptance == 0.5
    assert state.scenario.party("ru").acceptance == 1.0
    said = [line.text for card in cards(state.scenario, state.deltas, "us", failed=unagreed(state))
            for line in card.lines if line.parameter == "us.acceptance"]
    assert len(said) == 1 and "100% → 50%" in said[0] and "going ahead" in said[0], said


def test_the_draw_uses_the_timing_and_names_it_when_it_refuses() -> None:
    vote = at_vote(game(1))
    odds = dict(veto_odds(vote))["united_states"]
    assert odds[-1] == (TIMING, pytest.approx(0.5))
    refusals = sum(("united_states", TIMING) in sample(vote, np.random.default_rng(seed)).refused  # type: ignore[union-attr]
                   for seed in range(400))
    assert 170 <= refusals <= 230                    # a fair coin over 400 draws, 3 sd either side of 200


def test_a_refusal_under_the_window_gives_the_timing_in_the_reasons() -> None:
    for seed in range(40):
        state = game(seed, "modeller")
        result = game_result(state)
        if (result.agreement is not None and state.scenario.party("us").acceptance < 1
                and any(p == "united_states" and not ok for p, ok in state.entered or ())):
            break
    else:
        raise AssertionError("no 2017 deal refused in Washington under the window in 40 games")
    said = why_refused(state, result)
    assert said is not None and "a chance of 50% of going ahead with any deal" in said, said
