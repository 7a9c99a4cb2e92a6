"""One test per numbered protocol rule of game/engine/rules.py, plus illegal moves."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.engine.actions import (
    Accept,
    Action,
    Comply,
    EndTalks,
    Inject,
    Lock,
    Message,
    MessageKind,
    Offer,
    Perceive,
    Ratify,
    RoundStart,
    Walk,
)
from game.engine.chance import entry_odds, sample
from game.engine.rules import IllegalMoveError, apply, new_game
from game.engine.state import Stage, State
from game.engine.tables import noise_shape
from game.engine.valuation import value_deal
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
TRAP = load_scenario(SCENARIOS / "track15_trap.yaml")
NONE = tuple((p.id, ()) for p in NARROW.parties)


def at_table(scenario: Scenario = NARROW, events: tuple[str, ...] = ()) -> State:
    state = apply(new_game(scenario), Perceive(tuple((p.id, ()) for p in scenario.parties)))
    return apply(state, RoundStart(events))


def deal(*options: int) -> tuple[int, ...]:
    return tuple(options)


GOOD = deal(3, 3, 3, 3, 3, 3, 0)


def test_rule_1_perception_is_drawn_once_from_the_seed() -> None:
    state = new_game(TRAP)
    action = sample(state, np.random.default_rng(5))
    assert isinstance(action, Perceive)
    noise = dict(action.noise)
    assert len(noise["us_experts"]) == noise_shape(TRAP) and noise["us"] == () and noise["ru"] == ()
    assert sample(state, np.random.default_rng(5)) == action
    after = apply(state, action)
    assert after.perception == action.noise and after.stage is Stage.ROUND_START
    with pytest.raises(IllegalMoveError, match="expected 'perceive'"):
        apply(after, action)


def test_rule_2_events_fire_and_apply_their_effects() -> None:
    before = at_table().scenario.party("ru").reservation
    state = at_table(events=("new_sanctions",))
    assert state.scenario.party("ru").reservation == pytest.approx(before - 0.1)
    assert state.fired == ((0, 0, "new_sanctions"),)
    frozen = at_table(events=("shock",))
    assert frozen.stage is Stage.OVER and frozen.results[-1].ended_by == "frozen"
    with pytest.raises(IllegalMoveError, match="rule 2"):
        at_table(events=("no_such_event",))


def test_rule_3_a_published_plan_anchors_the_next_phase() -> None:
    state = apply(new_game(TRAP), Perceive(tuple((p.id, ()) for p in TRAP.parties)))
    state = apply(state, RoundStart(()))
    plan = deal(1, 1, 1, 3, 4, 3, 3, 1)   # generous to Moscow
    state = apply(state, Offer("ru", plan))
    before = TRAP.party("us").domestic_threshold
    state = apply(state, Accept("us_experts"))
    assert state.phase_def.id == "official_talks" and state.anchor == plan
    alpha = TRAP.phases[1].anchoring
    seats = TRAP.phases[1].parties
    # the threshold moves toward the plan's expected value in force to Washington (rule 3)
    value = value_deal(TRAP, (TRAP.party(seats[0]), TRAP.party(seats[1])), plan).in_force[seats.index("us")]
    assert state.scenario.party("us").domestic_threshold == pytest.approx((1 - alpha) * before + alpha * value)


def test_rule_4_only_the_delegation_to_move_acts() -> None:
    state = at_table()
    assert state.to_move == "us"
    with pytest.raises(IllegalMoveError, match="rule 4: it is us's turn"):
        apply(state, Offer("ru", GOOD))
    state = apply(state, Offer("us", GOOD))
    assert state.to_move == "ru"


def test_rule_5_offers_cover_every_basket_and_respect_locks() -> None:
    state = at_table()
    with pytest.raises(IllegalMoveError, match="rule 5"):
        apply(state, Offer("us", (1, 2, 3)))
    with pytest.raises(IllegalMoveError, match="rule 5"):
        apply(state, Offer("us", deal(9, 3, 3, 3, 3, 3, 0)))
    state = apply(apply(state, Offer("us", GOOD)), Lock("ru", 0))
    state = apply(apply(state, Offer("ru", GOOD)), RoundStart(()))
    with pytest.raises(IllegalMoveError, match="rule 5: basket 'Hack-and-leak by state agencies' is locked"):
        apply(state, Offer("us", deal(1, 3, 3, 3, 3, 3, 0)))


def test_rule_6_only_the_other_delegations_offer_can_be_accepted() -> None:
    state = at_table()
    with pytest.raises(IllegalMoveError, match="rule 6"):
        apply(state, Accept("us"))
    state = apply(state, Offer("us", GOOD))
    state = apply(state, Accept("ru"))
    assert state.results[-1].agreement == GOOD and state.results[-1].ended_by == "accepted"
    assert state.stage is Stage.RATIFY


def test_rule_7_walking_away_ends_without_a_deal() -> None:
    state = apply(at_table(), Walk("us"))
    assert state.results[-1].agreement is None and state.results[-1].ended_by == "walked:us"
    assert state.stage is Stage.OVER


def test_rule_8_lanes_lock_a_basket_without_ending_the_turn() -> None:
    state = apply(at_table(), Offer("us", GOOD))
    with pytest.raises(IllegalMoveError, match="rule 8"):
        apply(state, Lock("ru", 99))
    locked = apply(state, Lock("ru", 2))
    assert locked.locks[2] == GOOD[2] and locked.to_move == "ru"
    with pytest.raises(IllegalMoveError, match="already locked"):
        apply(locked, Lock("ru", 2))
    no_lanes = dataclasses.replace(NARROW, protocol=dataclasses.replace(NARROW.protocol, lanes=False))
    with pytest.raises(IllegalMoveError, match="lanes are off"):
        apply(apply(at_table(no_lanes), Offer("us", GOOD)), Lock("ru", 2))


def test_rule_9_after_the_last_round_only_accept_or_walk() -> None:
    short = dataclasses.replace(NARROW, protocol=dataclasses.replace(NARROW.protocol, rounds=1))
    state = apply(apply(at_table(short), Offer("us", GOOD)), Offer("ru", GOOD))
    assert state.final_response and state.to_move == "us" and state.stage is Stage.NEGOTIATE
    with pytest.raises(IllegalMoveError, match="rule 9"):
        apply(state, Offer("us", GOOD))
    assert apply(state, Accept("us")).results[-1].agreement == GOOD


def test_rule_10_an_offer_may_carry_one_canned_message() -> None:
    state = apply(at_table(), Offer("us", GOOD, Message(MessageKind.RED_LINE, "channels")))
    assert state.standing is not None and state.standing.message is not None
    assert state.standing.message.text("Channels") == "Channels is a red line for us."
    with pytest.raises(IllegalMoveError, match="rule 10"):
        apply(at_table(), Offer("us", GOOD, Message(MessageKind.MOVEMENT, "nonsense")))


def test_rule_11_entry_into_force_needs_every_principal() -> None:
    state = apply(apply(at_table(), Offer("us", GOOD)), Accept("ru"))
    odds = dict(entry_odds(state))
    assert set(odds) == {"united_states", "russia"} and all(0 < p < 1 for p in odds.values())
    assert apply(state, Ratify((("united_states", True), ("russia", False)))).stage is Stage.OVER
    assert apply(state, Ratify((("united_states", True), ("russia", True)))).stage is Stage.COMPLY
    with pytest.raises(IllegalMoveError, match="rule 11"):
        apply(state, Ratify((("united_states", True),)))


def test_rule_12_compliance_ends_the_game_deterministically() -> None:
    state = apply(apply(apply(at_table(), Offer("us", GOOD)), Accept("ru")),
                  Ratify((("united_states", True), ("russia", True))))
    a, b = apply(state, Comply(7)), apply(state, Comply(7))
    assert a.stage is Stage.OVER and a.compliance == b.compliance
    assert a.compliance is not None
    assert 0 <= a.compliance.survival <= 1 and a.compliance.years == NARROW.compliance.years
    assert apply(at_table(), Walk("us")).compliance is None


def test_chance_actions_are_refused_at_player_nodes_and_vice_versa() -> None:
    with pytest.raises(IllegalMoveError, match="stage 'negotiate'"):
        apply(at_table(), RoundStart(()))
    with pytest.raises(IllegalMoveError, match="stage 'perceive'"):
        apply(new_game(NARROW), Offer("us", GOOD))


def test_rule_11_a_deal_across_a_red_line_never_enters_into_force_there() -> None:
    crossing = deal(3, 4, 3, 3, 3, 3, 0)          # election-infrastructure inspection: a US red line
    state = apply(apply(at_table(), Offer("us", crossing)), Accept("ru"))
    odds = dict(entry_odds(state))
    assert odds["united_states"] == 0.0 and odds["russia"] > 0


def test_legal_actions_list_exactly_what_apply_accepts() -> None:
    from game.engine.actions import AnyOffer
    from game.engine.rules import legal_actions
    assert legal_actions(new_game(NARROW)) == ()                       # a chance node
    opening = legal_actions(at_table())
    assert opening == (AnyOffer("us", (-1,) * 7), Walk("us"))        # nothing to accept or lock yet
    state = apply(at_table(), Offer("us", GOOD))
    listed = legal_actions(state)
    assert Accept("ru") in listed and Walk("ru") in listed
    assert [a.basket for a in listed if isinstance(a, Lock)] == list(range(6))
    for action in listed:
        if not isinstance(action, AnyOffer):
            apply(state, action)                                      # every listed action is legal
    template = next(a for a in listed if isinstance(a, AnyOffer))
    assert template.allows(Offer("ru", GOOD)) and apply(state, Offer("ru", GOOD))
    for illegal in (Accept("us"), Walk("us"), Lock("us", 0)):
        assert illegal not in listed
        with pytest.raises(IllegalMoveError):
            apply(state, illegal)
    short = dataclasses.replace(NARROW, protocol=dataclasses.replace(NARROW.protocol, rounds=1))
    final = apply(apply(at_table(short), Offer("us", GOOD)), Offer("ru", GOOD))
    assert not any(isinstance(a, AnyOffer) for a in legal_actions(final))   # rule 9


def test_a_table_of_three_is_refused_clearly() -> None:
    from game.errors import GameError
    with pytest.raises(GameError, match="seats 3 delegations; the negotiation engine plays two per table"):
        new_game(dataclasses.replace(TRAP, phases=()))


def test_rule_2_an_instructor_can_schedule_an_event_without_changing_the_draws() -> None:
    from game.engine.record import Divergence, replay
    event = NARROW.events[0].id
    start = apply(new_game(NARROW), Perceive(NONE))
    plain_rng, forced_rng = np.random.default_rng(5), np.random.default_rng(5)
    plain = sample(start, plain_rng)
    forced = sample(start, forced_rng, ((event, 1),))
    assert isinstance(plain, RoundStart) and isinstance(forced, RoundStart)     # the round opens
    assert event in forced.events and set(plain.events) <= set(forced.events)
    assert plain_rng.random() == forced_rng.random()            # the stream is the same afterwards
    later = sample(start, np.random.default_rng(5), ((event, 2),))
    assert isinstance(later, RoundStart) and event not in later.events
    seed_rng = np.random.default_rng(0)
    first = apply(new_game(NARROW), Perceive(NONE))
    logged: list[Action] = [Perceive(NONE), sample(first, seed_rng, ((event, 1),))]
    replay(NARROW, 0, logged, ((event, 1),))                    # with the schedule: the log replays
    unscheduled = sample(first, np.random.default_rng(0))
    assert isinstance(unscheduled, RoundStart)
    if event not in unscheduled.events:
        with pytest.raises(Divergence):
            replay(NARROW, 0, logged)                            # without it: the forced event diverges


def test_rule_14_non_binding_talks_are_valued_on_paper() -> None:
    """At the trap's non-binding Track 1.5 table every delegation's table holds paper values; at
    the binding official table the same outcomes are valued at V, which differs."""
    state = at_table(TRAP)
    assert not state.protocol.binding
    assert state.tables is not None
    for party_id in state.phase_def.parties:
        table = state.tables.of(party_id)
        assert np.array_equal(table.expected, table.true_u)
        assert np.allclose(table.perceived, table.paper_seen)
        assert np.all(table.entry == 1.0)
    binding = dataclasses.replace(TRAP, phases=(dataclasses.replace(
        TRAP.phases[0], protocol=dataclasses.replace(TRAP.phases[0].protocol, binding=True)),) + TRAP.phases[1:])
    official = at_table(binding)
    assert official.tables is not None
    experts = official.tables.of(official.phase_def.parties[0])
    assert not np.allclose(experts.expected, experts.true_u)      # V is not the paper value
    assert np.all(experts.entry < 1.0)


def test_rule_14_holds_for_searched_tables_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the exact-table size, candidates are valued on demand: at a non-binding table on paper."""
    from game.engine.valuation import value_deal
    from game.model import limits
    monkeypatch.setattr(limits, "EXACT_TABLE_OUTCOMES", 1_000)
    state = at_table(TRAP)
    assert state.tables is not None and not state.protocol.binding
    experts = state.tables.of(state.phase_def.parties[0])
    assert getattr(experts, "searched", False)
    outcome = (3, 3, 3, 3, 3, 3, 3, 2)
    index = state.tables.problem.index_of(outcome)
    seats = state.phase_def.parties
    paper = value_deal(TRAP, (TRAP.party(seats[0]), TRAP.party(seats[1])), outcome).paper[0]
    assert float(experts.expected[index]) == pytest.approx(paper)


