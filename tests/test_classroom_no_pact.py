"""Without a pact in force (no deal, or one never in force) "honoured by the other side" is undefined: a signed
classroom result writes ``honoured_by_other`` as null (it wrote 0.0, read as "the other side broke it"), an older
result's 0.0 still verifies and is not flagged edited, and debrief.csv leaves ``intact`` empty there; the
result file writes ``intact`` as null too (instructor trial: it wrote 0.0), and an older 0.0 is not an edit."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from game.classroom.checks import read_class
from game.classroom.folder import Session, session_key
from tests.test_classroom_forgery import debrief, play, resign, session  # noqa: F401 - the fixture


def test_a_result_without_a_pact_writes_honoured_by_other_as_null(session: Session, tmp_path: Path) -> None:  # noqa: F811
    path = play(session, 1, "us", tmp_path)                       # walked away: no deal
    record = json.loads(path.read_text())
    assert record["agreement"] is None and not record["in_force"]
    assert [p["honoured_by_other"] for p in record["principals"].values()] == [None, None]
    assert [p["answered"] for p in record["principals"].values()] == [None, None]
    assert record["intact"] is None                               # instructor trial: it wrote 0.0
    reading = read_class(session, session_key(session), [path])
    assert not reading.rejected and not reading.edited and len(reading.accepted) == 1
    _, _ = debrief(session, tmp_path, path)
    rows = list(csv.DictReader(io.StringIO((session.root / "debrief" / "debrief.csv").read_text())))
    played = [r for r in rows if r["file"]]
    assert played and all(r["intact"] == "" and r["in_force"] == "0" for r in played)


def test_an_older_result_with_0_for_honoured_by_other_still_verifies_unflagged(session: Session,  # noqa: F811
                                                                              tmp_path: Path) -> None:
    path = play(session, 1, "us", tmp_path)
    record = json.loads(path.read_text())
    for entry in record["principals"].values():
        entry["honoured_by_other"] = entry["answered"] = 0.0      # as versions before this one wrote them
    record["intact"] = 0.0
    del record["signatures"]
    older = resign(session, 1, record, tmp_path / "older.json")   # signed over the JSON as written, 0.0 and all
    reading = read_class(session, session_key(session), [older])
    assert not reading.rejected and not reading.edited and len(reading.accepted) == 1
    record["principals"]["united_states"]["honoured_by_other"] = 0.5   # any other number is still an edit
    edited = resign(session, 1, record, tmp_path / "edited.json")
    reading = read_class(session, session_key(session), [edited])
    assert [x.edited for x in reading.edited] == [("principals.united_states.honoured_by_other",)]
    record["principals"]["united_states"]["honoured_by_other"] = 0.0
    record["intact"] = 0.5                                        # and so is any other intact
    edited = resign(session, 1, record, tmp_path / "edited-intact.json")
    reading = read_class(session, session_key(session), [edited])
    assert [x.edited for x in reading.edited] == [("intact",)]
