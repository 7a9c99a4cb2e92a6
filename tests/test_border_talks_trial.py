"""An author trial (border_talks): the defects a newcomer met writing a scenario from ``new``'s skeleton,
each fixed and held here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.authoring.skeleton import new_scenario
from tests.conftest import problems_of


@pytest.fixture
def skeleton(tmp_path: Path) -> str:
    """The text ``new border_talks`` writes (it validates as written)."""
    return new_scenario("border_talks", tmp_path / "made" / "border_talks.yaml").path.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


TEACHING = """\
teaching:
  staffing: "Two per table{staffing}"
  lesson_plan:
    - minutes: 10
      activity: "Set the scene{activity}"
      detail: "Read the summary{detail}"
  questions:
    - question: "Which baskets?{question}"
      source: 1
      argument: "Only what governments do{argument}"
"""
TEACHING_TEXTS = ("staffing", "activity", "detail", "question", "argument")


@pytest.mark.parametrize("field", TEACHING_TEXTS)
@pytest.mark.parametrize("char", ["\\e", "\\u202E"])
def test_teaching_texts_refuse_control_and_bidi_characters(tmp_path: Path, skeleton: str, field: str,
                                                           char: str) -> None:
    """Item 1: an ESC or a right-to-left override in the teaching texts reached the instructor's sheet; they are
    refused as in a title, at their line, and the editor's schema has the same pattern."""
    text = skeleton + TEACHING.format(**{f: (char if f == field else "") for f in TEACHING_TEXTS})
    (problem,) = problems_of(tmp_path, text)
    assert f"x.yaml:{line_of(text, char)}:" in problem
    assert "expected text without control characters" in problem
    assert ("U+001B" if char == "\\e" else "U+202E (RIGHT-TO-LEFT OVERRIDE)") in problem


def test_the_schema_json_checks_every_teaching_text() -> None:
    from game.scenario.jsonschema import schema_text
    from game.scenario.texts import PLAIN_TEXT
    defs = json.loads(schema_text())["$defs"]
    patterns = {name: prop.get("pattern") for model in ("TeachingModel", "LessonStepModel", "QuestionModel")
                for name, prop in defs[model]["properties"].items() if name in TEACHING_TEXTS}
    assert patterns == {name: PLAIN_TEXT for name in TEACHING_TEXTS}


ONCE_EVENT = """\
  - id: leak
    text: A leak embarrasses the negotiators.
    probability: 1
{timing}
    effects:
      - {{parameter: protocol.rounds, add: 2}}
"""


@pytest.mark.parametrize("timing", ["    once: true", "    at_round: 3"])
def test_an_event_that_fires_once_is_not_a_receding_deadline(tmp_path: Path, skeleton: str, timing: str) -> None:
    """Item 2: lint said an event with once: true 'adds 2 rounds with probability 1 each round ... games run to
    the cap', but it fires once; an event that may fire round after round is still warned."""
    from game.authoring.lint import lint_file
    start, end = skeleton.index("  - id: leak\n"), skeleton.index("\n# ", skeleton.index("  - id: leak\n"))
    path = tmp_path / "border_talks.yaml"
    path.write_text(skeleton[:start] + ONCE_EVENT.format(timing=timing) + skeleton[end:], encoding="utf-8")
    assert [w.code for w in lint_file(path) if w.code == "deadline-recedes"] == []
    path.write_text(skeleton[:start] + ONCE_EVENT.format(timing="    once: false") + skeleton[end:], encoding="utf-8")
    assert [w.code for w in lint_file(path) if w.code == "deadline-recedes"] == ["deadline-recedes"]


RED_LINES = "    red_lines: {}                 # e.g. {channels: [pledge_consult]}"


