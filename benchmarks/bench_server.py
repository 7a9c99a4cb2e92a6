"""How fast the class server answers a full class: 60 tables, 120 simulated browsers, on loopback.

The server is started as the instructor starts it (``classroom serve DIR --host 127.0.0.1 --port 0``,
its own process); this script is the load generator (another process). It makes a session of
``--tables`` tables of narrow_deal_2020, joins two seats per table over HTTP (no AI seats), opens one
WebSocket per seat and one dashboard, starts the class, and lets every table play: the seat to move
waits a think time (uniform 0 to 2 x ``--think`` seconds; 10 s by default, a quick student choosing
a package of seven baskets), then offers a random package, and accepts
the standing offer in the last round. Bounded: every table stops after ``--moves`` moves, the whole
run after ``--seconds``.

Figures: ``move_p99_ms`` is the 99th percentile of a move's round trip, from sending it to receiving
the mover's updated table (after the server's acknowledgement); ``dashboard_lag_p99_ms`` the 99th
percentile of the time from sending a move to the dashboard receiving that table's update;
``rss_peak_mb`` the server's peak resident memory (VmHWM). The targets (issue 15): p99 move < 100 ms
and the dashboard within 1 s.

    python benchmarks/bench_server.py [--tables 60] [--think 10] [--moves 20] [--seconds 120] [--json]

The last line with ``--json`` is one JSON object: scenario, clients, tables, ai_seats, seconds,
move_p99_ms, dashboard_lag_p99_ms, rss_peak_mb (and moves, move_p50_ms, think_s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "narrow_deal_2020"
TARGETS = {"move_p99_ms": 100.0, "dashboard_lag_p99_ms": 1000.0}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (Linux /proc), in MB; NaN elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class Load:
    """The simulated class: seats, the dashboard, and the timings."""

    def __init__(self, base: str, think: float, moves: int, deadline: float) -> None:
        self.base, self.think, self.moves, self.deadline = base, think, moves, deadline
        self.ws_base = base.replace("http://", "ws://")
        self.round_trips: list[float] = []
        self.sent: dict[tuple[int, int], float] = {}          # (table, version) -> when its move was sent
        self.lags: list[float] = []
        self.rng = random.Random(1)

    async def dashboard(self, cookie: str, ready: asyncio.Event, done: asyncio.Event) -> None:
        async with connect(self.ws_base + "ws/dashboard", additional_headers={"Cookie": cookie},
                           max_size=2**24) as ws:
            ready.set()
            pending: dict[tuple[int, int], float] = {}
            while not done.is_set():
                try:
                    text = await asyncio.wait_for(ws.recv(), 0.5)
                except asyncio.TimeoutError:
                    continue
                now = time.perf_counter()
                data = json.loads(text)
                if data.get("type") == "table":
                    t = data["table"]
                    pending[(t["table"], t.get("version", -1))] = now
                for key, at in list(pending.items()):
                    if key in self.sent:
                        self.lags.append(at - self.sent.pop(key))
                        del pending[key]

    async def seat(self, cookie: str, start: asyncio.Event) -> None:
        async with connect(self.ws_base + "ws/seat", additional_headers={"Cookie": cookie}, max_size=2**24) as ws:
            state = json.loads(await ws.recv())
            await start.wait()
            made = 0
            while made < self.moves and time.perf_counter() < self.deadline:
                state = await self._latest(ws, state)
                game = state.get("game")
                if state.get("status") == "over" or game is None:
                    return
                if not game["your_turn"]:
                    state = await self._next_state(ws, state)
                    continue
                await asyncio.sleep(self.rng.uniform(0, 2 * self.think))
                message = self._move(state)
                sent = time.perf_counter()
                await ws.send(json.dumps(message))
                state = await self._after_move(ws, state, sent)
                made += 1

    def _move(self, state: dict[str, Any]) -> dict[str, Any]:
        game, terms = state["game"], state["terms"]
        if game["can"]["accept"] and (game["final_response"] or game["round"] >= game["rounds"]):
            return {"type": "move", "action": "accept"}
        outcome = [self.rng.randrange(len(b["options"])) for b in terms["baskets"]] + \
            [self.rng.randrange(len(terms["forms"]))]
        return {"type": "move", "action": "offer", "outcome": outcome}

    async def _after_move(self, ws: ClientConnection, state: dict[str, Any], sent: float) -> dict[str, Any]:
        table = state["seat"]["table"]
        while True:
            data = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if data["type"] == "ack":
                self.sent[(table, data["version"])] = sent
            elif data["type"] == "state":
                self.round_trips.append(time.perf_counter() - sent)
                return data
            elif data["type"] == "error":
                return state

    async def _next_state(self, ws: ClientConnection, state: dict[str, Any]) -> dict[str, Any]:
        try:
            while True:
                data = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, self.deadline - time.perf_counter())))
                if data["type"] == "state":
                    return data
        except asyncio.TimeoutError:
            return state

    async def _latest(self, ws: ClientConnection, state: dict[str, Any]) -> dict[str, Any]:
        """Drain what is already queued, keeping the newest state."""
        while True:
            try:
                data = json.loads(await asyncio.wait_for(ws.recv(), 0.001))
            except asyncio.TimeoutError:
                return state
            if data["type"] == "state":
                state = data


async def run_class(base: str, token_url: str, root: Path, tables: int, think: float, moves: int,
                    seconds: float) -> Load:
    sys.path.insert(0, str(ROOT))
    from game.classroom.folder import open_session, session_key
    from game.classroom.signing import seat_key
    from game.web.codes import join_code
    session = open_session(root)
    key = session_key(session)
    async with httpx.AsyncClient(timeout=30) as http:
        admin = await http.get(token_url, follow_redirects=False)
        admin_cookie = "bc_admin=" + admin.cookies["bc_admin"]
        cookies = []
        for k, _ in session.tables:
            for role in session.roles:
                r = await http.post(base + "join", data={"name": f"S{k}{role}", "code": join_code(
                    seat_key(key, session.id, k, role))}, follow_redirects=False)
                cookies.append("bc_seat=" + r.cookies["bc_seat"])
                http.cookies.clear()
        load = Load(base, think, moves, time.perf_counter() + seconds)
        ready, start, done = asyncio.Event(), asyncio.Event(), asyncio.Event()
        dash = asyncio.create_task(load.dashboard(admin_cookie, ready, done))
        await ready.wait()
        seats = [asyncio.create_task(load.seat(c, start)) for c in cookies]
        await asyncio.sleep(1.0)
        r = await http.post(base + "api/admin/start", headers={"Cookie": admin_cookie}, json={})
        assert r.status_code == 200, r.text
        load.deadline = time.perf_counter() + seconds
        start.set()
        await asyncio.gather(*seats)
        await asyncio.sleep(1.0)
        done.set()
        await dash
    return load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=60)
    parser.add_argument("--think", type=float, default=10.0, help="mean think time before a move, seconds")
    parser.add_argument("--moves", type=int, default=20, help="moves per seat at most")
    parser.add_argument("--seconds", type=float, default=120.0, help="bound on the whole run")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of the figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "class"
        subprocess.run([sys.executable, "main.py", "classroom", "new", SCENARIO, "--tables", str(args.tables),
                        "--seed", "7", "-o", str(root)], cwd=ROOT, check=True, capture_output=True)
        server = subprocess.Popen([sys.executable, "main.py", "classroom", "serve", str(root), "--host", "127.0.0.1",
                                   "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            lines = [server.stdout.readline().strip() for _ in range(3)]
            base, token_url = lines[0].split(" ", 1)[1], lines[1].split(" ", 1)[1]
            began = time.perf_counter()
            load = asyncio.run(run_class(base, token_url, root, args.tables, args.think, args.moves, args.seconds))
            elapsed = time.perf_counter() - began
            rss = peak_rss_mb(server.pid)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    figures = {"scenario": SCENARIO, "clients": 2 * args.tables, "tables": args.tables, "ai_seats": 0,
               "seconds": round(elapsed, 1), "move_p99_ms": round(1000 * percentile(load.round_trips, 0.99), 1),
               "dashboard_lag_p99_ms": round(1000 * percentile(load.lags, 0.99), 1), "rss_peak_mb": round(rss, 1),
               "moves": len(load.round_trips), "move_p50_ms": round(1000 * percentile(load.round_trips, 0.5), 1),
               "think_s": args.think}
    for key in ("move_p50_ms", "move_p99_ms", "dashboard_lag_p99_ms"):
        target = f" (target < {TARGETS[key]:.0f} ms: {'met' if figures[key] < TARGETS[key] else 'MISSED'})" \
            if key in TARGETS else ""
        print(f"{key:<22} {figures[key]} ms{target}")
    print(f"{'moves':<22} {figures['moves']} in {figures['seconds']} s; server peak RSS {figures['rss_peak_mb']} MB")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
