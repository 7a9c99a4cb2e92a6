"""A non-binding table (a plan) in the window: their offer gives no chance of approval at home, and the
meter's line keeps one form from round to round (newcomer trial: "0% approval at home if it were signed (a
plan: no vote)"; "If signed, the United States would approve: 15%" then "If it were signed: at home, …")."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scenario.loader import load_scenario
from game.session.audience import VetoPlayer
from game.session.game import GameSession
from game.ui.meter import player_line
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app, open_table  # noqa: F401  (a fixture)
from tests.test_window_leftovers_ui import press


def test_their_offer_at_a_plan_table_gives_no_chance_of_approval(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 5, "boulware")
    table, driver = open_table(app, session)
    press(driver, "Propose")
    driver.settle()
    state = session.state
    assert not state.protocol.binding and state.standing is not None and state.standing.party != "us_experts"
    text = " ".join(line.text for line in table.offer_lines())
    assert "approval" not in text and "if it were signed" not in text, text
    assert "a plan: nothing is voted at home" in text
    pygame.quit()


def test_the_meter_line_at_a_plan_table_keeps_its_words_whatever_the_trend() -> None:
    pygame.font.init()
    font = pygame.font.Font(None, 28)
    player = VetoPlayer("the United States", "us", "us", 0.5, 0.5, 0.15, False)
    for width in range(320, 700, 20):
        first = player_line(font, player, 0.15, None, width, voted=False)
        later = player_line(font, player, 0.15, 0.05, width, voted=False)
        assert later.startswith(first) and font.size(later)[0] <= width, (width, first, later)
