"""Tools for authors: the skeleton and copies validate, each lint warning has a file that triggers it
and one that does not, and GENIUS export reads back to the same frontier and Nash deal."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from game.analytics.analysis import analyze
from game.authoring.genius_export import export_genius
from game.authoring.lint import lint_file
from game.authoring.skeleton import SKELETON, new_scenario
from game.errors import GameError
from game.model.problem import BargainingProblem
from game.model.utility import bargaining_problem
from game.scenario.genius import load_genius
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES as FIXTURE_FILES, ROOT, SCENARIOS, shipped_scenarios

TRAP = (SCENARIOS / "track15_trap.yaml").read_text(encoding="utf-8")


def skeleton() -> str:
    return SKELETON.format(name="fixture", schema="schema.json")


def write(tmp_path: Path, text: str, name: str = "fixture.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(path: Path) -> set[str]:
    return {w.code for w in lint_file(path)}


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_new_writes_a_skeleton_that_validates_and_lints_clean(tmp_path: Path) -> None:
    path = new_scenario("my_talks", tmp_path / "my_talks.yaml").path
    assert load_scenario(path).id == "my_talks"
    assert lint_file(path) == []
    assert path.read_text().count("\n# ") >= 8                  # every block is explained
    with pytest.raises(GameError, match="already exists"):
        new_scenario("my_talks", path)
    with pytest.raises(GameError, match="lower-case id"):
        new_scenario("My Talks", tmp_path / "x.yaml")


def test_new_from_copies_a_scenario_under_a_new_id_keeping_its_comments(tmp_path: Path) -> None:
    path = new_scenario("narrow_copy", tmp_path / "copy.yaml", SCENARIOS / "narrow_deal_2020.yaml").path
    copy, original = load_scenario(path), load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    assert copy.id == "narrow_copy" and copy.title == original.title and copy.parties == original.parties
    assert "# yaml-language-server" in path.read_text()


FIXTURES = {
    "no-zopa": lambda t: edit(edit(t, "    reservation: 0.3\n", "    reservation: 0.95\n"),
                              "    reservation: 0.3\n", "    reservation: 0.95\n"),
    "dominated-option": lambda t: edit(t, "channels: {none: 0.0, pledge: 1.0, pledge_consult: 0.7}",
                                       "channels: {none: 0.0, pledge: 0.6, pledge_consult: 0.7}"),
    "red-lines-leave-nothing": lambda t: edit(edit(t, "    red_lines: {}                 # e.g.",
                                                   "    red_lines: {hack_and_leak: [pledge, pledge_consult]}  #"),
                                              "    reservation: 0.3\n", "    reservation: 0.5\n"),
    "weights-sum": lambda t: edit(t, "weights: {hack_and_leak: 0.7, channels: 0.3}",
                                  "weights: {hack_and_leak: 0.7, channels: 0.5}"),
    "event-never-fires": lambda t: edit(t, "    probability: 0.1\n", "    probability: 0.0\n"),
    "cheat-gain-ignored": lambda t: edit((FIXTURE_FILES / "schema1_minimal.yaml").read_text(encoding="utf-8"),   # schema 1
                                         "compliance: {freelancing_rate: 0.1}",
                                         "compliance: {freelancing_rate: 0.1, cheat_gain: 0.1}"),
    "mixed-personas": lambda t: edit(t, "    name: Russian delegation\n", "    name: Russian delegation\n    strategy: boulware\n"),
}


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_each_warning_has_a_file_that_triggers_it_and_one_that_does_not(tmp_path: Path, code: str) -> None:
    assert code not in codes(write(tmp_path, skeleton(), "clean.yaml"))
    triggered = write(tmp_path, FIXTURES[code](skeleton()))
    assert code in codes(triggered)
    warning = next(w for w in lint_file(triggered) if w.code == code)
    assert warning.path.endswith("fixture.yaml") and warning.line > 1


def test_track15_phase_with_official_incentives_is_flagged(tmp_path: Path) -> None:
    assert "track15-like-official" not in codes(write(tmp_path, TRAP, "trap.yaml"))
    flat = edit(TRAP, "incentives: {concession_weight: 0.4, prestige: 0.15, self_knowledge: 0.15, reveal_cost: 0.0}",
                "incentives: {concession_weight: 1.0, prestige: 0.0, self_knowledge: 0.0, reveal_cost: 0.0}")
    path = write(tmp_path, flat)
    warning = next(w for w in lint_file(path) if w.code == "track15-like-official")
    assert "us_experts" in warning.message and warning.line == flat[: flat.index("incentives: {concession_weight: "
                                                                                 "1.0, prestige: 0.0, self_knowledge"
                                                                                 ": 0.0, reveal_cost: 0.0}")].count(
        "\n") + 1


def test_a_phase_whose_talks_can_never_open_is_flagged(tmp_path: Path) -> None:
    assert "unreachable-phase" not in codes(write(tmp_path, TRAP, "trap.yaml"))
    closed = edit(TRAP, "events:\n", "events:\n  - id: always_frozen\n    text: The meeting is cancelled.\n"
                                     "    probability: 1.0\n    phases: [track15]\n    effects:\n"
                                     "      - {parameter: protocol.rounds, set: 0}\n")
    found = [w for w in lint_file(write(tmp_path, closed)) if w.code == "unreachable-phase"]
    assert len(found) == 1 and "'track15'" in found[0].message and "always_frozen" in found[0].message


def test_an_event_about_the_plan_must_wait_for_a_plan(tmp_path: Path) -> None:
    """Newcomer trial: "The experts' plan is praised" fired in games whose Track 1.5 table published no plan,
    and raised the weight of a plan that did not exist. The shipped trap limits it (when: agreed_in); without the
    limit lint names the event."""
    assert "plan-event-without-plan" not in codes(write(tmp_path, TRAP, "trap.yaml"))
    loose = edit(TRAP, "    when: {agreed_in: track15}", "")
    found = [w for w in lint_file(write(tmp_path, loose)) if w.code == "plan-event-without-plan"]
    assert len(found) == 1 and "'plan_praised'" in found[0].message and "agreed_in: track15" in found[0].message
    assert found[0].line == loose[: loose.index("  - id: plan_praised")].count("\n") + 1


def test_lint_strict_fails_on_warnings_and_names_invalid_files(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    warned = write(tmp_path, FIXTURES["weights-sum"](skeleton()))

    def lint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "lint", *args], capture_output=True, text=True, cwd=ROOT,
                              env=env, timeout=120)
    assert lint(str(warned)).returncode == 0
    strict = lint("--strict", str(warned))
    assert strict.returncode == 1 and f"{warned}:" in strict.stdout and "[weights-sum]" in strict.stdout
    broken = write(tmp_path, "schema_version: 1\nid: x\n", "broken.yaml")
    assert lint(str(broken)).returncode == 2 and lint("--strict", str(broken), str(warned)).returncode == 2


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_genius_export_reads_back_to_the_same_frontier_and_nash_deal(tmp_path: Path, path: Path) -> None:
    scenario = load_scenario(path)
    files = export_genius(scenario, tmp_path)
    back = load_genius(files[0], list[str | Path](files[1:]))
    ours = bargaining_problem(scenario)
    a, b = analyze(ours).solutions, analyze(back).solutions

    def labels(problem: BargainingProblem, digits: Iterable[NDArray[np.int64]]) -> set[tuple[str, ...]]:
        return {tuple(problem.values[i][int(d)] for i, d in enumerate(row)) for row in digits}

    def utilities(problem: BargainingProblem, label: tuple[str, ...]) -> NDArray[np.float64]:
        return problem.utilities_of(np.array([problem.values[i].index(v) for i, v in enumerate(label)]))

    # The same frontier up to ties. An outcome on one problem's frontier only must, in that same
    # problem, be dominated but for a tie (to 1e-9) by a point of the other frontier: whether an
    # outcome that ties another in one coordinate counts as dominated depends on the last bits of
    # a sum, which differ between numpy releases and between our values and GENIUS's normalised ones.
    mine, theirs = labels(ours, a.frontier_digits), labels(back, b.frontier_digits)
    assert mine & theirs
    for only, problem, other in ((theirs - mine, back, mine), (mine - theirs, ours, theirs)):
        points = [utilities(problem, label) for label in other]
        for label in only:
            u = utilities(problem, label)
            assert any(np.all(p >= u - 1e-9) and np.any(p > u + 1e-9) for p in points), label
    assert (a.nash is None) == (b.nash is None)
    if a.nash is not None and b.nash is not None:
        nash_back = labels(back, [b.nash.digits]).pop()
        nash_ours = labels(ours, [a.nash.digits]).pop()
        assert utilities(ours, nash_back) == pytest.approx(utilities(ours, nash_ours), abs=1e-9)
