"""The class chart marks a table whose seat the class server handed to the AI mid-game: a marker and a
legend entry of its own ("deal: students together, then the AI"), and its label says from which move
("1 (Russian delegation: AI from move 8)"), in the words of game.classroom.lesson.how_played. The chart drew it as the
students' own deal, while every table of the debrief said "then the AI from move 8"."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from dataclasses import replace
from pathlib import Path

from matplotlib.text import Annotation

from game.classroom import chart as charts
from game.classroom.checks import read_results
from game.classroom.folder import Session, create_session, session_key
from game.classroom.lesson import Lesson, lesson
from game.classroom.play import simulate_session
from game.classroom.tally import tally
from tests.conftest import SCENARIOS

THEN_AI = "deal: students together; AI took over"


def class_with_a_handed_table(tmp_path: Path) -> tuple[Session, Lesson, int, int]:
    """A class of AI previews in which one table with a deal is played by students together and another
    the same way, then by the AI from move 5 in the Russian seat (the log's move 7, 0-based, as the class
    server seals it; people count the delegations' moves alone: four offers came before it)."""
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 4, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    handed, together = sorted({a.table for a in accepted if a.result.agreement is not None})[:2]
    played = [replace(a, mode="hot-seat", ai_from={"ru": 7}) if a.table == handed else
              replace(a, mode="hot-seat") if a.table == together else a for a in accepted]
    return session, lesson(session, tally(session, played)), handed, together


def test_the_chart_shows_a_handed_over_table_in_the_legend_and_its_label(tmp_path: Path) -> None:
    session, view, handed, _ = class_with_a_handed_table(tmp_path)
    ax = charts.chart(session, view).axes[0]
    legend = ax.get_legend()
    assert legend is not None and THEN_AI in [t.get_text() for t in legend.get_texts()]
    notes = [a.get_text() for a in ax.texts if isinstance(a, Annotation)]
    assert any(f"{handed} (Russian delegation: AI from move 5)" in n for n in notes), notes


def test_a_handed_over_deal_has_its_own_marker_and_label(tmp_path: Path) -> None:
    _, view, handed, together = class_with_a_handed_table(tmp_path)
    rows = {g.table: g for g in view.games}
    assert charts.chart_label(rows[handed]) == f"{handed} (Russian delegation: AI from move 5)"
    assert charts.chart_label(rows[together]) == str(together)
    marks = {m.legend: m for m in charts.deal_marks(view)}
    assert marks[THEN_AI].marker == charts.HANDED_MARKER != charts.STYLE["hot-seat"][0]
    assert marks[THEN_AI].colour == charts.STYLE["hot-seat"][1]
    assert marks[THEN_AI].labels == [f"{handed} (Russian delegation: AI from move 5)"]
    assert marks["deal: students together"].labels == [str(together)]


def test_a_label_that_has_brackets_already_gets_one_pair() -> None:
    """Instructor trial: "4 (United States) (AI from move 5)"."""
    row = cast(charts.GameRow, SimpleNamespace(label="4 (United States)",
                                               handed=(("US delegation (State Department)", 5),)))
    assert charts.chart_label(row) == "4 (United States; AI from move 5)"
