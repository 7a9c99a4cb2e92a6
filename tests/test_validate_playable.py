"""``validate`` refuses, at file:line:col, what the engine will not play (issue 17, items 2 and 8;
attack finding F3): table sizes, delegations seated nowhere, non-finite or out-of-range effects;
and the engine caps a receding deadline, so every game ends after a bounded number of moves."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.strategies.registry import make
from game.strategies.runner import play
from tests.conftest import SCENARIOS, problems_of as problems
from tests.test_loader_messages import edit, where

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
TRAP = (SCENARIOS / "track15_trap.yaml").read_text(encoding="utf-8")
SHOCK = "      - {parameter: protocol.rounds, set: 0}"




def without_phases(text: str) -> str:
    """The Track 1.5 trap with every party at one table (its phases cut off, a protocol for the table)."""
    return text[: text.index("\nphases:")] + "\nprotocol: {rounds: 10, first_mover: us}\n" + text[
        text.index("\nevents:"):].replace("    phases: [official_talks]\n", "")


def test_three_delegations_at_one_table_are_refused_at_the_third(tmp_path: Path) -> None:
    text = without_phases(TRAP)
    message = next(m for m in problems(tmp_path, text) if "a table seats" in m)
    assert message.startswith(f"x.yaml:{where(text, '- id: us_experts', offset=2)}: parties: a table seats exactly "
                              "two delegations")
    assert "found 3" in message and "use phases" in message


def test_a_delegation_seated_at_no_table_is_refused(tmp_path: Path) -> None:
    text = edit(TRAP, "parties: [us_experts, ru]", "parties: [us, ru]")
    [message] = problems(tmp_path, text)
    assert message.startswith(f"x.yaml:{where(text, 'us_experts', offset=0)}: parties[2].id: delegation 'us_experts' "
                              "is seated at no phase's table")


@pytest.mark.parametrize("amount", [".inf", "-.inf", ".nan"])
def test_non_finite_effect_amounts_are_refused(tmp_path: Path, amount: str) -> None:
    text = edit(NARROW, SHOCK, f"      - {{parameter: protocol.rounds, set: {amount}}}")
    [message] = problems(tmp_path, text)
    assert message.startswith(f"x.yaml:{where(text, amount)}: events[shock].effects[0].set: expected a finite number")


@pytest.mark.parametrize("effect, found", [
    ("{parameter: protocol.rounds, set: 1e9}", ("protocol.rounds must stay within [0, 200]; expected a value in that "
                                                "range, got 1e+09")),
    ("{parameter: protocol.rounds, set: 201}", "got 201"),
    ("{parameter: protocol.discount, set: 2}", "protocol.discount must stay within (0, 1]"),
    ("{parameter: protocol.rounds, add: -30}", ("add -30 takes protocol.rounds from 10 to -20, outside its range "
                                                "[0, 200]")),
    ("{parameter: us.weights.channels, add: -0.5}", "takes us.weights.channels from 0.09 to -0.41"),
    ("{parameter: baskets.hack_and_leak.detection, multiply: 3}", "from 0.8 (option 'none') to 2.4, outside its range [0, 1]"),
])
def test_effects_that_leave_a_parameter_range_are_refused(tmp_path: Path, effect: str, found: str) -> None:
    text = edit(NARROW, SHOCK, f"      - {effect}")
    [message] = problems(tmp_path, text)
    assert message.startswith(f"x.yaml:{where(text, effect)[:-2]}") and found in message, message


def test_a_phase_effect_is_checked_against_its_own_phase(tmp_path: Path) -> None:
    text = edit(TRAP, "    publishes: true            # the experts write up their plan under their own names\n",
                "    publishes: true            # the experts write up their plan under their own names\n"
                "    effects: [{parameter: protocol.rounds, add: 195}]\n")
    [message] = problems(tmp_path, text)
    assert "phases[track15].effects[0].add: add 195 takes protocol.rounds from 6 (phase 'track15') to 201" in message


def test_with_phases_the_top_level_protocol_is_optional_and_without_them_required(tmp_path: Path) -> None:
    assert "\nprotocol:" not in TRAP                      # the shipped campaigns have none: nothing read it
    path = tmp_path / "trap.yaml"
    path.write_text(TRAP, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.protocol == scenario.phases[-1].protocol
    start = NARROW.index("protocol:\n")
    text = NARROW[:start] + NARROW[NARROW.index("\n\n", start):]
    assert problems(tmp_path, text) == [(f"x.yaml:{where(text, 'schema_version')}: protocol: required key is "
                                         "missing (a scenario without phases needs one protocol)")]


def test_a_duplicate_basket_id_is_reported_alone(tmp_path: Path) -> None:
    text = edit(NARROW, "  - id: channels\n", "  - id: state_media\n")
    assert problems(tmp_path, text) == [
        (f"x.yaml:{where(text, 'id: state_media', 2, offset=4)}: baskets[5].id: duplicate basket id 'state_media' "
         "(already used by baskets[3])")]


def test_a_deadline_that_recedes_every_round_stops_at_200_rounds(tmp_path: Path) -> None:
    """Before the cap, two tit-for-tat AIs on this file bargained for minutes (72,923 moves in the attack)."""
    text = (SCENARIOS / "roosevelt_litvinov_1933.yaml").read_text(encoding="utf-8")
    text = edit(text, "\nevents:\n", "\nevents:\n  - id: forever\n    text: The deadline slips again.\n"
                                      "    probability: 1.0\n    effects:\n      - {parameter: protocol.rounds, add: 1}\n")
    path = tmp_path / "forever.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    start = time.perf_counter()
    final = play(scenario, 1, {p.id: make("tit_for_tat") for p in scenario.parties})
    assert final.results[-1].round <= 200 and len(final.history) < 1000
    assert time.perf_counter() - start < 60


def test_an_unknown_option_in_offer_at_least_reads_option_then_basket(tmp_path: Path) -> None:
    from game.authoring.skeleton import SKELETON
    text = SKELETON.format(name="x", schema="schema.json").replace(
        "    once: true                    # at most once in a game\n",
        "    once: true\n    when: {offer_at_least: {basket: hack_and_leak, option: pledge_verify}}\n", 1)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    [problem] = info.value.problems
    assert problem.message == ("events[leak].when.offer_at_least.option: unknown option 'pledge_verify' of basket "
                               "'hack_and_leak'; did you mean 'pledge'?")
