"""The class server as the instructor runs it (issue 15, items 1 and 5): exactly three printed lines,
Ctrl-C exits 0, and after ``kill -9`` mid-class the same command resumes every game where it was."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
from websockets.sync.client import connect

from game.classroom.folder import create_session
from tests.conftest import ROOT, SCENARIOS
from tests.test_web_browser import codes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(root: Path, port: int) -> tuple[subprocess.Popen[str], list[str]]:
    process = subprocess.Popen([sys.executable, "main.py", "classroom", "serve", str(root), "--host", "127.0.0.1",
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    stdout = process.stdout
    assert stdout is not None                                   # a pipe
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(stdout.readline() for _ in range(3)), daemon=True)
    reader.start()
    reader.join(60)
    assert len(lines) == 3, "the server did not print its three lines"
    return process, [line.rstrip("\n") for line in lines]


def finish(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


def seat_cookie(base: str, name: str, code: str) -> str:
    r = httpx.post(base + "join", data={"name": name, "code": code}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return "bc_seat=" + r.cookies["bc_seat"]


def snapshot(base: str, cookie: str) -> dict[str, Any]:
    with connect(base.replace("http", "ws") + "ws/seat", additional_headers={"Cookie": cookie}, open_timeout=10) as ws:
        data = json.loads(ws.recv(timeout=10))
    assert data["type"] == "state"
    return data


def move(base: str, cookie: str, message: dict[str, Any]) -> None:
    with connect(base.replace("http", "ws") + "ws/seat", additional_headers={"Cookie": cookie}, open_timeout=10) as ws:
        json.loads(ws.recv(timeout=10))
        ws.send(json.dumps(message))
        for _ in range(10):
            reply = json.loads(ws.recv(timeout=10))
            assert reply["type"] != "error", reply
            if reply["type"] == "ack":
                return
    raise AssertionError("no ack")


def test_three_lines_then_kill_9_and_the_same_command_resumes_the_class(tmp_path: Path) -> None:
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", 2, root, seed=2)
    port = free_port()
    process, lines = serve(root, port)
    try:
        base = f"http://127.0.0.1:{port}/"
        token = lines[2].split(" ", 1)[1]
        assert lines == [f"join: {base}", f"dashboard: {base}dashboard?token={token}", f"token: {token}"]
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)
        admin = httpx.get(lines[1].split(" ", 1)[1], follow_redirects=False)
        assert admin.status_code == 303
        admin_cookie = "bc_admin=" + admin.cookies["bc_admin"]
        seat = codes(root, 1)
        cookies = {role: seat_cookie(base, name, seat[role]) for role, name in (("us", "Ann"), ("ru", "Bo"))}
        assert httpx.post(base + "api/admin/start", headers={"Cookie": admin_cookie}, json={}).status_code == 200
        mover = next(r for r in cookies if snapshot(base, cookies[r])["game"]["your_turn"])
        other = next(r for r in cookies if r != mover)
        n = len(snapshot(base, cookies[mover])["terms"]["baskets"]) + 1
        move(base, cookies[mover], {"type": "move", "action": "offer", "outcome": [1] * n})
        before = snapshot(base, cookies[other])
        os.kill(process.pid, signal.SIGKILL)                    # mid-class
        process.wait(10)
    finally:
        finish(process)
    process, lines = serve(root, port)                          # the same command again
    try:
        after = snapshot(base, cookies[other])                  # the seat cookie still holds the seat
        assert after["game"] == before["game"] and after["log"] == before["log"]
        assert after["game"]["your_turn"] and after["game"]["standing"]["outcome"] == [1] * n
        move(base, cookies[other], {"type": "move", "action": "accept"})
        assert snapshot(base, cookies[mover])["aftermath"]["ending"] == "agreement"
        flags = httpx.post(base + "api/admin/pause", headers={"Cookie": admin_cookie}, json={})
        assert flags.status_code == 200 and flags.json()["class"]["started"]       # the old cookie still works
        process.send_signal(signal.SIGINT)                      # Ctrl-C
        assert process.wait(20) == 0
        assert process.stderr is not None                       # a pipe
        errors = process.stderr.read()
        assert errors == "", errors
    finally:
        finish(process)
    assert len(list((root / "results").glob("table-01-us-ru-hot-seat-*.json"))) == 1


def test_the_command_line_never_imports_the_server_and_a_bad_folder_is_one_line(tmp_path: Path) -> None:
    code = ("import sys; from game.cli.app import build_parser; build_parser();"
            "assert not [m for m in sys.modules if m.startswith(('game.web', 'starlette', 'uvicorn'))]")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True).returncode == 0
    result = subprocess.run([sys.executable, "main.py", "classroom", "serve", str(tmp_path), "--port", "0"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: ") and "not a classroom session" in result.stderr
    assert len(result.stderr.splitlines()) == 1
