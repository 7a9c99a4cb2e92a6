"""Seat codes and the instructor's secrets.

Rules:

* A seat's join code is derived from that seat's key (:func:`game.classroom.signing.seat_key`), so it
  needs no storage and survives a restart: ``HMAC(seat key, "backchannel/web/join")``, its first 64
  bits, written as four groups of four hex digits (``3f2a-9c01-...``). Entering it is case- and
  separator-insensitive.
* A claim (a browser holding a seat) is a fresh 128-bit ticket in an HttpOnly cookie; only its
  SHA-256 is stored, so the database alone cannot be used to take a seat.
* The instructor's printed token (128 bits) is good for one exchange against a cookie; each start of
  the server prints a new one. Cookies already given stay valid across restarts.
"""

from __future__ import annotations

import hashlib
import secrets

from game.classroom.signing import (  # the brief prints the same code
    CODE_BITS,
    join_code,
)

__all__ = ["CODE_BITS", "digest", "join_code", "new_secret", "normal_code"]


def normal_code(text: str) -> str:
    """A typed code in its stored form: hex digits only, lower case (anything else dropped)."""
    return "".join(c for c in text.lower() if c in "0123456789abcdef")


def new_secret() -> str:
    """A fresh 128-bit secret, URL-safe."""
    return secrets.token_urlsafe(16)


def digest(secret: str) -> str:
    """What is stored of a secret: its SHA-256, hex."""
    return hashlib.sha256(secret.encode()).hexdigest()
