"""Messages mean something (issue 13 item 15; docs/model.md, "Messages"): credibility, red lines,
final offers and movement, as every AI reads them, and that neither red lines on everything nor a
round-1 lowball "final offer" exploits the AI."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest

from game.engine.actions import Accept, Message, MessageKind, Offer, Outcome, PlayerAction, Walk
from game.engine.rules import IllegalMoveError, apply
from game.engine.state import State
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.strategies.registry import make
from game.strategies.runner import play
from game.strategies.words import heard
from tests.conftest import SCENARIOS
from tests.test_rules import at_table

NARROW = dataclasses.replace(load_scenario(SCENARIOS / "narrow_deal_2020.yaml"), events=())
RNG = np.random.default_rng(0)


def best_for(state: State, party: str) -> tuple[int, ...]:
    assert state.tables is not None
    return state.tables.problem.outcome_at(int(state.tables.of(party).order[0]))


def offer(state: State, action: Offer) -> State:
    """``action`` applied, and the next round opened without events."""
    from game.engine.actions import RoundStart
    from game.engine.state import Stage
    state = apply(state, action)
    return apply(state, RoundStart(())) if state.stage is Stage.ROUND_START else state


def red(basket: str, option: str) -> Message:
    return Message(MessageKind.RED_LINE, basket, option)


def test_rule_1_a_broken_red_line_halves_the_credibility_and_is_withdrawn() -> None:
    state = at_table(NARROW)
    trust = NARROW.compliance.trust
    assert state.credibility("us") == pytest.approx(trust)
    mine = best_for(state, "us")
    ruled_out = NARROW.baskets[0].options[(mine[0] + 1) % len(NARROW.baskets[0].options)].id
    state = offer(state, Offer("us", mine, red("hack_and_leak", ruled_out)))
    assert state.red_lines_declared("us") == (("hack_and_leak", ruled_out),)
    state = offer(state, Offer("ru", best_for(state, "ru")))
    crossing = list(mine)
    crossing[0] = NARROW.baskets[0].option_index(ruled_out)
    state = offer(state, Offer("us", tuple(crossing)))
    assert state.credibility("us") == pytest.approx(trust / 2)
    assert state.red_lines_declared("us") == ()
    assert state.credibility("ru") == pytest.approx(trust)


def test_rule_1_a_changed_final_offer_halves_the_credibility() -> None:
    state = at_table(NARROW)
    mine = best_for(state, "us")
    state = offer(state, Offer("us", mine, Message(MessageKind.FINAL)))
    state = offer(state, Offer("ru", best_for(state, "ru")))
    state = offer(state, Offer("us", mine, Message(MessageKind.FINAL)))      # the same offer again: its word stands
    assert state.credibility("us") == pytest.approx(NARROW.compliance.trust)
    state = offer(state, Offer("ru", best_for(state, "ru")))
    other = (mine[0] - 1 if mine[0] else 1,) + mine[1:]
    state = offer(state, Offer("us", other))
    assert state.credibility("us") == pytest.approx(NARROW.compliance.trust / 2)


def test_rule_2_a_red_line_names_an_option_the_offer_does_not_contain() -> None:
    state = at_table(NARROW)
    mine = best_for(state, "us")
    own = NARROW.baskets[0].options[mine[0]].id
    with pytest.raises(IllegalMoveError, match="rule 10"):
        apply(state, Offer("us", mine, red("hack_and_leak", own)))
    with pytest.raises(IllegalMoveError, match="rule 10"):
        apply(state, Offer("us", mine, red("hack_and_leak", "no_such_option")))


def test_rule_2_a_red_line_is_believed_in_proportion_to_credibility() -> None:
    """The AI's value of a package crossing a declared red line falls by w (U - r), w = c / k."""
    state = at_table(NARROW)
    ai = make("modeller")
    mine = best_for(state, "us")
    theirs = best_for(state, "ru")
    i = next(i for i in range(len(NARROW.baskets)) if mine[i] != theirs[i])
    option = NARROW.baskets[i].options[theirs[i]].id
    before = ai.utility_of(apply(state, Offer("us", mine)), "ru", theirs)
    after_state = apply(state, Offer("us", mine, red(NARROW.baskets[i].id, option)))
    after = ai.utility_of(after_state, "ru", theirs)
    assert after < before
    w = NARROW.compliance.trust
    ru = NARROW.party("ru")
    assert after_state.tables is not None
    u = float(after_state.tables.of("ru").perceived[after_state.tables.problem.index_of(theirs)])
    from game.model.incentives import scalar_negotiating_utility
    table = after_state.tables.of("ru")
    expected = scalar_negotiating_utility(u - w * (u - ru.reservation), ru.reservation, ru.incentives, True, table.best)
    assert after == pytest.approx(expected)
    ai.act(after_state, "ru", RNG)
    assert ai.why is not None and "red line" in ai.why and f"{w:.0%}" in ai.why


