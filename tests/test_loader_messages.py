"""Invalid scenarios give every problem as ``path:line:col: message`` at the right node."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS, problems_of

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
TRAP = (SCENARIOS / "track15_trap.yaml").read_text(encoding="utf-8")




def where(text: str, needle: str, occurrence: int = 1, offset: int = 0) -> str:
    """``line:col`` (1-based) of the ``occurrence``-th ``needle`` plus ``offset`` columns."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1 + offset
    return f"{line}:{col}"


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def test_wrong_type_names_key_path_expected_and_found(tmp_path: Path) -> None:
    text = edit(NARROW, "weights: {hack_and_leak: 0.30,", "weights: {hack_and_leak: heavy,")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'heavy')}: parties[us].weights.hack_and_leak: expected a number, got 'heavy'"]



def test_a_number_in_quotes_says_to_drop_the_quotes(tmp_path: Path) -> None:
    """Author trial h7: rounds: "10" was refused as "expected a whole number, got '10'", which reads as a
    contradiction; the message now says the value is text in quotes."""
    text = edit(NARROW, "  rounds: 10", '  rounds: "10"')
    [message] = problems_of(tmp_path, text)
    assert message.endswith("protocol.rounds: expected a whole number, got the text '10' (in quotes: write the "
                            "number without them)")

def test_unknown_key_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    text = edit(NARROW, "    domestic_threshold: 0.6", "    domestic_treshold: 0.6")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'domestic_treshold')}: parties[us].domestic_treshold: unknown key; "
        "did you mean 'domestic_threshold'?"]


def test_missing_key_points_at_the_enclosing_mapping(tmp_path: Path) -> None:
    text = edit(NARROW, "    reservation: 0.4\n", "")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'id: ru', offset=0)}: parties[ru].reservation: required key is missing"]


def test_probability_out_of_range(tmp_path: Path) -> None:
    text = edit(NARROW, "{id: none, label: No commitment, detection: 0.8}", "{id: none, label: No commitment, detection: 1.5}")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, '1.5')}: baskets[hack_and_leak].options[none].detection: expected a number <= 1.0, got 1.5"]


def test_wrong_literal(tmp_path: Path) -> None:
    text = edit(NARROW, "delegation: official ", "delegation: officious")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'officious')}: parties[us].delegation: expected 'official' or 'unofficial', got 'officious'; "
        "did you mean 'official'?"]


def test_unknown_basket_in_weights(tmp_path: Path) -> None:
    text = edit(NARROW, "state_media: 0.07,", "state_medias: 0.07,")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, '{hack_and_leak: 0.30')}: parties[us].weights: no weight for basket 'state_media'",
        f"x.yaml:{where(text, 'state_medias')}: parties[us].weights.state_medias: unknown basket 'state_medias'; "
        "did you mean 'state_media'?"]


def test_unknown_and_missing_option_values(tmp_path: Path) -> None:
    text = edit(NARROW, "channels:                {none: 0,", "channels:                {nothing: 0,")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, '{nothing')}: parties[us].gains.channels: missing gains for option 'none'",
        f"x.yaml:{where(text, 'nothing')}: parties[us].gains.channels.nothing: unknown option 'nothing' of basket "
        "'channels'; expected one of: none, principle, pledge, pledge_consult, pledge_verify"]


def test_duplicate_basket_id(tmp_path: Path) -> None:
    text = edit(NARROW, "  - id: channels\n", "  - id: state_media\n")
    found = problems_of(tmp_path, text)
    assert f"x.yaml:{where(text, 'id: state_media', 2, offset=4)}: baskets[5].id: duplicate basket id 'state_media' " \
           "(already used by baskets[3])" in found


def test_red_line_naming_unknown_option(tmp_path: Path) -> None:
    text = edit(NARROW, "hack_and_leak: [pledge_verify]", "hack_and_leak: [pledge_verfy]")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'pledge_verfy')}: parties[ru].red_lines.hack_and_leak[0]: red line names unknown option "
        "'pledge_verfy' of basket 'hack_and_leak'; did you mean 'pledge_verify'?"]


def test_event_naming_unknown_parameter(tmp_path: Path) -> None:
    text = edit(NARROW, "{parameter: ru.reservation, add: -0.1}", "{parameter: ru.reservaton, add: -0.1}")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'ru.reservaton')}: events[new_sanctions].effects[0].parameter: unknown parameter 'ru.reservaton'; "
        "did you mean 'ru.reservation'?"]


def test_phase_effect_and_event_phase_names_checked(tmp_path: Path) -> None:
    text = edit(TRAP, "    publishes: true            # the experts write up their plan under their own names\n",
                "    publishes: true            # the experts write up their plan under their own names\n"
                "    effects: [{parameter: us.threshold, add: 0.05}]\n")
    text = edit(text, "phases: [official_talks]", "phases: [official_talk]")
    found = problems_of(tmp_path, text)
    assert any(": phases[track15].effects[0].parameter: unknown parameter 'us.threshold'" in f for f in found)
    assert f"x.yaml:{where(text, 'official_talk]')}: events[plan_praised].phases[0]: unknown phase 'official_talk'; " \
           "did you mean 'official_talks'?" in found


