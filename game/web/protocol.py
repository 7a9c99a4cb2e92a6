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
