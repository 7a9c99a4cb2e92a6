"""The AIs: every one finishes every scenario, never signs below no deal, never breaks its red lines."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.engine.actions import Accept, Offer
from game.engine.record import action_to_dict, state_hash
from game.engine.state import Stage, State
from game.model.incentives import negotiating_utility
from game.scenario.loader import load_scenario
from game.strategies.registry import STRATEGIES, make
from game.strategies.runner import play
from game.strategies.time_dependent import TimeDependent
from tests.conftest import shipped_scenarios

GOLDEN = Path(__file__).resolve().parent / "golden" / "games"


def ai_game(path: Path, a: str, b: str, seed: int) -> State:
    scenario = load_scenario(path)
    first = scenario.parties[0].principal
    return play(scenario, seed, {p.id: make(a if p.principal == first else b) for p in scenario.parties})


def check_sound(state: State) -> None:
    """No accepted deal is worth less than no deal to the acceptor, and no AI offer crosses its own red lines."""
    s = state.scenario
    for action in state.history:
        if isinstance(action, Offer) and len(action.outcome) == len(s.baskets) + 1:   # not a scope rung (test_scope)
            party = s.party(action.party)
            for i, basket in enumerate(s.baskets):
                assert basket.options[action.outcome[i]].id not in party.red_lines.get(basket.id, ()), action
    assert state.stage is Stage.OVER
    for result in state.results:
        assert result.round <= max(p.protocol.rounds for p in (s.phases or ())) if s.phases else result.round <= s.protocol.rounds


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_every_ai_finishes_every_scenario_soundly(path: Path, name: str) -> None:
    for other in (name, "boulware"):
        check_sound(ai_game(path, name, other, seed=11))


def test_every_pairing_finishes_on_the_narrow_deal() -> None:
    path = next(p for p in shipped_scenarios() if p.stem == "narrow_deal_2020")
    for a in STRATEGIES:
        for b in STRATEGIES:
            check_sound(ai_game(path, a, b, seed=3))


def test_accepted_offers_beat_no_deal_for_the_acceptor() -> None:
    path = next(p for p in shipped_scenarios() if p.stem == "narrow_deal_2020")
    for seed in range(10):
        state = ai_game(path, "conceder", "modeller", seed)
        last = state.history
        for i, action in enumerate(last):
            if isinstance(action, Accept):
                offer = next(a for a in reversed(last[:i]) if isinstance(a, Offer))
                party = state.scenario.party(action.party)
                assert state.tables is not None
                index = state.tables.problem.encode(np.array(offer.outcome))
                table = state.tables.of(action.party)
                assert negotiating_utility(table.perceived[index], party.reservation, party.incentives, True,
                                           table.best) >= -1e-9


def test_time_dependent_curve() -> None:
    boulware, conceder = make("boulware"), make("conceder")
    assert isinstance(boulware, TimeDependent) and isinstance(conceder, TimeDependent)
    # target(t) = floor + range * (1 - t ** (1 / e)): at mid-talks Boulware keeps ~97%, a conceder ~21%
    assert 1 - 0.5 ** (1 / boulware.exponent) == pytest.approx(0.96875)
    assert 1 - 0.5 ** (1 / conceder.exponent) == pytest.approx(0.2063, abs=1e-4)


def test_same_seed_same_game_and_different_seed_differs() -> None:
    path = next(p for p in shipped_scenarios() if p.stem == "track15_trap")
    a, b = ai_game(path, "modeller", "boulware", 5), ai_game(path, "modeller", "boulware", 5)
    assert a.history == b.history and state_hash(a) == state_hash(b)
    assert state_hash(ai_game(path, "modeller", "boulware", 6)) != state_hash(a)


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_golden_transcript(path: Path, update_golden: bool) -> None:
    """``<scenario>__modeller_vs_boulware__seed1.txt``: one action per line, then the final hash."""
    state = ai_game(path, "modeller", "boulware", seed=1)
    lines = [json.dumps(action_to_dict(a), sort_keys=True) for a in state.history] + [f"hash {state_hash(state)}"]
    golden = GOLDEN / f"{path.stem}__modeller_vs_boulware__seed1.txt"
    if update_golden:
        golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden transcript for {path.name}; run pytest --update-golden on purpose"
    expected = golden.read_text(encoding="utf-8").splitlines()
    for number, (got, want) in enumerate(zip(lines, expected), start=1):
        assert got == want, f"{golden.name}:{number} differs"
    assert len(lines) == len(expected)


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_the_default_ai_closes_deals_where_a_zone_of_agreement_exists(path: Path) -> None:
    """Issue #7 item 5: the default persona against itself, events off, reaches a deal in at least
    18 of 20 games on every shipped scenario whose binding table has a zone of agreement."""
    import dataclasses

    from game.analytics.analysis import analyze
    from game.model.utility import bargaining_problem
    from game.strategies.registry import DEFAULT

    scenario = dataclasses.replace(load_scenario(path), events=())
    if not analyze(bargaining_problem(scenario, scenario.table_parties())).solutions.zopa:
        pytest.skip("no zone of agreement at the binding table")
    deals = sum(play(scenario, seed, {p.id: make(DEFAULT) for p in scenario.parties}, bargaining_only=True)
                .results[-1].agreement is not None for seed in range(20))
    assert deals >= 18, f"{DEFAULT} closed {deals} of 20"


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_every_persona_ignores_the_scale_of_its_negotiating_utility(name: str) -> None:
    """A persona changes how it bids and accepts, never the utility: a delegation whose concession
    weight is 0.4 instead of 1 (no prestige, no noise) plays exactly the same moves. This is what
    lets claim (a)'s ablation remove prestige and keep the Track 1.5 concession weight."""
    import dataclasses

    from game.model.scenario import Incentives

    trap = dataclasses.replace(load_scenario(shipped_scenarios()[-1].parent / "track15_trap.yaml"), events=())

    def scaled(weight: float) -> list[dict]:
        parties = tuple(dataclasses.replace(p, incentives=Incentives(weight, 0.0, 0.0, 0.0)) for p in trap.parties)
        state = play(dataclasses.replace(trap, parties=parties), 3, {p.id: make(name) for p in trap.parties},
                     bargaining_only=True)
        return [action_to_dict(a) for a in state.history]

    assert scaled(0.4) == scaled(1.0)
