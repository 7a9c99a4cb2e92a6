"""A seat's move over the socket (game/web/app.py): a move sent with "ask" is made only when it is safe, a
risky one is answered with the terminal's reasons and question and changes nothing; a refused move says
whether it is the seat's turn, so that the page can tell a repeat of its own move from a failure."""

from __future__ import annotations

import json
from pathlib import Path

from tests.webclient import make_class, served, size, until


def test_a_risky_move_sent_with_ask_is_told_not_made_and_a_repeat_says_whose_turn(tmp_path: Path) -> None:
    with served(make_class(tmp_path, tables=1)) as s:
        cookies, mover, other = s.seated()
        tg = s.classroom.tables[1]
        n = size(s.classroom)
        across = [4] * (n - 1) + [0]            # "pledge + verification" everywhere: a red line of each government
        with s.client.websocket_connect("/ws/seat", headers=cookies[mover]) as ws:
            until(ws, "state")
            version = tg.version
            assert s.act("pause").status_code == 200          # paused: refused at once, not asked about first
            ws.send_text(json.dumps({"type": "move", "id": 0, "action": "offer", "outcome": across, "ask": True}))
            paused = until(ws, "error")
            assert paused["ref"] == 0 and "paused" in paused["error"] and paused["your_turn"] is True
            assert s.act("resume").status_code == 200
            ws.send_text(json.dumps({"type": "move", "id": 1, "action": "offer", "outcome": across, "ask": True}))
            asked = until(ws, "confirm")
            assert asked["ref"] == 1 and asked["question"] == "Send this offer anyway?"
            assert any("crosses your government's red line on" in r for r in asked["reasons"])
            assert tg.version == version and tg.state.standing is None          # nothing was made
            ws.send_text(json.dumps({"type": "move", "id": 2, "action": "walk", "ask": True}))
            assert until(ws, "confirm")["question"] == "Walk away?"
            safe = [1] * n
            ws.send_text(json.dumps({"type": "move", "id": 3, "action": "offer", "outcome": safe, "ask": True}))
            assert until(ws, "ack")["ref"] == 3                                  # a safe offer is made at once
            ws.send_text(json.dumps({"type": "move", "id": 4, "action": "offer", "outcome": safe}))
            refused = until(ws, "error")
            assert refused["ref"] == 4 and refused["error"] == "It is not your turn." and refused["your_turn"] is False
        with s.client.websocket_connect("/ws/seat", headers=cookies[other]) as ws:
            until(ws, "state")
            ws.send_text(json.dumps({"type": "move", "id": 5, "action": "offer", "outcome": across}))
            assert until(ws, "ack")["ref"] == 5                                  # without ask: made, as before
