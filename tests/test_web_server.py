"""The class server's HTTP API and WebSocket protocol (issue 15), in-process with Starlette's test client."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import WebSocketTestSession

from game.classroom.checks import read_results
from game.classroom.folder import open_session, session_key
from game.engine.actions import RoundStart
from game.session.game import Moment
from game.web.protocol import BURST, MAX_MESSAGE
from game.web.summary import table_summary
from game.session.drafts import starting_draft
from game.session.option_words import option_words
from game.web.tables import Classroom
from tests.webclient import TOKEN, Served, make_class, receive, served, size, until, until_over, wait_for


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_class(tmp_path)


def test_the_token_is_exchanged_once_for_an_http_only_cookie(root: Path) -> None:
    with served(root) as s:
        r = s.client.get(f"/dashboard?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/dashboard"      # the token leaves the URL
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        s.client.cookies.clear()
        again = s.client.get(f"/dashboard?token={TOKEN}", follow_redirects=False)
        assert again.status_code == 403 and "already been used" in again.text
        assert s.client.get("/dashboard").status_code == 403
        page = s.client.get("/dashboard", headers={"cookie": "bc_admin=" + r.cookies["bc_admin"]})
        assert page.status_code == 200 and s.classroom.seat_code(1, "us") in page.text


def test_instructor_actions_need_the_cookie_and_change_nothing_without_it(root: Path) -> None:
    with served(root) as s:
        s.join("Ann", 1, "us")
        for action in ("start", "pause", "end", "timer"):
            r = s.client.post(f"/api/admin/{action}", json={"minutes": 5})
            assert r.status_code == 403, action
            r = s.client.post(f"/api/admin/{action}", json={"minutes": 5}, headers={"cookie": "bc_admin=forged"})
            assert r.status_code == 403, action
        assert not s.classroom.started and not s.classroom.paused and not s.classroom.ended
        assert s.classroom.deadline is None and s.classroom.tables == {}
        with s.client.websocket_connect("/ws/dashboard") as ws:
            assert receive(ws)["type"] == "error"
        assert s.client.get("/debrief/debrief.html").status_code == 403
        s.login()                                           # the instructor's malformed request: one sentence
        deep = s.client.post("/api/admin/timer", headers=s.admin, content=b"[" * 1500 + b"]" * 1500)
        assert deep.status_code == 400 and deep.json()["error"].startswith("malformed request: nested more than")
        shallow_but_over = s.client.post("/api/admin/timer", headers=s.admin, content=b"[" * 70 + b"]" * 70)
        assert shallow_but_over.status_code == 400, "the bound is the server's, not the interpreter's stack"
        for minutes in (True, 1e-300, 0, 601, "5"):
            odd = s.client.post("/api/admin/timer", headers=s.admin, json={"minutes": minutes})
            assert odd.status_code == 400 and "1 to 600" in odd.json()["error"], minutes
        huge = s.client.post("/api/admin/timer", headers=s.admin, json={"minutes": 5, "pad": "x" * 5000})
        assert huge.status_code == 413 and s.classroom.deadline is None


def test_joining_needs_a_seat_code_and_a_name(root: Path) -> None:
    with served(root) as s:
        fields = "&".join(f"f{i}=1" for i in range(12))               # more fields than the form has
        crowded = s.client.post("/join", content=fields.encode(), headers={"content-type": "application/x-www-form-urlencoded"})
        assert crowded.status_code == 400 and "join page" in crowded.text


        def flood() -> Iterator[bytes]:                               # streamed, with no declared length
            for _ in range(1000):
                yield b"x" * 1024
        assert s.client.post("/join", content=flood()).status_code == 400   # that it stops reading: test_web_limits
        assert s.client.post("/join", content=b"x", headers={"content-length": "999999999"}).status_code == 400
        code = s.classroom.seat_code(1, "us")
        assert len(code.replace("-", "")) * 4 >= 64
        bad = s.client.post("/join", data={"name": "Ann", "code": "0000-0000-0000-0000"}, follow_redirects=False)
        assert bad.status_code == 400 and "No seat has this code" in bad.text and "bc_seat" not in bad.headers.get(
            "set-cookie", "")
        nameless = s.client.post("/join", data={"name": "  ", "code": code}, follow_redirects=False)
        assert nameless.status_code == 400 and "Enter your name" in nameless.text
        typed = s.client.post("/join", data={"name": "Ann", "code": code.upper().replace("-", " ")},
                              follow_redirects=False)
        assert typed.status_code == 303 and typed.headers["location"] == "/play"
        assert "HttpOnly" in typed.headers["set-cookie"]
        assert s.client.get("/play", follow_redirects=False).status_code == 200
        s.client.cookies.clear()
        assert s.client.get("/play", follow_redirects=False).headers["location"] == "/"


def test_a_seat_reclaimed_from_another_device_closes_the_old_connection(root: Path) -> None:
    with served(root) as s:
        first = s.join("Ann", 1, "us")
        with s.client.websocket_connect("/ws/seat", headers=first) as old:
            assert receive(old)["type"] == "state"
            second = s.join("Ann", 1, "us")
            from starlette.websockets import WebSocketDisconnect
            with pytest.raises(WebSocketDisconnect) as closed:
                for _ in range(5):
                    old.receive_text()
            assert closed.value.code == 4001
        with s.client.websocket_connect("/ws/seat", headers=first) as stale:
            assert receive(stale)["type"] == "error"
        with s.client.websocket_connect("/ws/seat", headers=second) as new:
            assert receive(new)["seat"] == {"table": 1, "role": "us", "name": "Ann",
                                            "delegation": "US delegation (State Department)"}


def _start_table_one(s: Served) -> tuple[dict[str, str], dict[str, str]]:
    s.login()
    us, ru = s.join("Ann", 1, "us"), s.join("Bo", 1, "ru")
    assert s.act("start").status_code == 200
    return us, ru


@contextmanager
def _table_one_sockets(s: Served) -> Iterator[tuple[WebSocketTestSession, WebSocketTestSession]]:
    """Table one started with both seats connected: (the mover's socket, the other's), first snapshots read."""
    us, ru = _start_table_one(s)
    with s.client.websocket_connect("/ws/seat", headers=us) as a, s.client.websocket_connect("/ws/seat",
                                                                                            headers=ru) as b:
        first = receive(a)
        receive(b)
        yield (a, b) if first["game"]["your_turn"] else (b, a)


def test_malformed_oversized_and_illegal_messages_get_an_error_and_change_nothing(root: Path) -> None:
    with served(root) as s:
        us, ru = _start_table_one(s)
        tg = s.classroom.tables[1]
        with s.client.websocket_connect("/ws/seat", headers=us) as a, s.client.websocket_connect("/ws/seat",
                                                                                                headers=ru) as b:
            first = receive(a)
            receive(b)
            mover, other = (a, b) if first["game"]["your_turn"] else (b, a)
            version, moves = tg.version, len(tg.state.history)
            n = size(s.classroom)
            bad = ["not json", json.dumps([1, 2]), json.dumps({"type": 3}), json.dumps({"type": "shout"}),
                   json.dumps({"type": "move", "action": "offer", "outcome": [0] * (n - 1)}),
                   json.dumps({"type": "move", "action": "offer", "outcome": [99] * n}),
                   json.dumps({"type": "move", "action": "offer", "outcome": [True] * n}),
                   json.dumps({"type": "move", "action": "offer", "outcome": [0] * n, "message": {"kind": "x"}}),
                   json.dumps({"type": "move", "action": "dance"}),
                   json.dumps({"type": "move", "action": "offer", "outcome": [0] * n, "pad": "x" * MAX_MESSAGE}),
                   json.dumps({"type": "move", "action": "offer", "outcome": [0] * n,
                               "message": {"kind": "movement", "basket": ["x"]}}),      # a list, not a basket id
                   '{"type": "ping", "id": ' + "[" * 1500 + "]" * 1500 + "}",      # deep, yet under 4 KB
                   # deeper than the server's bound, though no interpreter's parser overflows on it
                   '{"type": "ping", "id": ' + "[" * 70 + "]" * 70 + "}"]
            for text in bad:
                mover.send_text(text)
                reply = receive(mover)
                assert reply["type"] == "error" and reply["error"] and "could not do this" not in reply["error"], text
            mover.send_bytes(b"\x00\x01binary")                  # a KeyError and a traceback on the console before
            assert "not binary" in receive(mover)["error"]
            other.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [0] * n}))
            assert "not your turn" in receive(other)["error"]
            assert (tg.version, len(tg.state.history)) == (version, moves)


def test_a_flood_of_messages_is_rate_limited(root: Path) -> None:
    with served(root) as s:
        us, _ = _start_table_one(s)
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            receive(a)
            for i in range(int(BURST) + 15):
                a.send_text(json.dumps({"type": "ping", "id": i}))
            replies = [receive(a) for _ in range(int(BURST) + 15)]
            limited = [r for r in replies if r["type"] == "error"]
            assert limited and all("too many" in r["error"] for r in limited)


def test_two_seats_play_to_the_end_and_the_result_passes_the_debrief(root: Path) -> None:
    with served(root) as s:
        us, ru = _start_table_one(s)
        with s.client.websocket_connect("/ws/seat", headers=us) as a, s.client.websocket_connect("/ws/seat",
                                                                                                headers=ru) as b, \
                s.client.websocket_connect("/ws/dashboard", headers=s.admin) as dash:
            assert receive(dash)["type"] == "class"
            first = receive(a)
            receive(b)
            mover, other = (a, b) if first["game"]["your_turn"] else (b, a)
            n = size(s.classroom)
            g, game = first["game"], s.classroom.tables[1].game
            assert game is not None                  # the form starts at the terminal's and the window's draft:
            seat = first["seat"]["role"]             # the best at expected value (newcomer trial)
            assert len(g["best"]) == n and g["best"] == starting_draft(game.state, seat)
            # each option's description and detection odds, in the window's and the terminal's words
            sc = game.state.scenario
            assert [len(row) for row in g["notes"]] == [len(b.options) for b in sc.baskets] + [len(sc.forms)]
            words = option_words(sc, 0, 1)
            assert g["notes"][0][1] == words.details()
            assert words.detected and words.detected in g["notes"][0][1] and g["notes"][0][0].startswith("Not a commitment")
            mover.send_text(json.dumps({"type": "preview", "outcome": [1] * n}))
            figures = until(mover, "preview")["figures"]
            assert 0 <= figures["chance"] <= 1 and isinstance(figures["value"], float)
            assert isinstance(figures["paper"], float) and 0 <= figures["paper"] <= 1    # the brief's scale too
            mover.send_text(json.dumps({"type": "move", "id": 7, "action": "offer", "outcome": [1] * n}))
            assert until(mover, "ack")["ref"] == 7
            seen = until(other, "state")
            assert seen["game"]["your_turn"] and seen["game"]["standing"]["outcome"] == [1] * n
            other.send_text(json.dumps({"type": "move", "action": "accept"}))
            until(other, "ack")
            done = until_over(other)
            assert done["aftermath"]["ending"] == "agreement"
            assert done["debrief"] is None                       # not before the instructor ends the talks
            table = until(dash, "table")["table"]
            while table["outcome"] is None:                      # the offer's update came first
                table = until(dash, "table")["table"]
            assert table["in_force"] is (done["aftermath"]["in_force"] is True)    # the dashboard says which
            assert table["outcome"] == "deal" and table["deal"] == [1] * n and table["seats"] == {"us": "Ann",
                                                                                                 "ru": "Bo"}
        assert s.act("end").status_code == 200
        session = open_session(root)
        accepted, rejected, _ = read_results(session, session_key(session), sorted((root / "results").glob("*.json")))
        assert not rejected and len(accepted) == 1
        assert accepted[0].mode == "hot-seat" and accepted[0].table == 1 and accepted[0].result.agreement == (1,) * n
        grades = (root / "debrief" / "grades.csv").read_text().splitlines()
        assert grades[0] == "table,role,name,score,result,note" and grades[1].startswith("1,us,Ann,0.")
        assert s.client.get("/debrief/slides.html", headers=s.admin).status_code == 200
        page = s.client.get("/debrief/debrief.html", headers=s.admin).text     # a table nobody joined: not
        assert "not played (nobody joined): table 2." in page and "no result yet" not in page    # played, as in
        assert "table 2 us" not in page                                                          # the checks
        checks = s.client.get("/debrief/checks.html", headers=s.admin).text
        assert "<td>not played</td>" in checks and "no student joined" in checks and "MISSING" not in checks
        rows = (root / "debrief" / "debrief.csv").read_text().splitlines()    # the spreadsheet says the same
        modes = {(r.split(",")[0], r.split(",")[1]): r.split(",")[2] for r in rows[1:]}
        assert modes == {("1", "us"): "own-devices", ("1", "ru"): "own-devices", ("2", "us"): "not played",
                         ("2", "ru"): "not played"}
        assert "<td>US delegation (State Department), Russian delegation (Foreign Ministry)</td>" in checks
        assert "<td>us, ru</td>" not in checks                    # display names, never raw ids
        assert "students together" in checks and "<td>hot-seat</td>" not in checks
        assert s.client.get("/debrief/..%2Fsession.json", headers=s.admin).status_code == 404


def test_pause_refuses_moves_and_ending_the_talks_gives_a_final_response(root: Path) -> None:
    with served(root) as s:
        with _table_one_sockets(s) as (mover, other):
            n = size(s.classroom)
            assert s.act("pause").status_code == 200
            mover.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * n}))
            assert "paused" in until(mover, "error")["error"]
            assert s.act("resume").status_code == 200
            mover.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * n}))
            until(mover, "ack")
            assert s.act("end").status_code == 200
            assert s.classroom.tables[1].final and s.classroom.tables[1].game is not None   # the last response
            last = _ended(other)
            assert last["your_turn"] and last["can"] == {"offer": False, "accept": True, "walk": True}
            assert not _ended(mover)["your_turn"]                                 # the other side waits
            moves = len(s.classroom.tables[1].state.history)
            other.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [2] * n}))
            assert "ended the talks" in until(other, "error")["error"]           # no new offer now...
            assert len(s.classroom.tables[1].state.history) == moves              # ...and nothing changed
            other.send_text(json.dumps({"type": "move", "action": "walk"}))      # let the talks end
            until(other, "ack")
            final = until_over(other)
            tg = s.classroom.tables[1]
            deadline = time.monotonic() + 20                                      # the result is written after
            while tg.game is not None and time.monotonic() < deadline:            # the page hears "over"
                time.sleep(0.02)
            assert tg.game is None and tg.state.binding_result is not None
            assert tg.state.binding_result.agreement is None                      # then no deal
            assert final["aftermath"] is not None and final["aftermath"]["agreement"] is None
            assert final["aftermath"]["ending"] == "no deal (you let the talks end after the instructor ended them)"
            assert final["debrief"] is not None and isinstance(final["debrief"]["score"], float)


def test_after_the_talks_end_the_last_answer_may_accept_the_offer_on_the_table(root: Path) -> None:
    with served(root) as s:
        with _table_one_sockets(s) as (mover, other):
            n = size(s.classroom)
            mover.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * n}))
            until(mover, "ack")
            assert s.act("end").status_code == 200
            assert _ended(other)["can"]["accept"]
            other.send_text(json.dumps({"type": "move", "action": "accept"}))
            until(other, "ack")
            final = until_over(other)
            assert final["aftermath"]["ending"] == "agreement" and final["game"]["can"]["offer"] is False
            result = s.classroom.tables[1].state.binding_result
            assert result is not None and result.agreement == (1,) * n            # the deal stands


def test_a_final_response_after_the_end_reaches_the_class_debrief(root: Path) -> None:
    with served(root) as s:
        with _table_one_sockets(s) as (mover, other):
            n = size(s.classroom)
            mover.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * n}))
            until(mover, "ack")
            assert s.act("end").status_code == 200                    # the debrief is written now...
            first = s.client.get("/debrief/debrief.csv", headers=s.admin).text
            assert "1,us,pending" in first and "missing" not in first  # ...while table 1 still answers
            assert "still giving its final response" in first
            _ended(other)
            other.send_text(json.dumps({"type": "move", "action": "accept"}))
            until(other, "ack")
            until_over(other)
            tg = s.classroom.tables[1]
            wait_for(lambda: tg.game is None and not str(tg.result or "").startswith("not"), "the result")
            rows = s.client.get("/debrief/debrief.csv", headers=s.admin).text
            assert "1,us,own-devices" in rows and "1,ru,own-devices" in rows and "missing" not in rows
            grades = s.client.get("/debrief/grades.csv", headers=s.admin).text.splitlines()
            assert grades[1].startswith("1,us,Ann,0.") and grades[2].startswith("1,ru,Bo,0.")


def test_the_dashboards_last_move_survives_a_quiet_round_start(root: Path) -> None:
    with served(root) as s:
        with _table_one_sockets(s) as (mover, _):
            mover.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * size(s.classroom)}))
            until(mover, "ack")
            tg = s.classroom.tables[1]
            assert "offers a package" in str(table_summary(s.classroom, 1)["last"])
            state = tg.state                        # a round opening without an event says nothing itself...
            tg.moments.append(Moment(state, RoundStart(()), state))
            assert "offers a package" in str(table_summary(s.classroom, 1)["last"])   # ...so the offer stays shown


def _ended(ws: Any) -> dict[str, Any]:
    """The seat's game view once it says that the instructor has ended the talks."""
    for _ in range(50):
        game = until(ws, "state")["game"]
        if game and game.get("talks_ended"):
            return game
    raise AssertionError("the page never said that the talks were ended")


