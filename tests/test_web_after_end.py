"""After the instructor ends the talks: the actions that act on them are refused with a reason, the
dashboard disables them and says why, and the timer stops (and a reload shows the timer that was set)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from game.session.game import GameSession
from tests.webclient import facing_the_ai, make_class, served

REFUSED: dict[str, dict[str, Any]] = {"pause": {}, "resume": {}, "timer": {"minutes": 10}, "end": {},
                                      "inject": {"event": "", "table": None}}


def test_after_the_end_pause_timer_inject_and_end_are_refused_with_a_reason(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.start_class({"us": "Ann"})
        assert s.act("timer", {"minutes": 45}).status_code == 200
        assert s.act("end").status_code == 200
        event = s.classroom.session.scenario.events[0].id
        for action, body in REFUSED.items():
            r = s.act(action, {**body, "event": event} if action == "inject" else body)
            assert r.status_code == 409, (action, r.text)
            assert r.json()["error"].startswith("The talks have ended: "), action
        assert s.classroom.ended and not s.classroom.paused
        assert s.act("start").json()["error"].startswith("The talks have ended: ")


def test_the_talks_cannot_be_ended_before_the_class_starts(tmp_path: Path) -> None:
    """Security trial h90, finding 3: 'end' before 'start' returned 200 and ended the class, so that Start
    was refused for ever. It is refused with a reason, and the class starts and ends as usual after."""
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        refused = s.act("end")
        assert refused.status_code == 409
        assert refused.json()["error"] == "The class has not started: nothing to end."
        # nor paused, nor an event injected (instructor trial: "No table could take this event: ." and a
        # silent Pause all)
        for action, body in (("pause", None), ("inject", {"event": s.classroom.session.scenario.events[0].id,
                                                           "table": None})):
            refused = s.act(action, body)
            assert refused.status_code == 409 and refused.json()["error"].startswith("The class has not started: ")
            assert "no table is playing" in refused.json()["error"]
        assert not s.classroom.paused
        assert not s.classroom.ended
        s.join("Ann", 1, "us")
        assert s.act("start").status_code == 200
        assert s.classroom.started and s.act("end").status_code == 200


def test_ending_the_talks_waits_for_a_start_still_making_its_tables(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Start then End at once (the dashboard's two clicks) run in two worker threads: the end must not
    slip in before the start has made its tables, or a table plays on after the end."""
    import threading
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        s.join("Ann", 1, "us")
        c = s.classroom
        making = threading.Event()
        new_game = GameSession.new

        def slow_new(*args: Any, **kwargs: Any) -> GameSession:
            making.set()
            time.sleep(0.5)
            return new_game(*args, **kwargs)
        monkeypatch.setattr(GameSession, "new", slow_new)
        starter = threading.Thread(target=c.start)
        starter.start()
        assert making.wait(10)
        c.end_talks()
        starter.join(20)
        assert c.tables[1].final                       # the table made by the start gives its last answer


def test_the_dashboard_shows_the_timer_that_was_set_and_disables_what_no_longer_applies(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        page = s.client.get("/dashboard", headers=s.admin).text
        assert 'id="minutes" type="number" min="1" max="600" value="30"' in page       # the default
        assert s.act("timer", {"minutes": 45}).status_code == 200
        page = s.client.get("/dashboard", headers=s.admin).text                         # a reload
        assert 'value="45"' in page and 'value="30"' not in page
        assert 'id="ended-note"' in page and "no longer apply" in page
        # what the browser does with them: tests/test_web_browser_end.py


def test_a_final_response_owed_when_the_server_restarts_is_still_owed_and_a_counter_is_refused(tmp_path: Path) -> None:
    """Rule 16 is a move of the game, so a restart replays it: the student who faces an offer after the end still
    gives the final response (the old server made every such seat walk away as it reopened), and may not counter."""
    from game.engine.actions import Accept, Offer
    from game.web.tables import Classroom, ClassError
    root = make_class(tmp_path)
    with served(root) as s:
        facing_the_ai(s)
        assert s.act("end").status_code == 200
    again = Classroom(root)
    try:
        tg = again.tables[1]
        assert tg.game is not None and tg.game.to_move == "us" and tg.game.state.ended
        with pytest.raises(ClassError, match="only accept"):
            again.move(1, "us", Offer("us", tg.game.state.tables.problem.outcome_at(0)))   # type: ignore[union-attr]
        again.move(1, "us", Accept("us"))
        again.run_on(1)
        assert tg.state is not None and tg.state.results[-1].ended_by == "accepted"
    finally:
        again.close()
