"""The class debrief measures each game's distances at the table that game ended at, as the student's debrief and
``simulate`` do (one implementation: game.engine.distance.deal_distances). It measured every game against the
session's one frontier and Nash deal, from the file's parameters: a definitions table's agreed rung and the events
of the talks (a scandal raising a no-deal value) were ignored, so a deal the student's debrief put at 0.036 from
the frontier read 0.137 in debrief.csv."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pytest

from game.analytics.pareto import distance_to_frontier
from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.lesson import lesson
from game.classroom.play import simulate_session
from game.classroom.tally import tally
from game.cli.app import main
from game.cli.render import debrief
from game.cli.simulate_record import game_record
from game.engine.nash import final_problem, paper_nash
from tests.conftest import SCENARIOS


@pytest.mark.parametrize("name", ["narrow_deal_2020_definitions", "narrow_deal_2020"])
def test_the_class_distances_are_the_students_debriefs_and_simulates(name: str, tmp_path: Path) -> None:
    """Each game's distance to the frontier is the one its student's debrief prints and simulate records; its
    distance to the Nash deal is measured to the Nash deal of that same final table; debrief.csv writes both.
    With seed 2, events moved the no-deal values at every table with a deal (and, in the definitions scenario,
    the agreed scope left baskets out), so the session's frontier and Nash deal give other figures."""
    session = create_session(SCENARIOS / f"{name}.yaml", 3, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    view = lesson(session, tally(session, accepted))
    rows = {g.file: g for g in view.games}
    dealt = [a for a in accepted if a.result.agreement is not None]
    assert dealt
    old = view.analysis.solutions                  # the session's one frontier, as the class debrief had it
    assert old.nash is not None
    moved = False
    for a in dealt:
        row = rows[a.path.name]
        assert row.to_frontier is not None and row.to_nash is not None
        said = re.search(r"Distance of your deal to the Pareto frontier: ([0-9.]+)", debrief(a.state, a.result, "us"))
        assert said is not None and f"{row.to_frontier:.3f}" == said.group(1)
        names = {pid: pid for pid in session.roles}
        record = game_record(a.state, 0, names, [session.roles[0]])
        assert record["distance_to_frontier"] == round(row.to_frontier, 10)
        ids = final_problem(a.state).party_ids
        nash = [paper_nash(a.state, pid) for pid in ids]
        assert None not in nash
        assert row.to_nash == pytest.approx(float(np.linalg.norm(np.array(row.paper) - np.array(nash))), abs=1e-12)
        point = np.array(row.paper)[None, :]
        was = (float(distance_to_frontier(point, old.frontier_utilities)[0]),
               float(np.linalg.norm(point[0] - old.nash.utilities)))
        moved |= a.state.fired != () and not np.allclose(was, (row.to_frontier, row.to_nash))
    assert moved                                   # the old figures differ: the test tells the two apart
    assert main(["classroom", "debrief", str(session.root), "--out", str(tmp_path / "out")]) == 0
    table = csv.DictReader(io.StringIO((tmp_path / "out" / "debrief.csv").read_text()))
    written = {r["file"]: (r["distance_to_frontier"], r["distance_to_nash"]) for r in table}
    assert all(written[a.path.name] == (f"{rows[a.path.name].to_frontier:.6f}", f"{rows[a.path.name].to_nash:.6f}")
               for a in dealt)
