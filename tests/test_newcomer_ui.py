"""What a newcomer found playing the window by keyboard (helper win13): the vote's lines, the
message button, the scenario picker, the debrief's wording of a deal never in force."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.session.views import ratification_line
from game.ui.scripted import Driver
from tests.test_table_ui import NARROW, table_for
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401


def test_the_vote_line_names_each_verdict_and_says_whether_the_agreement_enters_into_force() -> None:
    assert ratification_line((("russia", True), ("united_states", False))) == \
        "Russia approves; the United States refuses: the agreement does not enter into force."
    assert ratification_line((("united_states", True), ("russia", True))) == \
        "The United States approves; Russia approves: the agreement enters into force."


def test_the_message_button_names_the_red_lines_basket_and_cuts_it_to_fit(data_home: Path) -> None:  # noqa: F811
    from game.engine.actions import MessageKind
    app = make_app(data_home, (1024, 640), "large")
    table = table_for(app, NARROW, "us", 12)
    messages = table.messages()
    longest = max((i for i, m in enumerate(messages) if m is not None and m.kind is MessageKind.RED_LINE),
                  key=lambda i: len(table.choices()[i][0]))
    table.set_message(longest)
    Driver(app).frames(2)
    shown = table.message_button.text
    basket = table.view.scenario.basket(messages[longest].basket).name
    font = table.message_button.font
    assert shown.startswith("Red line: ") and "#" not in shown, shown
    assert font.size(shown)[0] <= table.message_button.rect.width - 8, shown
    assert shown in (table.choices()[longest][0], f"Red line: {basket}") or \
        (shown.endswith("…") and f"Red line: {basket}".startswith(shown[:-1])), shown
    pygame.quit()
