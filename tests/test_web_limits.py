"""The class server under a real socket (attacker trial): a body larger than the join form's limit is
answered as soon as the limit is passed, not after the server has read all of it (Starlette's body()
read 400 MB into memory first), and a binary WebSocket frame gets an error, not a traceback on the
instructor's console."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from websockets.sync.client import connect

from game.classroom.folder import create_session
from tests.conftest import SCENARIOS
from tests.test_web_kill import finish, free_port, serve


def test_an_endless_join_body_is_refused_once_past_the_limit_and_a_binary_frame_gets_an_error(tmp_path: Path) -> None:
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", 1, root, seed=2)
    port = free_port()
    process, _ = serve(root, port)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=20) as raw:
            raw.sendall(b"POST /join HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n")
            for _ in range(4):                                  # 4 KB of an endless body, then nothing more
                raw.sendall(b"400\r\n" + b"x" * 1024 + b"\r\n")
            reply = raw.recv(200)                               # the old server waited for the body's end here
        assert reply.startswith(b"HTTP/1.1 400"), reply
        base = f"ws://127.0.0.1:{port}/ws/projector"
        with connect(base) as ws:
            json.loads(ws.recv())                               # the projector's first snapshot
            ws.send(b"\x00\x01")                                # ignored: the projector listens to nobody
            ws.send("still here?")
    finally:
        process.terminate()
        process.wait(20)
        err = process.stderr.read() if process.stderr is not None else ""
        finish(process)
    assert "Traceback" not in err and "KeyError" not in err, err
