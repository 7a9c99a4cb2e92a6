"""A student who comes back to their seat under another name after the start (instructor trial: "Dmitri D"
instead of "Dmitri Dorokhov-Vasilievsky" renamed the seat in the dashboard and grades.csv): the seat keeps
its first name for grading, and the dashboard and grades.csv show the new name beside it. Before the start a
re-claim still replaces the name (a typo corrected)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from game.web.export import export_debrief
from game.web.summary import table_summary
from tests.webclient import make_class, served

LONG, SHORT = "Dmitri Dorokhov-Vasilievsky", "Dmitri D"


def test_a_seat_claimed_again_under_another_name_keeps_its_first_name(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.join("Bo typo", 1, "ru")
        cookies = s.start_class({"us": "Ann", "ru": LONG})       # before the start: the name is replaced
        assert cookies and s.classroom.names()[(1, "ru")] == LONG
        assert table_summary(s.classroom, 1)["rejoined_as"] == {}
        s.join(SHORT, 1, "ru")                                    # back after the start, another name
        s.join("Ann", 1, "us")                                    # back under the same name: nothing to show
        assert s.classroom.names()[(1, "ru")] == LONG
        line = table_summary(s.classroom, 1)
        assert line["seats"]["ru"] == LONG and line["rejoined_as"] == {"ru": SHORT}
        s.join("D. D.", 1, "ru")                                  # the first name stays the first
        assert s.classroom.names()[(1, "ru")] == LONG
        assert s.act("end").status_code == 200
        export_debrief(s.classroom)
        grades = {r["role"]: r for r in csv.DictReader(io.StringIO(
            s.client.get("/debrief/grades.csv", headers=s.admin).text))}
        assert grades["ru"]["name"] == LONG and "rejoined under another name: D. D." in grades["ru"]["note"]
        assert grades["us"]["name"] == "Ann" and "rejoined" not in grades["us"]["note"]
