"""What a client may send that must not put a traceback on the instructor's console (attack trial): a request
body cut short by a disconnect (a phone dropping off the Wi-Fi), and a WebSocket text message that is not UTF-8.
The class server as the instructor runs it (``classroom serve``), its console read after it stops."""

from __future__ import annotations

import base64
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

from tests.test_web_browser import codes
from tests.test_web_kill import finish, free_port, seat_cookie, serve
from tests.webclient import make_class


def upgraded(port: int, path: str, cookie: str = "") -> socket.socket:
    """A raw connection to ``path`` whose WebSocket handshake is done."""
    conn = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n".encode())
    conn.settimeout(60)          # generous: a loaded 2-core CI machine (the server's first news values the table)
    head = b""
    while b"\r\n\r\n" not in head:
        head += conn.recv(65536)
    assert head.startswith(b"HTTP/1.1 101"), head
    return conn


def console(tmp_path: Path, attack: Callable[[int, Path], None]) -> str:
    """What the server printed on its console (stderr) while ``attack(port, root)`` ran, once it has stopped."""
    port, root = free_port(), make_class(tmp_path)
    process, _ = serve(root, port)
    try:
        attack(port, root)
        time.sleep(0.5)                                     # the server logs what it would
        process.terminate()
        _, err = process.communicate(timeout=20)
    finally:
        finish(process)
    return err


def test_a_body_cut_short_by_a_disconnect_prints_no_traceback(tmp_path: Path) -> None:
    def attack(port: int, root: Path) -> None:
        for _ in range(2):
            with socket.create_connection(("127.0.0.1", port)) as conn:
                conn.sendall("POST /join HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                             "\r\nContent-Length: 1000\r\n\r\nname=Ann&co".encode())
                time.sleep(0.3)                             # the handler is reading the body
    err = console(tmp_path, attack)
    assert "Traceback" not in err and "Exception in ASGI application" not in err, err
    assert len(err.strip().splitlines()) <= 2, err


def test_a_text_message_that_is_not_utf8_closes_the_socket_1007_without_a_traceback(tmp_path: Path) -> None:
    closes: list[bytes] = []

    def attack(port: int, root: Path) -> None:
        cookie = seat_cookie(f"http://127.0.0.1:{port}/", "Ann", codes(root, 1)["us"])
        for path in ("/ws/projector", "/ws/seat"):
            with upgraded(port, path, cookie) as conn:
                conn.recv(65536)                            # the first news (the seat's state, the projector's)
                conn.sendall(b"\x81\x84\x00\x00\x00\x00\xff\xfe\xfd\xfc")      # masked text frame, not UTF-8
                got = b""
                while True:
                    try:
                        chunk = conn.recv(65536)
                    except (TimeoutError, ConnectionResetError):
                        break
                    if not chunk:
                        break
                    got += chunk
                closes.append(got)
    err = console(tmp_path, attack)
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) <= 2, err
    assert len(closes) == 2
    for got in closes:                                      # a close frame, code 1007
        assert got.endswith(b"\x88\x02\x03\xef"), got
