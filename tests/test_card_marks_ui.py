"""The event card marks a change by what it does for the player, not by the number's sign (newcomer trial:
"▲ Your government's bar for approval at home: 0.60 → 0.62" read as good news)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scenario.loader import load_scenario
from game.session.effects import CardLine
from game.session.game import GameSession
from game.ui.card_marks import good_for_player
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app, open_table  # noqa: F401  (a fixture)
from tests.test_window_leftovers_ui import press

ROOSEVELT = SCENARIOS / "roosevelt_litvinov_1933.yaml"


def test_a_higher_bar_at_home_is_marked_as_bad_news(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    session = GameSession.new(load_scenario(ROOSEVELT), "us", 5, "boulware", schedule=(("catholic_opposition", 2),))
    table, driver = open_table(app, session)
    press(driver, "Propose")
    driver.settle()
    bar = next(line for line in table.card_lines() if "bar for approval at home" in line.text)
    assert bar.text.startswith("▼ ") and bar.colour == app.palette.bad, bar
    pygame.quit()


def test_which_way_is_good_follows_the_parameter_and_whose_it_is() -> None:
    s = load_scenario(ROOSEVELT)

    def good(parameter: str, up: bool | None, viewer: str = "us") -> bool | None:
        return good_for_player(s, viewer, CardLine("", parameter, up))
    assert good("us.domestic_threshold", True) is False and good("ussr.domestic_threshold", False) is True
    assert good("forms.treaty.revocation", True) is False
    assert good("baskets.subversion.detection", True) is True and good("baskets.subversion.attribution", False) is False
    assert good("us.reservation", True) is True and good("ussr.reservation", True) is False
    assert good("ussr.reservation", True, "ussr") is True
    assert good("us.weights.worship", True) is None and good("us.domestic_threshold", None) is None
    # a halved chance of going ahead with any deal (an election window, rule 10) hurts a deal, whoever's it is
    assert good("us.acceptance", False) is False and good("ussr.acceptance", False, "us") is False
