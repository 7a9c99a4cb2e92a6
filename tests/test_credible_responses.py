"""Rule 12 of "After signing" (docs/model.md): credible responses.

A victim answers an accusation only when answering beats tolerating it; a file turns the rule on
with ``compliance.responses: credible``. Each test that shows what the rule does is paired with
its ablation (the same file with ``automatic`` responses), and the closed form, the factored
grid and the Monte Carlo are checked to agree with the rule on.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.engine.compliance import policy_breaches
from game.engine.pact import answers, deal_terms, pact_terms
from game.engine.valuation import expected_in_force, value_all, value_deals
from game.errors import ScenarioError
from game.model.scenario import Effect, ResponseRule, Scenario, YearEvent
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS
from tests.test_compliance import (
    LITVINOV,
    NARROW,
    NASH_1933,
    RULE_PAIRS,
    closed_form,
    linked_every_third,
    run,
    tuned,
    with_rules,
)
from tests.test_events_years import with_years


def credible(scenario: Scenario, on: bool = True) -> Scenario:
    """``scenario`` with rule 12 on (or off: every accusation answered)."""
    return dataclasses.replace(scenario, compliance=dataclasses.replace(scenario.compliance, automatic=not on))


def heard(scenario: Scenario, deal: tuple[int, ...], ids: tuple[str, str]) -> np.ndarray:
    terms = pact_terms(scenario, (scenario.party(ids[0]), scenario.party(ids[1])))
    return answers(terms, deal_terms(terms, np.array([deal])))[0]


def breached(scenario: Scenario, deal: tuple[int, ...], ids: tuple[str, str], side: int) -> set[str]:
    names = [b.id for b in scenario.baskets]
    return {names[i] for i in np.flatnonzero(policy_breaches(scenario, ids, deal)[side])}


def test_the_file_says_which_responses_and_the_default_is_automatic(tmp_path: Path) -> None:
    """``responses`` is read from the file; absent, every accusation is answered (rules 2-4 unchanged)."""
    assert load_scenario(SCENARIOS / "narrow_deal_2020.yaml").compliance.automatic
    data = yaml.safe_load((SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8"))
    data["compliance"]["responses"] = "credible"
    path = tmp_path / "credible.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert not load_scenario(path).compliance.automatic
    data["compliance"]["responses"] = "sometimes"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert "compliance" in str(err.value) and "responses" in str(err.value)


def test_1933_washington_tolerates_agitation_it_would_have_to_give_up_its_own_gains_to_answer() -> None:
    """Dyer's record: Washington protested the Comintern's work and kept relations. With rule 12, a
    breach of the agitation pledge is not answered (suspending the agitation group would cost Washington
    the subversion pledge too, worth more to it than the audience cost of tolerating); automatic, it is."""
    ids = ("us", "ussr")
    names = [b.id for b in LITVINOV.baskets]
    agitation = names.index("agitation")
    assert not heard(credible(LITVINOV), NASH_1933, ids)[1, agitation]
    assert heard(credible(LITVINOV, on=False), NASH_1933, ids)[1, agitation]


def test_a_response_that_withdraws_the_whole_package_does_not_deter_a_small_breach() -> None:
    """Schelling's point: a threat to give up everything over a little is not carried out. On the narrow
    deal (one group: the whole package) a strategic side breaches baskets with rule 12 that the same
    response deters when it is automatic; linking each basket only to itself makes the answer credible
    again, and the breaches go."""
    ids = ("us", "ru")
    deal = (3, 3, 3, 3, 3, 3, 0)
    model = tuned(NARROW, detection=0.5, trust=0.5, audience=0.01)
    off = breached(credible(model, on=False), deal, ids, 1)
    on = breached(credible(model), deal, ids, 1)
    assert off < on
    alone = dataclasses.replace(model, baskets=tuple(dataclasses.replace(b, linked_to=(b.id,)) for b in model.baskets))
    assert breached(credible(alone), deal, ids, 1) == breached(credible(alone, on=False), deal, ids, 1)


def test_the_victims_audience_cost_makes_tolerating_dear_and_the_answer_credible() -> None:
    """Tolerating a public breach costs the victim ``credibility * audience_cost``; raise that and the
    victim answers what it tolerated (and the breach it deterred is deterred again)."""
    ids = ("us", "ru")
    deal = (3, 3, 3, 3, 3, 3, 0)
    low = credible(tuned(NARROW, detection=0.5, trust=0.5, audience=0.01))
    high = credible(tuned(NARROW, detection=0.5, trust=0.5, audience=5.0))
    assert not heard(low, deal, ids).all() and heard(high, deal, ids).all()


@pytest.mark.parametrize("rules", RULE_PAIRS, ids=lambda r: f"{r[0].value}-{r[1].value}")
@pytest.mark.parametrize("name", ["roosevelt_litvinov_1933", "narrow_deal_2020"])
def test_the_closed_form_matches_the_monte_carlo_with_credible_responses(rules: tuple[ResponseRule, ResponseRule],
                                                                          name: str) -> None:
    """Rule 12 in the exact expectation and in the Monte Carlo: within 4 standard errors, for every pair
    of response rules, with accusations, trust and linked groups on; and the rule does bite here."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    rng = np.random.default_rng(11)
    seats = tuple(p.id for p in scenario.table_parties())
    model = with_rules(credible(tuned(linked_every_third(scenario), trust=0.4, audience=0.02, revocation=0.1)),
                       seats, rules)
    deal = tuple(int(rng.integers(1, len(b.options))) for b in scenario.baskets) + (0,)
    pair = (seats[0], seats[1])
    result = run(model, deal, seed=3, ids=pair, simulations=20000)
    expected = closed_form(model, deal, pair)
    for s in range(2):
        assert abs(expected[s] - result.mean[s]) < 4 * result.sem[s] + 1e-9
    if rules[0] is not ResponseRule.TIT_FOR_TAT or rules[1] is not ResponseRule.TIT_FOR_TAT:
        assert not heard(model, deal, pair).all()