# the message (or none) a scripted player sends with the offer ``outcome`` of ``party`` at ``state``
Script = Callable[[State, str, Outcome], Message | None]


class Scripted:
    """A player who bids like the modeller but sends the messages a script gives it."""

    def __init__(self, script: Script) -> None:
        self.ai = make("modeller")
        self.script = script

    def __call__(self, state: State, party: str) -> PlayerAction:
        move = self.ai.act(state, party, RNG)
        if isinstance(move, Offer):
            return Offer(party, move.outcome, self.script(state, party, move.outcome))
        return move


def value_to(state: State, party: str) -> float:
    result = state.results[-1]
    if result.agreement is None:
        return NARROW.party(party).reservation
    assert state.tables is not None
    return float(state.tables.of(party).expected[state.tables.problem.index_of(result.agreement)])


def game(script: Script, scenario: Scenario = NARROW) -> State:
    return play(scenario, 1, {"ru": make("modeller"), "us": make("modeller")}, Scripted(script),
                frozenset({"us"}), bargaining_only=True)


@pytest.mark.parametrize("trust", [None, 1.0])
def test_red_lines_on_everything_do_not_exploit_the_ai(trust: float | None) -> None:
    """A player who declares every option but its own favourites a red line, one more with each
    offer, gets no better deal than the same player saying nothing (at the file's trust, and at
    full trust, where the first red line is believed in full)."""
    scenario = NARROW if trust is None else dataclasses.replace(
        NARROW, compliance=dataclasses.replace(NARROW.compliance, trust=trust))
    quiet = game(lambda state, party, outcome: None, scenario)
    favourite = best_for(at_table(NARROW), "us")

    def everything(state: State, party: str, outcome: tuple[int, ...]) -> Message | None:
        declared = set(state.red_lines_declared(party))
        for i, basket in enumerate(NARROW.baskets):
            for j, option in enumerate(basket.options):
                if j != favourite[i] and j != outcome[i] and (basket.id, option.id) not in declared:
                    return red(basket.id, option.id)
        return None

    loud = game(everything, scenario)
    assert len(loud.red_lines_declared("us")) >= 5 or loud.results[-1].agreement is not None
    assert value_to(loud, "us") <= value_to(quiet, "us") + 0.01


def test_a_round_one_lowball_final_offer_does_not_exploit_the_ai() -> None:
    state = at_table(NARROW)
    lowball = best_for(state, "us")
    ai = make("modeller")
    answer = ai.act(apply(state, Offer("us", lowball, Message(MessageKind.FINAL))), "ru", RNG)
    assert isinstance(answer, Offer)
    assert ai.why is not None and "final offer" in ai.why and "going on" in ai.why
    # the belief is said as what it is, so that it does not read as a second credibility (player trial)
    after = apply(state, Offer("us", lowball, Message(MessageKind.FINAL)))
    _, chance = ai.going_on(after, "ru")
    assert (f"the chance that it is really final is {chance:.0%}: your credibility with us, "
            f"{after.credibility('us'):.0%}, times how far the talks have run, {ai.time(after):.0%}") in ai.why


