"""The ASGI app: pages, the instructor's actions, and the WebSockets of seats, dashboards and projectors.

Rules:

* Pages are Jinja2 templates with autoescaping; every scenario string reaches the browser as JSON
  and is put into the page with ``textContent`` (static/*.js), never as HTML.
* ``/dashboard?token=T`` exchanges the printed token (once) for the HttpOnly cookie ``bc_admin`` and
  redirects to ``/dashboard``, so the token leaves the address bar. Every instructor action
  (``POST /api/admin/...``, ``/ws/dashboard``, the debrief files) needs that cookie; without it the
  answer is 403 and nothing changes.
* ``POST /join`` (name, code) sets the seat's HttpOnly cookie ``bc_seat`` and sends the browser to
  ``/play``; ``/ws/seat`` serves the seat that cookie names.
* Cookies are ``SameSite=Strict`` (another site cannot make the browser act for the instructor).
* Errors reach the user as one sentence, never a traceback; a client that goes away while sending a request's
  body is not an error (nothing is printed).
* ``POST /api/admin/handover`` {table, role} hands the seat of a student who is away (no page open) to
  the session's AI for the rest of the game (:meth:`game.web.tables.Classroom.hand_to_ai`); a seat
  whose student is connected is refused.
* A seat's move with ``"ask": true`` is made only when it is safe; a risky one (an offer across the seat's
  own red lines or one it declared, a changed final offer, a walk-out: :mod:`game.session.risks`, the
  terminal's y/N) is answered ``{"type": "confirm", "reasons", "question"}`` and changes nothing.
* ``POST /api/admin/inject`` {event, table|null} makes one of the scenario's round events happen now
  at one table or at every table playing (:func:`game.web.injects.inject`).
"""

from __future__ import annotations

import json
import sys
from urllib.parse import parse_qs
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette import websockets
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.errors import GameError
from game.safeio import Unreadable, loads_json
from game.session.movenumber import seen_move
from game.session.risks import risks
from game.web.codes import digest, new_secret
from game.web.injects import inject
from game.web.live import Hub
from game.web.protocol import MAX_MESSAGE, Bucket, bounded_body, error, parse, receive_text
from game.web.seatview import package_figures, parse_move
from game.web.tables import ClassError, Classroom

ADMIN, SEAT = "bc_admin", "bc_seat"
# A socket that is gone: the client closed it, or a send to it failed (Starlette 1.x raises
# WebSocketDisconnected then, a RuntimeError; older releases a plain RuntimeError)
GONE: tuple[type[BaseException], ...] = (WebSocketDisconnect, getattr(websockets, "WebSocketDisconnected", RuntimeError))
YEAR = 365 * 24 * 3600


def templates() -> Environment:
    return Environment(loader=PackageLoader("game.web", "templates"), autoescape=select_autoescape(default=True))


