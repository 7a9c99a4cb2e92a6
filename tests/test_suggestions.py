"""'did you mean' names what the author meant, from the choices of the place where the word was
written (game.words.closest and suggest, the one suggestion helper)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.words import closest, suggest
from tests.conftest import SCENARIOS

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
FORM_KEYS = ("label", "description", "credibility", "revocation")


def problems(tmp_path: Path, text: str, name: str = "x.yaml") -> list[str]:
    """The messages validate gives for ``text`` (none when it is valid)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        load_scenario(path)
    except ScenarioError as exc:
        return [p.message for p in exc.problems]
    return []


def test_of_equally_close_choices_the_one_that_starts_the_same_wins() -> None:
    assert closest("rus", ["us", "ru"]) == "ru" and closest("usa", ["us", "ru"]) == "us"
    assert closest("u", ["ru", "us"]) == "us"
    assert closest("modeler", ["boulware", "modeller", "linear"]) == "modeller"
    assert closest("zzz", ["us", "ru"]) is None
    assert suggest("zzz", ["us", "ru"]) == "; expected one of: us, ru" and suggest("zzz", []) == ""


def test_a_misspelt_first_mover_suggests_the_party_it_spells(tmp_path: Path) -> None:
    found = problems(tmp_path, NARROW.replace("first_mover: us", "first_mover: rus"))
    assert found == ["protocol.first_mover: 'rus' is not at this table; did you mean 'ru'?"], found


def test_a_misspelt_first_mover_of_a_phase_suggests_a_party_of_that_phase(tmp_path: Path) -> None:
    text = (SCENARIOS / "narrow_deal_2020_definitions.yaml").read_text(encoding="utf-8")
    found = problems(tmp_path, text.replace("first_mover: us, binding: true", "first_mover: rus, binding: true"))
    assert found == ["phases[official_talks].protocol.first_mover: 'rus' is not at this table; did you mean 'ru'?"]


@pytest.mark.parametrize("key", FORM_KEYS)
def test_a_misspelt_key_of_a_form_suggests_that_key_of_the_form(tmp_path: Path, key: str) -> None:
    for typo in (key[:-1], key[:2] + key[3:], key[0] + key[2] + key[1] + key[3:], key + "s"):
        forms = NARROW.index("\nforms:")                         # the first form's key, not a basket's
        text = NARROW[:forms] + NARROW[forms:].replace(f"\n    {key}: ", f"\n    {typo}: ", 1)
        assert text != NARROW
        found = [m for m in problems(tmp_path, text) if "unknown key" in m]
        assert found == [f"forms[executive_agreement].{typo}: unknown key; did you mean {key!r}?"], (typo, found)


def test_an_effect_on_a_protocol_key_no_effect_changes_lists_the_protocols_parameters(tmp_path: Path) -> None:
    found = problems(tmp_path, NARROW.replace("{parameter: protocol.rounds, set: 0}",
                                              "{parameter: protocol.first_mover, set: 0}"))
    assert found == ["events[shock].effects[0].parameter: unknown parameter 'protocol.first_mover'; expected one of: "
                     "protocol.rounds, protocol.discount"], found


@pytest.mark.parametrize(("typo", "meant"), [("us.weights.chanels", "us.weights.channels"),
                                             ("ru.reservaton", "ru.reservation"),
                                             ("rus.reservation", "ru.reservation"),
                                             ("us.wieghts.channels", "us.weights.channels")])
def test_an_effect_on_a_misspelt_parameter_suggests_the_parameter(tmp_path: Path, typo: str, meant: str) -> None:
    found = problems(tmp_path, NARROW.replace("{parameter: ru.weights.channels, add: 0.05}",
                                              f"{{parameter: {typo}, add: 0.05}}"))
    assert found == [f"events[indictment].effects[1].parameter: unknown parameter {typo!r}; did you mean {meant!r}?"]


def test_a_misspelt_strategy_in_a_scenario_suggests_the_strategy(tmp_path: Path) -> None:
    text = NARROW.replace("    domestic_threshold: 0.6 ", "    strategy: modeler\n    domestic_threshold: 0.6 ", 1)
    found = problems(tmp_path, text)
    assert len(found) == 1 and found[0].startswith("parties[us].strategy: expected 'boulware', ")
    assert found[0].endswith("got 'modeler'; did you mean 'modeller'?"), found


@pytest.mark.parametrize("command", [["simulate", "narrow_deal_2020", "--a", "modeler"],
                                     ["simulate", "narrow_deal_2020", "--b", "modeler"],
                                     ["play", "narrow_deal_2020", "--opponent", "modeler"],
                                     ["classroom", "new", "narrow_deal_2020", "--opponent", "modeler"],
                                     ["research", "claims", "--persona", "modeler"]])
def test_a_misspelt_ai_on_the_command_line_suggests_the_ai(command: list[str],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.app import main
    try:
        code = main(command)
    except SystemExit as exit_:                               # argparse refuses a choice itself
        code = int(str(exit_.code))
    err = capsys.readouterr().err
    assert code in (1, 2) and "'modeler'" in err and "did you mean 'modeller'?" in err, err


def test_the_registry_and_the_class_folder_suggest_the_ai_too() -> None:
    from game.classroom.folder import SessionError, session_personas
    from game.scenario.loader import load_scenario
    from game.strategies.registry import make
    with pytest.raises(KeyError, match="unknown strategy 'modeler'; did you mean 'modeller'"):
        make("modeler")
    with pytest.raises(SessionError, match="--opponent: unknown AI 'modeler'; did you mean 'modeller'"):
        session_personas(load_scenario(SCENARIOS / "narrow_deal_2020.yaml"), "modeler")


TREATY = ("    revocation: 0.03             # yearly chance a successor drops it\n    entry:\n"
          "      united_states: {approval: 0.03, sensitivity: 6}\n")


@pytest.mark.parametrize(("moved", "path", "said"), [
    # the form's revocation indented into its entry, where keys are principals
    ("    entry:\n      revocation: 0.03\n      united_states: {approval: 0.03, sensitivity: 6}\n",
     "forms[treaty].entry.revocation: expected a mapping, got 0.03", "'revocation'"),
    # misspelt too, and one level deeper, under a principal's entry rule
    ("    entry:\n      united_states:\n        approval: 0.03\n        sensitivity: 6\n        revokation: 0.03\n",
     "forms[treaty].entry.united_states.revokation: unknown key", "did you mean 'revocation'? 'revocation'")])
def test_a_key_of_a_form_indented_too_far_is_named_as_the_forms(tmp_path: Path, moved: str, path: str,
                                                                said: str) -> None:
    assert TREATY in NARROW
    found = problems(tmp_path, NARROW.replace(TREATY, moved))
    assert found == [f"{path}; {said} is a key of forms[treaty], not of this mapping: indent it like the other keys "
                     "there"], found


def test_a_top_level_key_indented_under_another_is_named_as_the_top_levels(tmp_path: Path) -> None:
    found = problems(tmp_path, NARROW.replace("  trust: 0.2 ", "  trust: 0.2\n  teaching: x\n", 1))
    assert found == ["compliance.teaching: unknown key; 'teaching' is a key of the top level, not of this mapping: "
                     "indent it like the other keys there"], found
