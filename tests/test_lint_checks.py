"""lint's Track 1.5 and table checks, warnings located at their cause, and accepted warnings
(issue 17, items 3, 5, 6 and 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.lint import lint_file, lint_report
from game.authoring.skeleton import SKELETON
from game.cli.app import main
from game.errors import ScenarioError
from tests.conftest import FIXTURES, SCENARIOS, shipped_scenarios
from tests.test_loader_messages import where

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
TRAP = (SCENARIOS / "track15_trap.yaml").read_text(encoding="utf-8")
EXPERTS = "incentives: {concession_weight: 0.4, prestige: 0.15, self_knowledge: 0.15, reveal_cost: 0.0}"
RU_INCENTIVES = "incentives: {concession_weight: 1.0, prestige: 0.0, self_knowledge: 0.0, reveal_cost: 2.33}"


def edit(text: str, old: str, new: str, occurrence: int = 1) -> str:
    assert text.count(old) >= occurrence, old
    at = -1
    for _ in range(occurrence):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old):]


def warnings(tmp_path: Path, text: str, code: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(w).replace(str(path), "x.yaml") for w in lint_file(path) if w.code == code]


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_shipped_scenarios_pass_lint_strict_with_their_accepted_warnings(path: Path) -> None:
    report = lint_report(path)
    assert report.warnings == [] and all(w.code == "dominated-option" for w in report.accepted)


def test_a_track15_phase_marked_binding(tmp_path: Path) -> None:
    text = edit(TRAP, "first_mover: ru, binding: false", "first_mover: ru, binding: true")
    [message] = warnings(tmp_path, text, "track15-binding")
    assert message.startswith(f"x.yaml:{where(text, 'binding: true', offset=9)}: warning [track15-binding]: "
                              "phases[track15].protocol.binding: phase 'track15' seats the unofficial delegation")


def test_an_unofficial_delegation_at_the_final_binding_table(tmp_path: Path) -> None:
    text = edit(TRAP, "    parties: [us, ru]\n    protocol: {rounds: 10, discount: 0.97, first_mover: us,",
                "    parties: [us_experts, ru]\n    protocol: {rounds: 10, discount: 0.97, first_mover: us_experts,")
    text = edit(text, "parties: [us_experts, ru]", "parties: [us, ru]")
    [message] = warnings(tmp_path, text, "unofficial-binding-table")
    assert message.startswith(f"x.yaml:{where(text, 'unofficial', 1)}: warning [unofficial-binding-table]: "
                              "parties[us_experts].delegation: unofficial delegation 'us_experts' sits at the final")


def test_officials_in_non_binding_talks_without_a_reveal_cost(tmp_path: Path) -> None:
    text = edit(TRAP, RU_INCENTIVES, RU_INCENTIVES.replace("2.33}", "0.0}"), 2)
    [message] = warnings(tmp_path, text, "official-no-reveal-cost")
    assert "parties[ru].incentives: official delegation 'ru' in the non-binding talks of 'track15'" in message


def test_anchoring_after_a_phase_that_publishes_nothing(tmp_path: Path) -> None:
    text = edit(TRAP, "publishes: true ", "publishes: false")
    [message] = warnings(tmp_path, text, "anchoring-without-plan")
    assert message.startswith(f"x.yaml:{where(text, '0.4             #')}: warning [anchoring-without-plan]: "
                              "phases[official_talks].anchoring:")


def test_a_top_level_protocol_that_phases_ignore(tmp_path: Path) -> None:
    text = edit(TRAP, "\nphases:\n", "\nprotocol: {rounds: 10, first_mover: us}\n\nphases:\n")
    [message] = warnings(tmp_path, text, "protocol-ignored")
    assert message.startswith(f"x.yaml:{where(text, 'protocol: {rounds: 10, first')}: warning [protocol-ignored]")


def test_a_deadline_that_recedes_as_fast_as_the_talks(tmp_path: Path) -> None:
    text = edit(NARROW, "    probability: 0.03\n    effects:\n      - {parameter: protocol.rounds, set: 0}",
                "    probability: 0.5\n    effects:\n      - {parameter: protocol.rounds, add: 2}")
    [message] = warnings(tmp_path, text, "deadline-recedes")
    assert message.startswith(f"x.yaml:{where(text, 'add: 2', offset=5)}: warning [deadline-recedes]: "
                              "events[shock].effects[0].add: event 'shock' adds 2 rounds with probability 0.5")


def test_a_plain_value_yaml_11_reads_otherwise(tmp_path: Path) -> None:
    text = NARROW.replace("year: 2020", "year: 02020", 1)
    [message] = warnings(tmp_path, text, "yaml-1.1")
    assert message.startswith(f"x.yaml:{where(text, '02020')}: warning [yaml-1.1]: year: scenario files follow "
                              "YAML 1.2, which reads the plain value 02020 as a whole number (YAML 1.1 read it as "
                              "the octal number 1040)")


def test_no_zopa_points_at_the_party_that_causes_it(tmp_path: Path) -> None:
    text = edit(NARROW, "    reservation: 0.4\n", "    reservation: 0.97\n")
    [message] = warnings(tmp_path, text, "no-zopa")
    assert message.startswith(f"x.yaml:{where(text, 'reservation: 0.97')}: warning [no-zopa]: "
                              "parties[ru].reservation: ")
    assert "'ru' causes it" in message


def test_an_accepted_warning_is_not_counted_and_a_stale_one_is_reported(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "narrow_deal_2020.yaml"               # the id's name: no id-not-file-name
    path.write_text(NARROW, encoding="utf-8")
    report = lint_report(path)
    assert report.warnings == [] and len(report.accepted) == 6
    stale = NARROW + ("    - code: weights-sum\n      at: parties[us].weights\n"
                      "      because: The weights are rescaled anyway.\n")
    path.write_text(stale, encoding="utf-8")
    [message] = [str(w) for w in lint_file(path)]
    assert f":{where(stale, '- code: weights-sum', offset=2)}: warning [accept-unused]: lint.accept[6]: the accepted " \
           "warning weights-sum at parties[us].weights is not given" in message
    assert main(["lint", "--strict", str(path)]) == 1
    assert main(["lint", "--strict", str(SCENARIOS)]) == 0
    accepted = sum(len(lint_report(p).accepted) for p in shipped_scenarios())   # 38 with the definitions file
    assert f"0 warnings, {accepted} accepted" in capsys.readouterr().err


def test_an_accept_entry_needs_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(NARROW + "    - code: weights-sum\n      at: parties[us].weights\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"lint\.accept\[6\]\.because: required key is missing"):
        lint_file(path)


def test_no_zopa_names_the_reservation_furthest_above_what_the_other_side_leaves(tmp_path: Path) -> None:
    from game.authoring.skeleton import SKELETON
    text = SKELETON.format(name="x", schema="schema.json")
    text = edit(edit(text, "    reservation: 0.3\n", "    reservation: 0.95\n"), "    reservation: 0.3\n",
                "    reservation: 0.7\n")
    [message] = warnings(tmp_path, text, "no-zopa")
    assert message.startswith(f"x.yaml:{where(text, 'reservation: 0.7')}: warning [no-zopa]: parties[ru].reservation")
    assert "its reservation (0.70) is above the best it can get from any package the other side accepts (0.68)" \
        in message


def test_an_accept_entry_with_a_malformed_code_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(NARROW + "    - code: Weights Sum\n      at: parties[us].weights\n      because: Why not.\n",
                    encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"lint\.accept\[6\]\.code: expected a lint warning code as lint prints "
                                            r"it \(such as dominated-option\), got 'Weights Sum'"):
        lint_file(path)


def test_a_final_table_that_binds_nobody(tmp_path: Path) -> None:
    """Author trial h7: phases put in the wrong order (Track 1.5 last, binding: false) linted clean, though the
    last table's deal is the one ratified and kept, while its delegations valued it on paper (rule 14)."""
    assert warnings(tmp_path, TRAP, "final-table-not-binding") == []
    text = edit(TRAP, "first_mover: us, binding: true", "first_mover: us, binding: false")
    [message] = warnings(tmp_path, text, "final-table-not-binding")
    assert message.startswith(f"x.yaml:{where(text, 'binding: false', 2, offset=9)}: warning "
                              "[final-table-not-binding]: phases[official_talks].protocol.binding: ")
    from game.authoring.skeleton import SKELETON
    single = edit(SKELETON.format(name="x", schema="schema.json"), "binding: true ", "binding: false")
    [message] = warnings(tmp_path, single, "final-table-not-binding")
    assert message.startswith(f"x.yaml:{where(single, 'binding: false', offset=9)}: warning "
                              "[final-table-not-binding]: protocol.binding: ")