def test_red_lines_that_rule_out_every_option_are_refused(tmp_path: Path, skeleton: str) -> None:
    """Item 3: red lines over every option of a basket, 'none' included, passed validate; lint then blamed the
    party's values (no-zopa) and the game said a draft 'crosses none of its red lines' and then that it did."""
    text = skeleton.replace(RED_LINES, "    red_lines: {hack_and_leak: [none, pledge, pledge_consult]}", 1)
    (problem,) = problems_of(tmp_path, text)
    line = line_of(text, "red_lines: {hack_and_leak")
    col = text.splitlines()[line - 1].index("hack_and_leak") + 1
    assert problem.startswith(f"x.yaml:{line}:{col}: parties[us].red_lines.hack_and_leak: the red lines of 'us' "
                              "rule out every option of 'hack_and_leak' (none, pledge, pledge_consult)"), problem
    assert "expected at least one option left open" in problem
    from game.scenario.loader import load_scenario
    path = tmp_path / "open.yaml"                     # one option left open (the weakest) is a valid file
    path.write_text(skeleton.replace(RED_LINES, "    red_lines: {hack_and_leak: [pledge, pledge_consult]}", 1),
                    encoding="utf-8")
    assert load_scenario(path).parties[0].red_lines["hack_and_leak"] == ("pledge", "pledge_consult")


def test_an_option_listed_twice_in_red_lines_is_refused_as_a_duplicate(tmp_path: Path, skeleton: str) -> None:
    """Item 9: red_lines {channels: [pledge, pledge]} was accepted, and the brief said 'Restore the channels,
    Restore the channels'; it is refused at the second, as a duplicate id is."""
    text = skeleton.replace(RED_LINES, "    red_lines: {channels: [pledge, pledge]}", 1)
    (problem,) = problems_of(tmp_path, text)
    line = line_of(text, "red_lines: {channels")
    col = text.splitlines()[line - 1].rindex("pledge") + 1
    assert problem == (f"x.yaml:{line}:{col}: parties[us].red_lines.channels[1]: duplicate red line 'pledge' "
                       "(already listed as channels[0])")


LEAK_EFFECT = "      - {parameter: us.reservation, add: 0.05}"


@pytest.mark.parametrize(("effect", "change"), [("add: 1.5", "add 1.5 takes protocol.rounds from 8 to 9.5"),
                                                ("multiply: 0.3", "multiply 0.3 takes protocol.rounds from 8 to 2.4"),
                                                ("set: 4.5", "set 4.5 on protocol.rounds")])
