"""Who is connected, and what each connection is sent when something changes.

Rules:

* A seat's connections get that seat's snapshot only (:func:`seat_snapshot`, built from
  :mod:`game.web.seatview`), whole, after every change at its table: a browser that reconnects, or a
  late message, never leaves a page out of step.
* The instructor's dashboards get every table's summary; projectors get the summaries without the
  students' names, the moves or the deals.
* Re-claiming a seat closes the seat's older connections (code 4001).
* The hub knows which seats have a page open and since when each other seat is away; the dashboards
  are told at once when a seat's last page closes or its first page opens.
* The move list gives each offer's worth to the seat's government as it was when made; an offer line whose
  worth an event has changed since says so, with its worth now (:func:`dated`), as the table shows it.
* Snapshots are built in a worker thread (they value packages); sending happens on the event loop.
* Two thread pools: players' moves and snapshots in one, chance and AI moves (which may rebuild a
  table's valuation, 0.3 s) in the other.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from starlette.websockets import WebSocket

from game.engine.actions import Accept, Lock, Offer, Walk
from game.engine.state import Stage, State
from game.session.effects import cards, unagreed
from game.session.brief import seen_scenario
from game.session.movenumber import seen_move
from game.session.views import value_of
from game.web import facetoface
from game.web.seatview import (
    aftermath_payload,
    brief_payload,
    card_payload,
    debrief_payload,
    game_payload,
    public_terms,
)
from game.web.summary import table_summary
from game.web.tables import Classroom
from game.web.tablegame import TableGame

T = TypeVar("T")
REPLACED = 4001
TOO_SLOW = 4002          # close code for a page that took no news for SEND_TIMEOUT_S (it reconnects)
SEND_TIMEOUT_S = 5.0     # a socket that cannot take a message in this long is dropped from the news


def ai_move_line(text: str) -> str:
    """A line of the seat's own move (:func:`game.session.views.describe`: "You offer a package...", "You
    accept.", "You walk away.") made by the AI in its place: "The AI in your seat offers a package..."
    (instructor trial: "The AI in your seat: You offer..." said the student made it)."""
    for mine, its in (("You offer", "offers"), ("You accept", "accepts"), ("You walk away", "walks away")):
        if text.startswith(mine):
            return f"The AI in your seat {its}{text[len(mine):]}"
    return f"The AI in your seat: {text}"


@dataclass(frozen=True)
class Valued:
    """An offer line of the move list that gives the offer's worth to the seat's government: the line's index,
    the offer's phase and package, and the worth as printed (:func:`dated`)."""
    line: int
    phase: int
    outcome: tuple[int, ...]
    worth: str


def dated(lines: list[list[Any]], valued: list[Valued], state: State, role: str) -> list[list[Any]]:
    """The move list as sent: an offer line whose worth to the seat's government an event has changed since it
    was made says so ("worth 0.350 to your government when made (0.399 now)"), so that it does not contradict
    the table's "Worth 0.399" (instructor trial); every other line, the unchanged ones included, as written."""
    out = lines
    for v in valued:
        if state.phase != v.phase or state.tables is None or role not in state.phase_def.parties:
            continue
        now = f"{value_of(state, role, v.outcome):.3f}"
        said = f"worth {v.worth} to your government"
        if now != v.worth and said in lines[v.line][1]:
            out = [list(line) for line in lines] if out is lines else out
            out[v.line][1] = out[v.line][1].replace(said, f"{said} when made ({now} now)", 1)
    return out


