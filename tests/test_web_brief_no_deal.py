"""The page brief's no-deal figure after an event changed it (instructor trial): the page said "No deal is
worth 0.40 to your government (...; 40.0 points on the printed brief)" while the printed brief
(briefs/table-01-us.html) says 35.0 points. The printed figure is now the file's, the event's change said
apart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.scenario.loader import load_scenario
from game.web.seatview import brief_payload
from tests.webclient import NARROW, make_class, served, until

RAISERS = ("indictment", "hack_and_leak_scandal")     # narrow_deal_2020's events that raise us.reservation


def test_the_page_brief_gives_the_printed_briefs_no_deal_points_and_an_events_change_apart(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=1)
    with served(root) as s:
        us = s.start_class({"us": "Ann"})["us"]
        printed = s.classroom.session.scenario.party("us").reservation
        assert f"No deal is worth {100 * printed:.1f} points" in (root / "briefs" / "table-01-us.html").read_text()
        with s.client.websocket_connect("/ws/seat", headers=us) as a:
            first = until(a, "state")
            assert first["brief"]["no_deal"].startswith(f"No deal is worth {printed:.2f} ")
            assert "what happened" not in first["brief"]["no_deal"]
            assert any(s.act("inject", {"event": e, "table": 1}).status_code == 200 for e in RAISERS)
            tg = s.classroom.tables[1]
            now = tg.state.scenario.party("us").reservation
            assert now > printed
            state = until(a, "state")
            while not any("brought in by the instructor" in text for _, text, _ in state["log"]):
                state = until(a, "state")
            line = state["brief"]["no_deal"]
            assert line.startswith(f"No deal is worth {now:.2f} to your government"), line
            assert f"{100 * printed:.1f} points on the printed brief; what happened in the talks raised it to " \
                   f"{now:.2f})." in line, line
            assert f"{100 * now:.1f} points" not in line


def test_the_no_deal_line_says_a_lowered_value_and_none_when_unchanged() -> None:
    scenario = load_scenario(NARROW)
    ru = scenario.party("ru")
    lowered = dataclasses.replace(scenario, parties=tuple(
        dataclasses.replace(p, reservation=p.reservation - 0.1) if p.id == "ru" else p for p in scenario.parties))
    line = brief_payload(lowered, "ru", scenario)["no_deal"]
    assert f"{100 * ru.reservation:.1f} points on the printed brief; what happened in the talks lowered it to " \
           f"{ru.reservation - 0.1:.2f})." in line
    assert brief_payload(scenario, "ru")["no_deal"] == \
        f"No deal is worth {ru.reservation:.2f} to your government (0 = worst deal, 1 = best; " \
        f"{100 * ru.reservation:.1f} points on the printed brief)."