class Server:
    """The class's app: ``join_url`` is what the QR code and the projector show."""

    def __init__(self, classroom: Classroom, join_url: str, token: str) -> None:
        self.classroom = classroom
        self.hub = Hub(classroom)
        self.join_url = join_url
        self.env = templates()
        classroom.store.put("token", digest(token))
        self.app = Starlette(routes=[
            Route("/", self.join_page), Route("/join", self.join, methods=["POST"]), Route("/play", self.play_page),
            Route("/dashboard", self.dashboard_page), Route("/projector", self.projector_page),
            Route("/qr.svg", self.qr), Route("/favicon.ico", self.favicon), Route("/api/admin/{action}", self.admin, methods=["POST"]),
            Route("/debrief/{name}", self.debrief_file),
            WebSocketRoute("/ws/seat", self.seat_socket), WebSocketRoute("/ws/dashboard", self.dashboard_socket),
            WebSocketRoute("/ws/projector", self.projector_socket),
            Mount("/static", StaticFiles(packages=[("game.web", "static")]), name="static"),
        ], exception_handlers={Exception: self.failed, ClientDisconnect: self.gone})

    async def gone(self, request: Request, exc: Exception) -> Response:
        """A client that went away while sending its request's body (a phone off the Wi-Fi): nothing to answer,
        nothing to print (a handler for Exception is Starlette's last guard, which prints the traceback again;
        this one, by its class, is not)."""
        return Response(status_code=400)

    async def failed(self, request: Request, exc: Exception) -> Response:
        """The last guard of a page or an action: one sentence, never a traceback."""
        return self.page("message.html", 500, message=f"The server could not do this ({type(exc).__name__}); "
                                                      "try again, or tell your instructor.")

    def close(self) -> None:
        """After serving: let the engine's threads finish, close the games' logs and the database."""
        self.hub.pool.shutdown(wait=True)
        self.hub.heavy.shutdown(wait=True)
        self.classroom.close()

    def page(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        title = self.classroom.session.scenario.title
        html = self.env.get_template(template).render(title=title, **values)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store",
                                                               "Referrer-Policy": "no-referrer",
                                                               "X-Content-Type-Options": "nosniff"})

    def is_admin(self, cookies: dict[str, str]) -> bool:
        cookie = cookies.get(ADMIN)
        return bool(cookie) and self.classroom.store.is_admin(digest(cookie or ""))

    # -- students -----------------------------------------------------------------------------
    async def join_page(self, request: Request) -> Response:
        return self.page("join.html", message="")

    async def join(self, request: Request) -> Response:
        body = await bounded_body(request, 2048)
        if body is None:
            return self.page("join.html", 400, message="Name or code too long.")
        try:
            form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
        except ValueError:                                   # more fields than a join form has
            return self.page("join.html", 400, message="This form was not sent by the join page: enter your "
                                                          "name and seat code there.")
        name, code = (form.get("name") or [""])[0], (form.get("code") or [""])[0]
        try:
            ticket, table, role = await self.hub.run(self.classroom.join, name, code)
        except ClassError as exc:
            return self.page("join.html", 400, message=str(exc), name=name, code=code)   # kept, to correct it
        await self.hub.replace_seat(table, role)
        response = RedirectResponse("/play", status_code=303)
        response.set_cookie(SEAT, ticket, max_age=YEAR, httponly=True, samesite="strict")
        await self.hub.class_changed([])
        return response

    async def play_page(self, request: Request) -> Response:
        seat = self.classroom.seat_of_ticket(request.cookies.get(SEAT, ""))
        if seat is None:
            return RedirectResponse("/", status_code=303)
        return self.page("play.html")

    # -- the instructor --------------------------------------------------------------------------
    async def dashboard_page(self, request: Request) -> Response:
        token = request.query_params.get("token")
        if token is not None:
            store = self.classroom.store
            expected = store.get("token")
            if not expected or digest(token) != expected:
                return self.page("message.html", 403, message="This dashboard link has already been used or is "
                                 "wrong. Use the browser that opened it, or restart the server for a new token.")
            store.put("token", "")                 # once
            cookie = new_secret()
            store.add_admin(digest(cookie))
            response = RedirectResponse("/dashboard", status_code=303)
            response.set_cookie(ADMIN, cookie, max_age=YEAR, httponly=True, samesite="strict")
            return response
        if not self.is_admin(request.cookies):
            return self.page("message.html", 403, message="The dashboard needs the instructor's link (printed by "
                             "'classroom serve').")
        c = self.classroom
        s = c.session.scenario
        codes = [(k, s.party(role).name, c.seat_code(k, role)) for k, _ in c.session.tables for role in c.session.roles]
        events = [(e.id, e.text) for e in s.events]
        minutes = c.timer_minutes                 # the timer last set, shown again after a reload
        return self.page("dashboard.html", codes=codes, events=events, join_url=self.join_url,
                         tables=[k for k, _ in c.session.tables], minutes="30" if minutes is None else f"{minutes:g}")

    async def projector_page(self, request: Request) -> Response:
        return self.page("projector.html", join_url=self.join_url, qr=self.qr_svg())

    def qr_svg(self) -> str:
        import segno
        return str(segno.make(self.join_url, error="m").svg_inline(scale=8, dark="#000", light="#fff"))

    async def qr(self, request: Request) -> Response:
        return Response(self.qr_svg(), media_type="image/svg+xml")

    async def favicon(self, request: Request) -> Response:
        """The tab's icon (static/favicon.svg): browsers ask for /favicon.ico on every page."""
        from importlib.resources import files
        svg = files("game.web").joinpath("static", "favicon.svg").read_bytes()
        return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    async def admin(self, request: Request) -> Response:
        if not self.is_admin(request.cookies):
            return JSONResponse({"error": "instructor only: open the dashboard link first"}, status_code=403)
        action = request.path_params["action"]
        raw = await bounded_body(request, MAX_MESSAGE)
        if raw is None:
            return JSONResponse({"error": f"request too large (at most {MAX_MESSAGE} bytes)"}, status_code=413)
        try:
            body = loads_json(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, Unreadable) as exc:     # not JSON, too deep, a number out of range
            return JSONResponse({"error": f"malformed request: {exc}"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "malformed request"}, status_code=400)
        c, hub = self.classroom, self.hub
        extra: dict[str, Any] = {}
        try:
            if action == "inject":
                event, table = body.get("event"), body.get("table")
                if not isinstance(event, str) or not (table is None or type(table) is int):
                    return JSONResponse({"error": "inject: expected an event id and a table number (or none for "
                                                  "every table)"}, status_code=400)
                done, skipped = await hub.run_heavy(inject, c, event, table)
                extra = {"injected": done, "skipped": {str(k): why for k, why in skipped.items()}}
            elif action == "start":
                await hub.run(c.start)
            elif action == "mode":
                from game.web import facetoface
                facetoface.set_mode(c, str(body.get("mode")))
            elif action in ("pause", "resume"):
                await hub.run_heavy(c.set_paused, action == "pause")    # resuming may let an AI move
            elif action == "timer":
                minutes = body.get("minutes")
                if minutes is not None and not (type(minutes) in (int, float) and 1 <= minutes <= 600):
                    return JSONResponse({"error": "minutes: expected a number from 1 to 600"}, status_code=400)
                c.set_timer(None if minutes is None else float(minutes))
            elif action == "handover":
                table, role = body.get("table"), body.get("role")
                if type(table) is not int or not isinstance(role, str) or role not in c.session.roles:
                    return JSONResponse({"error": "handover: expected a table number and a role"}, status_code=400)
                if hub.seats.get((table, role)):
                    return JSONResponse({"error": f"The {c.session.scenario.party(role).name} of table {table} is "
                                                  "connected: only a seat whose student is away can be handed to "
                                                  "the AI."}, status_code=409)
                start = await hub.run_heavy(c.hand_to_ai, table, role)
                extra = {"from_move": seen_move(c.tables[table].state.history, start)}
                await hub.table_changed(table)
            elif action == "end":
                await hub.run_heavy(c.end_talks)          # AIs' final responses, entry into force, compliance
                await hub.run(self.write_debrief)
            else:
                return JSONResponse({"error": f"unknown action {action!r}"}, status_code=404)
        except ClassError as exc:
            return JSONResponse({"error": str(exc)}, status_code=409)
        except GameError as exc:
            return JSONResponse({"error": str(exc)}, status_code=500)
        await hub.class_changed()
        return JSONResponse({"ok": True, "class": c.flags(), **extra})

    def write_debrief(self) -> None:
        from game.web.export import export_debrief
        export_debrief(self.classroom)

    async def debrief_file(self, request: Request) -> Response:
        if not self.is_admin(request.cookies):
            return self.page("message.html", 403, message="Instructor only.")
        from game.web.export import debrief_path, is_stale
        if self.classroom.ended and is_stale(self.classroom):      # a final response came after the end
            await self.hub.run_heavy(self.write_debrief)
        path = debrief_path(self.classroom, request.path_params["name"])
        if path is None:
            return self.page("message.html", 404, message="The class debrief is written when the talks end.")
        from starlette.responses import FileResponse
        return FileResponse(path)

    # -- WebSockets -------------------------------------------------------------------------------
    async def seat_socket(self, ws: WebSocket) -> None:
        seat = self.classroom.seat_of_ticket(ws.cookies.get(SEAT, ""))
        await ws.accept()
        if seat is None:
            await ws.send_text(json.dumps(error("this browser holds no seat: join again")))
            await ws.close(code=4003)
            return
        table, role, _ = seat
        hub = self.hub
        bucket = Bucket()
        try:
            await hub.seat_arrived(table, role, ws)
            await ws.send_text(json.dumps(await hub.run(hub.seat_snapshot, table, role)))
            while True:
                text = await receive_text(ws)
                if not bucket.take():
                    await ws.send_text(json.dumps(error("too many messages: slow down")))
                    continue
                data = parse(text) if text is not None else "malformed message: send JSON text, not binary"
                if isinstance(data, str):
                    await ws.send_text(json.dumps(error(data)))
                    continue
                try:
                    await self.seat_message(ws, table, role, data)
                except GONE:
                    raise
                except Exception as exc:        # the last guard: one line for the instructor, a sentence for the seat
                    print(f"table {table} {role}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    await ws.send_text(json.dumps(error("the server could not do this; try again or tell your "
                                                        "instructor", data.get("id"))))
        except GONE:
            pass
        finally:
            await hub.seat_left(table, role, ws)

    async def seat_message(self, ws: WebSocket, table: int, role: str, data: dict[str, Any]) -> None:
        hub, ref = self.hub, data.get("id")
        if data["type"] == "ping":
            await ws.send_text(json.dumps({"type": "pong", "ref": ref}))
            return
        if data["type"] == "entry":
            await self.seat_entry(ws, table, role, data)
            return
        tg = self.classroom.tables.get(table)
        if tg is None:
            await ws.send_text(json.dumps(error("your table is not playing", ref)))
            return
        if data["type"] == "preview":
            outcome = data.get("outcome")
            action = parse_move(tg.state, role, {"action": "offer", "outcome": outcome})
            if isinstance(action, str):
                await ws.send_text(json.dumps(error(action, ref)))
                return
            figures = await hub.run(package_figures, tg.state, role, tuple(outcome or ()))
            await ws.send_text(json.dumps({"type": "preview", "ref": ref, "outcome": outcome, "figures": figures}))
            return
        action = parse_move(tg.state, role, data)
        if isinstance(action, str):
            await ws.send_text(json.dumps(error(action, ref)))
            return
        if data.get("ask") is True and tg.state.to_move == role and not self.classroom.paused:
            # the page asks first, as the terminal does (its y/N): a risky move is told, not made; the page
            # sends it again without "ask" once the student says yes (instructor trial: an offer across the
            # seat's own red lines went without a word)
            found = await hub.run(risks, tg.state, role, action)
            if found is not None:
                await ws.send_text(json.dumps({"type": "confirm", "ref": ref, "reasons": found[0], "question": found[1]}))
                return
        try:
            pending = await hub.run(self.classroom.move, table, role, action)
        except ClassError as exc:
            # your_turn: the page does not show "It is not your turn." that answers a repeat of a move it just made
            await ws.send_text(json.dumps({**error(str(exc), ref), "your_turn": tg.state.to_move == role}))
            return
        await ws.send_text(json.dumps({"type": "ack", "ref": ref, "version": tg.version}))
        # the news, then chance and the AIs (off the event loop) and their news, as a task of their own: a seat
        # whose socket goes right after its move (a phone dropping) must not leave its table waiting for chance
        # (found through a flaky test: the definitions table's acceptance never opened the official talks)
        await hub.detach(self.after_move(table, role, pending))

    async def after_move(self, table: int, role: str, pending: bool) -> None:
        """What follows a seat's move: every seat's news and, when chance or an AI moves next (``pending``),
        those moves and their news, even if the news could not reach the seat that moved."""
        hub = self.hub
        try:
            await hub.table_changed(table, role)
        finally:
            if pending:
                await hub.run_heavy(self.classroom.run_on, table)
                await hub.table_changed(table)

    async def seat_entry(self, ws: WebSocket, table: int, role: str, data: dict[str, Any]) -> None:
        """Face to face: the seat's entry of the deal (game.web.facetoface)."""
        from game.web import facetoface
        ref = data.get("id")
        refused = facetoface.refusal(self.classroom)
        if refused is not None:
            await ws.send_text(json.dumps(error(refused, ref)))
            return
        entry = facetoface.parse_entry(self.classroom, data.get("deals"))
        if isinstance(entry, str):
            await ws.send_text(json.dumps(error(entry, ref)))
            return
        try:
            message = await self.hub.run(facetoface.enter, self.classroom, table, role, entry)
        except ClassError as exc:
            await ws.send_text(json.dumps(error(str(exc), ref)))
            return
        await ws.send_text(json.dumps({"type": "ack", "ref": ref, "message": message}))
        await self.hub.table_changed(table)

    async def dashboard_socket(self, ws: WebSocket) -> None:
        await ws.accept()
        if not self.is_admin(ws.cookies):
            await ws.send_text(json.dumps(error("instructor only")))
            await ws.close(code=4003)
            return
        await self._listen(ws, self.hub.dashboards, self.hub.dashboard_snapshot())

    async def projector_socket(self, ws: WebSocket) -> None:
        await ws.accept()
        await self._listen(ws, self.hub.projectors, self.hub.projector_snapshot())

    async def _listen(self, ws: WebSocket, group: set[WebSocket], first: dict[str, Any]) -> None:
        """Send ``first``, then keep the socket in ``group`` until it closes (what it sends is ignored)."""
        group.add(ws)
        try:
            await ws.send_text(json.dumps(first))
            while True:
                await receive_text(ws)
        except GONE:
            pass
        finally:
            group.discard(ws)
