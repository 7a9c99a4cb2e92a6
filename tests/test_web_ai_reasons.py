"""The phone page's move list gives the AI's reasons for its moves, as the terminal and the window do ("Why:
..."), and a server restarted on the table's log gives them again (player trial: a reloaded game lost them in
the window; the web front-end had never passed them to its log)."""

from __future__ import annotations

from pathlib import Path

from game.engine.actions import Message, MessageKind, Offer
from game.web.live import Hub
from tests.webclient import first_to_move, make_class, served


def test_the_ais_reasons_are_in_the_seats_move_list(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=1)
    with served(root) as s:
        tg, c = first_to_move(s), s.classroom
        assert tg.game is not None and tg.game.state.tables is not None
        c.move(1, "us", Offer("us", tg.game.state.tables.problem.outcome_at(0), Message(MessageKind.FINAL)))
        c.run_on(1)                                                  # the AI answers, with its reason
        whys = [m.why for m in tg.moments if m.why]
        assert whys, "the AI gave no reason for its move"
        hub = Hub(c)
        try:
            log = hub.seat_snapshot(1, "us")["log"]
            reasons = [text for kind, text, _ in log if kind == "why"]
            assert reasons and any(whys[0] in r for r in reasons), log
        finally:
            hub.pool.shutdown()
            hub.heavy.shutdown()
    with served(root) as again:                                      # the server restarted on the table's log
        tg = again.classroom.tables[1]
        assert [m.why for m in tg.moments if m.why] == whys
        hub = Hub(again.classroom)
        try:
            log = hub.seat_snapshot(1, "us")["log"]
            assert [text for kind, text, _ in log if kind == "why"] == reasons
        finally:
            hub.pool.shutdown()
            hub.heavy.shutdown()
