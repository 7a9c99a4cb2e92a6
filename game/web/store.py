"""The class's state in SQLite (``DIR/server/class.sqlite``, WAL mode): what survives a restart or a ``kill -9``.

Rules:

* Every change is committed before the server answers (autocommit; WAL with ``synchronous=FULL``),
  so a killed server loses at most the request in flight.
* The games themselves are their move logs (``DIR/server/games/table-KK.jsonl``, flushed after every
  move, :mod:`game.session.movelog`); the database holds where each is, who plays it and whether its
  result was written. Nothing a game needs lives only in memory.
* Secrets are stored as digests only (:mod:`game.web.codes`).
* The flags (``meta``) are also kept in memory, written through: a snapshot reads them without a query.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS admins (digest TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS seats (tbl INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
                                  ticket TEXT NOT NULL, PRIMARY KEY (tbl, role));
CREATE TABLE IF NOT EXISTS games (tbl INTEGER PRIMARY KEY, log TEXT NOT NULL, humans TEXT NOT NULL,
                                  result TEXT NOT NULL DEFAULT '', final INTEGER NOT NULL DEFAULT 0);
"""
FIRST_NAME = "first-name/"      # meta key: first-name/<table>/<role> -> the seat's name before a re-claim


@dataclass(frozen=True)
class Seat:
    table: int
    role: str
    name: str


@dataclass(frozen=True)
class GameRow:
    table: int
    log: Path
    humans: tuple[str, ...]
    result: str          # the result file's path, or why none was written; '' while the game runs
    final: bool          # the talks were ended: this table's last response was played


class Store:
    """One class's database; safe to call from the event loop and from worker threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)
        # the class's flags are read at every snapshot: kept in memory, written through (one server
        # process owns the database, so the copy cannot go stale)
        self._meta: dict[str, str] = {str(k): str(v) for k, v in self._db.execute("SELECT key, value FROM meta")}

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- flags and settings ------------------------------------------------------------------
    def get(self, key: str, default: str = "") -> str:
        with self._lock:
            return self._meta.get(key, default)

    def put(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                             "value = excluded.value", (key, value))
            self._meta[key] = value

    # -- the instructor ----------------------------------------------------------------------
    def add_admin(self, digest: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO admins (digest) VALUES (?)", (digest,))

    def is_admin(self, digest: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM admins WHERE digest = ?", (digest,)).fetchone() is not None

    # -- seats -------------------------------------------------------------------------------
    def claim(self, table: int, role: str, name: str, ticket_digest: str, keep_first: bool = False) -> None:
        """Give the seat to a new claim (a re-claim replaces the old one). With ``keep_first`` (the class has
        started), a re-claim under another name keeps the seat's name before it as its first name
        (:meth:`first_names`), once: the name it is graded under."""
        with self._lock:
            old = self._db.execute("SELECT name FROM seats WHERE tbl = ? AND role = ?", (table, role)).fetchone()
            first = f"{FIRST_NAME}{table}/{role}"
            if keep_first and old and str(old[0]) != name and first not in self._meta:
                self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (first, str(old[0])))
                self._meta[first] = str(old[0])
            self._db.execute("INSERT INTO seats (tbl, role, name, ticket) VALUES (?, ?, ?, ?) ON CONFLICT(tbl, role) "
                             "DO UPDATE SET name = excluded.name, ticket = excluded.ticket",
                             (table, role, name, ticket_digest))

    def first_names(self) -> dict[tuple[int, str], str]:
        """The first name of each seat re-claimed under another name after the start (:meth:`claim`)."""
        with self._lock:
            kept = [(k[len(FIRST_NAME):].split("/", 1), v) for k, v in self._meta.items() if k.startswith(FIRST_NAME)]
        return {(int(t), r): v for (t, r), v in kept}

    def seat_of(self, ticket_digest: str) -> Seat | None:
        with self._lock:
            row = self._db.execute("SELECT tbl, role, name FROM seats WHERE ticket = ?", (ticket_digest,)).fetchone()
        return Seat(int(row[0]), str(row[1]), str(row[2])) if row else None

    def seats(self) -> list[Seat]:
        with self._lock:
            rows = self._db.execute("SELECT tbl, role, name FROM seats ORDER BY tbl, role").fetchall()
        return [Seat(int(t), str(r), str(n)) for t, r, n in rows]

    # -- games -------------------------------------------------------------------------------
    def add_game(self, table: int, log: Path, humans: tuple[str, ...]) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO games (tbl, log, humans) VALUES (?, ?, ?)",
                             (table, str(log), json.dumps(list(humans))))

    def set_result(self, table: int, result: str) -> None:
        with self._lock:
            self._db.execute("UPDATE games SET result = ? WHERE tbl = ?", (result, table))

    def set_final(self, table: int) -> None:
        with self._lock:
            self._db.execute("UPDATE games SET final = 1 WHERE tbl = ?", (table,))

    def games(self) -> list[GameRow]:
        with self._lock:
            rows = self._db.execute("SELECT tbl, log, humans, result, final FROM games ORDER BY tbl").fetchall()
        return [GameRow(int(t), Path(log), tuple(json.loads(h)), str(res), bool(f)) for t, log, h, res, f in rows]