def test_empty_seats_are_played_by_the_ai_and_late_joiners_are_refused(root: Path) -> None:
    with served(root) as s:
        s.login()
        us = s.join("Ann", 1, "us")
        assert s.act("start").status_code == 200
        tg = s.classroom.tables[1]
        assert tg.humans == ("us",) and 2 not in s.classroom.tables      # table 2: nobody joined
        late = s.client.post("/join", data={"name": "Cy", "code": s.classroom.seat_code(1, "ru")})
        assert late.status_code == 400 and "played by the AI" in late.text
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            state = receive(a)
            assert state["game"]["your_turn"]             # the AI moved first if it was its turn
        assert s.act("start").json()["error"] == "The class has already started."


def test_a_restart_resumes_the_class_and_the_seats(root: Path) -> None:
    with served(root) as s:
        us, ru = _start_table_one(s)
        n = size(s.classroom)
        mover = "us" if s.classroom.tables[1].game and s.classroom.tables[1].game.to_move == "us" else "ru"
        with s.client.websocket_connect("/ws/seat", headers=us if mover == "us" else ru) as a:
            receive(a)
            a.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * n}))
            until(a, "ack")
        history = s.classroom.tables[1].state.history
    again = Classroom(root)
    try:
        assert again.started and again.tables[1].state.history == history
        assert again.tables[1].game is not None and again.tables[1].game.to_move != mover
    finally:
        again.close()
    with served(root) as s:
        with s.client.websocket_connect("/ws/seat", headers=ru if mover == "us" else us) as b:
            state = receive(b)
            assert state["game"]["your_turn"] and state["game"]["standing"]["outcome"] == [1] * n