@pytest.mark.parametrize(("phases", "agreed_in"), [("[official_talks]", "official_talks"), ("[track15]", "track15"),
                                                   ("[]", "official_talks")])
def test_an_event_waiting_for_an_agreement_it_cannot_see_never_fires(tmp_path: Path, phases: str,
                                                                      agreed_in: str) -> None:
    """Author trial h7: when: {agreed_in: P} holds only after phase P has ended; an event that may fire only in P
    or before it never fires, and lint said nothing."""
    text = edit(edit(TRAP, "    phases: [official_talks]\n    when: {agreed_in: track15}",
                     f"    phases: {phases}\n    when: {{agreed_in: {agreed_in}}}"), "phase.anchoring, add: 0.1",
                "us.reservation, add: 0.1")
    [message] = warnings(tmp_path, text, "event-never-fires")
    assert message.startswith(f"x.yaml:{where(text, f'agreed_in: {agreed_in}', offset=11)}: warning "
                              "[event-never-fires]: events[plan_praised].when.agreed_in: event 'plan_praised' ")
    assert f"after phase '{agreed_in}' has ended" in message


def test_a_number_yaml_11_reads_otherwise_is_to_be_written_plainly_and_the_advice_validates(tmp_path: Path) -> None:
    text = edit(NARROW, "  rounds: 10 ", "  rounds: 010")
    [message] = warnings(tmp_path, text, "yaml-1.1")
    assert message.startswith(f"x.yaml:{where(text, '010')}: warning [yaml-1.1]: protocol.rounds:")
    assert message.endswith("; write the number plainly (10) so that every YAML tool reads it the same way")
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(text.replace("rounds: 010", "rounds: 10 "), encoding="utf-8")
    assert [w for w in lint_file(fixed) if w.code == "yaml-1.1"] == []


