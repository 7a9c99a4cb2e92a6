"""The instructor's planned events (``classroom new --inject E --at-round R``) are a surprise: no file a
student reads names them (instructor trial: ``indictment`` at round 3 stood in every seat.json and in
session.json), and a game played from a seat's or a table's folder still fires them, so that the
instructor's replay accepts its result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.classroom.checks import read_results
from game.classroom.folder import SessionError, create_session, open_session, session_key
from game.classroom.play import simulate_session, simulate_table
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
PLAN = [("indictment", 2)]


def test_no_file_outside_the_instructors_folder_names_a_planned_event(tmp_path: Path) -> None:
    made = create_session(NARROW, 2, tmp_path / "class", seed=3, injects=PLAN)
    scenario_text = (made.root / "scenario.yaml").read_text()
    for path in made.root.rglob("*"):
        if path.is_file() and path.name != "scenario.yaml" and "instructor" not in path.relative_to(made.root).parts:
            text = path.read_text(errors="replace")
            assert "indictment" not in text and '"injects"' not in text, path
    assert "indictment" in scenario_text                   # the scenario's events are no secret, the plan is
    assert json.loads((made.root / "instructor" / "schedule.json").read_text()) == {"injects": [["indictment", 2]]}
    assert open_session(made.root).injects == tuple(PLAN)


def test_a_seat_and_a_table_folder_still_fire_the_planned_events(tmp_path: Path) -> None:
    made = create_session(NARROW, 2, tmp_path / "class", seed=3, injects=PLAN)
    table = made.root / "tables" / "table-01"
    for folder in (table, table / "us", table / "ru"):
        assert open_session(folder).injects == tuple(PLAN)
    fired = {e for _, _, e in simulate_table(open_session(table / "us"), 1).fired}
    assert "indictment" in fired
    paths = simulate_session(open_session(table))         # signed with the table's seat keys
    accepted, rejected, _ = read_results(made, session_key(made), paths)
    assert not rejected and accepted and "indictment" in {e for _, _, e in accepted[0].state.fired}


def test_a_seat_file_whose_sealed_plan_was_changed_is_named(tmp_path: Path) -> None:
    made = create_session(NARROW, 1, tmp_path / "class", seed=3, injects=PLAN)
    meta = made.root / "tables" / "table-01" / "us" / "seat.json"
    data = json.loads(meta.read_text())
    data["schedule"] = "00" + data["schedule"][2:]
    meta.write_text(json.dumps(data))
    with pytest.raises(SessionError, match="seat.json: schedule: not sealed"):
        open_session(meta.parent)
