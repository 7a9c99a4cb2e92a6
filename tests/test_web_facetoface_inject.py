"""Face to face no game is played on the server, so no event can happen: the dashboard hides "Inject an event
now" (tests/test_web_browser_leftovers.py) and the server refuses an injection, saying why."""

from __future__ import annotations

from pathlib import Path

from tests.webclient import make_class, served


def test_an_injection_in_a_face_to_face_class_is_refused_saying_why(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        s.join("Ann", 1, "us")
        assert s.act("mode", {"mode": "face-to-face"}).status_code == 200
        event = s.classroom.session.scenario.events[0].id
        for started in (False, True):
            if started:
                assert s.act("start").status_code == 200
            for table in (None, 1):
                r = s.act("inject", {"event": event, "table": table})
                assert r.status_code == 409
                assert r.json()["error"] == ("This class negotiates face to face: no game is played here, so no "
                                             "event can happen.")
