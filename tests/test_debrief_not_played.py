"""``classroom debrief`` on a served class folder (file mode) says what the server's debrief says of a
table nobody joined: 'not played (nobody joined)', not 'missing'. The server seals a marker for each
such table into the class's results with the session key; a forged or copied marker (a made-up seal,
another session's, a table that holds a student's result, a malformed file) is rejected with its
reason and never excuses a missing result, and a class folder without markers reads as before."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from game.classroom.checks import read_class, read_results
from game.classroom.folder import open_session, session_key
from game.classroom.signing import not_played_seal
from game.classroom.unplayed import KIND, marker, marker_name
from game.cli.app import main
from tests.test_classroom_attacks import run_main
from tests.test_debrief_not_taken import rows_of, serve_one_seat
from tests.webclient import make_class


def debrief_by_hand(root: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["classroom", "debrief", str(root), "--out", str(out)]) == 0
    return capsys.readouterr().out


def test_file_mode_debrief_of_a_served_class_says_a_table_nobody_joined_was_not_played(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_class(tmp_path, tables=2)          # table 1: Ann plays the US seat; table 2: nobody joins
    serve_one_seat(root)
    sealed = root / "results" / marker_name(2)
    assert sealed.is_file() and not (root / "results" / marker_name(1)).exists()
    assert json.loads(sealed.read_text())["kind"] == KIND
    server, mine = root / "debrief", tmp_path / "by-hand"
    printed = debrief_by_hand(root, mine, capsys)
    assert printed.startswith("1 result accepted, 0 rejected, 0 duplicates")
    assert "not played (nobody joined): table 2." in printed and "no result yet" not in printed
    by_hand, by_server = (rows_of((d / "debrief.csv").read_text()) for d in (mine, server))
    assert by_hand == by_server                                           # the same file, row for row
    assert by_hand["2", "us"][2] == by_hand["2", "ru"][2] == "not played"
    assert by_hand["1", "ru"][2] == "AI (seat not taken)" and by_hand["1", "us"][2] == "ai"
    checks = {d: (d / "checks.html").read_text() for d in (mine, server)}
    assert checks[mine] == checks[server]                                 # the same page
    assert "<td>not played</td>" in checks[mine] and "no student joined this table" in checks[mine]
    assert "MISSING" not in checks[mine] and f"{marker_name(2)}: table 2" in checks[mine]
    for folder in (mine, server):
        page = (folder / "debrief.html").read_text()
        assert "not played (nobody joined): table 2." in page and "no result yet" not in page
    # the server writing its debrief again leaves the marker as it was (the results do not look newer)
    before = sealed.stat().st_mtime_ns
    from game.web.export import export_debrief
    from game.web.tables import Classroom
    classroom = Classroom(root)
    try:
        export_debrief(classroom)
    finally:
        classroom.close()
    assert sealed.stat().st_mtime_ns == before


def test_a_forged_or_copied_marker_is_rejected_with_its_reason(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = make_class(tmp_path, tables=2)
    serve_one_seat(root)
    session = open_session(root)
    key = session_key(session)
    genuine = json.loads((root / "results" / marker_name(2)).read_text())
    ru2 = session.key_for(2, "ru")                                        # a student of table 2 holds it
    other_root = make_class(tmp_path / "other", tables=2)
    other = open_session(other_root)
    forged = {
        "made-up.json": {**genuine, "seal": "0" * 64},
        "seat-key.json": {**genuine, "seal": not_played_seal(ru2, session.id, 2)},
        "moved.json": {**genuine, "table": 1},                            # the table 2 seal on table 1
        "other-session.json": marker(other, session_key(other), 2),
        "resealed-session.json": {**marker(other, session_key(other), 2), "session": session.id},
        "played.json": marker(session, key, 1),                           # sealed, but table 1 was played
        "malformed.json": {**genuine, "table": "2"},
        "extra.json": {**genuine, "note": "nobody came"},
        "not-hex.json": {**genuine, "seal": "é" * 64},
        "format.json": {**genuine, "format": 2},
    }
    paths = []
    for name, record in forged.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(json.dumps(record))
    (tmp_path / "broken.json").write_text('{"kind": "backchannel-not-played", ')
    paths.append(tmp_path / "broken.json")
    result = next((root / "results").glob("table-01-*.json"))
    reading = read_class(session, key, [result, *paths])
    reasons = {r.path.name: r.reason for r in reading.rejected}
    assert not reading.not_played and len(reading.accepted) == 1 and set(reasons) == {p.name for p in paths}
    for name in ("made-up.json", "seat-key.json", "resealed-session.json"):
        assert reasons[name].startswith("it says nobody joined table 2 on the class server, without the class "
                                        "server's seal"), name
    assert reasons["moved.json"].startswith("it says nobody joined table 1 on the class server, without")
    assert reasons["other-session.json"] == f"a not-played marker of another session ({other.id!r}, not {session.id!r})"
    assert reasons["played.json"] == (f"it says nobody joined table 1, but the table has a student's result "
                                      f"({result.name}): it was played")
    for name in ("malformed.json", "extra.json", "not-hex.json", "format.json"):
        assert reasons[name].startswith("malformed: a not-played marker holds"), name
    assert reasons["broken.json"].startswith("malformed: not JSON")
    # a copy of the genuine marker is a duplicate, counted once
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(genuine))
    reading = read_class(session, key, [root / "results" / marker_name(2), copy])
    assert reading.unplayed == {2} and reading.duplicates == [copy] and not reading.rejected
    # by hand, each reason is in checks.html, and the forged markers excuse nobody: table 1's Russian
    # seat is still the AI's (its result says so), table 2's seats are not played (the genuine marker)
    for path in paths:
        path.rename(root / "results" / path.name)
    printed = debrief_by_hand(root, tmp_path / "by-hand", capsys)
    assert f"1 result accepted, {len(paths)} rejected" in printed
    checks = (tmp_path / "by-hand" / "checks.html").read_text()
    for name, reason in reasons.items():
        assert html.escape(f"{name}: {reason}") in checks, name
    rows = rows_of((tmp_path / "by-hand" / "debrief.csv").read_text())
    assert rows["1", "ru"][2] == "AI (seat not taken)" and rows["2", "ru"][2] == "not played"


def test_a_marker_does_not_excuse_a_table_that_holds_a_students_result(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Table 2's US student, who never joined the server, plays at home and hands the result in: the
    server's marker for table 2 is rejected (the table was played) and the Russian seat is missing."""
    root = make_class(tmp_path, tables=2)
    serve_one_seat(root)
    played = run_main("play", "--session", str(root / "tables" / "table-02" / "us"), stdin="walk\ny\n" * 3,
                      home=tmp_path)
    assert played.returncode == 0, played.stderr
    home = next((root / "tables" / "table-02" / "us" / "results").glob("*.json"))
    printed = debrief_by_hand(root, tmp_path / "by-hand", capsys)
    assert "2 results accepted, 1 rejected" in printed
    assert (f"rejected {root / 'results' / marker_name(2)}: it says nobody joined table 2, but the table has a "
            f"student's result ({home.name}): it was played") in printed
    rows = rows_of((tmp_path / "by-hand" / "debrief.csv").read_text())
    assert rows["2", "us"][2] == "ai" and rows["2", "ru"][2] == "missing"
    assert "<td>MISSING</td>" in (tmp_path / "by-hand" / "checks.html").read_text()


def test_a_class_folder_without_markers_reads_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A class served before the markers existed: table 2's seats read 'missing' by hand, and the reader
    that gives results alone takes no marker for a rejected result."""
    root = make_class(tmp_path, tables=2)
    serve_one_seat(root)
    session = open_session(root)
    files = sorted((root / "results").glob("*.json"))
    accepted, rejected, duplicates = read_results(session, session_key(session), files)
    assert len(files) == 2 and len(accepted) == 1 and not rejected and not duplicates
    (root / "results" / marker_name(2)).unlink()
    printed = debrief_by_hand(root, tmp_path / "by-hand", capsys)
    assert printed.startswith("1 result accepted, 0 rejected") and "no result yet for: table 2" in printed
    rows = rows_of((tmp_path / "by-hand" / "debrief.csv").read_text())
    assert rows["2", "us"][2] == rows["2", "ru"][2] == "missing"