def test_a_final_offer_worth_more_than_going_on_is_accepted_near_the_deadline() -> None:
    """Late, with full credibility, a final offer the AI would not take as an ordinary offer is accepted."""
    trusting = dataclasses.replace(NARROW, compliance=dataclasses.replace(NARROW.compliance, trust=1.0))
    state = at_table(trusting)
    ai = make("modeller")
    late = state.evolve(round=trusting.protocol.rounds - 1)
    c = ai.candidates(late, "ru")
    goal = ai.target(late, "ru")
    going_on, chance = ai.going_on(apply(late, Offer("us", best_for(late, "us"), Message(MessageKind.FINAL))), "ru")
    assert chance > 0.9
    # a package worth less than its target but more than going on
    position = c.count_at_least(going_on / ai.discount(late) + 1e-9) - 1
    assert late.tables is not None
    outcome = late.tables.problem.outcome_at(int(c.outcomes[position]))
    assert ai.utility_of(late, "ru", outcome) < goal * ai.discount(late)
    plain = ai.act(apply(late, Offer("us", outcome)), "ru", RNG)
    final = ai.act(apply(late, Offer("us", outcome, Message(MessageKind.FINAL))), "ru", RNG)
    assert isinstance(final, Accept) and not isinstance(plain, Accept)
    assert ai.why is not None and "final offer" in ai.why


def test_movement_needed_moves_the_ai_bid_one_rung_if_it_can_afford_it() -> None:
    state = at_table(NARROW)
    mine, theirs = best_for(state, "us"), best_for(state, "ru")
    basket = next(i for i in range(len(NARROW.baskets)) if mine[i] != theirs[i])
    ai = make("modeller")
    plain = ai.act(apply(state, Offer("us", mine)), "ru", RNG)
    asked = ai.act(apply(state, Offer("us", mine, Message(MessageKind.MOVEMENT, NARROW.baskets[basket].id))), "ru", RNG)
    assert isinstance(plain, Offer) and isinstance(asked, Offer)
    assert ai.why is not None and NARROW.baskets[basket].name in ai.why
    if "We move on" in ai.why:
        step = 1 if mine[basket] > plain.outcome[basket] else -1
        assert asked.outcome[basket] == plain.outcome[basket] + step
        assert ai.utility_of(state, "ru", asked.outcome) >= ai.target(state, "ru") - 1e-9
    else:
        assert "cannot move" in ai.why and asked.outcome == plain.outcome


def test_ai_red_lines_name_the_option_and_are_never_broken() -> None:
    """AI-vs-AI games follow the same rules: the AI's red lines name an option, and its word stands."""
    from tests.conftest import shipped_scenarios
    for path in shipped_scenarios():
        if path.stem == "ryabkov_2017":
            continue                                   # 3.1 million outcomes: the other scenarios suffice here
        scenario = load_scenario(path)
        state = play(scenario, 2, {p.id: make("modeller") for p in scenario.parties})
        for action in state.history:
            if isinstance(action, Offer) and action.message is not None and action.message.kind is MessageKind.RED_LINE:
                assert action.message.option is not None
        assert state.broken == (), path.stem


def test_walk_and_accept_say_why() -> None:
    state = at_table(NARROW)
    ai = make("modeller")
    generous = best_for(state, "ru")
    move = ai.act(apply(state, Offer("us", generous)), "ru", RNG)
    assert isinstance(move, (Accept, Walk)) and ai.why


def test_the_ai_blames_a_broken_word_only_when_the_word_was_broken() -> None:
    """Author trial: an event lowered compliance.trust and the AI answered "You went back on your word". A
    lower credibility from a lower trust is said as such; a broken red line is still called one."""
    state = at_table(NARROW)
    ai = make("modeller")
    assert heard(ai, state, "ru", None) == []                       # first look: nothing to compare with
    lowered = state.evolve(scenario=dataclasses.replace(
        state.scenario, compliance=dataclasses.replace(state.scenario.compliance, trust=state.scenario.compliance.trust / 2)))
    said = " ".join(heard(ai, lowered, "ru", None))
    assert "went back on your word" not in said and "Trust between our governments has fallen" in said
    broken = lowered.evolve(broken=(("us", 1),))
    assert "You went back on your word: we believe you less now" in " ".join(heard(ai, broken, "ru", None))
