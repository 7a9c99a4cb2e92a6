"""The class server's sealed word that nobody joined a table: a small marker file among the results.

A table nobody joined on the class server is not played, so it has no result; only the server knows
why. When the talks end it writes, for each such table, ``results/table-KK-not-played.json``:

    {"kind": "backchannel-not-played", "format": 1, "session": ID, "table": K, "seal": HEX}

sealed with the session key over the session and the table (:func:`game.classroom.signing.not_played_seal`),
as the seats nobody took are sealed into a result. ``classroom debrief`` run by hand on the class
folder reads it (:func:`check_marker`, from :func:`game.classroom.checks.read_class`) and says
``not played (nobody joined)`` of the table's seats, as the server's debrief does, rather than
``missing``.

A seat key cannot make the seal, so a student cannot excuse a missing result with it: a marker with
another session's id, a made-up or edited seal (or one moved to another table), a malformed file, or
a marker for a table that holds a student's result (:func:`contradicted`) is rejected with its reason
and the table's seats read as they would without it. Class folders without markers read as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.atomic import write_atomically
from game.classroom.folder import Session
from game.classroom.signing import not_played_seal, verify_not_played

KIND = "backchannel-not-played"
FORMAT = 1
FIELDS = frozenset({"kind", "format", "session", "table", "seal"})
SEAL = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class NotPlayed:
    """An accepted marker: the class server says that nobody joined ``table``."""

    path: Path
    table: int


def marker_name(table: int) -> str:
    return f"table-{table:02d}-not-played.json"


def marker(session: Session, key: str, table: int) -> dict[str, Any]:
    """The marker of table ``table``, sealed with the session ``key``."""
    return {"kind": KIND, "format": FORMAT, "session": session.id, "table": table,
            "seal": not_played_seal(key, session.id, table)}


def write_markers(session: Session, key: str, tables: Collection[int], folder: Path | None = None) -> list[Path]:
    """Write the marker of every table in ``tables`` (nobody joined them) into ``folder`` (by default the
    session's results/), atomically; a marker already there with the same bytes is left untouched, so
    that writing the debrief again does not make the results look newer. OSError when it cannot."""
    written = []
    for table in sorted(tables):
        path = (folder or session.results_dir()) / marker_name(table)
        data = (json.dumps(marker(session, key, table), indent=1, sort_keys=True) + "\n").encode()
        try:
            same = path.is_file() and path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            write_atomically(path, data)
        written.append(path)
    return written


def is_marker(record: object) -> bool:
    """Whether a file's JSON says it is a not-played marker (then :func:`check_marker` judges it)."""
    return isinstance(record, dict) and record.get("kind") == KIND


def check_marker(session: Session, key: str, path: Path, record: Mapping[str, Any]) -> NotPlayed | str:
    """The marker at ``path`` (its JSON ``record``) if the class server sealed it for this session, or why
    it is rejected."""
    table, seal = record.get("table"), record.get("seal")
    if record.get("format") != FORMAT or set(record) != FIELDS or type(table) is not int or \
            not isinstance(seal, str) or not SEAL.fullmatch(seal):
        return ("malformed: a not-played marker holds the kind, format 1, the session, a table number and the "
                "class server's seal, and nothing else")
    if record.get("session") != session.id:
        return f"a not-played marker of another session ({record.get('session')!r}, not {session.id!r})"
    if table not in {k for k, _ in session.tables}:
        return f"a not-played marker that names no table of this session (table {table})"
    if not verify_not_played(key, session.id, table, seal):
        return (f"it says nobody joined table {table} on the class server, without the class server's seal: "
                "only the class server can say that a table was not played (edited, or the seal of another "
                "table or session)")
    return NotPlayed(path, table)


def contradicted(markers: Sequence[NotPlayed], played: Mapping[int, str]) -> tuple[list[NotPlayed],
                                                                                     list[tuple[Path, str]]]:
    """(markers kept, (path, why) of those rejected): a table that holds a student's result (``played``:
    table -> the file of one such result) was played, whatever a marker says of it."""
    kept: list[NotPlayed] = []
    refused: list[tuple[Path, str]] = []
    for m in markers:
        if m.table in played:
            refused.append((m.path, f"it says nobody joined table {m.table}, but the table has a student's result "
                                    f"({played[m.table]}): it was played"))
        else:
            kept.append(m)
    return kept, refused
