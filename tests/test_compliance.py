"""The pact after signing: one test per rule of docs/model.md (rules 1-10), each able to fail."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Literal, TypedDict

import numpy as np
import pytest

from game.engine.compliance import ComplianceResult, policy_breaches, simulate_compliance
from game.engine.pact import deal_terms, link_groups, pact_terms
from game.engine.valuation import expected_in_force, value_deal
from game.engine.years import Arr, GroupSums
from game.model.scenario import Basket, ResponseRule, Scenario, VetoPlayer
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

def _rules_alone(scenario: Scenario) -> Scenario:
    """The shipped file without its calibrated accusations and year events, so that each rule's test
    sees that rule alone (the calibrated file is what tests/test_calibration.py checks)."""
    baskets = tuple(dataclasses.replace(b, false_accusation=0.0, misattribution=0.0) for b in scenario.baskets)
    return dataclasses.replace(scenario, baskets=baskets, year_events=())


NARROW = _rules_alone(load_scenario(SCENARIOS / "narrow_deal_2020.yaml"))
IDS = ("us", "ru")
DEAL = (3, 3, 3, 3, 3, 3, 0)      # the consultation rung on every basket
LITVINOV = load_scenario(SCENARIOS / "roosevelt_litvinov_1933.yaml")
NASH_1933 = (3, 2, 3, 2, 2, 1, 0)   # the analysed Nash deal of 1933


def tuned(scenario: Scenario, *, consultation: float | None = None, freelancing: float | None = None,
          response: ResponseRule | None = None, detection: float | None = None, trust: float | None = None,
          accusation: float | None = None, audience: float | None = None, revocation: float | None = None,
          linked: tuple[str, ...] | None | Literal["keep"] = "keep", continuation: float | None = None) -> Scenario:
    """``scenario`` with the named parameters replaced everywhere."""
    def basket(b: Basket) -> Basket:
        options = tuple(dataclasses.replace(o, consultation=o.consultation if consultation is None else consultation,
                                            detection=o.detection if detection is None else detection)
                        for o in b.options)
        return dataclasses.replace(b, options=options,
                                   attribution=b.attribution if detection is None else 1.0,
                                   false_accusation=b.false_accusation if accusation is None else accusation,
                                   misattribution=b.misattribution if accusation is None else 0.0,
                                   detection_cap=b.detection_cap if detection is None else 1.0,
                                   linked_to=b.linked_to if linked == "keep" else linked)
    parties = tuple(dataclasses.replace(p, compliance=dataclasses.replace(
        p.compliance,
        freelancing_rate=p.compliance.freelancing_rate if freelancing is None else freelancing,
        audience_cost=p.compliance.audience_cost if audience is None else audience)) for p in scenario.parties)
    plan = dataclasses.replace(scenario.compliance, response=response or scenario.compliance.response,
                               trust=scenario.compliance.trust if trust is None else trust,
                               continuation=scenario.compliance.continuation if continuation is None else continuation)
    forms = tuple(dataclasses.replace(f, revocation=f.revocation if revocation is None else revocation)
                  for f in scenario.forms)
    return dataclasses.replace(scenario, baskets=tuple(basket(b) for b in scenario.baskets), parties=parties,
                               compliance=plan, forms=forms)


class Noise(TypedDict):
    """Keyword arguments of :func:`tuned` for accusations, consultation and revocation."""
    accusation: float
    consultation: float
    revocation: float


def run(scenario: Scenario, deal: tuple[int, ...] = DEAL, seed: int = 0, ids: tuple[str, str] = IDS,
        simulations: int = 2000) -> ComplianceResult:
    return simulate_compliance(scenario, ids, deal, np.random.default_rng(seed), simulations)


def closed_form(scenario: Scenario, deal: tuple[int, ...] = DEAL, ids: tuple[str, str] = IDS) -> np.ndarray:
    terms = pact_terms(scenario, (scenario.party(ids[0]), scenario.party(ids[1])))
    return expected_in_force(terms, deal_terms(terms, np.array([deal])))[0]


# ---------------------------------------------------------------- rule 1: value and cost

def test_rule1_paper_values_are_derived_from_gains_and_costs() -> None:
    for party in NARROW.parties:
        for basket in NARROW.baskets:
            first = party.values[basket.id][basket.options[0].id]
            for option in basket.options:
                derived = first + party.gains[basket.id][option.id] - party.costs[basket.id][option.id]
                assert party.values[basket.id][option.id] == pytest.approx(derived)


def test_rule1_a_breach_wins_back_exactly_the_cost_of_ones_own_restraint() -> None:
    """Never caught, a strategic Moscow (trust 0) breaches every basket it pays for, and its yearly
    value is the paper value plus those costs; Washington, which keeps its word, loses its gains."""
    unseen = tuned(NARROW, detection=0.0, freelancing=0.0, trust=0.0, accusation=0.0, revocation=0.0)
    terms = pact_terms(unseen, (unseen.party("us"), unseen.party("ru")))
    d = deal_terms(terms, np.array([DEAL]))
    breach = policy_breaches(unseen, IDS, DEAL)
    assert (breach[1] == (d.cost[0, 1] > 0)).all() and breach[1].any()
    result = run(unseen)
    expected_ru = d.paper[0, 1] + d.cost[0, 1][breach[1]].sum() - d.gain[0, 1][breach[0]].sum()
    assert result.mean[1] == pytest.approx(expected_ru)
    assert result.mean[0] == pytest.approx(d.paper[0, 0] + d.cost[0, 0][breach[0]].sum()
                                           - d.gain[0, 0][breach[1]].sum())


def test_rule1_a_one_sided_commitment_cannot_be_breached_by_the_side_it_does_not_bind() -> None:
    worship = [b.id for b in LITVINOV.baskets].index("worship")
    terms = pact_terms(LITVINOV, (LITVINOV.party("us"), LITVINOV.party("ussr")))
    assert not terms.bound[0, worship] and terms.bound[1, worship]
    loose = tuned(LITVINOV, detection=0.0, trust=0.0, freelancing=1.0)
    result = run(loose, NASH_1933, ids=("us", "ussr"))
    assert all(side != 0 or basket != worship for _, side, basket, _, _ in result.story)


# ---------------------------------------------------------------- rule 2: linkage

def test_rule2_links_make_connected_groups_and_no_links_make_one_package() -> None:
    assert set(link_groups(NARROW).tolist()) == {0}
    ids = [b.id for b in NARROW.baskets]
    linked = dataclasses.replace(NARROW, baskets=tuple(
        dataclasses.replace(b, linked_to=(ids[1],) if b.id == ids[0] else ()) for b in NARROW.baskets))
    groups = link_groups(linked).tolist()
    assert groups[0] == groups[1] and len(set(groups)) == len(ids) - 1


def test_rule2_a_suspended_group_is_never_breached_again() -> None:
    alone = tuned(NARROW, freelancing=0.3, trust=1.0, consultation=0.0, accusation=0.0,
                  response=ResponseRule.SUSPEND_BASKET, linked=())
    result = run(alone, seed=4)
    answered = {(basket, year) for year, _, basket, _, fate in result.story if fate == "answered"}
    assert answered
    for basket, year in answered:
        assert not any(b == basket and y > year for y, _, b, _, _ in result.story)


def test_rule2_tit_for_tat_is_a_response_and_is_never_answered() -> None:
    """Only Moscow's agencies breach (Washington's never do and nobody is falsely accused): every
    answered accusation is against Moscow, although Washington retaliates."""
    parties = tuple(dataclasses.replace(p, compliance=dataclasses.replace(p.compliance, freelancing_rate=0.0
                                                                           if p.id == "us" else 0.5))
                    for p in NARROW.parties)
    tft = tuned(dataclasses.replace(NARROW, parties=parties), trust=1.0, accusation=0.0, consultation=0.0,
                response=ResponseRule.TIT_FOR_TAT)
    result = run(tft)
    assert result.answered[1] > 0 and result.answered[0] == 0.0
    assert any(cause == "retaliation" and side == 0 for _, side, _, cause, _ in result.story)


# ---------------------------------------------------------------- rule 3: deterrence

def test_rule3_at_the_1933_nash_deal_only_what_recognition_does_not_guard_is_breached_by_policy() -> None:
    """Worship and legal protection, linked to recognition, are kept by a strategic Moscow; agitation,
    subversion and the debts, linked to nothing Moscow values as much, are breached (Dyer's reading;
    tests/test_calibration.py has the ablation)."""
    ids = [b.id for b in LITVINOV.baskets]
    breached = {ids[i] for i in np.flatnonzero(policy_breaches(LITVINOV, ("us", "ussr"), NASH_1933)[1])}
    assert breached == {"agitation", "subversion", "debts"}
    assert not policy_breaches(LITVINOV, ("us", "ussr"), NASH_1933)[0].any()


def test_rule3_in_a_one_sided_basket_the_victims_response_deters() -> None:
    """Worship binds Moscow alone. Linked to the package (the default), breaching it would cost Moscow
    what Washington gave; unlinked (its own group), the response withdraws nothing Moscow values, and
    a strategic Moscow breaches it (the ablation)."""
    worship = [b.id for b in LITVINOV.baskets].index("worship")
    assert not policy_breaches(LITVINOV, ("us", "ussr"), NASH_1933)[1, worship]
    alone = dataclasses.replace(LITVINOV, baskets=tuple(dataclasses.replace(b, linked_to=()) for b in LITVINOV.baskets))
    assert policy_breaches(alone, ("us", "ussr"), NASH_1933)[1, worship]


def test_rule3_detection_deters_what_it_can_see() -> None:
    blind = tuned(NARROW, detection=0.0)
    seen = tuned(NARROW, detection=1.0)
    assert policy_breaches(blind, IDS, DEAL).sum() > policy_breaches(seen, IDS, DEAL).sum()


def test_rule3_the_forms_audience_cost_deters() -> None:
    cheap = tuned(NARROW, detection=0.3, audience=0.0, continuation=0.05)
    costly = tuned(NARROW, detection=0.3, audience=1.0, continuation=0.05)
    assert policy_breaches(cheap, IDS, DEAL).sum() > policy_breaches(costly, IDS, DEAL).sum()


def test_rule3_a_short_shadow_of_the_future_invites_breaches() -> None:
    base = tuned(NARROW, detection=0.3, audience=0.0)
    short = dataclasses.replace(base, compliance=dataclasses.replace(base.compliance, continuation=0.05))
    assert policy_breaches(short, IDS, DEAL).sum() > policy_breaches(base, IDS, DEAL).sum()


def test_rule3_a_pact_its_own_accidents_may_end_is_worth_less_to_keep() -> None:
    """Deterrence compares breaching a basket every year with never breaching, over a pact that each year
    ends with an answered accident, a revocation or the end of the shadow: ``W / (1 - delta P0)`` against
    ``(W + g) / (1 - delta P0 (1 - q))``. In the 2017 deal the modeller signs (events off), covert social
    media is the basket where that comparison tips: Moscow breaches it by policy, though its accidents
    were once counted for the first year only (``delta / (1 - delta)`` years), which deterred it. With no
    accidents (the ablation) the pact lasts longer and deters the breach."""
    s = load_scenario(SCENARIOS / "ryabkov_2017.yaml")
    s = dataclasses.replace(s, events=(), year_events=())
    deal = (1, 2, 2, 2, 2, 0, 2, 2, 0, 2)
    covert = [b.id for b in s.baskets].index("covert_social_media")
    terms = pact_terms(s, (s.party("us"), s.party("ru")))
    d = deal_terms(terms, np.array([deal]))
    p0 = float(np.prod(1 - d.accident[0]))                          # one package: every accident ends it
    delta = terms.shadow * (1 - float(d.revocation[0]))
    w = float(d.paper[0, 1]) - float(terms.reservation[1])          # collapse: Moscow's whole surplus a year
    q = float(d.q[0, 1, covert])
    g = float(d.cost[0, 1, covert]) - q * float(d.credibility[0]) * float(terms.audience[1])
    keep, breach = w / (1 - delta * p0), (w + g) / (1 - delta * p0 * (1 - q))
    assert breach > keep                                             # the exact stationary comparison tips
    assert g < q * p0 * w * delta / (1 - delta)                      # what the first-year-only count said
    assert policy_breaches(s, ("us", "ru"), deal)[1, covert]
    calm = tuned(s, accusation=0.0, freelancing=0.0)
    assert not policy_breaches(calm, ("us", "ru"), deal)[1, covert]


# ---------------------------------------------------------------- rule 4: accusations, caps, sides

def test_rule4_false_accusations_end_a_pact_nobody_breaks() -> None:
    """Nobody breaches (trust 1, no freelancers); each committed basket draws an answered unfounded
    accusation against each side with probability phi a year: intact = (1 - phi)^(2 B years) until the
    first one collapses the pact, which equals the chance no accusation ever comes (brute force)."""
    phi = 0.05
    clean = tuned(NARROW, freelancing=0.0, trust=1.0, accusation=phi, consultation=0.0, revocation=0.0,
                  response=ResponseRule.COLLAPSE)
    result = run(clean, simulations=20000)
    committed = sum(1 for d in DEAL[:-1] if d > 0)
    assert result.honoured_by_other == (1.0, 1.0)
    assert result.intact == pytest.approx((1 - phi) ** (2 * committed * clean.compliance.years), abs=0.01)
    settled = run(tuned(clean, consultation=1.0))
    assert settled.intact == 1.0


def test_rule4_detection_is_capped_and_may_differ_by_side() -> None:
    ids = [b.id for b in NARROW.baskets]
    capped = dataclasses.replace(NARROW, baskets=tuple(dataclasses.replace(b, detection_cap=0.2) for b in NARROW.baskets))
    terms = pact_terms(capped, (capped.party("us"), capped.party("ru")))
    assert terms.q.max() <= 0.2 + 1e-12
    sided = dataclasses.replace(NARROW, baskets=tuple(
        dataclasses.replace(b, detection_by={"ru": 0.5}) for b in NARROW.baskets))
    t2 = pact_terms(sided, (sided.party("us"), sided.party("ru")))
    base = pact_terms(NARROW, (NARROW.party("us"), NARROW.party("ru")))
    assert np.allclose(t2.q[0], base.q[0]) and (t2.q[1] < base.q[0] + 1e-12).all() and len(ids) > 0


# ---------------------------------------------------------------- rule 5: revocation

def test_rule5_a_successor_revokes_at_the_forms_yearly_rate() -> None:
    rho = 0.2
    fragile = tuned(NARROW, freelancing=0.0, trust=1.0, accusation=0.0, revocation=rho)
    result = run(fragile, simulations=20000)
    assert result.revoked == pytest.approx(1 - (1 - rho) ** fragile.compliance.years, abs=0.01)
    sturdy = run(tuned(fragile, revocation=0.0))
    assert sturdy.revoked == 0.0 and sturdy.mean[0] > result.mean[0]


def test_rule5_shipped_forms_revoke_treaties_least() -> None:
    for scenario in (NARROW, LITVINOV):
        treaty = next(f for f in scenario.forms if f.id == "treaty")
        assert 0 < treaty.revocation < min(f.revocation for f in scenario.forms if f.id != "treaty")


# ---------------------------------------------------------------- rule 6: trust

def test_rule6_trust_discounts_only_what_cannot_be_verified() -> None:
    """Fully verified (detection 1, so the strategic type is deterred), trust changes nothing; unseen
    (detection 0), lower trust lowers what Washington expects."""
    seen = tuned(NARROW, detection=1.0, accusation=0.0)
    assert closed_form(tuned(seen, trust=0.1))[0] == pytest.approx(closed_form(tuned(seen, trust=1.0))[0])
    blind = tuned(NARROW, detection=0.0, accusation=0.0)
    assert closed_form(tuned(blind, trust=0.1))[0] < closed_form(tuned(blind, trust=1.0))[0] - 0.01


def test_rule6_caught_breaches_lower_trust_by_bayes() -> None:
    leaky = tuned(NARROW, detection=0.4, trust=0.5, audience=0.0, continuation=0.05)
    assert policy_breaches(leaky, IDS, DEAL).any()
    result = run(leaky, simulations=4000)
    side = 0 if policy_breaches(leaky, IDS, DEAL)[1].any() else 1
    assert result.trust_after[side] < 0.5 < result.trust_after_honest[side]


def test_rule6_trust_is_one_number_per_pair_of_governments_and_years() -> None:
    trust = {s.id: (s.year, s.compliance.trust) for s in map(load_scenario, sorted(SCENARIOS.glob("*.yaml")))}
    assert trust["narrow_deal_2020"][1] == trust["ict_guarantees_2020"][1]
    assert trust["narrow_deal_2020"][1] <= trust["ryabkov_2017"][1]


# ---------------------------------------------------------------- rule 7: the closed form

def linked_every_third(scenario: Scenario) -> Scenario:
    """``scenario`` with every third basket linked to the next (so there are several groups) and false
    accusations of 0.04 on every basket: the fixture of the closed-form tests."""
    ids = [b.id for b in scenario.baskets]
    return dataclasses.replace(scenario, baskets=tuple(
        dataclasses.replace(b, linked_to=(ids[(i + 1) % len(ids)],) if i % 3 == 0 else (), false_accusation=0.04)
        for i, b in enumerate(scenario.baskets)))


def with_rules(scenario: Scenario, seats: tuple[str, ...], rules: tuple[ResponseRule, ResponseRule]) -> Scenario:
    """``scenario`` in which each seat answers the other's breaches by its own rule."""
    return dataclasses.replace(scenario, compliance=dataclasses.replace(
        scenario.compliance, response_by={seats[0]: rules[0], seats[1]: rules[1]}))


