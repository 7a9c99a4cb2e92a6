"""What the class server says in its short lines (instructor trial): the dashboard's last move in one line,
and a crafted offer told which basket's option number is out of range."""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.rules import new_game
from game.web.seatview import parse_move
from game.web.summary import table_summary
from tests.webclient import make_class, receive, served, size, until


def test_the_dashboards_last_move_is_one_line_and_what_followed_it_is_apart(tmp_path: Path) -> None:
    """A walk-out ends the talks: the move is the line, the talks' end (and, at Track 1.5, a dozen effects)
    is kept apart for the dashboard's <details>, not joined into a wall of text."""
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        us, ru = s.join("Ann", 1, "us"), s.join("Bo", 1, "ru")
        assert s.act("start").status_code == 200
        with s.client.websocket_connect("/ws/seat", headers=us) as a, \
                s.client.websocket_connect("/ws/seat", headers=ru) as b:
            mover = a if receive(a)["game"]["your_turn"] else b
            receive(b)
            mover.send_text(json.dumps({"type": "move", "action": "walk"}))
            until(mover, "ack")
        summary = table_summary(s.classroom, 1)
        assert summary["last"] and "walks away" in str(summary["last"]) and "\n" not in str(summary["last"])
        more = summary["last_more"]
        assert isinstance(more, list) and more and "walks away" not in " ".join(more)
        script = s.client.get("/static/dashboard.js").text
        assert "innerHTML" not in script                  # built with el(): text, never HTML
        assert 'el("details")' in script


def test_an_out_of_range_option_number_names_its_basket_and_the_range(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        scenario = s.classroom.session.scenario
        n, state = size(s.classroom), new_game(scenario)
        first = parse_move(state, "us", {"action": "offer", "outcome": [99] + [0] * (n - 1)})
        k = len(scenario.baskets[0].options)
        assert first == f"an offer: option number 99 is out of range for basket '{scenario.baskets[0].name}' " \
                        f"(it takes 0 to {k - 1})"
        form = parse_move(state, "us", {"action": "offer", "outcome": [0] * (n - 1) + [-1]})
        assert isinstance(form, str) and "the agreement form" in form and f"0 to {len(scenario.forms) - 1}" in form
        short = parse_move(state, "us", {"action": "offer", "outcome": [0] * (n - 1)})
        assert short == f"an offer needs one option number per basket and one for the form ({n} in all)"
        s.login()
        us = s.join("Ann", 1, "us")
        assert s.act("start").status_code == 200
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            receive(a)
            a.send_text(json.dumps({"type": "move", "id": 3, "action": "offer", "outcome": [0] * (n - 1) + [9]}))
            reply = until(a, "error")
            assert reply["ref"] == 3 and "out of range for the agreement form" in reply["error"]