def test_effect_needs_exactly_one_operation(tmp_path: Path) -> None:
    text = edit(NARROW, "{parameter: ru.reservation, add: -0.1}", "{parameter: ru.reservation, add: -0.1, set: 0.2}")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, '{parameter: ru.reservation')}: events[new_sanctions].effects[0]: expected exactly one of add, multiply, set; got 2"]


def test_first_mover_must_sit_at_the_table(tmp_path: Path) -> None:
    text = edit(NARROW, "first_mover: us", "first_mover: uk")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'uk')}: protocol.first_mover: 'uk' is not at this table; expected one of: us, ru"]


def test_first_phase_cannot_anchor(tmp_path: Path) -> None:
    text = edit(TRAP, "    anchoring: 0.0\n", "    anchoring: 0.3\n")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'anchoring: 0.3', offset=11)}: phases[track15].anchoring: the first phase has no phase before it to anchor on; "
        "expected 0, got 0.3"]


def test_schema_version_is_required_and_checked(tmp_path: Path) -> None:
    text = edit(NARROW, "schema_version: 2 ", "schema_version: 3 ")
    assert problems_of(tmp_path, text) == [f"x.yaml:{where(text, '3 ')}: schema_version: expected 1 or 2, got 3"]


def test_duplicate_yaml_key_is_reported(tmp_path: Path) -> None:
    text = edit(NARROW, "year: 2020\n", "year: 2020\nyear: 2021\n")
    assert problems_of(tmp_path, text) == [f"x.yaml:{where(text, 'year: 2021')}: year: duplicate key 'year' (first given on line "
                                           f"{where(text, 'year: 2020').split(':')[0]})"]


def test_a_list_item_that_lost_its_dash_is_asked_about_not_only_a_duplicate_key(tmp_path: Path) -> None:
    text = edit(NARROW, "  - id: election_infrastructure\n", "    id: election_infrastructure\n")
    line = where(text, "id: election_infrastructure").split(":")[0]
    first = where(text, "id: hack_and_leak").split(":")[0]
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'id: election_infrastructure')}: baskets: duplicate key 'id' (first given on line "
        f"{first}): did you forget '- ' before line {line}? Each item of the list starts with '- '; expected "
        f"'- id:' at line {line}, found 'id:' repeating the first key of the item that starts at line {first}"]
    # a key given twice that is not the item's first key is only a duplicate key
    text = edit(NARROW, "    name: Election infrastructure\n", "    name: Election infrastructure\n    name: Polls\n")
    assert problems_of(tmp_path, text) == [f"x.yaml:{where(text, 'name: Polls')}: baskets[election_infrastructure].name: duplicate key 'name' (first given "
                                           f"on line {where(text, 'name: Election').split(':')[0]})"]


def test_every_problem_of_a_file_is_reported_in_line_order(tmp_path: Path) -> None:
    text = edit(NARROW, "detection: 0.8}", "detection: high}")
    text = edit(text, "reservation: 0.35", "reservation: lots")
    found = problems_of(tmp_path, text)
    assert len(found) == 2
    assert [int(f.split(":")[1]) for f in found] == sorted(int(f.split(":")[1]) for f in found)
    assert "expected a number, got 'high'" in found[0] and "parties[us].reservation" in found[1]


def test_anchors_let_delegations_share_values() -> None:
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    assert scenario.party("us").values == scenario.party("us_experts").values
    assert scenario.party("us_experts").incentives.prestige > 0 == scenario.party("us").incentives.prestige


def test_list_length_and_empty_text_messages(tmp_path: Path) -> None:
    text = edit(NARROW, 'title: "A narrow deal: governments only"', 'title: ""')
    start = text.index("parties:\n")
    end = text.index("\n# ---------------------------------------------------------------- protocol")
    text = text[:start] + "parties: []\n" + text[end:]
    found = problems_of(tmp_path, text)
    empty_title = where(text, 'title: ""', offset=7)
    assert f"x.yaml:{empty_title}: title: expected non-empty text, got ''" in found
    assert f"x.yaml:{where(text, 'parties: []', offset=9)}: parties: expected at least 2 items, got 0 items" in found


