"""The class server's HTTP connections, guarded against a client that holds them open without asking.

uvicorn reads a request for as long as its client trickles it (its keep-alive timeout is reset by each
byte, and nothing times the request headers: uvicorn issue #157), and takes as many connections as the
process may open. An attack trial held 2,290 half-sent requests from one laptop: new students could not
load the join page, and the server logged "Too many open files" hundreds of times a second. So:

* a connection must send a whole request's headers within :data:`HEADER_TIMEOUT_S` of opening, or of
  the end of its last response (keep-alive), or it is closed; a WebSocket, once upgraded, is no longer
  timed here (the hub drops a socket that takes no news: :mod:`game.web.live`);
* one address other than this machine's own may hold at most :data:`MAX_PER_ADDRESS` connections
  (a student's phone holds one socket and a request or two);
* :func:`raise_open_files` lifts the process's limit of open files to what the system allows;
* a WebSocket text message that is not UTF-8 closes its socket with code 1007 (uvicorn's websockets-sansio
  protocol does) and is one line on the console, not a traceback (:func:`quiet_protocol_errors`: any client
  could print one, the projector's socket needs no login).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
MAX_PER_ADDRESS = 64
OPEN: Counter[str] = Counter()          # connections open per client address (loopback not counted)


def _counted(address: str) -> bool:
    """Whether connections from ``address`` count against :data:`MAX_PER_ADDRESS` (this machine's do not:
    the instructor's own browsers, and the benchmarks' hundred clients)."""
    try:
        return not ipaddress.ip_address(address).is_loopback
    except ValueError:
        return bool(address)


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline on the request headers and a cap per client address."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._address = ""
        self._upgraded = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        address = self.client[0] if self.client else ""
        if _counted(address):
            self._address = address
            OPEN[address] += 1
            if OPEN[address] > MAX_PER_ADDRESS:
                transport.close()
                return
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._address:
            OPEN[self._address] -= 1
            if OPEN[self._address] <= 0:
                del OPEN[self._address]
            self._address = ""
        super().connection_lost(exc)

    def handle_websocket_upgrade(self, event: Any) -> None:
        self._upgraded = True
        self._disarm()
        super().handle_websocket_upgrade(event)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()                  # the next request on this connection has its own deadline

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(HEADER_TIMEOUT_S, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        """Close the connection unless a request is being answered (its headers came in time)."""
        self._deadline = None
        answering = self.cycle is not None and not self.cycle.response_complete
        if not self._upgraded and not answering and not self.transport.is_closing():
            self.transport.close()


UTF8_REFUSED = "Invalid UTF-8 sequence received from client."     # what uvicorn logs, with the traceback


FAILED_IN_APP = "Exception in ASGI application"     # how uvicorn opens the traceback of a request the app failed


class WithoutTraceback(logging.Filter):
    """Keeps uvicorn's line for a client's text message that is not UTF-8 (it closes the socket, 1007) but not
    the traceback it logs with it: the client's fault is not the server's failure. A request the server itself
    failed on (the page said "The server could not do this") is one line on the console too; its traceback
    goes to ``errors`` (the instructor's folder), where whoever fixes the fault can read it."""

    def __init__(self, errors: Path | None = None) -> None:
        super().__init__()
        self.errors = errors

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.msg == UTF8_REFUSED:
            record.exc_info, record.exc_text = None, None
            record.msg, record.levelno, record.levelname = ("A WebSocket message that is not UTF-8 was refused; "
                                                            "its socket is closed (1007).", logging.WARNING, "WARNING")
        elif record.exc_info and str(record.msg).startswith(FAILED_IN_APP):
            kind = record.exc_info[0].__name__ if record.exc_info[0] is not None else "an error"
            where = self.keep(record)
            record.exc_info, record.exc_text, record.args = None, None, ()
            record.msg = (f"The server failed on one request ({kind}); the class goes on"
                          + (f"; the details are in {where}" if where else ""))
        return True

    def keep(self, record: logging.LogRecord) -> Path | None:
        """Append the record's traceback to :attr:`errors`; None where it cannot be written."""
        if self.errors is None:
            return None
        try:
            self.errors.parent.mkdir(parents=True, exist_ok=True)
            with self.errors.open("a", encoding="utf-8") as out:
                out.write(logging.Formatter("%(asctime)s %(message)s").format(record) + "\n")
        except OSError:
            return None
        return self.errors


def quiet_protocol_errors(errors: Path | None = None) -> None:
    """Install :class:`WithoutTraceback` on uvicorn's error log (once; after ``uvicorn.Config``, which sets the
    log up), keeping the tracebacks of the server's own failures in ``errors``."""
    log = logging.getLogger("uvicorn.error")
    for old in [f for f in log.filters if isinstance(f, WithoutTraceback)]:
        log.removeFilter(old)
    log.addFilter(WithoutTraceback(errors))


def raise_open_files() -> None:
    """Lift the soft limit of open files to the hard one (POSIX; a laptop's default of 256 or 1,024 is what
    a flood of connections ran into). Does nothing where it cannot."""
    if sys.platform == "win32":  # pragma: no cover - no such limit there
        return
    import resource
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        if wanted > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError):
        pass
