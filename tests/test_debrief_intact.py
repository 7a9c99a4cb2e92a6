"""debrief.html defines its "intact" column and names it apart from the students' pages' "honoured by the other
side" (instructor trial: "intact 66%" was read as a disagreement with a page's "honoured ... in 59%")."""

from __future__ import annotations

import html
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.play import simulate_session
from game.classroom.report import write_debrief
from tests.conftest import SCENARIOS


def test_the_intact_column_is_defined_and_told_apart_from_honoured_by_the_other_side(tmp_path: Path) -> None:
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 2, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    out = tmp_path / "debrief"
    write_debrief(session, accepted, [], [], out)
    page = html.unescape((out / "debrief.html").read_text(encoding="utf-8"))
    games = page.split("Every game")[1].split("Deals by basket")[0]
    assert "<th>intact (no breach answered)</th>" in games
    legend = games.split("</table>")[1]
    assert "(a caught violation or an unfounded accusation) was answered" in legend
    assert '"honoured by the other side"' in legend and "need not agree" in legend