def test_a_bare_shipped_id_loads_and_an_unknown_name_lists_the_shipped_ones(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_scenario("narrow_deal_2020").id == "narrow_deal_2020"
    assert load_scenario("narrow_deal_2020.yaml").id == "narrow_deal_2020"
    with pytest.raises(ScenarioError) as info:
        load_scenario("narow_deal")
    assert str(info.value.problems[0]).startswith("narow_deal: no such file (did you mean 'narrow_deal_2020'?); "
                                                  "the shipped scenarios are: ")
    assert "narrow_deal_2020" in str(info.value.problems[0])


def test_a_key_thousands_of_characters_long_is_echoed_cut_short(tmp_path: Path) -> None:
    text = edit(NARROW, "    reservation: 0.35 ", "    " + "k" * 1000 + ": 1\n    reservation: 0.35 ")
    [message] = problems_of(tmp_path, text)
    assert message.startswith(f"x.yaml:{where(text, 'k' * 1000)}: parties[us].{'k' * 57}...: unknown key; expected "
                              "one of: id, name, principal,"), message[:200]
    assert len(message) < 300


def test_text_too_long_says_how_long_it_is(tmp_path: Path) -> None:
    text = edit(NARROW, 'title: "A narrow deal: governments only"', 'title: "' + "z" * 5000 + '"')
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, chr(34) + 'z')}: title: expected at most 4,000 characters, got 5,000 characters"]


@pytest.mark.parametrize(("key", "found"), [("1", "1"), ("~", "nothing (null)"), ("true", "true")])
def test_a_key_that_is_no_name_says_what_it_is(tmp_path: Path, key: str, found: str) -> None:
    text = edit(NARROW, "    reservation: 0.35 ", f"    {key}: x\n    reservation: 0.35 ")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, f'    {key}: x', offset=4)}: parties[us]: expected a name (text) as a key, got {found}"]


def test_a_file_too_large_says_how_large_it_is(tmp_path: Path) -> None:
    text = NARROW + ("# padding\n" * 30_000)
    assert problems_of(tmp_path, text) == [
        f"x.yaml: file too large: expected at most 262,144 bytes, got {len(text.encode()):,}"]


def test_an_option_id_used_twice_names_the_first_in_the_same_list(tmp_path: Path) -> None:
    text = edit(NARROW, "      - {id: principle, label: Statement of principle, detection: 0.6}",
                "      - {id: none, label: Statement of principle, detection: 0.6}")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, 'id: none, label: Statement', offset=4)}: baskets[election_infrastructure].options[1].id: "
        "duplicate option id 'none' (already used by options[0])"]


def test_a_number_as_a_basket_id_is_written_as_a_key_not_a_list_index(tmp_path: Path) -> None:
    # weights[7] read like the eighth item of a list; the key is the mapping key 7, which is no basket id
    text = edit(NARROW, "weights: {hack_and_leak: 0.30,", "weights: {7: 0.30,")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, '7: 0.30')}: parties[us].weights.7: expected a basket id, got 7: basket ids are names "
        "(lower-case letters a-z, digits and _, starting with a letter), and YAML reads this key as a number"]
    text = edit(NARROW, "hack_and_leak:           {none: 0, principle: 0.3,", "hack_and_leak:           {0: 0, principle: 0.3,")
    [message] = problems_of(tmp_path, text)
    assert message.startswith(f"x.yaml:{where(text, '{0: 0', offset=1)}: parties[us].gains.hack_and_leak.0: expected "
                              "an option id, got 0: option ids are names"), message


RYABKOV = (SCENARIOS / "ryabkov_2017.yaml").read_text(encoding="utf-8")
VETO = '''        veto_players:
          - {name: "President", approval: 0.6, sensitivity: 4}
          - {name: "Congress (CAATSA review)", approval: 0.35, sensitivity: 6}
'''


def test_an_empty_veto_players_list_says_it_needs_a_veto_player(tmp_path: Path) -> None:
    """``veto_players: []`` is no rule: the message says one body is needed, not "not both and not neither"."""
    text = edit(RYABKOV, VETO, "        veto_players: []\n")
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{where(text, '[]')}: forms[executive_agreement].entry.united_states.veto_players: expected at least "
        "one veto player (a body that must approve), got none; list the bodies, or remove veto_players and give approval"]
    beside = edit(RYABKOV, VETO, "        veto_players: []\n        approval: 0.5\n")     # was accepted silently
    assert [p.split(": ", 1)[1] for p in problems_of(tmp_path, beside)] == [
        "forms[executive_agreement].entry.united_states.veto_players: expected at least one veto player (a body "
        "that must approve), got none; list the bodies, or remove veto_players and give approval"]


def test_two_veto_players_of_one_entry_with_one_name(tmp_path: Path) -> None:
    """The debrief names the body that refused, so the bodies of one entry have different names."""
    text = edit(RYABKOV, VETO, VETO.replace("Congress (CAATSA review)", "President"))
    second = where(text, '{name: "President", approval: 0.35', offset=7)
    assert problems_of(tmp_path, text) == [
        f"x.yaml:{second}: forms[executive_agreement].entry.united_states.veto_players[1].name: "
        "duplicate veto player name 'President' (already used by veto_players[0])"]
