"""The class debrief's Track 1.5 table gives the official talks' anchoring only where a plan was published and
the official talks were held (instructor trial: a table with no plan, and one whose official talks the instructor's
end of the talks left unheld, both read 'anchoring 0.40', the weight of a pull that never happened)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.lesson import lesson
from game.classroom.play import simulate_session
from game.classroom.report import _track15_table
from game.classroom.tally import tally
from game.engine.state import PhaseResult
from tests.conftest import SCENARIOS


def test_anchoring_is_given_only_where_a_plan_pulled_official_talks_that_were_held(tmp_path: Path) -> None:
    session = create_session(SCENARIOS / "track15_trap.yaml", 3, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    assert len(accepted) == 3 and all(a.state.results[0].agreement is not None for a in accepted)
    plain, no_plan, unheld = sorted(accepted, key=lambda a: a.table)
    first, official = no_plan.state.results
    no_plan = dataclasses.replace(no_plan, state=dataclasses.replace(
        no_plan.state, results=(dataclasses.replace(first, agreement=None, ended_by="deadline"), official)))
    first, official = unheld.state.results
    unheld = dataclasses.replace(unheld, state=dataclasses.replace(
        unheld.state, results=(first, PhaseResult(official.phase, None, 0, "not_held"))))
    view = lesson(session, tally(session, [plain, no_plan, unheld]))
    _, rows = _track15_table(view)
    anchoring = {row[0].split()[0]: row[2] for row in rows}
    weight = f"{session.scenario.phases[-1].anchoring:.2f}"
    assert anchoring == {str(plain.table): weight, str(no_plan.table): "-", str(unheld.table): "-"}, anchoring