RULE_PAIRS = [(r, r) for r in ResponseRule] + [
    (ResponseRule.COLLAPSE, ResponseRule.SUSPEND_BASKET), (ResponseRule.TIT_FOR_TAT, ResponseRule.COLLAPSE),
    (ResponseRule.SUSPEND_BASKET, ResponseRule.TIT_FOR_TAT)]


@pytest.mark.parametrize("rules", RULE_PAIRS, ids=lambda r: f"{r[0].value}-{r[1].value}")
@pytest.mark.parametrize("name", ["roosevelt_litvinov_1933", "narrow_deal_2020", "ryabkov_2017"])
def test_rule7_closed_form_matches_the_monte_carlo(rules: tuple[ResponseRule, ResponseRule], name: str) -> None:
    """For every pair of response rules (each side's rule is the one it applies as a victim, rule 4),
    with linked groups, false accusations, trust, audience costs and revocation on."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    rng = np.random.default_rng(7)
    seats = tuple(p.id for p in scenario.table_parties())
    model = with_rules(tuned(linked_every_third(scenario), trust=0.4, audience=0.05, revocation=0.1), seats, rules)
    deal = tuple(int(rng.integers(1, len(b.options))) for b in scenario.baskets) + (0,)
    result = run(model, deal, seed=3, ids=(seats[0], seats[1]), simulations=20000)
    expected = closed_form(model, deal, (seats[0], seats[1]))
    for s in range(2):
        assert abs(expected[s] - result.mean[s]) < 4 * result.sem[s] + 1e-9


def test_rule7_one_group_in_closed_form_equals_the_year_by_year_sum() -> None:
    """The whole package as one group is summed over the years in closed form; the chain summed
    year by year (written out independently below) gives the same numbers, for every pair of rules."""
    from game.engine import years as years_module
    from game.engine.valuation import group_sums
    from game.engine.pact import breaches as policy

    for rules in RULE_PAIRS:
        model = tuned(NARROW, trust=0.4, audience=0.05, revocation=0.1, accusation=0.03)
        model = dataclasses.replace(model, compliance=dataclasses.replace(
            model.compliance, response_by={"us": rules[0], "ru": rules[1]}))
        terms = pact_terms(model, (model.party("us"), model.party("ru")))
        d = deal_terms(terms, np.array([DEAL, (1, 2, 3, 4, 1, 2, 1)]))
        mine, theirs = group_sums(terms, d, policy(terms, d))
        args = (mine, theirs, rules[0], rules[1], d.paper[:, 0], float(terms.reservation[0]), 1 - d.revocation,
                terms.years)
        closed = years_module.expected_years(*args)
        looped = _year_by_year(*args)
        assert np.allclose(closed, looped, atol=1e-12)


def _year_by_year(mine: GroupSums, theirs: GroupSums, rule_self: ResponseRule, rule_other: ResponseRule,
                  paper: Arr, r: float, stay: Arr, years: int) -> Arr | float:
    """The chain of docs/model.md summed year by year for one group (independent of years.py's sums)."""
    from game.engine.years import STOPS
    a_s, a_o = 1 - np.exp(mine.quiet[0]), 1 - np.exp(theirs.quiet[0])
    u = (1 - a_s * (rule_other in STOPS)) * (1 - a_o * (rule_self in STOPS))
    k = (1 - a_s * (rule_other is ResponseRule.COLLAPSE)) * (1 - a_o * (rule_self is ResponseRule.COLLAPSE))
    base = paper - mine.held[0]
    val = mine.held[0] + mine.own[0] - theirs.taken[0]
    total: Arr | float = 0.0
    for t in range(1, years + 1):
        live = stay ** (t - 1) * u ** (t - 1)
        alive = stay ** (t - 1) * (u ** (t - 1) + (k - u) * sum(u ** j for j in range(t - 1)))
        year = (1 - alive) * r + alive * base + live * val
        if t > 1 and rule_other is ResponseRule.TIT_FOR_TAT:
            year = year + stay ** (t - 1) * u ** (t - 2) * a_s * (1 - a_o * (rule_self in STOPS)) * (
                theirs.taken[0] - mine.gain_act[0])
        if t > 1 and rule_self is ResponseRule.TIT_FOR_TAT:
            year = year + stay ** (t - 1) * u ** (t - 2) * a_o * (1 - a_s * (rule_other in STOPS)) * (
                mine.cost_act[0] - mine.v_cost[0])
        total = total + year
    return total / years


def test_rule7_expected_value_combines_entry_and_the_value_in_force() -> None:
    parties = (NARROW.party("us"), NARROW.party("ru"))
    v = value_deal(NARROW, parties, DEAL)
    for s in range(2):
        r = parties[s].reservation
        assert v.value[s] == pytest.approx(v.entry * v.in_force[s] + (1 - v.entry) * r)
    assert v.entry == pytest.approx(v.principal_entry(0) * v.principal_entry(1))


# ---------------------------------------------------------------- rule 9: measures

def test_rule9_a_pact_breached_and_answered_every_year_is_never_counted_intact() -> None:
    """With one side breaching on purpose every year and caught with probability p, intact is the
    chance it was never caught: (1 - p) ** (breaches x years) (brute force)."""
    p = 0.3
    cheat = tuned(NARROW, freelancing=0.0, trust=0.0, detection=p, consultation=0.0, accusation=0.0,
                  audience=0.0, revocation=0.0, response=ResponseRule.TIT_FOR_TAT, continuation=0.05)
    breach = policy_breaches(cheat, IDS, DEAL)
    assert breach.any()
    result = run(cheat, simulations=20000)
    assert result.intact == pytest.approx((1 - p) ** (breach.sum() * result.years), abs=0.01)
    assert result.intact_by_year[-1] == result.intact
    assert all(a > 0 for a, b in zip(result.answered, breach) if b.any())


def test_rule9_nobody_breaches_nobody_is_answered() -> None:
    clean = tuned(NARROW, freelancing=0.0, trust=1.0, accusation=0.0)
    result = run(clean)
    assert result.honoured_by_other == (1.0, 1.0) and result.answered == (0.0, 0.0) and result.intact == 1.0


def test_rule9_the_yearly_figures_add_up_to_the_totals() -> None:
    result = run(tuned(NARROW, freelancing=0.2))
    assert len(result.intact_by_year) == result.years
    assert abs(sum(result.caught_by_year) - sum(result.detected)) < 1e-9
    assert abs(sum(result.missed_by_year) - sum(result.undetected)) < 1e-9
    assert all(sum(side) == result.simulations for side in result.histogram)


# ---------------------------------------------------------------- rule 10: veto players

def test_rule10_every_veto_player_must_approve() -> None:
    senate, court = VetoPlayer("Senate", 0.5, 2.0), VetoPlayer("Supreme Court", 0.9, 0.0)
    forms = tuple(dataclasses.replace(f, entry={**f.entry, "united_states": dataclasses.replace(
        f.entry["united_states"], players=(senate, court))}) for f in NARROW.forms)
    split = dataclasses.replace(NARROW, forms=forms)
    v = value_deal(split, (split.party("us"), split.party("ru")), DEAL)
    names = [name for name, _ in v.players[0]]
    assert names == ["Senate", "Supreme Court"]
    assert v.principal_entry(0) == pytest.approx(v.players[0][0][1] * v.players[0][1][1])
    one = value_deal(NARROW, (NARROW.party("us"), NARROW.party("ru")), DEAL)
    assert len(one.players[0]) == 1 and one.players[0][0][0] == "united_states"


def test_rule10_the_ratification_draw_names_the_body_that_refused() -> None:
    """A Senate that never approves and a President who always does: every deal the AIs reach is
    refused, and the chance move says by whom; the move log round-trips the names."""
    from game.engine.actions import Ratify
    from game.engine.chance import sample
    from game.engine.record import action_from_dict, action_to_dict
    from game.engine.state import Stage
    from game.strategies.registry import make
    from game.strategies.runner import play

    senate, president = VetoPlayer("Senate", 1e-9, 0.0), VetoPlayer("President", 1 - 1e-9, 0.0)
    forms = tuple(dataclasses.replace(f, entry={**f.entry, "united_states": dataclasses.replace(
        f.entry["united_states"], players=(senate, president))}) for f in NARROW.forms)
    split = dataclasses.replace(NARROW, forms=forms, events=())
    for seed in range(6):
        state = play(split, seed, {"us": make("conceder"), "ru": make("conceder")}, bargaining_only=True)
        if state.stage is Stage.RATIFY:
            break
    assert state.stage is Stage.RATIFY
    action = sample(state, np.random.default_rng(0))
    assert isinstance(action, Ratify)
    assert dict(action.entered)["united_states"] is False
    assert action.refused == (("united_states", "Senate"),)
    assert action_from_dict(action_to_dict(action)) == action


# ---------------------------------------------------------------- rule 8: stakeholders

def test_rule8_stakeholders_validate_and_are_valued_by_the_deal(tmp_path: Path) -> None:
    from game.engine.valuation import stakeholder_values

    text = (SCENARIOS / "narrow_deal_2020.yaml").read_text()
    rows = ", ".join(f"{b.id}: {{{', '.join(f'{o.id}: {min(1.0, 0.2 * i):.1f}' for i, o in enumerate(b.options))}}}"
                     for b in NARROW.baskets)
    weights = ", ".join(f"{b.id}: 1.0" for b in NARROW.baskets)
    block = (f"\nstakeholders:\n  - id: allies\n    name: European allies\n    weights: {{{weights}}}\n"
             f"    values: {{{rows}}}\n    reservation: 0.3\n")
    path = tmp_path / "with_allies.yaml"
    path.write_text(text + block)
    scenario = load_scenario(path)
    assert [h.name for h in scenario.stakeholders] == ["European allies"]
    (holder, value, reservation), = stakeholder_values(scenario, DEAL)
    assert value == pytest.approx(0.6) and reservation == 0.3
    old = tmp_path / "old.yaml"
    old.write_text(text.replace("schema_version: 2", "schema_version: 1") + block)
    from game.errors import ScenarioError
    with pytest.raises(ScenarioError):
        load_scenario(old)


def test_the_told_history_says_what_is_left_of_the_pact_each_year() -> None:
    """The story told year by year knows when the pact is gone: dropped by a successor (revocation 1: after
    year 1), collapsed by an answer, or every commitment suspended (the narrow deal is one package, so one
    answered breach suspends it all); a pact nothing touches stays in force."""
    noisy: Noise = {"accusation": 1.0, "consultation": 0.0, "revocation": 0.0}     # accused every year, nothing settled
    assert run(tuned(NARROW, revocation=1.0), simulations=10).told_status[:2] == ("in force", "revoked")
    collapsed = run(tuned(NARROW, response=ResponseRule.COLLAPSE, **noisy), simulations=10).told_status
    assert collapsed[0] == "in force" and set(collapsed[1:]) == {"collapsed"}
    suspended = run(tuned(NARROW, response=ResponseRule.SUSPEND_BASKET, **noisy), simulations=10).told_status
    assert suspended[0] == "in force" and set(suspended[1:]) == {"suspended"}
    lanes = run(tuned(NARROW, response=ResponseRule.SUSPEND_BASKET, linked=(), **noisy), simulations=10)
    assert lanes.told_status[1] == "suspended"           # every lane accused and answered at once: all gone too
    quiet = run(tuned(NARROW, freelancing=0.0, accusation=0.0, revocation=0.0, trust=1.0), simulations=10)
    assert set(quiet.told_status) == {"in force"} and len(quiet.told_status) == quiet.years
