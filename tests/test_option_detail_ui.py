"""The focused option's text and detection odds without a mouse (window trial: the README promises everything
by keyboard alone, but at the table an option's description and "Violations detected N% of the time" were only
in a tooltip the mouse opened, and F1 said "hover over an option"). The line under the baskets gives the focused
selector's option in the words of the terminal's ``options`` command (game.session.option_words)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.cli.typed import options_text
from game.scenario.loader import load_scenario
from game.session.option_words import option_words
from game.ui.scenes.menus import HELP
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from game.ui.textpanel import Line
from tests.test_table_ui import NARROW, table_for
from tests.test_ui import data_home, make_app  # noqa: F401  (data_home: a fixture)


def shown(table: TableScene) -> str:
    return " ".join(line.text for line in table.detail.lines)


def test_the_focused_selector_shows_its_option_and_detection_odds_under_the_baskets(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, text_size="large")
    table = table_for(app, NARROW, "us", 12)
    driver = Driver(app)
    s = table.view.scenario
    driver.tab_to(table.option_buttons[2])
    while not s.baskets[2].options[table.draft[2]].description:      # an option the scenario describes
        driver.key(pygame.K_LEFT)
    option = s.baskets[2].options[table.draft[2]]
    basket = s.baskets[2]
    said = shown(table)
    assert said == f"{table.draft[2] + 1}. {option_words(s, 2, table.draft[2]).sentence()}"
    assert option.description.rstrip(".") in said
    assert f"Violations detected {option.detection * basket.attribution:.0%} of the time" in said
    driver.key(pygame.K_RIGHT)                                      # another option: its words at once
    assert s.baskets[2].options[table.draft[2]].label in shown(table) and shown(table) != said
    driver.tab_to(table.option_buttons[len(s.baskets)])             # the form: its text, nothing to detect
    form = s.forms[table.draft[len(s.baskets)]]
    assert form.label in shown(table) and "detected" not in shown(table)
    driver.tab_to(table.message_button)                             # elsewhere: the last selector focused stays
    assert form.label in shown(table)
    pygame.quit()


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_the_detail_line_sits_between_the_baskets_and_the_buttons_and_holds_every_option(
        data_home: Path, text_size: str) -> None:  # noqa: F811
    app = make_app(data_home, text_size=text_size)
    table = table_for(app, NARROW, "us", 12)
    detail, baskets = table.detail.rect, table.scroller.get_abs_rect()
    assert baskets.bottom <= detail.top and detail.bottom < table.message_button.rect.top
    assert detail.left == baskets.left and detail.width == baskets.width
    s = table.view.scenario
    for issue, count in enumerate([len(b.options) for b in s.baskets] + [len(s.forms)]):
        for option in range(count):
            table.draft[issue] = option
            table.detail.set_lines([Line(table.detail_line(issue))])
            assert table.detail.limit() == 0, (issue, option, table.detail_line(issue))   # no scroll bar: it all shows
    pygame.quit()


def test_the_help_and_the_terminal_say_it_in_the_same_words() -> None:
    assert "hover over an option for its text" not in HELP
    assert "line under the baskets" in HELP and "detected" in HELP
    s = load_scenario(NARROW)
    listed = options_text(s, 0, None)
    for n, option in enumerate(s.baskets[0].options):
        words = option_words(s, 0, n)
        assert words.detected is not None and words.detected in listed and option.label in listed
    assert "detected" not in options_text(s, len(s.baskets), None)      # the forms: nothing to violate


def test_a_baskets_first_option_has_no_odds_to_give() -> None:
    """The first option of a basket commits nobody (rule 1: its gains and costs are over it), so nothing there
    can be violated and no detection odds are given for it; every other option gives its odds."""
    s = load_scenario(NARROW)
    first = option_words(s, 0, 0)
    assert first.detected == "Not a commitment: nothing to violate" and "%" not in first.sentence()
    assert all((option_words(s, 0, k).detected or "").startswith("Violations detected")
               for k in range(1, len(s.baskets[0].options)))
