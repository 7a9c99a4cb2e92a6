"""Right after *End the talks*, a table still giving its final response has no result yet: the debrief the
server writes at once says so of its seats ("still giving its final response"), in checks.html and in a
note of grades.csv, rather than "MISSING — no result was handed in" and a blank row (instructor trial)."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.webclient import facing_the_ai, make_class, served


def test_a_table_still_giving_its_final_response_is_pending_not_missing(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        tg = facing_the_ai(s)                                             # Ann owes an answer
        assert s.act("end").status_code == 200
        assert tg.game is not None and tg.final                           # still giving its final response
        checks = (root / "debrief" / "checks.html").read_text(encoding="utf-8")
        assert "MISSING" not in checks and "no result was handed in" not in checks
        assert "still giving its final response" in checks
        with (root / "debrief" / "grades.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        ann = next(r for r in rows if r["name"] == "Ann")
        assert ann["score"] == "" and "still giving its final response" in ann["note"], ann