def test_rule_15_an_injected_event_fires_now_without_changing_the_turn() -> None:
    """Rule 15: during the talks an instructor's injection fires the named events at once (effects recorded),
    the delegation to move stays the same, an empty injection or one outside the talks is refused."""
    state = at_table()
    before = state.scenario.party("ru").reservation
    after = apply(state, Inject(("new_sanctions",), seal="s"))
    assert after.scenario.party("ru").reservation == pytest.approx(before - 0.1)
    assert after.turn == state.turn and after.stage is Stage.NEGOTIATE and after.round == state.round
    assert any(e[2] == "new_sanctions" for e in after.fired)
    assert len(after.deltas) > len(state.deltas)
    with pytest.raises(IllegalMoveError, match="rule 15"):
        apply(state, Inject(()))
    with pytest.raises(IllegalMoveError):
        apply(new_game(NARROW), Inject(("new_sanctions",)))


def test_rule_16_the_instructor_ends_the_talks_with_a_final_response_and_no_later_phase() -> None:
    """Rule 16: the delegation to move, facing a standing offer, may only accept or walk away, and may not
    counter; with no offer to face the phase ends at once ("ended"); a two-phase game plays no later phase;
    the end cannot come twice, nor an injection after it."""
    state = at_table()
    first, second = state.seats
    offered = apply(state, Offer(first, GOOD))
    ended = apply(offered, EndTalks(seal="s"))
    assert ended.ended and ended.final_response and ended.to_move == second and ended.round == 0
    with pytest.raises(IllegalMoveError, match="rule 16"):
        apply(ended, Offer(second, GOOD))
    with pytest.raises(IllegalMoveError, match="rule 16"):
        apply(ended, EndTalks())
    with pytest.raises(IllegalMoveError, match="rule 16"):
        apply(ended, Inject(("new_sanctions",)))
    accepted = apply(ended, Accept(second))
    assert accepted.stage is Stage.RATIFY and accepted.results[-1].ended_by == "accepted"
    let_end = apply(ended, Walk(second))
    assert let_end.stage is Stage.OVER and let_end.results[-1].ended_by == f"let_end:{second}"
    nobody = apply(state, EndTalks())                                   # no standing offer to face
    assert nobody.stage is Stage.OVER and nobody.results[-1].ended_by == "ended"
    assert nobody.results[-1].agreement is None
    with pytest.raises(IllegalMoveError):
        apply(new_game(NARROW), EndTalks())                             # only during the talks
    trap = at_table(TRAP)                                               # the Track 1.5 table, then the officials'
    experts, minister = trap.seats
    assert trap.tables is not None
    plan = trap.tables.problem.outcome_at(int(trap.tables.of(minister).order[0]))
    published = apply(apply(apply(trap, Offer(experts, plan)), EndTalks()), Accept(minister))
    assert published.stage is Stage.OVER and published.binding_result is not None
    assert [r.ended_by for r in published.results] == ["accepted", "not_held"]
    assert published.binding_result.agreement is None                  # the plan is not a pact
