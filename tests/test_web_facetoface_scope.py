"""Face to face with a definitions table (narrow_deal_2020_definitions): the first, Track 1.5 table bargains
over the scope ladder, so its entry is one rung (then the terms); the official table's entry keeps each
basket that scope leaves out at its first option. The class server's form and check read this from the
command line's own rules (game.classroom.play.entry_scenario, entry_locks), and every role's entry is
matched the same way whether it comes from a device or from ``classroom enter --side``."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from game.classroom.checks import read_results
from game.classroom.folder import SessionError, create_session, open_session, session_key
from game.classroom.play import enter_deal, parse_entry
from tests.conftest import SCENARIOS
from tests.webclient import make_class, receive, served, until

DEFINITIONS = SCENARIOS / "narrow_deal_2020_definitions.yaml"


def test_a_definitions_table_is_entered_as_its_scope_rung_and_the_next_as_the_baskets_in_play(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=1, scenario=DEFINITIONS)
    with served(root) as s:
        s.login()
        session = s.classroom.session
        baskets = [b.id for b in session.scenario.baskets]
        cookies = {r: s.join(f"Student {r}", 1, r) for r in session.roles}
        assert s.act("mode", {"mode": "face-to-face"}).status_code == 200
        assert s.act("start").status_code == 200
        narrow = session.scenario.phases[0].scope
        assert narrow is not None
        out = [i for i, b in enumerate(baskets) if b not in narrow.rungs[0].baskets]      # left out by rung 1
        assert out, "the narrowest rung leaves some basket out"
        official = [0 if i in out else 1 for i in range(len(baskets))] + [0]
        with ExitStack() as stack:
            seats = {r: stack.enter_context(s.client.websocket_connect("/ws/seat", headers=c))
                     for r, c in cookies.items()}
            first = receive(seats["us"])["face_to_face"]
            scope, talks = first["tables"]
            assert scope["name"] == first["phases"][0] and [len(b["options"]) for b in scope["baskets"]] == \
                [len(narrow.rungs)] and len(scope["forms"]) == 1 and scope["locks"] is None
            assert [b["name"] for b in talks["baskets"]] == [b.name for b in session.scenario.baskets]
            locks = talks["locks"]["by_rung"][0]
            assert [i for i, lock in enumerate(locks) if lock >= 0] == out and set(locks[i] for i in out) == {0}
            assert talks["locks"]["no_deal"] == talks["locks"]["by_rung"][narrow.rung_index(narrow.default)]
            us = seats["us"]
            us.send_text(json.dumps({"type": "entry", "deals": [[1] * (len(baskets) + 1), official]}))
            assert "option number per basket" in until(us, "error")["error"]      # the baskets: not this table's
            wrong = list(official)
            wrong[out[0]] = 1
            us.send_text(json.dumps({"type": "entry", "deals": [[0, 0], wrong]}))
            error = until(us, "error")["error"]
            assert "outside the scope agreed at" in error and session.scenario.baskets[out[0]].name in error
            for role, ws in seats.items():
                ws.send_text(json.dumps({"type": "entry", "deals": [[0, 0], official]}))
                message = until(ws, "ack")["message"]
            assert "Every role's entry matches" in message
    session = open_session(root)
    accepted, rejected, _ = read_results(session, session_key(session), sorted((root / "results").glob("*.json")))
    assert not rejected and [a.mode for a in accepted] == ["face-to-face"]
    assert [r.agreement for r in accepted[0].state.results] == [(0, 0), tuple(official)]


def test_classroom_enter_side_matches_the_roles_entries_of_a_definitions_table(tmp_path: Path) -> None:
    """``classroom enter --side``: each role's entry of the scope rung was read back against every basket,
    so the second role's entry called the first's 'malformed'."""
    session = create_session(DEFINITIONS, 1, tmp_path / "class", seed=2)
    entry = parse_entry(session, ["1,1", "1,1,1,1,1,1,1"])
    for role in session.roles:
        message, result = enter_deal(session, 1, role, entry)
    assert "Every role's entry matches" in message and result is not None
    with pytest.raises(SessionError, match="outside the scope agreed at"):
        parse_entry(session, ["1,1", "1,1,2,1,1,1,1"])       # cyber-attacks on infrastructure: out of scope


def test_classroom_enter_asks_only_for_the_baskets_the_agreed_scope_leaves_in_play(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Asked interactively, the scope table takes one rung; the official table then asks for the baskets in
    play only and prints the others at their locked option."""
    from game.cli.classroom_cmd import ask_entry
    session = create_session(DEFINITIONS, 1, tmp_path / "class", seed=2)
    answers = iter(["y", "1", "1", "y", "2", "2", "2", "2", "1"])      # rung 1 covers four baskets
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    texts = ask_entry(session)
    assert texts == ["1,1", "2,2,1,1,2,2,1"]
    assert "(outside the agreed scope)" in capsys.readouterr().out
    assert parse_entry(session, texts)[1] == (1, 1, 0, 0, 1, 1, 0)
