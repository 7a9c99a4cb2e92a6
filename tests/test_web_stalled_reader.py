"""A page that stops reading its socket must not hold up the news for everyone else (attack trial).

A client that opened the projector's socket (no login needed) and never read from it filled its buffer; each
broadcast then waited on that one socket, with no end, and every table's chance and AI moves, and every
instructor's action, waited behind it. The hub now sends to every socket at once, each with a time limit, and
drops (and closes) a socket that cannot take a message in time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from game.web import live
from tests.webclient import make_class, served


class Stalled:
    """A socket whose reader never reads: every send and the close wait for ever."""

    async def send_text(self, text: str) -> None:
        await asyncio.Event().wait()

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await asyncio.Event().wait()


class Reader:
    """A socket whose reader keeps up."""

    def __init__(self) -> None:
        self.got: list[str] = []

    async def send_text(self, text: str) -> None:
        self.got.append(text)


def test_a_socket_that_never_reads_is_dropped_and_the_others_get_the_news(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "SEND_TIMEOUT_S", 0.2)
    with served(make_class(tmp_path)) as s:
        hub = s.server.hub
        stalled, reader = Stalled(), Reader()
        sockets = {stalled, reader}

        async def twice() -> None:
            for text in ("one", "two"):
                await asyncio.wait_for(hub._send_text(sockets, text), 2.0)   # type: ignore[arg-type]

        asyncio.run(twice())
        assert reader.got == ["one", "two"] and sockets == {reader}     # the stalled one is gone after the first
