"""The class debrief from the server names every seat truthfully: a seat the AI played because no
student took it is the AI's (not "missing", which an instructor reads as a student who handed
nothing in), a table nobody joined is "not played", and debrief.csv, grades.csv, debrief.html and
checks.html say the same."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.webclient import make_class, served, walk_away_alone


def test_a_seat_the_ai_played_is_the_ais_in_every_debrief_file(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        walk_away_alone(s)                              # table 1: Russia's seat stays empty; table 2: nobody
        table = list(csv.reader(io.StringIO(s.client.get("/debrief/debrief.csv", headers=s.admin).text)))
        header, rows = table[0], {(r[0], r[1]): r for r in table[1:]}
        assert all(len(r) == len(header) for r in table)                # every row as wide as the header
        how = header.index("how")
        assert rows["1", "us"][2] == "ai" and rows["1", "us"][header.index("file")]   # Ann's game counts
        assert rows["1", "ru"][2] == "AI (seat not taken)" and "AI played it" in rows["1", "ru"][how]
        assert rows["2", "us"][2] == rows["2", "ru"][2] == "not played"
        assert "missing" not in {r[2] for r in table[1:]}
        grades = s.client.get("/debrief/grades.csv", headers=s.admin).text.splitlines()
        assert len(grades) == 2 and grades[1].startswith("1,us,Ann,0.") and grades[1].endswith(".json,")
        page = s.client.get("/debrief/debrief.html", headers=s.admin).text
        assert "no result yet" not in page
        assert "played by the AI (seat not taken): table 1: Russian delegation (Foreign Ministry)" in page
        assert "not played (nobody joined): table 2." in page
        checks = s.client.get("/debrief/checks.html", headers=s.admin).text
        assert "MISSING" not in checks and "no result yet" not in checks
        assert "<td>AI (seat not taken)</td>" in checks and "<td>not played</td>" in checks
        assert "AI preview" not in checks


def test_file_mode_still_names_a_missing_seat() -> None:
    """Without the server's knowledge (``classroom debrief``), a seat without a result is missing."""
    from game.classroom.tally import MISSING, Absences, Seat
    assert Absences().of(Seat(1, "ru", None, (), "")) is MISSING
    assert Absences(ai=frozenset({(1, "ru")})).of(Seat(1, "ru", None, (), "")).label == "AI (seat not taken)"