def test_a_mapping_key_yaml_11_reads_otherwise_is_warned_once_where_it_is_written(tmp_path: Path) -> None:
    text = (FIXTURES / "schema1_minimal.yaml").read_text(encoding="utf-8")       # one row of values per party
    text = edit(text, "      - {id: pledge_consult, label: Channels",
                "      - {id: 'no', label: No channels, detection: 0.9}\n      - {id: pledge_consult, label: Channels")
    text = edit(text, "channels: {none: 0.2, pledge: 0.8, pledge_consult: 1.0}",
                "channels: &chan {none: 0.2, pledge: 0.8, pledge_consult: 1.0, no: 0.1}")
    text = edit(text, "channels: {none: 0.0, pledge: 1.0, pledge_consult: 0.7}", "channels: *chan")
    found = warnings(tmp_path, text, "yaml-1.1")
    assert found == [f"x.yaml:{where(text, 'no: 0.1')}: warning [yaml-1.1]: parties[us].values.channels.no: scenario "
                     "files follow YAML 1.2, which reads the plain key no as text (YAML 1.1 read it as the boolean "
                     "false); quote it ('no') so that every YAML tool reads it the same way"]


@pytest.mark.parametrize("weights, warned", [
    ("{hack_and_leak: 0.333, channels: 0.333, other: 0.333}", None),
    ("{hack_and_leak: 0.7, channels: 0.2951}", None),
    ("{hack_and_leak: 0.7, channels: 0.294}", "0.994"),
    ("{hack_and_leak: 0.7, channels: 0.3051}", "1.005"),
])
def test_weights_rounded_to_a_few_decimals_add_up_to_1(tmp_path: Path, weights: str, warned: str | None) -> None:
    text = (FIXTURES / "schema1_minimal.yaml").read_text(encoding="utf-8")       # one row of values per party
    if "other" in weights:
        text = edit(text, "    weights: {hack_and_leak: 0.7, channels: 0.3}",
                    "    weights: {hack_and_leak: 0.333, channels: 0.333, other: 0.333}")
        text = edit(text, "  - id: channels\n", "  - id: other\n    name: Other\n    options:\n"
                    "      - {id: none, label: No commitment, detection: 0.9}\n      - {id: some, label: Some, "
                    "detection: 0.9}\n  - id: channels\n")
        text = edit(text, "      channels: {none: 0.2,", "      other: {none: 0.0, some: 1.0}\n      channels: {none: 0.2,")
        text = text.replace("    weights: {hack_and_leak: 0.3, channels: 0.7}",
                            "    weights: {hack_and_leak: 0.3, channels: 0.6, other: 0.1}")
        text = edit(text, "      channels: {none: 0.0,", "      other: {none: 1.0, some: 0.0}\n      channels: {none: 0.0,")
    else:
        text = edit(text, "{hack_and_leak: 0.7, channels: 0.3}", weights)
    found = warnings(tmp_path, text, "weights-sum")
    if warned is None:
        assert found == []
    else:
        [message] = found
        assert message.endswith(f"parties[us].weights: the weights of 'us' add up to {warned}, not 1 (they are "
                                "rescaled to 1)")


