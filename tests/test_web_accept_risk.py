"""Accepting on the student page asks through the terminal's check (game/session/risks.py): the seat that may
accept is sent, with the table, why accepting the offer on the table is risky (worth less than no deal, say)
and the question to ask, which the page's one step before accepting shows in place of its plain question
(tests/test_web_browser_leftovers.py); a safe offer sends nothing of the kind."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from game.engine.actions import Accept
from game.engine.state import State
from game.session.risks import risks
from game.session.views import value_of
from tests.webclient import make_class, served, until


def worst_and_best(state: State, role: str) -> tuple[list[int], list[int]]:
    """The packages worth least and most to ``role``'s government as its delegation sees them (expected value)."""
    assert state.tables is not None
    seen = state.tables.of(role).perceived
    worst, best = (list(state.tables.problem.outcome_at(int(pick(seen)))) for pick in (np.argmin, np.argmax))
    return worst, best


def test_the_seat_that_may_accept_is_told_why_accepting_is_risky_and_an_accept_asked_about_is_not_made(
        tmp_path: Path) -> None:
    with served(make_class(tmp_path, tables=1)) as s:
        cookies, mover, other = s.seated()
        tg = s.classroom.tables[1]
        worst, best = worst_and_best(tg.state, other)
        with s.client.websocket_connect("/ws/seat", headers=cookies[mover]) as m, \
                s.client.websocket_connect("/ws/seat", headers=cookies[other]) as o:
            until(m, "state")
            until(o, "state")
            m.send_text(json.dumps({"type": "move", "id": 1, "action": "offer", "outcome": worst}))
            until(m, "ack")
            state = until(o, "state")
            while not state["game"]["your_turn"]:
                state = until(o, "state")
            assert value_of(tg.state, other, tuple(worst)) < s.classroom.session.scenario.party(other).reservation
            risk = state["game"]["accept_risk"]
            expected = risks(tg.state, other, Accept(other))
            assert expected is not None and risk == {"reasons": expected[0], "question": "Accept it anyway?"}
            assert "less than no deal" in risk["reasons"][0]
            o.send_text(json.dumps({"type": "move", "id": 2, "action": "accept", "ask": True}))
            asked = until(o, "confirm")                                       # told, not made
            assert asked["ref"] == 2 and asked["reasons"] == risk["reasons"] and tg.state.standing is not None
            o.send_text(json.dumps({"type": "move", "id": 3, "action": "offer", "outcome": best}))
            until(o, "ack")
            state = until(m, "state")
            while not state["game"]["your_turn"]:
                state = until(m, "state")
            assert state["game"]["can"]["accept"]
            safe = risks(tg.state, mover, Accept(mover)) is None
            assert (state["game"]["accept_risk"] is None) is safe
            waiting = until(o, "state")
            assert waiting["game"]["accept_risk"] is None                      # not its turn: nothing to accept
