"""Newcomer trial: after pressing Accept the header said "the other side is answering…" for a few seconds
before "Deal struck"; while an accepted deal is drawn up it says so."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.actions import Accept
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from tests.test_ui import NARROW, data_home, make_app, open_table  # noqa: F401  (a fixture)
from tests.test_window_leftovers_ui import press


def test_the_header_says_you_accept_while_the_deal_is_drawn_up(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 5, "boulware")   # answers with a counter-offer
    table, driver = open_table(app, session)
    press(driver, "Propose")
    driver.settle()
    assert session.state.standing is not None and session.state.standing.party != "us"
    table.submit(Accept("us"))                  # as Yes in the dialog does; the header before the move is done
    assert "accepting their offer" in table.header.text and "answering" not in table.header.text, table.header.text
    driver.settle()
    pygame.quit()
