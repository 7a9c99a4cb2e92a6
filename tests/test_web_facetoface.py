"""Face to face from devices (issue 15, item 4): each side enters the deal on its own device; the server
scores it once both match and tells both sides where they differ."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import open_session, session_key
from tests.conftest import SCENARIOS
from tests.webclient import make_class, receive, served, size, until


def test_each_side_enters_the_deal_and_it_counts_when_both_match(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        seats = s.start_class({"us": "Ann", "ru": "Bo"}, mode="face-to-face")
        us, ru = seats["us"], seats["ru"]
        assert s.act("mode", {"mode": "online"}).status_code == 409          # not once started
        assert s.classroom.tables == {}                                       # no game is played
        n = size(s.classroom)
        with s.client.websocket_connect("/ws/seat", headers=us) as a, \
                s.client.websocket_connect("/ws/seat", headers=ru) as b:
            first = receive(a)
            assert {**first["face_to_face"], "tables": None} == {"phases": ["A narrow deal: governments only"],
                                                                 "message": "", "recorded": None, "tables": None}
            receive(b)
            a.send_text(json.dumps({"type": "entry", "deals": [[9] * n]}))
            assert "option number" in until(a, "error")["error"]
            a.send_text(json.dumps({"type": "entry", "deals": [[1] * n]}))
            assert "Waiting for the Russian" in until(a, "ack")["message"]
            b.send_text(json.dumps({"type": "entry", "deals": [[1] * (n - 1) + [2]]}))
            differ = until(b, "ack")["message"]
            assert "differ on: agreement form" in differ
            assert not list((root / "results").glob("*.json"))
            b.send_text(json.dumps({"type": "entry", "deals": [[1] * n]}))
            assert "Every role's entry matches" in until(b, "ack")["message"]
            state = until(a, "state")
            while not state["face_to_face"]["recorded"]:
                state = until(a, "state")
            assert state["face_to_face"]["recorded"] == "deal"
            a.send_text(json.dumps({"type": "entry", "deals": [None]}))
            assert "already recorded" in until(a, "error")["error"]
        table = s.server.hub.dashboard_snapshot()["tables"][0]
        assert table["outcome"] == "deal" and table["deal"] == [1] * n
    session = open_session(root)
    accepted, rejected, _ = read_results(session, session_key(session), sorted((root / "results").glob("*.json")))
    assert not rejected and [a.mode for a in accepted] == ["face-to-face"]
    assert accepted[0].result.agreement == (1,) * n


def test_an_entry_in_an_online_class_is_told_that_deals_are_made_at_the_table(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        us = s.join("Ann", 1, "us")
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            receive(a)
            for deals in ([[0] * size(s.classroom)], "junk", None):       # whatever it holds
                a.send_text(json.dumps({"type": "entry", "id": 5, "deals": deals}))
                reply = until(a, "error")
                assert reply["ref"] == 5
                assert reply["error"] == "this class plays online: deals are made at the table, not entered"


def test_at_a_three_seat_table_every_seat_hears_where_two_entries_differ_and_who_is_still_to_enter(
        tmp_path: Path) -> None:
    """Instructor trial: the differences waited until every seat had entered, and 'Waiting for ...' named one
    missing seat of two (the CLI's ``classroom enter --side`` did the same)."""
    from game.classroom.play import enter_deal
    root = make_class(tmp_path, tables=2, scenario=SCENARIOS / "track15_trap.yaml")
    with served(root) as s:
        roles = s.classroom.session.roles
        names = {r: s.classroom.session.scenario.party(r).name for r in roles}
        cookies = s.start_class({r: f"Student {r}" for r in roles}, mode="face-to-face")
        n = size(s.classroom)
        first, second, third = roles
        with s.client.websocket_connect("/ws/seat", headers=cookies[first]) as a, \
                s.client.websocket_connect("/ws/seat", headers=cookies[second]) as b, \
                s.client.websocket_connect("/ws/seat", headers=cookies[third]) as c:
            for ws in (a, b, c):
                receive(ws)
            a.send_text(json.dumps({"type": "entry", "deals": [[1] * n, [1] * n]}))
            waiting = until(a, "ack")["message"]
            assert f"Waiting for the {names[second]} and the {names[third]} of table 1" in waiting
            b.send_text(json.dumps({"type": "entry", "deals": [[1] * n, [1] * (n - 1) + [2]]}))
            differ = until(b, "ack")["message"]
            assert "differ on: agreement form (" in differ and f"Waiting for the {names[third]} of table" in differ
            shown = until(c, "state")                      # the seat yet to enter is told too
            while shown["face_to_face"]["message"] != differ:
                shown = until(c, "state")
    # the command line says the same (an instructor's folder, table 2)
    session = open_session(root)
    said, result = enter_deal(session, 2, first, [None, None])
    assert result is None and f"Waiting for the {names[second]} and the {names[third]} of table 2" in said


def test_after_the_end_a_face_to_face_seat_sees_its_result_and_its_score(tmp_path: Path) -> None:
    """Instructor trial: after End the talks, face-to-face students saw no score and the page still asked for
    their entry ('it counts when both entries match')."""
    root = make_class(tmp_path)
    with served(root) as s:
        seats = s.start_class({"us": "Ann", "ru": "Bo"}, mode="face-to-face")
        us, ru = seats["us"], seats["ru"]
        n = size(s.classroom)
        hub = s.server.hub
        with s.client.websocket_connect("/ws/seat", headers=us) as a, \
                s.client.websocket_connect("/ws/seat", headers=ru) as b:
            receive(a)
            receive(b)
            for ws in (a, b):
                ws.send_text(json.dumps({"type": "entry", "deals": [[1] * n]}))
                until(ws, "ack")
        before = hub.seat_snapshot(1, "us")
        assert before["aftermath"]["agreement"] and before["debrief"] is None     # the deal at once, the score later
        assert s.act("end").status_code == 200
        after = hub.seat_snapshot(1, "us")
        assert after["face_to_face"] is None and "ended the talks" in after["status"]
        assert after["debrief"] is not None and 0 <= after["debrief"]["score"] <= 1
        grades = s.client.get("/debrief/grades.csv", headers=s.admin).text.splitlines()
        assert grades[1].startswith(f"1,us,Ann,{after['debrief']['score']:.3f}"[:12])
        unmatched = hub.seat_snapshot(2, "us")                 # table 2: nobody entered a deal
        assert unmatched["debrief"] is None and "nothing was recorded" in unmatched["status"]
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            receive(a)
            a.send_text(json.dumps({"type": "entry", "deals": [None]}))
            assert "ended the talks" in until(a, "error")["error"]
        page = s.client.get("/play", headers=us).text
        assert "both entries" not in page


def test_no_ai_is_said_to_play_a_face_to_face_seat(tmp_path: Path) -> None:
    """Instructor trial: a table nobody joined showed seats 'AI' and status 'face to face', and a latecomer was
    told that the AI played their seat; no AI plays face to face: the latecomer takes the seat."""
    root = make_class(tmp_path)
    with served(root) as s:
        s.start_class({"us": "Ann"}, mode="face-to-face")
        tables = {t["table"]: t for t in s.server.hub.dashboard_snapshot()["tables"]}
        assert tables[2]["empty"] == tables[1]["empty"] == "not joined"
        assert tables[2]["status"] == "face to face: nobody joined yet"
        late = s.client.post("/join", data={"name": "Cy", "code": s.classroom.seat_code(2, "ru")},
                             follow_redirects=False)
        assert late.status_code == 303                        # the latecomer takes the seat, to enter the deal
        assert s.act("end").status_code == 200
        gone = s.client.post("/join", data={"name": "Di", "code": s.classroom.seat_code(2, "us")})
        assert gone.status_code == 400 and "talks have ended" in gone.text and "AI" not in gone.text


def test_online_a_latecomer_to_a_table_not_playing_is_told_so(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.start_class({"us": "Ann"})
        late = s.client.post("/join", data={"name": "Cy", "code": s.classroom.seat_code(2, "ru")})
        assert late.status_code == 400 and "not playing" in late.text and "played by the AI" not in late.text
        assert s.server.hub.dashboard_snapshot()["tables"][1]["empty"] == "not joined"
