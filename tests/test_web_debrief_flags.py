"""The class server's debrief (written when the instructor ends the talks) flags what ``classroom debrief``
flags: a result edited and signed again, even when the genuine copy of its game was read first and the
edited one is only a duplicate, counted once (the server flagged the results it accepted alone)."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from game.classroom.folder import open_session
from tests.test_classroom_forgery import play, resign
from tests.webclient import make_class, served


def test_the_servers_debrief_flags_an_edited_duplicate_as_classroom_debrief_does(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    session = open_session(root)
    genuine = play(session, 2, "us", tmp_path)                # a student's game from their seat folder...
    record = json.loads(genuine.read_text())
    record["in_force"] = not record["in_force"]
    record["principals"]["united_states"]["paper"] = 0.99
    results = session.results_dir()
    results.mkdir(parents=True, exist_ok=True)
    shutil.copy(genuine, results / genuine.name)              # ...handed in, and an edited copy after it
    resign(session, 2, record, results / "zz-edited.json")
    assert sorted(p.name for p in results.glob("*.json"))[-1] == "zz-edited.json"     # read second: a duplicate
    with served(root) as s:
        s.login()
        assert s.act("start").status_code == 200
        assert s.act("end").status_code == 200
    checks = html.unescape((root / "debrief" / "checks.html").read_text())
    flags = checks[checks.index("Look at these (flags)"):]
    assert "zz-edited.json (edited: see the flags)" in checks
    assert "zz-edited.json" in flags[:flags.index("</table>")] and "principals.united_states.paper" in flags
