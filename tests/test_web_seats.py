"""A student who leaves mid-game (instructor trial: their table waited for ever on "Waiting for Russian
delegation"): the dashboard shows each seat's connection, the instructor hands an away seat to the AI, the
move log, the result, the debrief and the grades say from which move the AI played it, and the student who
comes back watches."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import open_session, session_key
from game.classroom.results import finish_classroom_game, sealed, signed
from game.engine.actions import Offer, Walk
from game.session.game import GameSession
from game.session.movenumber import seen_move
from game.web.tables import AI_SEAT, Classroom
from tests.webclient import make_class, receive, served, until, wait_for


def _away(dash: object, table: int, role: str) -> dict[str, object]:
    """The dashboard's line of ``table`` once it says that ``role`` is away."""
    for _ in range(50):
        line = until(dash, "table")["table"]
        if line["table"] == table and not line["presence"][role]["connected"]:
            return dict(line)
    raise AssertionError(f"the dashboard never said that {role} was away")


def test_an_away_seat_is_shown_handed_to_the_ai_and_the_debrief_does_not_credit_its_student(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        cookies, mover, other = s.seated()
        tg = s.classroom.tables[1]
        with s.client.websocket_connect("/ws/dashboard", headers=s.admin) as dash:
            first = receive(dash)["tables"][0]
            assert first["presence"] == {"us": {"connected": False, "since": None},
                                         "ru": {"connected": False, "since": None}}
            with s.client.websocket_connect("/ws/seat", headers=cookies[other]) as b:
                receive(b)
                with s.client.websocket_connect("/ws/seat", headers=cookies[mover]) as a:
                    receive(a)
                    line = until(dash, "table")["table"]
                    while not all(p["connected"] for p in line["presence"].values()):
                        line = until(dash, "table")["table"]
                    assert line["can_hand_over"] == []           # nobody is away
                    refused = s.act("handover", {"table": 1, "role": mover})
                    assert refused.status_code == 409 and "connected" in refused.json()["error"]
                # the student to move closes their tab: the table waits on them
                line = _away(dash, 1, mover)
                assert isinstance(line["presence"][mover]["since"], float)   # type: ignore[index]
                assert line["can_hand_over"] == [mover] and line["status"] == "playing"
                moves = len(tg.state.history)
                answer = s.act("handover", {"table": 1, "role": mover})
                # counted as the move list shows moves: the delegations' alone (the log's number counts chance's)
                shown = seen_move(tg.state.history, moves)
                assert answer.status_code == 200 and answer.json()["from_move"] == shown < moves + 1
                wait_for(lambda: tg.game is not None and tg.game.to_move == other, "the AI's move for the seat")
                seen = until(b, "state")
                while not seen["game"]["your_turn"]:
                    seen = until(b, "state")
                line = until(dash, "table")["table"]
                assert line["ai_since_move"] == {mover: shown} and line["can_hand_over"] == []
                log = [json.loads(x) for x in (root / "server" / "games" / "table-01.jsonl").read_text().splitlines()]
                assert {"type": "handover", "party": mover, "from": moves} == \
                    {k: v for k, v in log[moves + 1].items() if k != "persona"}
                with s.client.websocket_connect("/ws/seat", headers=cookies[mover]) as a:   # the student is back
                    back = receive(a)
                    assert "handed your seat to the AI" in back["seat"]["handed_over"]
                    assert f"since move {shown}." in back["seat"]["handed_over"]
                    assert back["game"] is not None and not back["game"]["your_turn"]
                    assert [line for line in back["log"] if line[1].startswith("The AI in your seat ")]
                    assert not [line for line in back["log"] if "The AI in your seat: You" in line[1]]
                    # one numbering: the list numbers the delegations' moves alone, as "since move N" counts them
                    numbered = [n for _, _, n in back["log"] if n is not None]
                    assert numbered == list(range(1, len(numbered) + 1))
                    assert min(n for _, text, n in back["log"] if text.startswith("The AI in your seat ")) >= shown
                    assert all(n is None for kind, _, n in back["log"] if kind in ("event", "phase", "why"))
                    a.send_text(json.dumps({"type": "move", "id": 4, "action": "walk"}))
                    assert until(a, "error")["error"] == AI_SEAT
                b.send_text(json.dumps({"type": "move", "action": "walk"}))
                until(b, "ack")
        wait_for(lambda: bool(tg.result), "the result")
        assert s.act("end").status_code == 200
        session = open_session(root)
        paths = sorted((root / "results").glob("*.json"))
        accepted, rejected, _ = read_results(session, session_key(session), paths)
        assert not rejected and accepted[0].ai_from == {mover: moves} and set(accepted[0].seats) == {"us", "ru"}
        grades = {r["role"]: r for r in csv.DictReader(io.StringIO(
            s.client.get("/debrief/grades.csv", headers=s.admin).text))}
        assert grades[mover]["score"] == "" and f"the AI played this seat from move {shown} on" in grades[mover]["note"]
        assert grades[other]["score"] and grades[other]["note"] == ""
        checks = s.client.get("/debrief/checks.html", headers=s.admin).text
        assert f"students together; AI took over the " in checks and f" from move {shown}" in checks
        page = s.client.get("/debrief/debrief.html", headers=s.admin).text
        assert "handed to the AI mid-game (the student had left)" in page
        # a student cannot move the handover (or claim one) without the class server's seal
        record = json.loads(paths[0].read_text())
        record["ai_from"]["seats"] = {mover: moves + 2}
        forged = tmp_path / "forged.json"
        forged.write_text(json.dumps(signed(session, record)))
        _, refused_files, _ = read_results(session, session_key(session), [forged])
        assert refused_files and "class server's seal" in refused_files[0].reason
    again = Classroom(root)                      # a restart replays the finished game with its handover
    try:
        assert again.tables[1].handovers == {mover: moves}
    finally:
        again.close()


def test_a_game_with_a_seat_handed_over_resumes_with_the_ai_in_that_seat(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        _, mover, other = s.seated()
        assert s.act("handover", {"table": 1, "role": mover}).status_code == 200    # never connected: away
        tg = s.classroom.tables[1]
        wait_for(lambda: tg.game is not None and tg.game.to_move == other, "the AI's move for the seat")
        start = tg.handovers[mover]
        again = s.act("handover", {"table": 1, "role": mover})
        assert again.status_code == 409 and f"from move {seen_move(tg.state.history, start)})" in again.json()["error"]
    resumed = Classroom(root)
    try:
        game = resumed.tables[1].game
        assert game is not None and game.humans == (other,) and game.to_move == other
        assert resumed.tables[1].handovers == {mover: start}
    finally:
        resumed.close()


def test_a_handed_over_game_finished_with_play_resume_in_the_instructors_folder_is_sealed_at_once(
        tmp_path: Path) -> None:
    """Known gap: finishing a handed-over server game with ``play --resume`` (the server gone) wrote a result the
    debrief rejected until ``classroom result LOG`` wrote it again; in the instructor's folder, where the
    session key is, it is sealed at once."""
    root = make_class(tmp_path)
    with served(root) as s:
        _, mover, other = s.seated()
        assert s.act("handover", {"table": 1, "role": mover}).status_code == 200
        tg = s.classroom.tables[1]
        wait_for(lambda: tg.game is not None and tg.game.to_move == other, "the AI's move for the seat")
    game, _ = GameSession.resume(root / "server" / "games" / "table-01.jsonl")
    game.submit(Walk(other))
    assert game.over
    delivery = finish_classroom_game(game)
    assert delivery is not None and delivery.path is not None and delivery.problem is None
    session = open_session(root)
    accepted, rejected, _ = read_results(session, session_key(session), [delivery.path])
    assert not rejected and accepted[0].ai_from == {mover: game.handovers[mover].start}


def test_after_the_end_an_away_seat_that_owes_its_final_response_is_answered_by_its_ai(tmp_path: Path) -> None:
    """Rule 16 on the server (known gap: the away seat could only let the talks end, logged as a walk-out, as
    the AI did not know the talks were ended): the end is a sealed move of the game; the AI handed the seat
    accepts an offer that beats no deal for it; the debrief's checks accept the result and reject one whose
    end of the talks lost its seal."""
    root = make_class(tmp_path)
    with served(root) as s:
        _, mover, other = s.seated()
        tg = s.classroom.tables[1]
        assert tg.game is not None and tg.game.state.tables is not None
        generous = tg.game.state.tables.problem.outcome_at(int(tg.game.state.tables.of(other).order[0]))
        assert s.classroom.move(1, mover, Offer(mover, generous)) is False          # the other student's turn
        assert s.act("end").status_code == 200
        assert tg.game is not None and tg.game.to_move == other and tg.game.state.ended
        refused = s.act("handover", {"table": 1, "role": mover})                    # owes nothing
        assert refused.status_code == 409 and "owes no answer" in refused.json()["error"]
        history = tg.game.state.history
        answer = s.act("handover", {"table": 1, "role": other})
        assert answer.status_code == 200 and answer.json()["from_move"] == seen_move(history, len(history))
        wait_for(lambda: tg.game is None and bool(tg.result), "the closed table's result")
        assert tg.state is not None and tg.state.results[-1].ended_by == "accepted"
        assert tg.state.results[-1].agreement == generous
        kinds = [json.loads(line).get("action", {}).get("kind") for line in
                 (root / "server" / "games" / "table-01.jsonl").read_text(encoding="utf-8").splitlines()]
        assert "end_talks" in kinds
    session = open_session(root)
    key = session_key(session)
    results = sorted((root / "results").glob("*.json"))
    accepted, rejected, _ = read_results(session, key, results)
    assert not rejected and len(accepted) == 1
    record = json.loads(results[0].read_text(encoding="utf-8"))
    for move in record["moves"]:
        if move["kind"] == "end_talks":
            move["seal"] = "0" * 64
    record.pop("seal")
    record.pop("signatures")
    forged = tmp_path / "forged.json"                       # even sealed whole, the move's own seal is checked
    forged.write_text(json.dumps(signed(session, sealed(session, record, key))), encoding="utf-8")
    _, rejected, _ = read_results(session, key, [forged])
    assert rejected and "ends the talks without the instructor's seal" in rejected[0].reason


def test_a_seat_handed_to_the_ai_while_the_class_is_paused_moves_only_when_it_resumes(tmp_path: Path) -> None:
    """Attack trial: Pause all "stops every move", yet handing over a seat whose turn it was let the AI move at
    once, and the other student was told it was their turn while the class was still paused."""
    with served(make_class(tmp_path)) as s:
        _, mover, other = s.seated()
        tg = s.classroom.tables[1]
        assert tg.game is not None
        moves = len(tg.game.state.history)
        assert s.act("pause").status_code == 200
        assert s.act("handover", {"table": 1, "role": mover}).status_code == 200
        assert tg.game is not None and tg.game.to_move is None and mover in tg.handovers    # nobody human to move
        assert len(tg.game.state.history) == moves
        assert s.act("resume").status_code == 200
        wait_for(lambda: tg.game is not None and tg.game.to_move == other, "the AI's move once resumed")


def test_the_dashboard_line_says_whose_move_the_table_waits_for(tmp_path: Path) -> None:
    """Instructor trial: the dashboard did not show whose turn it was, so a table waiting on an away student
    could not be told from one whose students were thinking."""
    from game.web.summary import table_summary
    with served(make_class(tmp_path)) as s:
        _, mover, other = s.seated()
        assert table_summary(s.classroom, 1)["to_move"] == mover
        assert s.act("handover", {"table": 1, "role": mover}).status_code == 200
        tg = s.classroom.tables[1]
        wait_for(lambda: tg.game is not None and tg.game.to_move == other, "the AI's move for the seat")
        assert table_summary(s.classroom, 1)["to_move"] == other
        dashboard = s.client.get("/static/dashboard.js").text
        assert "t.to_move === r" in dashboard                    # the page marks that seat