@pytest.mark.parametrize("events", [False, True])
def test_the_grid_and_the_rows_agree_with_credible_responses(events: bool) -> None:
    """The AI's tables (the factored grid) and the per-deal valuation give the same values under rule 12,
    with and without year events, for every response rule."""
    for rule in ResponseRule:
        model = credible(tuned(NARROW, trust=0.4, accusation=0.03, audience=0.02, response=rule, detection=0.5))
        names = [b.id for b in model.baskets]
        if events:
            model = with_years(model, YearEvent("admin", "", 0.6, 2, (Effect("compliance.trust", "add", -0.3),)),
                               YearEvent("report", "", 0.5, 3, (Effect(f"baskets.{names[1]}.detection", "multiply", 0.5),)))
        small = dataclasses.replace(model, baskets=model.baskets[:3], parties=tuple(
            dataclasses.replace(p, weights={b: w for b, w in p.weights.items() if b in names[:3]})
            for p in model.parties))
        parties = (small.party("us"), small.party("ru"))
        shape = tuple(len(b.options) for b in small.baskets) + (len(small.forms),)
        grid = value_all(small, parties, shape)
        digits = np.stack(np.unravel_index(np.arange(int(np.prod(shape))), shape), axis=1).astype(np.int64)
        rows = value_deals(small, parties, digits)
        assert np.allclose(grid.in_force, rows.in_force, atol=1e-12), rule
        terms = pact_terms(small, parties)
        assert np.allclose(expected_in_force(terms, deal_terms(terms, digits[:7])), rows.in_force[:7], atol=1e-12)
        assert not answers(terms, deal_terms(terms, digits)).all() or rule is ResponseRule.TIT_FOR_TAT


def test_a_tolerated_breach_is_told_as_tolerated_and_never_ends_the_pact() -> None:
    """The told history says ``tolerated`` where the victim does not answer, and a tolerated breach
    leaves the pact intact; with automatic responses the same breaches would end it, so they are deterred."""
    ids = ("us", "ru")
    deal = (3, 3, 3, 3, 3, 3, 0)
    model = credible(tuned(NARROW, detection=0.9, trust=0.0, audience=0.0, accusation=0.0, freelancing=0.0,
                           response=ResponseRule.COLLAPSE))
    assert not heard(model, deal, ids).any()
    result = run(model, deal, seed=1, simulations=500)
    fates = {e[4] for e in result.story}
    assert "tolerated" in fates and "answered" not in fates
    assert result.survival == 1.0 and result.answered == (0.0, 0.0)
    automatic = run(credible(model, on=False), deal, seed=1, simulations=500)   # the ablation: answered, so deterred
    assert sum(automatic.detected) < sum(result.detected)