def test_a_change_to_the_deadline_must_leave_whole_rounds(tmp_path: Path, skeleton: str, effect: str,
                                                          change: str) -> None:
    """Item 5: add 1.5 or multiply 0.3 on protocol.rounds was accepted and silently rounded; a change that leaves
    whole rounds (add 2, multiply 0.5 on 8, 30 x 0.1 despite float error) is still valid."""
    text = skeleton.replace(LEAK_EFFECT, f"      - {{parameter: protocol.rounds, {effect}}}", 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith(f"x.yaml:{line_of(text, effect)}:")
    assert f"events[leak].effects[0].{effect.split(':')[0]}: {change}" in problem
    assert "expected a whole number of rounds" in problem
    from game.scenario.loader import load_scenario
    for fine, rounds in (("add: 2", 8), ("multiply: 0.5", 8), ("multiply: 0.1", 30)):
        path = tmp_path / "fine.yaml"
        path.write_text(text.replace(effect, fine).replace("  rounds: 8 ", f"  rounds: {rounds} "), encoding="utf-8")
        assert load_scenario(path).protocol.rounds == rounds


WEIGHTS = "    weights: {hack_and_leak: 0.7, channels: 0.3}"


def test_a_list_as_a_key_names_the_mapping_and_a_null_key_is_written_as_yaml_writes_it(tmp_path: Path,
                                                                                          skeleton: str) -> None:
    """Item 7: '? [a, b] : 0.7' gave 'a mapping key must be a plain name...' with no key path, and '~: 0.7' gave
    'parties[us].weights.None', Python's word, not YAML's."""
    text = skeleton.replace(WEIGHTS, "    weights: {? [a, b] : 0.7, channels: 0.3}", 1)
    (problem,) = problems_of(tmp_path, text)
    line = line_of(text, "? [a, b]")
    assert problem == (f"x.yaml:{line}:17: parties[us].weights: a mapping key must be a plain name, not a list or "
                       "mapping; found a list as a key")
    text = skeleton.replace(WEIGHTS, "    weights: {~: 0.7, channels: 0.3}", 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith(f"x.yaml:{line}:15: parties[us].weights.null: expected a basket id, got nothing (null)")
    assert "None" not in problem


def test_an_accepted_warning_with_a_misspelt_code_is_told_so(tmp_path: Path, skeleton: str) -> None:
    """Item 8: 'code: wieghts-sum' was answered 'lint gives no such warning any more'; the code is no code of lint,
    and the warning says which it most likely meant, at the code."""
    from game.authoring.lint import lint_file
    text = skeleton + "lint:\n  accept:\n    - {code: wieghts-sum, at: \"parties[us].weights\", because: Rounded.}\n"
    path = tmp_path / "border_talks.yaml"
    path.write_text(text, encoding="utf-8")
    (warning,) = [str(w) for w in lint_file(path) if w.code == "accept-unused"]
    assert warning == (f"{path}:{line_of(text, 'wieghts')}:{text.splitlines()[-1].index('wieghts') + 1}: warning "
                       "[accept-unused]: lint.accept[0].code: unknown warning code 'wieghts-sum'; did you mean "
                       "'weights-sum'?")


@pytest.mark.parametrize(("interval", "text"), [((0.44, 1.0), "44-100%"), ((1.0, 1.0), "100-100%")])
def test_the_interval_columns_of_simulate_never_run_together(tmp_path: Path, skeleton: str,
                                                             interval: tuple[float, float], text: str) -> None:
    """Item 10: simulate --round-robin printed '44-100%44-100%' for the deals and force columns of a 95% row; the
    widest interval text (100-100%) keeps a space before it, in line with the column's head."""
    from game.cli.simulate_cmd import summary_means
    from game.cli.simulate_table import table
    from game.scenario.loader import load_scenario
    path = tmp_path / "border_talks.yaml"
    path.write_text(skeleton, encoding="utf-8")
    scenario = load_scenario(path)
    entry: dict[str, object] = {"a": "modeller", "b": "hardliner"}
    for key in summary_means(scenario):
        entry.update({key: 1.0, f"{key}_sd": 0.0, f"{key}_ci95": list(interval)})
    lines = table([entry], scenario).splitlines()
    head = next(line for line in lines if line.startswith("A" + " " * 15 + "B"))
    means, sd, ci = lines[-3:]
    assert ci.split()[:3] == ["95%", text, text]
    assert len(ci.split()) == len(sd.split()) == len(means.split()) - 1
    for column in ("deals", "force"):               # each figure ends under its column's head
        end = head.index(column) + len(column)
        assert ci[:end].endswith(text) and ci[end - len(text) - 1] == " " and means[:end].endswith("100%")


LONG_KEY = ("YAML syntax error: a key of 2,000 characters: YAML reads a key of at most 1,024 characters on one line; "
            "expected a key such as the schema's (an id has at most 48)")


@pytest.mark.parametrize(("old", "new"), [
    ("protocol:\n  rounds: 8", "protocol:\n  {key}: 1\n  rounds: 8"),                   # the mapping's first key
    ("  lanes: false", "  lanes: false\n  {key}: 1"),                                  # a later key
    ("    compliance: {{freelancing_rate: 0.05}}", "    compliance:\n      {key}: 1\n      freelancing_rate: 0.05")])
def test_a_key_longer_than_yaml_reads_is_named_as_such_wherever_it_stands(tmp_path: Path, skeleton: str, old: str,
                                                                         new: str) -> None:
    """Item 4: a 2,000-character key that opens a nested mapping was diagnosed as indented out of step ('reads as
    a key at column 3, but line 105 before it is indented to column 1'), echoing the key whole."""
    key = "k" * 2000
    text = skeleton.replace(old.format(), new.format(key=key), 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem == f"x.yaml:{line_of(text, key)}:{text.splitlines()[line_of(text, key) - 1].index('k') + 1}: {LONG_KEY}"


@pytest.mark.parametrize(("old", "new"), [
    ("protocol:\n  rounds: 8", "protocol:\n  {key}: 1\n  {key}: 2\n  rounds: 8"),        # a duplicate key
    ("  lanes: false", "  lanes: false\n   {key}: 1"),                                # out of step
    ("  lanes: false", "  lanes: false\n  {key}:1"),                                  # no space after the colon
    ("  lanes: false", "  lanes: false\n  {key}: 1")])                                # an unknown key
def test_a_long_key_is_echoed_cut_short(tmp_path: Path, skeleton: str, old: str, new: str) -> None:
    """Item 4: a 1,020-character key (which YAML reads) was echoed whole in some messages."""
    key = "q" * 1020
    (problem,) = problems_of(tmp_path, skeleton.replace(old, new.format(key=key), 1))
    assert "q" * 61 not in problem and "qqq..." in problem, problem
