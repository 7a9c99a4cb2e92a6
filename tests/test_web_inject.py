"""The instructor injects an event now: it is one move of each game's own log (with its effects before
-> after), the seats see its card, the result still passes the checks, and nobody else can inject."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import open_session, session_key
from game.classroom.results import signed
from game.web.summary import table_summary
from tests.webclient import make_class, served, size, until, until_over


def _log_lines(root: Path, table: int) -> list[dict[str, object]]:
    path = root / "server" / "games" / f"table-{table:02d}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _action(line: dict[str, object]) -> dict[str, object]:
    """The move a log line records ({} for a line that records none)."""
    action = line.get("action", {})
    assert isinstance(action, dict)
    return action


def test_an_injected_event_is_logged_shown_with_before_and_after_and_verified(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=2)
    with served(root) as s:
        us, ru = s.join("Ann", 1, "us"), s.join("Bo", 1, "ru")
        s.login()
        assert s.act("start").status_code == 200
        events = [e for e in s.classroom.session.scenario.events if e.effects]
        # a student (or anyone without the instructor's cookie) cannot inject
        for headers in (us, {}):
            r = s.client.post("/api/admin/inject", headers=headers, json={"event": events[0].id, "table": 1})
            assert r.status_code == 403
        assert not any(_action(line).get("kind") == "inject" for line in _log_lines(root, 1))
        assert s.act("inject", {"event": "no-such-event", "table": 1}).status_code == 409
        assert s.act("inject", {"event": events[0].id, "table": "1"}).status_code == 400
        with s.client.websocket_connect("/ws/seat", headers=us) as a, \
                s.client.websocket_connect("/ws/seat", headers=ru) as b:
            until(a, "state")
            until(b, "state")
            answer = None
            for event in events:                            # the first one this phase allows
                r = s.act("inject", {"event": event.id, "table": None})
                if r.status_code == 200:
                    answer = r.json()
                    break
            assert answer is not None, "no event could be injected"
            assert answer["injected"] == [1] and answer["skipped"] == {}   # table 2 was never started
            injected = [line for line in _log_lines(root, 1) if _action(line).get("kind") == "inject"]
            assert len(injected) == 1 and _action(injected[0])["events"] == [event.id]
            deltas = injected[0]["deltas"]
            assert isinstance(deltas, list)
            assert deltas and all(d["source"] == event.id for d in deltas)
            state = until(a, "state")
            card = next(c for c in state["cards"] if c["title"] == event.text)
            assert card["lines"] and all("→" in line for line in card["lines"])
            assert any("brought in by the instructor" in text for _, text, _ in state["log"])
            # play on to the end: offer, accept
            first = until(b, "state")
            mover, other = (a, b) if state["game"]["your_turn"] else (b, a)
            assert first["game"]["your_turn"] != state["game"]["your_turn"]
            mover.send_text(json.dumps({"type": "move", "id": 1, "action": "offer", "outcome": [1] * size(s.classroom)}))
            until(mover, "ack")
            until(other, "state")
            other.send_text(json.dumps({"type": "move", "id": 2, "action": "accept"}))
            until(other, "ack")
            until_over(other)
        assert s.act("end").status_code == 200
    session = open_session(root)
    files = sorted((root / "results").glob("*.json"))
    accepted, rejected, _ = read_results(session, session_key(session), files)
    assert not rejected and len(accepted) == 1
    assert any(e == event.id for _, _, e in accepted[0].state.fired)
    # the seal is the instructor's: students holding their seats' keys who re-seal an injection (or add
    # one) and sign the result again are still rejected
    record = json.loads(files[0].read_text())
    for move in record["moves"]:
        if move["kind"] == "inject":
            move["seal"] = "0" * 64
    record.pop("signatures")
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(signed(session, record)))
    _, rejected, _ = read_results(session, session_key(session), [forged])
    assert rejected and "seal" in rejected[0].reason


def test_a_table_frozen_by_an_event_says_so_not_round_0_of_0(tmp_path: Path) -> None:
    """Instructor trial: after 'A poisoning abroad freezes the talks' the student's page, the dashboard and the
    projector said 'round 0 of 0' / '· 0'."""
    root = make_class(tmp_path, tables=1)
    with served(root) as s:
        us = s.join("Ann", 1, "us")
        s.join("Bo", 1, "ru")
        s.login()
        assert s.act("start").status_code == 200
        assert s.act("inject", {"event": "shock", "table": 1}).status_code == 200
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            game = until(a, "state")["game"]
        assert game["round_text"].startswith("frozen ") and "of 0" not in game["round_text"]
        assert str(table_summary(s.classroom, 1)["round"]).startswith("frozen ")


def test_an_event_that_cannot_happen_at_a_table_says_so_in_the_scenarios_words(tmp_path: Path) -> None:
    """Instructor trial: 'skipped table 2: event 'shock' cannot fire in phase 'track15_definitions''."""
    from tests.conftest import SCENARIOS
    root = make_class(tmp_path, tables=1, scenario=SCENARIOS / "narrow_deal_2020_definitions.yaml")
    with served(root) as s:
        s.join("Ann", 1, "us_experts")
        s.login()
        assert s.act("start").status_code == 200
        r = s.act("inject", {"event": "shock", "table": 1})
        assert r.status_code == 409
        said = r.json()["error"]
        assert "'A poisoning abroad freezes the talks.' cannot happen at 'Track 1.5: what counts as interference'" in said
        assert "shock" not in said and "track15_definitions" not in said
