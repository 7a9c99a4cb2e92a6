"""The table's message button tells every message apart (newcomer trial h6: every red line on one basket read
"Red line: Hack-and-lea…" with Left/Right, whichever option it ruled out; only the full list said which)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.engine.actions import Message, MessageKind
from game.scenario.loader import load_scenario
from game.ui.message_label import message_label, short_name
from game.ui.scripted import Driver
from tests.test_table_ui import NARROW, table_for
from tests.test_ui import LADDER, data_home, make_app  # noqa: F401


def test_a_basket_is_named_by_the_fewest_words_no_other_basket_shares() -> None:
    names = ["Hack-and-leak by state agencies", "State-funded media", "State funding of parties and campaigns",
             "State funding of media"]
    assert [short_name(n, names) for n in names] == ["Hack-and-leak", "State-funded", "State funding of parties",
                                                     "State funding of media"]


def test_a_red_line_names_the_option_it_rules_out_before_anything_is_cut() -> None:
    scenario = load_scenario(NARROW)
    basket = scenario.baskets[0]
    message = Message(MessageKind.RED_LINE, basket.id, basket.options[4].id)
    full = f"Red line: {basket.name}: not '{basket.options[4].label}'"
    assert message_label(scenario, message, full, lambda text: True) == full
    assert message_label(scenario, message, full, lambda text: len(text) <= 50) == \
        "Red line: Hack-and-leak ≠ 5. Pledge + joint review"
    assert message_label(scenario, message, full, lambda text: len(text) <= 36) == "Red line: Hack-and-leak ≠ 5. Pledge…"


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
@pytest.mark.parametrize("text_size", ["normal", "large"])
@pytest.mark.parametrize("scenario", [NARROW, LADDER], ids=["narrow", "ladder"])
def test_left_and_right_show_a_different_message_each_time_and_each_fits(
        data_home: Path, size: tuple[int, int], text_size: str, scenario: Path) -> None:  # noqa: F811
    app = make_app(data_home, size, text_size)
    table = table_for(app, scenario, "us", 12)
    driver = Driver(app)
    driver.tab_to(table.message_button)
    button = table.message_button
    assert button.font is not None
    seen: dict[str, int] = {}
    skipped = table.unavailable()            # red lines on the draft's own options: the arrows pass them
    assert skipped
    for index in (i for i in range(len(table.messages())) if i not in skipped):
        assert table.message_index == index
        text = button.text
        assert button.font.size(text)[0] <= button.rect.width - 8, text
        assert text not in seen, (text, table.choices()[seen[text]][0], table.choices()[index][0])
        seen[text] = index
        message = table.messages()[index]
        if message is not None and message.kind is MessageKind.RED_LINE and message.option is not None:
            basket = table.view.scenario.basket(message.basket or "")
            assert f"{basket.option_index(message.option) + 1}." in text or text == table.choices()[index][0], text
        driver.key(pygame.K_RIGHT)
    assert table.message_index == 0
    for other in table.elements[table.elements.index(button) + 1:]:          # the buttons after it still fit
        if isinstance(other, UIButton) and other.text in ("Propose", "Accept", "Walk away", "Menu (Esc)"):
            assert other.font is not None and other.font.size(other.text)[0] <= other.rect.width - 8, other.text
    pygame.quit()
