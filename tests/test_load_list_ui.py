"""The load-a-saved-game list says how far each game went in the players' terms (newcomer trial h6: it said
"5 moves" after one offer each, counting the chance moves that open rounds), and every row reads whole at
1024x640 in large text (it was cut at the date: "(round 1 of 10, 29 …")."""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.engine.actions import Offer, Perceive, RoundStart
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.menus import LoadScene, progress
from game.ui.scenes.title import TitleScene
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
    assert games[0][2].startswith(f"round 2 of {rounds} · ") and "moves" not in games[0][2], games[0][2]
    pygame.quit()


def test_talks_in_phases_count_the_delegations_moves_only() -> None:
    scenario = next(s for s in (load_scenario(p) for p in sorted(SCENARIOS.glob("*.yaml"))) if s.phases)
    offer = Offer("us", (0,) * (len(scenario.baskets) + 1))
    assert progress([Perceive(()), RoundStart(()), offer, offer, RoundStart(())], scenario) == "2 moves"
    assert progress([Perceive(()), RoundStart(()), offer], scenario) == "1 move"
    assert progress([Perceive(()), RoundStart(())], None) == "0 moves"


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_every_row_of_the_load_list_reads_whole(data_home: Path, text_size: str) -> None:  # noqa: F811
    """The longest scenario title and delegation names shipped, in large text at 1024x640: each row names the
    scenario, the side, the round and the date, none of them cut and each within its element."""
    played = [("code_of_conduct_2019.yaml", "us_experts"), ("code_of_conduct_2019.yaml", "ru"),
              ("ict_guarantees_2020.yaml", "us"), ("narrow_deal_2020.yaml", "ru")]
    wanted = {}
    for name, side in played:
        scenario = load_scenario(SCENARIOS / name)
        session = GameSession.new(scenario, side, 3, "boulware")
        session.close()
        wanted[str(session.log.path)] = (scenario, side, session.state.history)
    app = make_app(data_home, (1024, 640), text_size)
    app.reset(TitleScene(app))
    load = LoadScene(app)
    app.push(load)
    app.frame(0.016)
    rows: list[UIButton] = [b for b in load.elements if isinstance(b, UIButton) and b.tool_tip_text in wanted]
    assert len(rows) == len(played)
    labels: list[UILabel] = [e for e in load.elements if isinstance(e, UILabel) and e is not load.hint]
    for row in rows:
        path = row.tool_tip_text                          # a saved game's row: its log's path
        assert path is not None
        scenario, side, history = wanted[path]
        saved = time.strftime("%d %b %H:%M", time.localtime(Path(path).stat().st_mtime))
        under = [e for e in labels if row.rect.left <= e.rect.centerx <= row.rect.right
                 and row.rect.bottom <= e.rect.top < row.rect.bottom + 8]
        shown: list[UIButton | UILabel] = [row, *under]
        for element in shown:
            assert "…" not in element.text and element.font is not None, element.text
            assert element.font.size(element.text)[0] <= element.rect.width - 8, (text_size, element.text)
        text = " ".join(element.text for element in shown)
        for part in (scenario.title, scenario.party(side).name, progress(list(history), scenario), saved):
            assert part in text, (text_size, part, text)
    pygame.quit()
