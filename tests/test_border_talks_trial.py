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
