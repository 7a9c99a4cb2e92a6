"""Window follow-ups of the newcomer trial at 1024x640 in large text: the baskets' rows the focus reaches are
scrolled into view, whatever moved the focus there."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (a fixture)


def large_table(data_home: Path, scenario: str, side: str) -> tuple[TableScene, Driver]:  # noqa: F811
    app = make_app(data_home, (1024, 640), "large")
    session = GameSession.new(load_scenario(SCENARIOS / scenario), side, 5, "conceder")
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    return table, driver


def test_the_focus_on_a_hidden_basket_row_scrolls_it_into_view(data_home: Path) -> None:  # noqa: F811
    """Ten rows, five in view: the focus put on the last row's option (as after a move, or a hand-over) or on a
    hidden row's lock showed a ring outside the list, the row out of sight; now the whole row scrolls into view."""
    table, driver = large_table(data_home, "code_of_conduct_2019.yaml", "us_experts")
    assert table.lock_buttons, "a table in parallel lanes: each basket has its lock"
    view = table.scroller.rect
    for element in (table.option_buttons[-1], table.lock_buttons[0], table.lock_buttons[-1],
                    table.option_buttons[2]):
        table.focus.focus(element)
        driver.frames(2)
        assert view.contains(element.rect), (table.option_buttons.index(element) if element in table.option_buttons else "lock", element.rect, view)
    driver.key(pygame.K_TAB)                          # Tab from the last lock goes on and stays in view
    driver.frames(2)
    current = table.focus.current
    assert current is not None and view.contains(current.element.rect)
