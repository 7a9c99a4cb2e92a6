"""Every debrief file says how a game was played in the same words (game.classroom.lesson.how_played), a
table whose seat the class server handed to the AI mid-game included (instructor trial: debrief.html said
"students together" of such a table, only checks.html said "then the AI from move 8", and debrief.csv said
``hot-seat`` where the pages said "students together"). debrief.csv keeps ``mode`` as its code and adds
``played``, the pages' words; its ``mode`` tells students at their own devices (the class server's sealed
games, ``own-devices``) from students at one screen (``hot-seat``): it called browser tables of two students
on two devices ``hot-seat``."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import replace
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.play import simulate_session
from game.classroom.report import write_debrief
from tests.conftest import SCENARIOS

# sealed from the log's move 7 (0-based): four offers came before it, so people read move 5 (the log's 8th
# action counts chance's moves too, which no move list shows)
HANDED = "students together; AI took over the Russian delegation (Foreign Ministry) from move 5"


def test_a_handed_over_table_is_named_alike_in_every_file(tmp_path: Path) -> None:
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 3, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    first = next(a for a in accepted if a.table == 1)
    assert session.scenario.party("ru").name == "Russian delegation (Foreign Ministry)"
    handed = replace(first, mode="hot-seat", ai_from={"ru": 7})       # as the class server seals it
    together = next(replace(a, mode="hot-seat", sealed=False) for a in accepted if a.table == 2)   # one screen
    out = tmp_path / "debrief"
    write_debrief(session, [handed, together, *(a for a in accepted if a.table == 3)], [], [], out)
    page = html.unescape((out / "debrief.html").read_text(encoding="utf-8"))
    games = page.split("Every game")[1]
    assert f"<td>1</td><td>{HANDED}</td>" in games and "<td>2</td><td>students together</td>" in games
    means = page.split("Means")[1].split("Every game")[0]
    assert "<td>students together (1 game)</td>" in means
    assert "<td>students together; AI took over (1 game)</td>" in means
    checks = html.unescape((out / "checks.html").read_text(encoding="utf-8"))
    assert checks.count(f"<td>{HANDED}</td>") == 3                     # both seats of table 1, and its attempt
    slides = html.unescape((out / "slides.html").read_text(encoding="utf-8"))
    assert "students together; AI took over" in slides
    rows = {(r["table"], r["role"]): r for r in csv.DictReader(io.StringIO((out / "debrief.csv").read_text()))}
    assert rows["1", "us"]["mode"] == rows["1", "ru"]["mode"] == "own-devices"     # the code: the server's table
    assert rows["2", "us"]["mode"] == "hot-seat"                                      # students at one screen
    assert rows["1", "us"]["played"] == rows["1", "ru"]["played"] == HANDED
    assert rows["2", "us"]["played"] == "students together" and rows["3", "us"]["played"] == "AI preview"
