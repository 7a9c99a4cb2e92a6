"""Checking what browsers send over a WebSocket: size, rate and shape, before anything is done.

Rules:

* A message is one JSON object of at most :data:`MAX_MESSAGE` bytes, nested at most
  :data:`game.safeio.MAX_JSON_DEPTH` levels, with a string ``type``; anything
  else gets ``{"type": "error", ...}`` and changes nothing.
* Each connection may send :data:`RATE` messages a second on average, in bursts of up to
  :data:`BURST` (a token bucket); a message over the limit is answered with an error and dropped.
* Frames larger than :data:`MAX_FRAME` are refused by the server itself (the connection closes).
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.safeio import Unreadable, loads_json

MAX_MESSAGE = 4096
MAX_FRAME = 65536
RATE = 10.0
BURST = 20.0
SEAT_TYPES = ("move", "preview", "ping", "entry")


class Bucket:
    """A token bucket: :meth:`take` says whether one more message is allowed now."""

    def __init__(self, rate: float = RATE, burst: float = BURST) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = burst
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True


async def bounded_body(request: Request, limit: int) -> bytes | None:
    """The request's body, or None once it is longer than ``limit`` bytes: a declared length over the
    limit is refused before anything is read, and a streamed body is dropped as soon as it passes the
    limit, so no request can make the server hold more than ``limit`` bytes (Starlette's ``body()``
    reads everything first; attacker trial: 400 MB to /join took 847 MB)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def receive_text(ws: WebSocket) -> str | None:
    """The next text message, or None for a binary frame (which a browser page never sends); a closed
    socket raises WebSocketDisconnect as Starlette's ``receive_text`` does, which instead failed with
    KeyError on a binary frame and printed a traceback on the instructor's console (attacker trial)."""
    message = await ws.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))
    text = message.get("text")
    return text if isinstance(text, str) else None


def error(text: str, ref: object = None) -> dict[str, Any]:
    """The error message a client is sent (``ref``: the id of the message it answers, if any)."""
    return {"type": "error", "error": text, "ref": ref}


def parse(text: str, allowed: tuple[str, ...] = SEAT_TYPES) -> dict[str, Any] | str:
    """The message as a dict, or why it is refused (an error text)."""
    if len(text.encode("utf-8", "replace")) > MAX_MESSAGE:
        return f"message too large (at most {MAX_MESSAGE} bytes)"
    try:
        data = loads_json(text)        # bounded nesting and numbers, on every Python version
    except Unreadable as exc:
        return f"malformed message: {exc}"
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return "malformed message: expected an object with a type"
    if data["type"] not in allowed:
        return f"unknown message type (expected one of: {', '.join(allowed)})"
    return data
