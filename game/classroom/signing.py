"""Signatures for classroom results: HMAC-SHA256 over canonical JSON.

The session key stays with the instructor (``instructor/session.key``). Each pair
gets its own key, ``HMAC(session key, "<session id>/pair/<k>")``, in its pair
folder; a result is signed with its pair's key, so a student who holds one pair
folder can sign results for that pair only, and the debrief, which holds the
session key, can check every pair's.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any


def new_key() -> str:
    return secrets.token_hex(32)


def pair_key(session_key: str, session_id: str, pair: int) -> str:
    return hmac.new(bytes.fromhex(session_key), f"{session_id}/pair/{pair}".encode(), hashlib.sha256).hexdigest()


def canonical(record: dict[str, Any]) -> bytes:
    """The bytes that are signed: the record without its signature, keys sorted, no spaces."""
    body = {k: v for k, v in record.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(record: dict[str, Any], key: str) -> str:
    return hmac.new(bytes.fromhex(key), canonical(record), hashlib.sha256).hexdigest()


def verify(record: dict[str, Any], key: str) -> bool:
    signature = record.get("signature")
    return isinstance(signature, str) and hmac.compare_digest(signature, sign(record, key))
