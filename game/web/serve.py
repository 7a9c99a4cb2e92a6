"""``classroom serve DIR [--host H] [--port P]``: serve a session folder to the class.

Rules:

* Before serving it prints exactly three lines and flushes them: ``join: URL``, ``dashboard: URL``
  (with the instructor's one-time token) and ``token: T``. The URLs carry the machine's LAN address
  when the host is a wildcard (0.0.0.0, the default), else the host given.
* ``--port 0`` picks a free port (the URLs say which). The socket is bound before anything is
  printed, so a busy port is one error line, not a half-started server.
* Ctrl-C stops it with exit 0; the class is in ``DIR/server`` and the same command resumes it.
* Scenarios whose outcome space is above :data:`MAX_OUTCOMES` are refused: every move of every
  table values packages in that space, and the server must answer within 100 ms.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from game.classroom.folder import SessionError
from game.web.codes import new_secret

DEFAULT_PORT = 8765


def lan_address() -> str:
    """This machine's address on the local network (the route a packet out would take; nothing is
    sent), else 127.0.0.1 when there is no network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))          # TEST-NET-1: never routed, never sent to
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket; SessionError when the address cannot be used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise SessionError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port "
                           "(or --port 0 for any free one)") from None
    sock.set_inheritable(True)
    return sock


def check_size(outcomes: int, tables: int) -> None:
    """SessionError when the class is too large to serve (:func:`game.model.limits.too_large_to_serve`)."""
    from game.model.limits import too_large_to_serve
    problem = too_large_to_serve(outcomes, tables)
    if problem is not None:
        raise SessionError(problem)


def run(args: argparse.Namespace) -> int:
    """Serve ``args.folder`` until Ctrl-C (exit 0)."""
    import uvicorn

    from game.model.limits import outcome_count
    from game.web.app import Server
    from game.web.guard import GuardedH11, quiet_protocol_errors, raise_open_files
    from game.web.protocol import MAX_FRAME
    from game.web.tables import Classroom
    classroom = Classroom(Path(args.folder))
    s = classroom.session.scenario
    check_size(outcome_count(s), len(classroom.session.tables))
    sock = bind(args.host, args.port)
    port = sock.getsockname()[1]
    shown = lan_address() if args.host in ("0.0.0.0", "::", "") else args.host
    base = f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"
    token = new_secret()
    server = Server(classroom, f"{base}/", token)
    print(f"join: {base}/")
    print(f"dashboard: {base}/dashboard?token={token}")
    print(f"token: {token}")
    sys.stdout.flush()
    # the event loop must not wait long for the GIL while an engine thread rebuilds a table (0.3-0.5 s
    # of Python and numpy): switch threads every 1 ms instead of 5 (benchmarks/bench_server.py)
    sys.setswitchinterval(0.001)
    # connections that never finish a request, or too many from one address, are closed (game.web.guard)
    raise_open_files()
    config = uvicorn.Config(server.app, http=GuardedH11, ws="websockets-sansio", ws_max_size=MAX_FRAME,
                            log_level="warning", lifespan="off", timeout_graceful_shutdown=2, access_log=False)
    # a client's malformed message, or a request the server failed on, is one line, not a traceback (game.web.guard)
    quiet_protocol_errors(classroom.root / "server" / "errors.log")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        sock.close()
    return 0
