"""The shipped scenarios against what the seeds say (issue 9, item 3): each test reads a number or
an outcome off a shipped file and checks it against the seed passage cited in the file and in
docs/calibration.md. Where the claim rests on a rule, the test also removes the rule and shows
the claim go."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.engine.actions import Accept, Offer, Perceive, RoundStart
from game.engine.compliance import policy_breaches
from game.engine.pact import link_groups
from game.engine.rules import apply, new_game
from game.engine.tables import build_tables
from game.engine.valuation import stakeholder_values
from game.model.incentives import walk_away_utility
from game.model.scenario import Delegation, Scenario
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")


def _officials_at_non_binding_tables(scenario: Scenario) -> list[str]:
    out = []
    for phase in scenario.phases:
        if not phase.protocol.binding:
            out += [p for p in phase.parties if scenario.party(p).delegation is Delegation.OFFICIAL]
    return out


@pytest.mark.parametrize("name", ["track15_trap", "code_of_conduct_2019"])
def test_officials_concede_about_0_3_of_their_track_1_rate_in_non_binding_talks(name: str) -> None:
    """Calibration brief: an official's concession rate at a Track 1.5 table is about 0.3 of its
    Track 1 rate. docs/model.md: the ratio is (U_max - walk-away non-binding) / (U_max - r)."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    for pid in _officials_at_non_binding_tables(scenario):
        party = scenario.party(pid)
        best, r = 0.9, party.reservation
        non_binding = walk_away_utility(r, party.incentives, False, best)
        binding = walk_away_utility(r, party.incentives, True, best)
        assert binding == pytest.approx(r)
        assert (best - non_binding) / (best - binding) == pytest.approx(0.3, abs=0.01), pid


def test_the_trap_plan_lowers_washingtons_bar_at_home() -> None:
    """003: the plan "shifts the perception of the relative value of the concessions": after a plan
    that leans toward Moscow, the official US delegation's domestic threshold falls (rule 3), so a
    lopsided deal is easier, not harder, to accept at home. No phase effect pushes it back up."""
    official = TRAP.phases[-1]
    assert not any(e.parameter.endswith("domestic_threshold") for e in official.effects)
    state = apply(new_game(TRAP), Perceive(tuple((p.id, ()) for p in TRAP.parties)))
    state = apply(state, RoundStart(()))
    plan = (1, 3, 1, 3, 3, 3, 3, 3)              # the kind of plan the Track 1.5 table publishes
    first = state.protocol.first_mover
    other = next(p for p in state.phase_def.parties if p != first)
    state = apply(apply(state, Offer(first, plan)), Accept(other))
    moved = [d for d in state.deltas if d.parameter == "us.domestic_threshold"]
    assert moved and moved[-1].after < moved[-1].before
    assert state.scenario.party("us").domestic_threshold < TRAP.party("us").domestic_threshold


def test_the_trap_has_an_absent_party_whose_loss_is_reported() -> None:
    """003: "talks about Ukraine without Ukraine". The trap names a stakeholder with no seat, and
    a deal that gives Moscow NGO restraint costs it against no deal."""
    assert TRAP.stakeholders
    holder, value, reservation = stakeholder_values(TRAP, (3, 3, 3, 3, 3, 3, 3, 2))[0]
    assert value < reservation
    assert stakeholder_values(TRAP, None)[0][1] == reservation


def test_rule_14_is_what_lets_track_15_incentives_move_the_plan() -> None:
    """Ablation of rule 14 at the trap's Track 1.5 table: valued like binding talks (expected value,
    entry into force weighed), the experts' and the minister's tables are nearly flat in the region
    they bargain over; on paper they span the terms."""
    state = apply(new_game(TRAP), Perceive(tuple((p.id, ()) for p in TRAP.parties)))
    assert state.tables is not None
    paper_span = np.ptp(state.tables.of("ru").perceived[state.tables.of("ru").order[:1000]])
    binding = build_tables(state.scenario, state.phase_def.parties, {}, binding=True)
    v_span = np.ptp(binding.of("ru").perceived[binding.of("ru").order[:1000]])
    assert paper_span > 2 * v_span


