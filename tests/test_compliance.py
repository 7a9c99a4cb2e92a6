"""The compliance Monte Carlo: deliberate cheating, freelancing, detection, the consultation channel."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.engine.compliance import deliberate_violations, simulate_compliance
from game.model.scenario import ResponseRule, Scenario
from game.model.utility import bargaining_problem
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
IDS = ("us", "ru")
DEAL = (3, 3, 3, 3, 3, 3, 0)      # the consultation rung on every basket


def tuned(scenario: Scenario, *, consultation: float | None = None, freelancing: float | None = None,
          cheat_gain: float | None = None, response: ResponseRule | None = None) -> Scenario:
    """``scenario`` with every option's consultation, every party's freelancing rate or cheat gain,
    or the response rule replaced."""
    baskets = scenario.baskets
    if consultation is not None:
        baskets = tuple(dataclasses.replace(b, options=tuple(dataclasses.replace(o, consultation=consultation)
                                                             for o in b.options)) for b in baskets)
    parties = tuple(dataclasses.replace(p, compliance=dataclasses.replace(
        p.compliance,
        freelancing_rate=p.compliance.freelancing_rate if freelancing is None else freelancing,
        cheat_gain=p.compliance.cheat_gain if cheat_gain is None else cheat_gain)) for p in scenario.parties)
    plan = scenario.compliance if response is None else dataclasses.replace(scenario.compliance, response=response)
    return dataclasses.replace(scenario, baskets=baskets, parties=parties, compliance=plan)


def run(scenario: Scenario, seed: int = 0):  # type: ignore[no-untyped-def]
    problem = bargaining_problem(scenario)
    values = problem.utilities_of(np.array(DEAL))
    reservations = np.array([scenario.party(p).reservation for p in IDS])
    return simulate_compliance(scenario, IDS, DEAL, values, reservations, np.random.default_rng(seed))


def test_a_channel_that_settles_everything_keeps_a_pact_of_freelancers_intact() -> None:
    base = tuned(NARROW, freelancing=0.3, cheat_gain=0.0, response=ResponseRule.SUSPEND_BASKET)
    problem = bargaining_problem(base)
    values = problem.utilities_of(np.array(DEAL))
    reservations = np.array([base.party(p).reservation for p in IDS])
    assert not deliberate_violations(base, IDS, DEAL, values, reservations).any()
    without = run(tuned(base, consultation=0.0))
    settled_all = run(tuned(base, consultation=1.0))
    assert without.survival < 0.5 and sum(without.settled) == 0
    assert settled_all.survival == 1.0
    assert sum(settled_all.settled) == sum(settled_all.detected) > 0


def test_deliberate_violations_are_never_settled() -> None:
    cheat = tuned(NARROW, freelancing=0.0, cheat_gain=50.0, consultation=1.0, response=ResponseRule.COLLAPSE)
    result = run(cheat)
    assert sum(result.detected) > 0 and sum(result.settled) == 0
    assert result.survival < 0.05


def test_without_a_channel_nothing_is_settled_and_the_draws_are_unchanged() -> None:
    plain = tuned(NARROW, consultation=0.0)
    a, b = run(plain, seed=3), run(plain, seed=3)
    assert a == b and sum(a.settled) == 0


def test_more_freelancing_means_more_violations() -> None:
    low = run(tuned(NARROW, freelancing=0.05, cheat_gain=0.0))
    high = run(tuned(NARROW, freelancing=0.4, cheat_gain=0.0))
    assert sum(high.detected) + sum(high.undetected) > sum(low.detected) + sum(low.undetected)
    assert high.survival < low.survival


def test_the_yearly_figures_add_up_to_the_totals() -> None:
    result = run(tuned(NARROW, freelancing=0.2))
    assert len(result.intact_by_year) == result.years
    assert result.intact_by_year[-1] == result.survival
    assert all(a >= b for a, b in zip(result.intact_by_year, result.intact_by_year[1:])) or \
        NARROW.compliance.response is ResponseRule.TIT_FOR_TAT
    assert abs(sum(result.caught_by_year) - sum(result.detected)) < 1e-9
    assert abs(sum(result.missed_by_year) - sum(result.undetected)) < 1e-9


def test_the_histogram_counts_every_history_once_per_side() -> None:
    result = run(tuned(NARROW, freelancing=0.2))
    assert len(result.histogram) == 2
    assert all(sum(side) == result.simulations for side in result.histogram)


def test_the_story_tells_the_first_history_consistently() -> None:
    result = run(tuned(NARROW, freelancing=0.3, cheat_gain=0.0, consultation=0.5,
                       response=ResponseRule.SUSPEND_BASKET), seed=4)
    assert result.story
    assert all(1 <= year <= result.years and side in (0, 1) and cause == "freelancing"
               and fate in ("unseen", "settled", "answered") for year, side, _, cause, fate in result.story)
    answered = {(basket, year) for year, _, basket, _, fate in result.story if fate == "answered"}
    for basket, year in answered:             # a suspended basket is never violated again in that history
        assert not any(b == basket and y > year for y, _, b, _, _ in result.story)


def with_detection(scenario: Scenario, detection: float) -> Scenario:
    baskets = tuple(dataclasses.replace(b, attribution=1.0, options=tuple(dataclasses.replace(o, detection=detection)
                                                                          for o in b.options)) for b in scenario.baskets)
    return dataclasses.replace(scenario, baskets=baskets)


def test_a_pact_breached_and_answered_every_year_is_never_counted_intact() -> None:
    """Under tit-for-tat a quiet last year used to count as 'survived'. Intact now means no response
    was ever triggered: with one side breaching on purpose every year, caught with probability p,
    the share intact is the chance it was never caught, (1 - p) ** years (brute force)."""
    p = 0.3
    cheat = with_detection(tuned(NARROW, freelancing=0.0, cheat_gain=50.0, consultation=0.0,
                                 response=ResponseRule.TIT_FOR_TAT), p)
    result = run(cheat)
    committed = sum(1 for d in DEAL[:-1] if d > 0)
    breaching = deliberate_violations(cheat, IDS, DEAL, bargaining_problem(cheat).utilities_of(np.array(DEAL)),
                                      np.array([cheat.party(i).reservation for i in IDS]))
    assert breaching.all()                                  # both sides breach every committed basket
    never_caught = (1 - p) ** (2 * committed * result.years)
    assert result.intact == result.survival == pytest.approx(never_caught, abs=0.01)
    assert result.intact_by_year[-1] == result.intact
    assert result.honoured_by_other == (0.0, 0.0)
    assert all(a > 0 for a in result.answered)


def test_honoured_and_answered_when_nobody_breaches() -> None:
    clean = tuned(NARROW, freelancing=0.0, cheat_gain=0.0)
    result = run(clean)
    assert result.honoured_by_other == (1.0, 1.0) and result.answered == (0.0, 0.0) and result.intact == 1.0


def test_the_cheaters_gain_is_in_its_yearly_value() -> None:
    """Never caught (detection 0), a side that breaches on purpose gets the deal plus cheat_gain x the
    victim's stake on each basket every year; its victim loses its stake on each."""
    from game.engine.compliance import basket_stakes

    unseen = with_detection(tuned(NARROW, freelancing=0.0, cheat_gain=0.0), 0.0)
    parties = tuple(dataclasses.replace(p, compliance=dataclasses.replace(p.compliance, cheat_gain=0.5 if p.id == "ru"
                                                                          else 0.0)) for p in unseen.parties)
    cheater = dataclasses.replace(unseen, parties=parties)
    values = bargaining_problem(cheater).utilities_of(np.array(DEAL))
    reservations = np.array([cheater.party(p).reservation for p in IDS])
    breaches = deliberate_violations(cheater, IDS, DEAL, values, reservations)
    assert breaches[1].all() and not breaches[0].any()      # Moscow breaches everything, Washington nothing
    stakes = basket_stakes(cheater, IDS, DEAL)
    result = run(cheater)
    assert result.mean[1] == pytest.approx(values[1] + 0.5 * stakes[0].sum())
    assert result.mean[0] == pytest.approx(values[0] - stakes[0].sum())
    assert result.honoured_by_other == (0.0, 1.0) and result.intact == 1.0    # never caught, never answered