def test_the_pages_and_the_projector_hold_no_secrets(root: Path) -> None:
    with served(root) as s:
        s.join("Ann", 1, "us")
        page = s.client.get("/projector")
        assert page.status_code == 200 and "<svg" in page.text and "http://testserver/" in page.text
        assert s.classroom.seat_code(1, "us") not in page.text and TOKEN not in page.text
        with s.client.websocket_connect("/ws/projector") as ws:
            text = json.dumps(receive(ws))
            assert "Ann" not in text and s.classroom.seat_code(1, "us") not in text
        icon = s.client.get("/favicon.ico")                 # browsers ask for it on every page: no 404
        assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml") and b"<svg" in icon.content
        static = Path(__file__).parents[1] / "game" / "web" / "static"
        for path in sorted(f"/static/{p.name}" for p in static.glob("*.js")):      # every script, new ones too
            script = s.client.get(path).text
            for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
                assert sink not in script, (path, sink)      # text from the server goes in as textContent


def test_an_unexpected_failure_is_one_sentence_for_the_seat_and_one_line_for_the_instructor(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with served(root) as s:
        us, ru = _start_table_one(s)

        def broken(*args: object) -> bool:
            raise ValueError("boom")
        monkeypatch.setattr(s.classroom, "move", broken)
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            receive(a)
            a.send_text(json.dumps({"type": "move", "id": 3, "action": "walk"}))
            reply = until(a, "error")
            assert reply["ref"] == 3 and "Traceback" not in reply["error"] and "boom" not in reply["error"]
            a.send_text(json.dumps({"type": "ping", "id": 4}))
            assert until(a, "pong")["ref"] == 4                 # the connection is still there
    assert "table 1 us: ValueError: boom" in capsys.readouterr().err


def test_each_seats_brief_prints_its_own_seat_code(root: Path) -> None:
    """The briefs `classroom new` writes carry the seat's join code (and no other seat's)."""
    classroom = Classroom(root)
    try:
        codes = {(k, r): classroom.seat_code(k, r) for k, _ in classroom.session.tables for r in classroom.session.roles}
    finally:
        classroom.close()
    for (table, role), code in codes.items():
        others = [c for seat, c in codes.items() if seat != (table, role)]
        for path in (root / "briefs" / f"table-{table:02d}-{role}.html",
                     root / "tables" / f"table-{table:02d}" / role / f"brief-{role}.md"):
            text = path.read_text()
            assert code in text, path
            assert not any(c in text for c in others), path


def test_an_experts_seat_gets_its_governments_score_and_what_it_felt_it_won() -> None:
    """Instructor trial: a Track 1.5 expert's page showed 'Your debrief' with nothing under it, while
    grades.csv gave the seat its government's score."""
    from game.classroom.score import score
    from game.engine.result import game_result
    from game.scenario.loader import load_scenario
    from game.strategies.registry import make
    from game.strategies.runner import play
    from game.web.seatview import debrief_payload
    from tests.conftest import SCENARIOS
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    state = play(scenario, 1, {p.id: make("modeller") for p in scenario.parties})
    result = game_result(state)
    payload = debrief_payload(state, "us_experts", [])
    assert payload is not None
    expected = score(result, "united_states", scenario.party("us_experts").reservation)
    assert payload["score"] == round(expected, 3)
    assert any(s.startswith("Your delegation felt it won") for s in payload["sentences"]), payload
