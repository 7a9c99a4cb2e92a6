"""The aftermath a seat is sent when its game is over: after no deal, no deal's value alone; after a
deal, its figures, each explained in the words the terminal and the window use
(game.session.views.measures), "as kept" among them."""

from __future__ import annotations

import json
from pathlib import Path

from game.session.views import measures
from tests.webclient import make_class, receive, served, size, until, until_over


def test_after_no_deal_the_aftermath_shows_what_no_deal_is_worth_and_nothing_as_kept(tmp_path: Path) -> None:
    with served(make_class(tmp_path)) as s:
        s.login()
        us = s.join("Ann", 1, "us")
        assert s.act("start").status_code == 200
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            assert receive(a)["game"]["your_turn"]
            a.send_text(json.dumps({"type": "move", "action": "walk"}))
            after = until_over(a)["aftermath"]
    assert after["agreement"] is None and after["ending"] == "no deal (you walked away)"
    yours = after["yours"]
    assert yours["paper"] is None and yours["as_kept"] is None and yours["band"] is None
    assert isinstance(yours["no_deal"], float)
    assert after["measures"] == [list(measures()[0])] and after["measures"][0][0] == "no deal"


def test_after_a_deal_as_kept_is_explained_in_the_shared_words(tmp_path: Path) -> None:
    with served(make_class(tmp_path)) as s:
        s.login()
        us, ru = s.join("Ann", 1, "us"), s.join("Bo", 1, "ru")
        assert s.act("start").status_code == 200
        with s.client.websocket_connect("/ws/seat", headers=us) as a, \
                s.client.websocket_connect("/ws/seat", headers=ru) as b:
            first = receive(a)
            receive(b)
            mover, other = (a, b) if first["game"]["your_turn"] else (b, a)
            mover.send_text(json.dumps({"type": "move", "action": "offer", "outcome": [1] * size(s.classroom)}))
            until(mover, "ack")
            until(other, "state")
            other.send_text(json.dumps({"type": "move", "action": "accept"}))
            until(other, "ack")
            over = until_over(other)
            after = over["aftermath"]
        state = s.classroom.tables[1].state
    # a scenario without phases: its one phase is "The talks", not the scenario's title
    phase_lines = [text for kind, text, _ in over["log"] if kind == "phase"]
    assert phase_lines == ["The talks end: agreement."], phase_lines
    assert after["agreement"] and after["ending"] == "agreement"
    simulated = state.compliance.simulations if state.compliance is not None else 0
    words = dict(measures(simulated))
    shown = dict(after["measures"])
    assert set(shown) == {"no deal", "on paper", "as kept", "honoured by the other side"}
    assert all(shown[label] == words[label] for label in shown)                  # the same words, not a copy
    assert "average yearly value" in shown["as kept"]
    yours = after["yours"]
    if after["in_force"]:
        assert isinstance(yours["as_kept"], float) and len(yours["band"]) == 2
    else:
        assert yours["as_kept"] is None


def test_the_figures_sent_to_the_page_are_not_rounded_twice() -> None:
    """Instructor trial: paper 0.7946 was sent as 0.795, so the page said 0.80 beside the debrief's 0.79."""
    from game.scenario.loader import load_scenario
    from game.strategies.registry import make
    from game.strategies.runner import play
    from game.web.seatview import aftermath_payload
    from tests.conftest import SCENARIOS
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    for seed in range(10):
        state = play(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
        after = aftermath_payload(state, "us")
        if after is not None and after["yours"] is not None and after["yours"]["paper"] is not None:
            from game.engine.result import game_result
            mine = next(p for p in game_result(state).principals if p.party == "us")
            assert f"{after['yours']['paper']:.2f}" == f"{mine.paper:.2f}"
            assert abs(after["yours"]["paper"] - mine.paper) < 1e-6
            return
    raise AssertionError("no deal in 10 games")
