"""The load-a-saved-game list says how far each game went in the players' terms (newcomer trial h6: it said
"5 moves" after one offer each, counting the chance moves that open rounds)."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.engine.actions import Offer, Perceive, RoundStart
from game.scenario.loader import load_scenario
from game.ui.scenes.menus import LoadScene, progress
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_table_ui import NARROW, table_for
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401


def test_a_saved_game_after_one_offer_each_reads_round_2_of_10(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12)
    driver = Driver(app)
    driver.press(next(b for b in table.elements if isinstance(b, UIButton) and b.text == "Propose"))
    driver.frames(2)
    assert [type(a) for a in table.session.state.history[-3:]] == [Offer, Offer, RoundStart]   # one offer each
    rounds = table.session.scenario.protocol.rounds
    OPEN.remove(table.session)
    table.session.close()
    games = LoadScene.saved_games()
    assert len(games) == 1
    assert f"(round 2 of {rounds}, " in games[0][1] and "moves" not in games[0][1], games[0][1]
    pygame.quit()


def test_talks_in_phases_count_the_delegations_moves_only() -> None:
    scenario = next(s for s in (load_scenario(p) for p in sorted(SCENARIOS.glob("*.yaml"))) if s.phases)
    offer = Offer("us", (0,) * (len(scenario.baskets) + 1))
    assert progress([Perceive(()), RoundStart(()), offer, offer, RoundStart(())], scenario) == "2 moves"
    assert progress([Perceive(()), RoundStart(()), offer], scenario) == "1 move"
    assert progress([Perceive(()), RoundStart(())], None) == "0 moves"
