"""The move list gives an offer's worth to the seat's government as it was when made; after an event changed it,
the line says so with its worth now (instructor trial: "worth 0.350 to your government" in the move list while
the table said "Worth 0.399")."""

from __future__ import annotations

from pathlib import Path

from game.engine.actions import Offer
from game.session.views import value_of
from game.web.live import Hub
from tests.webclient import first_to_move, make_class, served


def test_an_offer_line_whose_worth_an_event_changed_says_when_made(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=1)
    with served(root) as s:
        tg, c = first_to_move(s), s.classroom
        assert tg.game is not None and tg.game.state.tables is not None
        mine = tg.game.state.tables.problem.outcome_at(0)
        assert c.move(1, "us", Offer("us", mine)) is True
        hub = Hub(c)
        try:
            before = [text for _, text, _ in hub.seat_snapshot(1, "us")["log"]]
            assert any(t.startswith("You offer a package worth") for t in before)
            assert not any("when made" in t for t in before)             # nothing has changed since
            made = f"{value_of(tg.state, 'us', mine):.3f}"
            c.run_on(1)                                                  # the AI answers; a round opens
            for event in c.session.scenario.events:                      # an event that changes the worth
                if f"{value_of(tg.state, 'us', mine):.3f}" != made or not event.effects:
                    continue
                assert s.act("inject", {"event": event.id, "table": 1}).status_code == 200
            now = f"{value_of(tg.state, 'us', mine):.3f}"
            assert now != made, "no event changed the offer's worth"
            after = [text for _, text, _ in hub.seat_snapshot(1, "us")["log"]]
            line = next(t for t in after if t.startswith("You offer a package worth"))
            assert f"worth {made} to your government when made ({now} now)" in line, line
        finally:
            hub.pool.shutdown()
            hub.heavy.shutdown()