def _load(name: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def test_1933_gives_both_readings_through_moscows_type() -> None:
    """000 "arguably did" offer some respite; 002 "continued unabated". At the historical package
    a strategic Moscow breaches agitation and subversion by policy (Dyer's reading), a complying
    one keeps everything (Saradzhyan's); worship and legal protection, traded against
    recognition, are kept either way, and the debts stay unsettled. Ablation: with every basket
    in one linked package (no `linked_to`), the threat to recognition deters every breach and
    Dyer's reading disappears."""
    s = _load("roosevelt_litvinov_1933")
    letters = (3, 2, 3, 2, 1, 1, s.forms.index(next(f for f in s.forms if f.id == "exchange_of_letters")))
    ids = [b.id for b in s.baskets]
    moscow = policy_breaches(s, ("us", "ussr"), letters)[1]
    assert {ids[i] for i in np.flatnonzero(moscow)} == {"agitation", "subversion", "debts"}
    assert 0 < s.compliance.trust < 1                       # both types, so both readings, occur
    one_package = dataclasses.replace(s, baskets=tuple(dataclasses.replace(b, linked_to=None) for b in s.baskets))
    assert not policy_breaches(one_package, ("us", "ussr"), letters)[1][[ids.index("agitation"),
                                                                         ids.index("subversion")]].any()


@pytest.mark.parametrize("name", ["roosevelt_litvinov_1933", "ryabkov_2017"])
def test_dyer_is_cited_where_he_bears(name: str) -> None:
    assert any("Dyer" in source.author and source.year == 2017 for source in _load(name).sources)


def test_no_event_happens_before_its_time() -> None:
    """Anachronisms removed: the 1935 Comintern congress is not an event of the 1933 talks, and the
    2022 ransomware arrests are not events of 2020 files."""
    assert not any("congress" in e.text.lower() for e in _load("roosevelt_litvinov_1933").events)
    for name in ("narrow_deal_2020", "ict_guarantees_2020"):
        assert not any("arrest" in e.text.lower() for e in _load(name).events), name


@pytest.mark.parametrize("name,event", [("ict_guarantees_2020", "election_window"),
                                        ("ryabkov_2017", "election_window")])
def test_known_dates_are_scheduled_not_drawn(name: str, event: str) -> None:
    found = next(e for e in _load(name).events if e.id == event)
    assert found.at_round is not None and found.probability == 1.0


def test_2019_carries_charap_and_timofeevs_three_commitments_in_their_words() -> None:
    s = _load("code_of_conduct_2019")
    text = " ".join(o.description for b in s.baskets for o in b.options)
    for words in ("not to make public information of political significance obtained by state agencies",
                  "not to authorize state, state-funded or parastate entities to purchase political advertisements",
                  "to refrain from public assessments of the quality of elections before international observation"):
        assert words in text
    assert any(b.id == "social_networks" for b in s.baskets)
    working_group = [s.party(p) for p in s.phases[0].parties]
    trap_experts = TRAP.party("us_experts").incentives
    for party in working_group:       # Track 1.5 as 001 describes it, not the trap's incentives
        assert party.incentives.concession_weight > trap_experts.concession_weight
        assert party.incentives.self_knowledge < trap_experts.self_knowledge
        assert party.incentives.prestige < trap_experts.prestige


def test_2020_ict_has_the_first_blow_pledge_and_an_incidents_agreement_of_its_own() -> None:
    s = _load("ict_guarantees_2020")
    infrastructure = s.basket("critical_infrastructure")
    assert any("first blow" in (o.label + o.description).lower().replace("-", " ") for o in infrastructure.options)
    assert "ransomware" not in (infrastructure.name + infrastructure.description).lower()
    incidents = s.basket("incidents_agreement")
    assert all(o.consultation > 0 for o in incidents.options[1:])


def test_critical_infrastructure_is_kept_apart_from_interference() -> None:
    """001 keeps "protection of critical infrastructure" apart from interference: the 2017 table does
    not have it, and the narrow 2020 deal (000 does not list it) keeps it at half the weight it had,
    as attacks on infrastructure without the 2021 ransomware framing."""
    assert not any(b.id == "critical_infrastructure" for b in _load("ryabkov_2017").baskets)
    narrow = _load("narrow_deal_2020")
    basket = narrow.basket("critical_infrastructure")
    assert "ransomware" not in (basket.name + basket.description).lower()
    for party in narrow.parties:
        weights = party.weights
        assert weights["critical_infrastructure"] < max(weights["hack_and_leak"], weights["state_media"])


def test_linkage_is_what_the_seed_passages_say() -> None:
    """docs/calibration.md, "Linkage": 2019's commitments are negotiated in parallel lanes (001) and each
    answered on its own; the ICT incidents agreement stands apart from Putin's package (004's 1972
    analogy); one package where a single text was offered (2017, the trap's plan, the narrow deal);
    1933 as Roosevelt and Litvinov linked it."""
    def groups(name: str) -> set[frozenset[str]]:
        s = _load(name)
        numbers = link_groups(s)
        return {frozenset(b.id for b, g in zip(s.baskets, numbers) if g == k) for k in set(numbers.tolist())}

    lanes = _load("code_of_conduct_2019")
    assert groups("code_of_conduct_2019") == {frozenset([b.id]) for b in lanes.baskets}
    ict = _load("ict_guarantees_2020")
    assert groups("ict_guarantees_2020") == {frozenset(["incidents_agreement"]),
                                             frozenset(b.id for b in ict.baskets if b.id != "incidents_agreement")}
    for name in ("ryabkov_2017", "track15_trap", "narrow_deal_2020", "narrow_deal_2020_definitions"):
        assert len(groups(name)) == 1, name
    assert groups("roosevelt_litvinov_1933") == {frozenset(["agitation", "subversion"]), frozenset(["debts"]),
                                                 frozenset(["recognition", "worship", "legal_protection"])}
