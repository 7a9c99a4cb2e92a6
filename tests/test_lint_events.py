"""lint's events that can never fire or never matter (game.authoring.events_lint; newcomer trial, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.lint import lint_file
from game.authoring.skeleton import SKELETON
from tests.test_lint_checks import edit
from tests.test_loader_messages import where

SKETCH = SKELETON.format(name="x", schema="schema.json")
ONCE = "    once: true                    # at most once in a game\n"
EFFECT = "      - {parameter: us.reservation, add: 0.05}"


def warned(tmp_path: Path, text: str, code: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(w).replace(str(path), "x.yaml") for w in lint_file(path) if w.code == code]


@pytest.mark.parametrize("when, needle, tail", [
    ("{round_at_least: 20}", "20}", "event 'leak' waits for round 20, but its talks last at most 8 rounds"),
    ("{walked_away: ru}", "ru}", "event 'leak' waits for 'ru' to have walked away from an earlier phase, but this "
                                 "scenario has no phases: a walk-out ends the game"),
])
def test_a_condition_that_never_holds(tmp_path: Path, when: str, needle: str, tail: str) -> None:
    assert warned(tmp_path, SKETCH, "event-never-fires") == []
    text = edit(SKETCH, ONCE, ONCE + f"    when: {when}\n")
    key = when[1:].split(":")[0]
    [message] = warned(tmp_path, text, "event-never-fires")
    assert message == f"x.yaml:{where(text, needle)}: warning [event-never-fires]: events[leak].when.{key}: {tail}"


def test_an_offer_the_party_s_own_red_line_forbids_never_fires(tmp_path: Path) -> None:
    text = edit(SKETCH, ONCE, ONCE + "    when: {offer_at_least: {basket: channels, option: pledge_consult, party: us}}\n")
    assert warned(tmp_path, text, "event-never-fires") == []
    text = edit(text, "    red_lines: {}                 # e.g.", "    red_lines: {channels: [pledge_consult]} #")
    [message] = warned(tmp_path, text, "event-never-fires")
    assert message == (f"x.yaml:{where(text, '{basket: channels')}: warning [event-never-fires]: "
                       "events[leak].when.offer_at_least: event 'leak' waits for 'us' to offer 'pledge_consult' or "
                       "more on 'channels', but its own red lines forbid 'pledge_consult': its AI never offers them, "
                       "and a deal with them never enters into force")


def test_a_plan_event_without_phases_does_nothing(tmp_path: Path) -> None:
    text = edit(SKETCH, EFFECT, EFFECT + "\n      - {parameter: phase.anchoring, add: 0.1}")
    [message] = warned(tmp_path, text, "plan-event-without-plan")
    assert message.startswith(f"x.yaml:{where(text, '- id: leak', offset=2)}: warning [plan-event-without-plan]: "
                              "events[leak]: event 'leak' changes phase.anchoring")
    assert message.endswith("this scenario has no phases: no plan is ever published and the effect does nothing "
                            "(remove the effect)")


def test_a_certain_event_that_ends_the_only_table_at_once(tmp_path: Path) -> None:
    text = edit(SKETCH, EFFECT, "      - {parameter: protocol.rounds, set: 0}")
    assert warned(tmp_path, text, "unreachable-phase") == []
    text = edit(text, "    probability: 0.1\n", "    probability: 1\n")
    [message] = warned(tmp_path, text, "unreachable-phase")
    assert message.startswith(f"x.yaml:{where(text, 'probability: 1', offset=13)}: warning [unreachable-phase]: "
                              "events[leak].probability: the talks can never open: event 'leak' always fires as the "
                              "first round opens and sets the deadline to 0 rounds")