def moment_lines(tg: TableGame, role: str, start: int,
                 first: int = 0) -> tuple[list[list[Any]], list[dict[str, Any]], list[Valued]]:
    """The log lines and event cards of moves ``start`` onwards, as ``role`` sees them, and the offer lines
    among them that give a worth to the seat's government (their index counted from ``first``).

    A line is [kind, text, number]: a delegation's move (its first line) carries the number people read for
    it (:func:`game.session.movenumber.seen_move`, the one every "from move N" uses); an event, the end of the
    talks, a phase's end, a reason or the vote at home carries None and is shown unnumbered."""
    from game.session.views import describe
    lines: list[list[Any]] = []
    shown: list[dict[str, Any]] = []
    valued: list[Valued] = []
    handed = tg.handovers.get(role)
    for m in tg.moments[start:]:
        said: list[list[Any]] = [[kind, text, None] for kind, text in describe(m.before, m.action, m.after, role, m.why)]
        if said and isinstance(m.action, (Offer, Accept, Walk, Lock)):
            said[0][2] = seen_move(m.after.history, len(m.before.history))
        if isinstance(m.action, Offer) and said and m.after.tables is not None and role in m.after.phase_def.parties:
            valued.append(Valued(first + len(lines), m.after.phase, tuple(m.action.outcome),
                                 f"{value_of(m.after, role, m.action.outcome):.3f}"))
        if said and handed is not None and len(m.before.history) >= handed and getattr(m.action, "party", None) == role:
            said[0][1] = ai_move_line(said[0][1])              # "You offer..." was not the student's move
        lines += said
        new_deltas = m.after.deltas[len(m.before.deltas):]
        fired = tuple(e for _, _, e in m.after.fired[len(m.before.fired):])
        if new_deltas or fired:
            shown += [card_payload(c) for c in cards(m.after.scenario, new_deltas, role, fired,
                                                         failed=unagreed(m.after))]
    return lines, shown, valued


