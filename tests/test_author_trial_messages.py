"""An author trial: the findings an author met while writing a scenario, each fixed and held here."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import GameError
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES, problems_of

SCHEMA1 = (FIXTURES / "schema1_minimal.yaml").read_text(encoding="utf-8")




def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


YEAR_EVENTS = """\
  - id: thaw
    text: Trust returns.
    probability: 0.5
    year: 2
    effects:
      - {parameter: compliance.trust, multiply: 0.5}
      - {parameter: forms.executive_agreement.revocation, set: 0.4}
"""


def test_schema_1_refuses_effects_on_schema_2_parameters(tmp_path: Path) -> None:
    """A schema-1 file has full trust, no revocation and no audience cost: an effect may not change them,
    and is refused at its line as the key itself is."""
    text = SCHEMA1.replace("\n# ---------------------------------------------------------------- after a deal",
                           YEAR_EVENTS + "\n# ---------------------------------------------------------------- after")
    text = text.replace("      - {parameter: us.reservation, add: 0.05}",
                        "      - {parameter: ru.compliance.audience_cost, add: 0.05}")
    problems = problems_of(tmp_path, text)[1:]               # the first says to set schema_version: 2
    assert f"x.yaml:{line_of(text, 'ru.compliance.audience_cost')}:" in problems[0]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "events[leak].effects[0].parameter: ru.compliance.audience_cost needs schema_version 2 (this file says 1)",
        "events[thaw].effects[0].parameter: compliance.trust needs schema_version 2 (this file says 1)",
        "events[thaw].effects[1].parameter: forms.executive_agreement.revocation needs schema_version 2 "
        "(this file says 1)"]
    assert [int(p.split(":")[1]) for p in problems[1:]] == [line_of(text, "compliance.trust"),
                                                          line_of(text, "forms.executive_agreement.revocation")]
    load_scenario_v2 = text.replace("schema_version: 1", "schema_version: 2")
    assert "audience_cost" not in " ".join(problems_of(tmp_path, load_scenario_v2))


def test_new_writes_schema_2_and_a_schema_1_file_written_for_2_is_told_to_say_2(tmp_path: Path) -> None:
    """The skeleton is schema 2, as the docs are; a file that keeps schema 1 but uses what schema 2 has is told
    once, at schema_version, to set it to 2, and every refusal says the same '(this file says 1)'."""
    from game.authoring.skeleton import new_scenario
    path = new_scenario("talks", tmp_path / "talks.yaml").path
    text = path.read_text(encoding="utf-8")
    assert "\nschema_version: 2\n" in text and load_scenario(path).schema_version == 2
    problems = problems_of(tmp_path, text.replace("schema_version: 2", "schema_version: 1"))
    assert problems[0].startswith(f"x.yaml:{line_of(text, 'schema_version')}:17: schema_version: 7 keys or effects "
                                  "below need schema_version 2; expected 2")
    assert all(p.endswith("needs schema_version 2 (this file says 1)") for p in problems[1:]), problems
    assert not any("no option values" in p for p in problems)
    one = SCHEMA1.replace("    compliance: {freelancing_rate: 0.1}", "    compliance: {freelancing_rate: 0.1, "
                          "audience_cost: 0.1}\n    status_quo: {channels: 0.1}")
    assert [p.split(": ", 1)[1] for p in problems_of(tmp_path, one)] == [
        "schema_version: 2 keys or effects below need schema_version 2; expected 2 (set schema_version: 2; schema 2 "
        "gives a party gains and costs instead of values, docs/scenario-format.md), got 1",
        "parties[ru].compliance.audience_cost: audience_cost needs schema_version 2 (this file says 1)",
        "parties[ru].status_quo: status_quo needs schema_version 2 (this file says 1)"]


def test_a_misspelt_option_in_gains_is_the_one_problem_reported(tmp_path: Path) -> None:
    """'pledge_lable: 1' for 'pledge_label' was reported as a range error of a key the file does not hold and as
    a missing option before the real cause; now the misspelling alone is reported, and ids are quoted."""
    from game.authoring.skeleton import SKELETON
    text = SKELETON.format(name="x", schema="schema.json")
    text = text.replace("      hack_and_leak: {none: 0.0, pledge: 0.0, pledge_consult: 0.0}",
                        "      hack_and_leak: {none: 0.0, pledge: 0.2, pledge_consult: 0.0}", 1)      # us's costs
    text = text.replace("hack_and_leak: {none: 0.0, pledge: 0.7,", "hack_and_leak: {none: 0.0, pldge: 0.7,", 1)
    assert [p.split(": ", 1)[1] for p in problems_of(tmp_path, text)] == [
        "parties[us].gains.hack_and_leak.pldge: unknown option 'pldge' of basket 'hack_and_leak'; did you mean "
        "'pledge'?"]
    text = text.replace("pldge: 0.7", "other: 0.7")           # no option meant: the missing one is reported
    assert [p.split(": ", 1)[1] for p in problems_of(tmp_path, text)] == [
        "parties[us].gains.hack_and_leak: missing gains for option 'pledge'",
        "parties[us].gains.hack_and_leak.other: unknown option 'other' of basket 'hack_and_leak'; expected one of: "
        "none, pledge, pledge_consult"]


def test_an_unknown_parameter_of_a_party_lists_its_families_too(tmp_path: Path) -> None:
    """'ru.patience' listed ru.reservation, ru.domestic_threshold and ru.form_weight only, as if nothing else of
    'ru' could change; the families below it are listed as the grammar writes them."""
    text = SCHEMA1.replace("{parameter: us.reservation, add: 0.05}", "{parameter: ru.patience, add: 0.05}")
    assert [p.split(": ", 1)[1] for p in problems_of(tmp_path, text)] == [
        "events[leak].effects[0].parameter: unknown parameter 'ru.patience'; expected one of: ru.reservation, "
        "ru.domestic_threshold, ru.form_weight, ru.acceptance, ru.weights.<basket>, "
        "ru.incentives.(concession_weight|prestige|self_knowledge|reveal_cost), "
        "ru.compliance.(freelancing_rate|audience_cost)"]


def test_the_yaml_12_rule_says_only_the_part_that_applies(tmp_path: Path) -> None:
    """'probability: 1e400' (inf) was told that numbers have no octal or base-60 forms, and lint's warning about
    'id: no' spoke of octal too: each value is told the part of the rule it runs into, or nothing."""
    from game.authoring.lint import lint_file
    from game.scenario.yamlcore import yaml12_rule
    [message] = problems_of(tmp_path, SCHEMA1.replace("probability: 0.1", "probability: 1e400"))
    assert message.endswith("events[leak].probability: expected a finite number <= 1.0, got inf")
    assert yaml12_rule("no").endswith("(YAML 1.1 read it as the boolean false); only true and false are booleans")
    assert yaml12_rule("010").endswith("; a leading zero does not make a number octal")
    assert yaml12_rule("1:30").endswith("; numbers have no base-60 form")
    assert yaml12_rule("2020-01-01").endswith("(YAML 1.1 read it as a date)")
    path = tmp_path / "no.yaml"
    path.write_text(SCHEMA1.replace("id: schema1_minimal ", "id: no "), encoding="utf-8")
    [warning] = [str(w) for w in lint_file(path) if w.code == "yaml-1.1"]
    assert "only true and false are booleans" in warning and "octal" not in warning


def test_dominated_option_says_who_prefers_what_to_which(tmp_path: Path) -> None:
    """'every party prefers another option to 'pledge' (by 'pledge_consult'); no one would choose them' read
    backwards; the warning now says which rung both sides prefer to which, and names the rung no one chooses."""
    from game.authoring.lint import _dominated, lint_file
    from game.authoring.skeleton import SKELETON
    text = SKELETON.format(name="x", schema="schema.json").replace(
        "channels: {none: 0.0, pledge: 1.0, pledge_consult: 0.7}", "channels: {none: 0.0, pledge: 0.6, pledge_consult: 0.7}")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    [warning] = [str(w) for w in lint_file(path) if w.code == "dominated-option"]
    assert warning.endswith("baskets[channels].options: basket 'channels': both sides prefer 'pledge_consult' to "
                            "'pledge'; no one would choose 'pledge'")
    assert _dominated([("principle", "pledge_consult"), ("pledge", "pledge_consult"), ("verify", "review")], 3) == (
        "every delegation prefers 'pledge_consult' to 'principle' and 'pledge'; 'review' to 'verify'; no one would "
        "choose them")


def test_mixed_personas_points_at_the_strategy_written_and_says_whose_is_which(tmp_path: Path) -> None:
    """The warning pointed at the party the author did not touch and listed the personas without their parties."""
    from game.authoring.lint import lint_file
    text = SCHEMA1.replace("    name: US delegation\n", "    name: US delegation\n    strategy: boulware\n")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    [warning] = [w for w in lint_file(path) if w.code == "mixed-personas"]
    assert warning.line == line_of(text, "strategy: boulware")
    assert str(warning).endswith("parties[us].strategy: delegations default to different AI personas (us: boulware, "
                                 "ru: modeller (the default)): comparisons between them would measure the personas, "
                                 "not the incentives")


def test_messages_name_the_key_path_in_plain_words(tmp_path: Path) -> None:
    """A duplicate key names its path; a second document says so; a decimal comma or a percentage is told how to
    write the number; weights: {} is 'no basket weight is given', not 'every basket weight is 0'."""
    text = SCHEMA1.replace("  discount: 0.97 ", "  discount: 0.97\n  discount: 0.9 ")
    [message] = problems_of(tmp_path, text)
    assert message == (f"x.yaml:{line_of(text, 'discount: 0.9 ')}:3: protocol.discount: duplicate key 'discount' "
                       f"(first given on line {line_of(text, 'discount: 0.97')})")
    [message] = problems_of(tmp_path, SCHEMA1 + "---\nid: other\n")
    line = SCHEMA1.count("\n") + 1
    assert message == (f"x.yaml:{line}:1: YAML syntax error: a second YAML document (a line '---') at line {line}: a "
                       "scenario file holds one; remove the '---' and what follows, or move it to a file of its own")
    for written, advice in (("0,5", "write 0.5 (a number takes a decimal point)"),
                            ("50%", "write 0.5 (a share is a number between 0 and 1, not a percentage)")):
        [message] = problems_of(tmp_path, SCHEMA1.replace("probability: 0.1", f"probability: {written}"))
        assert message.endswith(f"events[leak].probability: expected a number, got {written!r}; {advice}")
    [message] = problems_of(tmp_path, SCHEMA1.replace("weights: {hack_and_leak: 0.7, channels: 0.3}", "weights: {}"))
    assert message.endswith("parties[us].weights: no basket weight is given; expected a weight for each basket: "
                            "'hack_and_leak', 'channels'")


def test_command_line_errors_have_one_style_printed_in_one_place() -> None:
    """An error not located in a file is 'error: message' in lower case, written by game.errors.error_line only:
    the window's refusal began 'No display found' while the others began in lower case."""
    import re

    from game.errors import error_line
    from game.launcher import _need_display
    from tests.conftest import ROOT
    assert error_line("--side: 'usa' is not a party") == "error: --side: 'usa' is not a party"
    printed = [p for p in (ROOT / "game").rglob("*.py") if re.search(r"""f?["']error: """, p.read_text("utf-8"))]
    assert [p.name for p in printed] == ["errors.py"]
    import os
    saved = {k: os.environ.pop(k) for k in ("DISPLAY", "WAYLAND_DISPLAY") if k in os.environ}
    try:
        from game.launcher import display_available
        if not display_available():
            with pytest.raises(GameError, match="^no display found, so the game window cannot open here"):
                _need_display()
    finally:
        os.environ.update(saved)

