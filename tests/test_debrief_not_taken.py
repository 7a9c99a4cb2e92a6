"""``classroom debrief`` on a served class folder (file mode) says what the server's debrief says of a
seat no student took: 'AI (seat not taken)', not 'missing'. The server seals those seats into the
result of their table with the session key, so a student cannot claim that their own seat was empty
to escape a grade: every forged claim is rejected with its reason, and results without the claim
(older ones, games played at home) are read as before."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from game.classroom.checks import read_results
from game.classroom.folder import open_session, session_key
from game.classroom.play import simulate_session
from game.classroom.signing import not_taken_seal, sign
from game.classroom.tally import absences, tally
from game.cli.app import main
from tests.test_classroom_attacks import run_main
from tests.webclient import make_class, served, walk_away_alone


def serve_one_seat(root: Path) -> Path:
    """Serve the class: Ann takes table 1's US seat, Russia's stays empty; she walks away at once.
    Returns the result the server wrote (the server's debrief is in ``root/debrief``)."""
    with served(root) as s:
        s.login()
        tg = walk_away_alone(s)
        assert s.client.get("/debrief/debrief.csv", headers=s.admin).status_code == 200   # the server's debrief
        return Path(tg.result)


def rows_of(text: str) -> dict[tuple[str, str], list[str]]:
    table = list(csv.reader(io.StringIO(text)))
    assert all(len(r) == len(table[0]) for r in table)
    return {(r[0], r[1]): r for r in table[1:]}


def test_file_mode_debrief_of_a_served_class_says_the_ai_played_a_seat_nobody_took(tmp_path: Path,
                                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = make_class(tmp_path, tables=1)
    result = serve_one_seat(root)
    record = json.loads(result.read_text())
    assert record["not_taken"]["seats"] == ["ru"] and record["signatures"].keys() == {"us"}
    server = root / "debrief"
    mine = tmp_path / "by-hand"
    assert main(["classroom", "debrief", str(root), "--out", str(mine)]) == 0
    printed = capsys.readouterr().out
    assert "1 result accepted, 0 rejected" in printed and "played by the AI (seat not taken): table 1" in printed
    by_hand, by_server = (rows_of((d / "debrief.csv").read_text()) for d in (mine, server))
    assert by_hand == by_server                                           # the same file, row for row
    assert by_hand["1", "ru"][2] == "AI (seat not taken)" and by_hand["1", "us"][2] == "ai"
    checks = (mine / "checks.html").read_text()
    assert "<td>AI (seat not taken)</td>" in checks and "MISSING" not in checks
    assert "<td>AI (seat not taken)</td>" in (server / "checks.html").read_text()
    for folder in (mine, server):
        page = (folder / "debrief.html").read_text()
        assert "played by the AI (seat not taken): table 1: Russian delegation (Foreign Ministry)" in page
        assert "no result yet" not in page


def test_a_forged_claim_of_an_empty_seat_is_rejected_with_its_reason(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=1)
    genuine = json.loads(serve_one_seat(root).read_text())
    session = open_session(root)
    key = session_key(session)
    us_key = (root / "tables" / "table-01" / "us" / "seat.key").read_text().strip()
    ru_key = (root / "tables" / "table-01" / "ru" / "seat.key").read_text().strip()

    def forge(name: str, record: dict[str, object], keys: dict[str, str]) -> Path:
        record = {k: v for k, v in record.items() if k != "signatures"}
        record["signatures"] = {seat: sign(record, k) for seat, k in keys.items()}
        path = tmp_path / name
        path.write_text(json.dumps(record))
        return path

    # the ru student played at home (against the AI) and claims the server's seal for their seat
    played = run_main("play", "--session", str(root / "tables" / "table-01" / "ru"), stdin="walk\ny\n" * 3,
                      home=tmp_path)
    assert played.returncode == 0, played.stderr
    home = json.loads(next((root / "tables" / "table-01" / "ru" / "results").glob("*.json")).read_text())
    assert "not_taken" not in home                                        # played at home: no claim
    edited = dict(genuine, not_taken={"seats": ["ru"], "seal": sign(genuine, us_key)})
    carried = dict(home, not_taken={"seats": ["us"], "seal": not_taken_seal(key, session.id, 1, ["us"], genuine["end_hash"])})
    played_it = dict(genuine, not_taken={"seats": ["us"], "seal": not_taken_seal(key, session.id, 1, ["us"],
                                                                                   genuine["end_hash"])})
    simulated = json.loads(simulate_session(session)[0].read_text())
    previewed = dict(simulated, not_taken={"seats": ["ru"], "seal": not_taken_seal(
        key, session.id, 1, ["ru"], simulated["end_hash"])})
    paths = [forge("edited.json", edited, {"us": us_key}), forge("carried.json", carried, {"ru": ru_key}),
             forge("played.json", played_it, {"us": us_key}),
             forge("malformed.json", dict(genuine, not_taken={"seats": "ru"}), {"us": us_key}),
             forge("previewed.json", previewed, {"us": us_key, "ru": ru_key})]
    accepted, rejected, _ = read_results(session, key, paths)
    reasons = {r.path.name: r.reason for r in rejected}
    assert not accepted, [a.path for a in accepted]
    assert reasons["edited.json"].startswith("it says no student took the ru seat of table 1 on the class server, "
                                             "without the class server's seal")
    assert "without the class server's seal" in reasons["carried.json"]          # the seal of another game
    assert reasons["played.json"] == "it says no student took the us seat of table 1, which a student played"
    assert reasons["malformed.json"].startswith("malformed: its not_taken entry")
    assert reasons["previewed.json"] == "a simulated result cannot say that a seat was not taken on the class server"
    # the genuine result and the home game, side by side: the ru student's own game counts for ru
    real = forge("genuine.json", genuine, {"us": us_key})
    accepted, rejected, _ = read_results(session, key, [real, forge("home.json", home, {"ru": ru_key})])
    assert not rejected and {a.path.name: a.not_taken for a in accepted} == {"genuine.json": ("ru",), "home.json": ()}
    seats = {(x.table, x.role): x for x in tally(session, accepted)}
    assert seats[1, "ru"].counted is not None and seats[1, "ru"].counted.path.name == "home.json"


def test_a_result_without_the_claim_leaves_a_seat_missing(tmp_path: Path) -> None:
    """Results written before the claim existed (or at home) are read as before: a seat nobody handed
    a result in for is missing."""
    root = make_class(tmp_path, tables=1)
    genuine = json.loads(serve_one_seat(root).read_text())
    session = open_session(root)
    old = {k: v for k, v in genuine.items() if k not in ("not_taken", "signatures", "seal")}
    old["format"] = 3                                          # as the version before the seals wrote it
    old["signatures"] = {"us": sign(old, session.key_for(1, "us"))}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    accepted, rejected, _ = read_results(session, session_key(session), [path])
    assert not rejected and accepted[0].not_taken == ()
    seats = tally(session, accepted)
    assert [absences(accepted).of(x).key for x in seats if x.counted is None] == ["missing"]


def test_a_served_result_written_again_from_its_log_keeps_the_sealed_empty_seats(tmp_path: Path,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """``classroom result LOG`` on a game the class server played seals the seats nobody took again, as
    the server did, so a result lost and re-issued by the instructor reads the same in the debrief, from a
    copy of the log too; an edited copy (anyone's log) is refused: the instructor's folder signs only the
    server's games."""
    root = make_class(tmp_path, tables=1)
    original = serve_one_seat(root)
    served_record = json.loads(original.read_text())
    original.unlink()                                                       # lost
    log = root / "server" / "games" / "table-01.jsonl"
    again = tmp_path / "again.json"
    assert main(["classroom", "result", str(log), "--out", str(again)]) == 0
    record = json.loads(again.read_text())
    assert record["not_taken"] == served_record["not_taken"] and record["end_hash"] == served_record["end_hash"]
    accepted, rejected, _ = read_results(open_session(root), session_key(open_session(root)), [again])
    assert not rejected and accepted[0].not_taken == ("ru",)
    copied = tmp_path / "elsewhere" / "table-01.jsonl"
    copied.parent.mkdir()
    copied.write_bytes(log.read_bytes())                                # the server's log, moved: still its game
    moved = tmp_path / "moved.json"
    assert main(["classroom", "result", str(copied), "--out", str(moved)]) == 0
    assert json.loads(moved.read_text())["not_taken"] == served_record["not_taken"]
    copied.write_bytes(log.read_bytes().replace(b'"started":"', b'"started":"1'))    # edited: anyone's log
    assert main(["classroom", "result", str(copied), "--out", str(tmp_path / "unsealed.json")]) == 1
    assert "not a game the class server played" in capsys.readouterr().err