class Hub:
    """The open connections and the per-seat caches of log lines."""

    def __init__(self, classroom: Classroom, workers: int = 2) -> None:
        self.classroom = classroom
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="moves")
        self.heavy = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="engine")
        self.seats: dict[tuple[int, str], set[WebSocket]] = {}
        self.away: dict[tuple[int, str], float] = {}     # when each seat's last page closed (time.time())
        self.background: set[asyncio.Task[None]] = set()   # work a seat started that must outlive its socket
        self.dashboards: set[WebSocket] = set()
        self.projectors: set[WebSocket] = set()
        self._lines: dict[tuple[int, str], tuple[int, list[list[Any]], list[dict[str, Any]], list[Valued]]] = {}
        self.terms = public_terms(classroom.session.scenario)
        self.briefs = {role: brief_payload(classroom.session.scenario, role) for role in classroom.session.roles}

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in the engine's thread pool."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, work, *args)

    async def run_heavy(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in the pool for slow engine work (chance, AI moves, table rebuilds), apart from
        the players' own moves and snapshots so that those never queue behind a rebuild."""
        return await asyncio.get_running_loop().run_in_executor(self.heavy, work, *args)

    def seat_snapshot(self, table: int, role: str) -> dict[str, Any]:
        """Everything the seat's page shows (see :mod:`game.web.seatview` for what a seat may see)."""
        c = self.classroom
        tg = c.tables.get(table)
        names = c.names()
        out: dict[str, Any] = {"type": "state", "seat": {"table": table, "role": role, "name": names.get((table, role)),
                                                         "delegation": self.terms["parties"][role]},
                               "class": c.flags(), "terms": self.terms,
                               "brief": self.briefs[role],
                               "game": None, "log": [], "cards": [], "aftermath": None, "debrief": None,
                               "face_to_face": None}
        f2f = facetoface.seat_view(c, table, role)
        if f2f is not None:
            out.update(f2f)
            return out
        if tg is None:
            out["status"] = "the class has started; your table is not playing" if c.started else \
                "waiting for the instructor to start the class"
            return out
        with tg.lock:
            count, lines, shown, valued = self._lines.get((table, role), (0, [], [], []))
            if count < len(tg.moments):
                more, more_cards, more_valued = moment_lines(tg, role, count, len(lines))
                lines, shown, valued = lines + more, shown + more_cards, valued + more_valued
                self._lines[(table, role)] = (len(tg.moments), lines, shown, valued)
            state, moments = tg.state, list(tg.moments)
            final, version = tg.final, tg.version
        if state.perception or state.deltas:        # the brief as this delegation sees its values (rule 1)
            out["brief"] = brief_payload(seen_scenario(state, role), role, c.session.scenario)   # and as events left them
        start = tg.handovers.get(role)
        if start is not None:                       # the student left and the instructor gave the seat to the AI
            out["seat"]["handed_over"] = (f"While you were away, your instructor handed your seat to the AI: it "
                                          f"has played it since move {seen_move(state.history, start)}. You can "
                                          "watch the game.")
        # version: the table's, as a move's ack gives it, so that the page knows a snapshot from after its move
        out.update(version=version, status="over" if state.stage is Stage.OVER else ("final response" if final else "playing"),
                   game=game_payload(state, role, final, watching=start is not None), log=dated(lines, valued, state, role),
                   cards=shown,
                   aftermath=aftermath_payload(state, role, start),
                   debrief=debrief_payload(state, role, moments, ai_from=start) if c.ended else None)
        return out

    def dashboard_snapshot(self) -> dict[str, Any]:
        c = self.classroom
        return {"type": "class", "class": {**c.flags(), "mode": facetoface.mode(c)}, "roles": list(c.session.roles),
                "role_names": self.terms["parties"],
                "tables": [self.summary(k) for k, _ in c.session.tables]}

    def summary(self, table: int) -> dict[str, Any]:
        """The table's line on the dashboard (:mod:`game.web.summary`), with who is connected now."""
        roles = self.classroom.session.roles
        return table_summary(self.classroom, table, [r for r in roles if self.seats.get((table, r))],
                             {r: when for (k, r), when in self.away.items() if k == table})

    def projector_snapshot(self) -> dict[str, Any]:
        c = self.classroom
        tables = []
        for k, _ in c.session.tables:
            s = self.summary(k)
            tables.append({"table": k, "joined": s["joined"], "seats": len(c.session.roles), "status": s["status"],
                           "round": s.get("round"), "phase": s.get("phase")})
        return {"type": "projector", "class": c.flags(), "tables": tables}

    # -- sending -------------------------------------------------------------------------------
    async def _send(self, sockets: set[WebSocket], message: dict[str, Any]) -> None:
        await self._send_text(sockets, json.dumps(message))

    async def _send_text(self, sockets: set[WebSocket], text: str) -> None:
        """Send ``text`` to every socket of ``sockets`` at once, each given :data:`SEND_TIMEOUT_S`: a socket that
        is closed, or whose reader stopped reading (a suspended phone, or a client that never reads, which
        once froze every table: the news waited on its full buffer), is forgotten and closed, so the others
        never wait on it. A page dropped that way reconnects and gets a fresh snapshot. The sends run in an
        anyio task group, under the cancel scopes of the server's own sessions (asyncio.gather and wait_for
        turned a closing session's cancellation into another seat's)."""
        targets = list(sockets)
        failed: list[WebSocket] = []

        async def one(ws: WebSocket) -> None:
            with anyio.move_on_after(SEND_TIMEOUT_S) as limit:
                try:
                    await ws.send_text(text)
                except Exception:       # a closed socket: forget it (its handler cleans up too)
                    failed.append(ws)
                return
            if limit.cancelled_caught:
                failed.append(ws)
                self.detach(self._drop(ws))

        async with anyio.create_task_group() as group:
            for ws in targets:
                group.start_soon(one, ws)
        for ws in failed:
            sockets.discard(ws)

    @staticmethod
    async def _drop(ws: WebSocket) -> None:
        """Close a socket that took no news in time; give up after :data:`SEND_TIMEOUT_S` (its buffer may be
        full for the close frame too: it dies when its client goes)."""
        try:
            await asyncio.wait_for(ws.close(code=TOO_SLOW, reason="too slow to take the news: reconnect"),
                                   SEND_TIMEOUT_S)
        except Exception:
            pass

    def seat_texts(self, table: int, first: str | None = None) -> list[tuple[str, str]]:
        """(role, snapshot as JSON text) for every connected seat of ``table``, ``first`` first: one trip
        to the worker thread for them all, the JSON made there too."""
        roles = [r for r in self.classroom.session.roles if self.seats.get((table, r))]
        roles.sort(key=lambda r: r != first)
        return [(role, json.dumps(self.seat_snapshot(table, role))) for role in roles]

    def detach(self, work: Coroutine[Any, Any, None]) -> Awaitable[None]:
        """Run ``work`` as its own task, kept until it ends, and return it shielded: the caller may await it,
        and the work goes on if the caller is cancelled or its socket goes (its exception, if any, is read
        here, so a task nobody awaits anymore never logs one)."""
        task = asyncio.ensure_future(work)
        self.background.add(task)
        task.add_done_callback(self._forget)
        return asyncio.shield(task)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self.background.discard(task)
        if not task.cancelled():
            task.exception()

    async def table_changed(self, table: int, first: str | None = None) -> None:
        """Send the table's seats their snapshots (``first``, the seat that moved, before the others), and
        every dashboard and projector the news."""
        for role, text in await self.run(self.seat_texts, table, first):
            await self._send_text(self.seats.get((table, role), set()), text)
        if self.dashboards:
            await self._send(self.dashboards, {"type": "table", "table": self.summary(table),
                                               "class": self.classroom.flags()})
        if self.projectors:
            await self._send(self.projectors, self.projector_snapshot())

    async def seat_arrived(self, table: int, role: str, ws: WebSocket) -> None:
        """Count ``ws`` among the seat's pages; the dashboards hear when the seat comes back."""
        sockets = self.seats.setdefault((table, role), set())
        sockets.add(ws)
        if len(sockets) == 1:
            await self.presence_changed(table)

    async def seat_left(self, table: int, role: str, ws: WebSocket) -> None:
        """Forget ``ws``; when it was the seat's last page, the seat is away from now on and the dashboards
        hear it (a closed tab, a phone that dropped: the instructor may hand the seat to the AI). The news is
        sent shielded from cancellation: this runs as the seat's handler ends, and a handler cancelled as its
        socket closes (Starlette's test client does so right after the close) would otherwise never tell the
        dashboards, which then showed the seat connected for ever (a flaky test found it)."""
        sockets = self.seats.get((table, role), set())
        sockets.discard(ws)
        if not sockets:
            self.away[(table, role)] = time.time()
            with anyio.CancelScope(shield=True):
                try:
                    await self.presence_changed(table)
                except Exception:              # the server is closing: nobody is left to tell
                    pass

    async def presence_changed(self, table: int) -> None:
        """Every dashboard gets the table's line again (who is connected, who may be handed to the AI)."""
        if self.dashboards:
            await self._send(self.dashboards, {"type": "table", "table": self.summary(table),
                                               "class": self.classroom.flags()})

    async def class_changed(self, tables: list[int] | None = None) -> None:
        """After an instructor's action: every seat (or those of ``tables``) and every screen."""
        keys = [k for k in self.seats if tables is None or k[0] in tables]
        for table, role in keys:
            snap = await self.run(self.seat_snapshot, table, role)
            await self._send(self.seats.get((table, role), set()), snap)
        if self.dashboards:
            await self._send(self.dashboards, self.dashboard_snapshot())
        if self.projectors:
            await self._send(self.projectors, self.projector_snapshot())

    async def replace_seat(self, table: int, role: str) -> None:
        """Close the seat's connections: it was claimed from another device."""
        for ws in list(self.seats.pop((table, role), set())):
            try:
                await ws.close(code=REPLACED, reason="this seat was taken on another device")
            except Exception:
                pass
