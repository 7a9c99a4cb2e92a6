"""Face to face from devices (issue 15, item 4): each side enters the deal on its own device; the server
scores it once both match and tells both sides where they differ."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import open_session, session_key
from tests.webclient import make_class, receive, served, size, until


def test_each_side_enters_the_deal_and_it_counts_when_both_match(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        us, ru = s.join("Ann", 1, "us"), s.join("Bo", 1, "ru")
        assert s.act("mode", {"mode": "face-to-face"}).status_code == 200
        assert s.act("start").status_code == 200
        assert s.act("mode", {"mode": "online"}).status_code == 409          # not once started
        assert s.classroom.tables == {}                                       # no game is played
        n = size(s.classroom)
        with s.client.websocket_connect("/ws/seat", headers=us) as a, \
                s.client.websocket_connect("/ws/seat", headers=ru) as b:
            first = receive(a)
            assert first["face_to_face"] == {"phases": ["A narrow deal: governments only"], "message": "",
                                             "recorded": None}
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