def test_a_stakeholders_weights_are_checked_as_a_partys(tmp_path: Path) -> None:
    """Stakeholder weights are rescaled to 1 as a party's are (game.engine.valuation), so the same warning."""
    text = edit(TRAP, "ngo_funding: 0.5, election_verdicts: 0.3", "ngo_funding: 0.8, election_verdicts: 0.3")
    [message] = warnings(tmp_path, text, "weights-sum")
    assert message == (f"x.yaml:{where(text, 'weights: {hack_and_leak: 0, election_infrastructure: 0')}: "
                       "warning [weights-sum]: stakeholders[civil_society].weights: the weights of 'civil_society' "
                       "add up to 1.300, not 1 (they are rescaled to 1)")


def _dominated_fixture(tmp_path: Path, red_line: str | None) -> Path:
    """The skeleton where both sides prefer 'pledge_consult' to 'pledge' on channels, Moscow with ``red_line``."""
    text = edit(SKELETON.format(name="x", schema="schema.json"), "channels: {none: 0.0, pledge: 1.0, pledge_consult: 0.7}",
                "channels: {none: 0.0, pledge: 0.6, pledge_consult: 0.7}")
    if red_line is not None:
        text = edit(text, "    red_lines: {}\n    domestic_threshold: 0.5",
                    f"    red_lines: {{channels: [{red_line}]}}\n    domestic_threshold: 0.5")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rung_a_red_line_rules_out_dominates_nothing(tmp_path: Path) -> None:
    """Researcher trial: with a red line on 'watermark', lint said no one would choose 'label', though watermark
    can never be agreed and analyze's Nash deal picks label. A red-lined rung can never be agreed, so the rung
    below it is still a choice; a rung beaten by an open one is still warned, red-lined or not."""
    from game.analytics.analysis import analyze
    from game.model.utility import bargaining_problem
    from game.scenario.loader import load_scenario
    assert [w.code for w in lint_file(_dominated_fixture(tmp_path, None))] == ["dominated-option"]
    path = _dominated_fixture(tmp_path, "pledge_consult")
    assert "dominated-option" not in {w.code for w in lint_file(path)}
    problem = bargaining_problem(load_scenario(path))
    nash = analyze(problem).solutions.nash
    assert nash is not None and problem.describe(nash.digits)["channels"] == "pledge"
    [warning] = [str(w) for w in lint_file(_dominated_fixture(tmp_path, "pledge")) if w.code == "dominated-option"]
    assert warning.endswith("no one would choose 'pledge'")
