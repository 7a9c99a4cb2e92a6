"""The class server's connections against a client that holds them without asking (attack trial: 2,290
half-sent requests from one laptop locked the class out). A real uvicorn server with the guarded protocol
(:mod:`game.web.guard`), on this machine, with short limits."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from websockets.sync.client import connect

from game.web import guard


async def hello(request: Any) -> PlainTextResponse:
    return PlainTextResponse("hello")


async def echo(ws: WebSocket) -> None:
    await ws.accept()
    while True:
        await ws.send_text(await ws.receive_text())


@contextmanager
def serving(http: Any = guard.GuardedH11) -> Iterator[int]:
    """A uvicorn server on a free port of this machine, in a thread; yields the port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = Starlette(routes=[Route("/", hello), WebSocketRoute("/ws", echo)])
    server = uvicorn.Server(uvicorn.Config(app, http=http, ws="websockets-sansio", log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def closed_by_server(conn: socket.socket, within: float) -> bool:
    """Whether the server closes ``conn`` within ``within`` seconds (it sends nothing first)."""
    conn.settimeout(within)
    try:
        return conn.recv(1024) == b""
    except (TimeoutError, socket.timeout):
        return False
    except ConnectionResetError:
        return True


@pytest.fixture
def short(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "HEADER_TIMEOUT_S", 0.5)


def test_a_request_whose_headers_never_end_is_closed(short: None) -> None:
    with serving() as port, socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")                    # and nothing more
        time.sleep(0.2)
        conn.sendall(b"X-Slow: 1\r\n")                                     # a trickle keeps uvicorn's own timer off
        assert closed_by_server(conn, 3.0)


def test_unguarded_the_same_request_is_held_open(short: None) -> None:
    """The ablation: uvicorn's own protocol keeps the trickled request open (what the attack used)."""
    with serving(http="h11") as port, socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        for _ in range(4):
            time.sleep(0.3)
            conn.sendall(b"X-Slow: 1\r\n")
        assert not closed_by_server(conn, 0.5)


def test_whole_requests_and_websockets_outlast_the_deadline(short: None) -> None:
    with serving() as port:
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            conn.settimeout(3)
            assert conn.recv(4096).startswith(b"HTTP/1.1 200")
        with connect(f"ws://127.0.0.1:{port}/ws") as ws:
            time.sleep(1.2)                                                # over twice the deadline
            ws.send("still here")
            assert ws.recv(timeout=3) == "still here"


def test_one_address_holds_at_most_its_share_of_connections(short: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "_counted", lambda address: True)          # count this machine as a student's
    monkeypatch.setattr(guard, "MAX_PER_ADDRESS", 3)
    with serving() as port:
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        try:
            for conn in held:
                conn.sendall(b"GET / HTTP/1.1\r\n")
            with socket.create_connection(("127.0.0.1", port)) as extra:
                assert closed_by_server(extra, 0.3)                       # at once, before any deadline
            for conn in held:
                assert closed_by_server(conn, 3.0)                        # then theirs expire
        finally:
            for conn in held:
                conn.close()
        time.sleep(0.2)
        assert not guard.OPEN                                              # every count given back


def test_loopback_is_not_counted_and_a_lan_address_is() -> None:
    assert not guard._counted("127.0.0.1") and not guard._counted("::1")
    assert guard._counted("192.168.1.23") and guard._counted("fe80::1")


def test_a_request_the_server_failed_on_is_one_line_and_its_traceback_is_kept(tmp_path: Path) -> None:
    """Attack trial: any unexpected failure printed uvicorn's "Exception in ASGI application" and a traceback on
    the instructor's console. One line now says what failed and where the details are; the traceback is kept."""
    import logging
    import sys

    from game.web.guard import WithoutTraceback
    errors = tmp_path / "server" / "errors.log"
    table: dict[str, int] = {}
    try:
        table["missing"]
    except KeyError:
        record = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "Exception in ASGI application\n",
                                   (), sys.exc_info())
    assert WithoutTraceback(errors).filter(record)
    said = logging.Formatter("%(levelname)s: %(message)s").format(record)
    assert said == f"ERROR: The server failed on one request (KeyError); the class goes on; the details are in {errors}"
    assert "Traceback" in errors.read_text(encoding="utf-8") and "KeyError: 'missing'" in errors.read_text(encoding="utf-8")
    unwritable = tmp_path / "file"
    unwritable.write_text("")
    record.exc_info = (KeyError, KeyError("x"), None)
    record.msg = "Exception in ASGI application\n"
    assert WithoutTraceback(unwritable / "errors.log").filter(record) and "details" not in record.getMessage()
