"""Helpers for the class server's tests: a served class in-process (Starlette's test client), seats
joined by name and code, and WebSocket reads that never hang."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from game.classroom.folder import create_session
from game.web.app import Server
from game.web.tablegame import TableGame
from game.web.tables import Classroom
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
TOKEN = "test-token"
SEED = 2          # table 1 of this seed opens without an event that freezes the talks


def make_class(tmp_path: Path, tables: int = 2, scenario: Path = NARROW, seed: int = SEED) -> Path:
    root = tmp_path / "class"
    create_session(scenario, tables, root, seed=seed)
    return root


class Served:
    """A class served in-process: ``client`` shares one event loop for every connection."""

    def __init__(self, root: Path, classroom: Classroom | None = None) -> None:
        self.classroom = classroom or Classroom(root)
        self.server = Server(self.classroom, "http://testserver/", TOKEN)
        self.client = TestClient(self.server.app)
        self.admin: dict[str, str] = {}

    def login(self) -> dict[str, str]:
        r = self.client.get(f"/dashboard?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/dashboard", r.text
        self.admin = {"cookie": "bc_admin=" + r.cookies["bc_admin"]}
        self.client.cookies.clear()
        return self.admin

    def join(self, name: str, table: int, role: str) -> dict[str, str]:
        r = self.client.post("/join", data={"name": name, "code": self.classroom.seat_code(table, role)},
                             follow_redirects=False)
        assert r.status_code == 303, r.text
        self.client.cookies.clear()
        return {"cookie": "bc_seat=" + r.cookies["bc_seat"]}

    def act(self, action: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/admin/{action}", headers=self.admin, json=body or {})

    def start_class(self, seats: dict[str, str], table: int = 1, mode: str | None = None) -> dict[str, dict[str, str]]:
        """The instructor logs in, each of ``seats`` (role: student's name) joins ``table``, the class is set
        to ``mode`` (when given) and started. Returns each seat's cookie header by role."""
        self.login()
        cookies = {role: self.join(name, table, role) for role, name in seats.items()}
        if mode is not None:
            assert self.act("mode", {"mode": mode}).status_code == 200
        assert self.act("start").status_code == 200
        return cookies


    def seated(self) -> tuple[dict[str, dict[str, str]], str, str]:
        """Two students at table 1 (Ann for the United States, Bo for Russia), the class started: (each seat's
        cookie header by role, the seat to move, the other)."""
        cookies = self.start_class({"us": "Ann", "ru": "Bo"})
        game = self.classroom.tables[1].game
        assert game is not None and game.to_move is not None
        mover = game.to_move
        return cookies, mover, "ru" if mover == "us" else "us"


@contextmanager
def served(root: Path, classroom: Classroom | None = None) -> Iterator[Served]:
    s = Served(root, classroom)
    try:
        with s.client:
            yield s
    finally:
        s.server.close()                 # the database too, even when the test fails inside


def receive(ws: Any, timeout: float = 20.0) -> dict[str, Any]:
    """The next message on ``ws`` as JSON; AssertionError after ``timeout`` seconds (never hangs)."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(ws.receive_text()), daemon=True)
    thread.start()
    thread.join(timeout)
    assert box, f"no message within {timeout} s"
    data = json.loads(box[0])
    assert isinstance(data, dict)
    return data


def until(ws: Any, kind: str, log: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Read until a message of type ``kind`` (every message read is appended to ``log``)."""
    for _ in range(50):
        data = receive(ws)
        if log is not None:
            log.append(data)
        if data["type"] == kind:
            return data
    raise AssertionError(f"no {kind!r} message")


def until_over(ws: Any, log: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Read states until the game is over (a move is answered at once, chance and the AIs after)."""
    for _ in range(50):
        state = until(ws, "state", log)
        if state["status"] == "over":
            return state
    raise AssertionError("the game did not end")


def size(classroom: Classroom) -> int:
    """How many option numbers an offer holds (one per basket, then the form)."""
    return len(classroom.session.scenario.baskets) + 1


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60.0) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds`` (the engine's pool may be
    slow on a loaded two-core machine, so the bound is generous and the failure says what never came)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {seconds:.0f} s")
        time.sleep(0.02)


def walk_away_alone(s: Served, name: str = "Ann", table: int = 1, role: str = "us") -> Any:
    """``name`` takes one seat of ``table`` (the other stays empty: the AI plays it), the class starts, the
    student walks away at once, and the table's result is written; then the talks end. Returns the table."""
    seat = s.join(name, table, role)
    assert s.act("start").status_code == 200
    with s.client.websocket_connect("/ws/seat", headers=seat) as ws:
        assert receive(ws)["game"]["your_turn"]
        ws.send_text(json.dumps({"type": "move", "action": "walk"}))
        until(ws, "ack")
        until_over(ws)
    tg = s.classroom.tables[table]
    wait_for(lambda: tg.game is None and bool(tg.result) and not tg.result.startswith("not"), "the result")
    assert s.act("end").status_code == 200
    return tg


def first_to_move(s: Served, name: str = "Ann") -> TableGame:
    """``name`` takes the United States' seat of table 1 against the AI and the class starts: the student
    moves first (table 1's game, with its tables built)."""
    s.start_class({"us": name})
    tg = s.classroom.tables[1]
    assert tg.game is not None and tg.game.to_move == "us" and tg.game.state.tables is not None
    return tg


def facing_the_ai(s: Served, name: str = "Ann") -> TableGame:
    """``name`` takes the United States' seat of table 1 against the AI, the class starts, the student offers
    and the AI counters: the student faces an offer (the moment ending the talks asks a final response of)."""
    from game.engine.actions import Offer
    tg = first_to_move(s, name)
    assert tg.game is not None and tg.game.state.tables is not None
    assert s.classroom.move(1, "us", Offer("us", tg.game.state.tables.problem.outcome_at(0))) is True
    s.classroom.run_on(1)                                             # the AI counters
    assert tg.game is not None and tg.game.to_move == "us"
    return tg
