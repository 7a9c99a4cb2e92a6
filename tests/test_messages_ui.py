"""Messages at the window and the terminal (issue 13 item 15 and the playtest's open defects): the named
message picker by keyboard and by mouse, the AI's reasons in the log, personas described in the side
picker, the focus after a final offer, the frozen talks' header, the meter's trend line, and the
terminal's option and message lists and its input errors in display names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.scenario.loader import load_scenario
from game.ui.meter import player_line, value_line
from game.ui.scenes.message_picker import MessagePickerScene
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from tests.conftest import ROOT, SCENARIOS
from tests.test_table_ui import logged_offers, table_for
from tests.test_ui import data_home, make_app  # noqa: F401

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def propose_button(table: TableScene) -> UIButton:
    return next(b for b in table.elements if isinstance(b, UIButton) and b.text == "Propose")


@pytest.mark.parametrize("mouse", [False, True], ids=["keyboard", "mouse"])
def test_the_named_picker_chooses_a_red_line_directly(data_home: Path, mouse: bool) -> None:  # noqa: F811
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12, opponent="modeller")
    driver = Driver(app)
    scenario = table.view.scenario
    basket = scenario.baskets[0]
    ruled_out = next(i for i in range(len(basket.options)) if i != table.draft[0])
    wanted = f"Red line: {basket.name}: not '{basket.options[ruled_out].label}'"
    if mouse:
        driver.click(table.message_button)
    else:
        driver.press(table.message_button)
    picker = app.top
    assert isinstance(picker, MessagePickerScene)
    assert wanted in picker.names
    row = picker.rows[picker.names.index(wanted)]
    if mouse:
        picker.focus.focus(row)
        picker.scroll_to_focus()
        driver.frames(2)
        driver.click(row)
    else:
        for _ in range(picker.names.index(wanted)):
            driver.key(pygame.K_DOWN)
        assert picker.focus.current is not None and picker.focus.current.element is row
        driver.key(pygame.K_RETURN)
    assert app.top is table
    shown = table.message_button.text            # the basket's first words and the option's number and label
    assert shown.startswith(f"Red line: {basket.name[:4]}") and "#" not in shown, shown
    assert shown == wanted or f"≠ {ruled_out + 1}. {basket.options[ruled_out].label[:4]}" in shown, shown
    driver.press(propose_button(table))
    sent = logged_offers(table.session, "us")[-1]["message"]
    assert sent == {"kind": "red_line", "basket": basket.id, "option": basket.options[ruled_out].id}
    assert any(text.startswith("  Why: ") and "red line" in text for text in table.log), table.log[-4:]
    pygame.quit()


def test_focus_stays_on_propose_after_a_final_offer(data_home: Path) -> None:  # noqa: F811
    """Playtest: after a 'Final offer' went out, the focus landed on Walk away (the controls were disabled
    while the AI answered, and the ring moved past them)."""
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12, opponent="modeller")
    driver = Driver(app)
    driver.tab_to(table.message_button)
    driver.key(pygame.K_RIGHT)
    assert table.message_button.text == "Final offer"
    driver.press(propose_button(table))
    current = table.focus.current
    assert current is not None
    focused = current.element
    assert focused is propose_button(table), focused.text if isinstance(focused, UIButton) else focused
    pygame.quit()


def test_the_side_picker_names_and_describes_the_opponent(data_home: Path) -> None:  # noqa: F811
    from game.strategies.registry import DESCRIPTIONS
    from game.ui.scenes.picker import SideScene
    app = make_app(data_home)
    scene = SideScene(app, load_scenario(NARROW), "us")
    app.reset(scene)
    Driver(app).frames(1)
    assert "Modeller" in scene.note.html_text and DESCRIPTIONS["modeller"] in scene.note.html_text
    scene.cycle(1)
    assert "Boulware" in scene.note.html_text and DESCRIPTIONS["boulware"] in scene.note.html_text
    pygame.quit()


def test_frozen_talks_do_not_say_round_0_of_0() -> None:
    import dataclasses

    from game.cli.render import status
    from game.ui.scenes.table_news import pacing
    from tests.test_rules import at_table
    state = at_table()
    frozen = state.evolve(scenario=dataclasses.replace(
        state.scenario, protocol=dataclasses.replace(state.scenario.protocol, rounds=0)))
    for text in (*pacing(frozen), status(frozen)):
        assert "0 of 0" not in text and "0/0" not in text and "frozen" in text.lower(), text


def test_the_meter_line_of_a_veto_player_fits_its_box() -> None:
    from game.session.audience import VetoPlayer
    from game.ui.meter import player_line
    pygame.font.init()
    font = pygame.font.Font(None, 28)
    player = VetoPlayer("the Senate Foreign Relations Committee and the full Senate", "us", "us", 0.5, 0.5, 0.41, False)
    for width in (600, 360, 240, 120):
        text = player_line(font, player, 0.41, 0.35, width)
        assert font.size(text)[0] <= width, (width, text)
    assert player_line(font, player, 0.41, 0.35, 2000).startswith("Your draft: at home, ")   # not their offer's odds
    assert "since your last offer" in player_line(font, VetoPlayer("the Duma", "ru", "ru", 0.5, 0.5, 0.41, False), 0.41, 0.35, 900)
    # newcomer trial: at a non-binding table (a plan) nothing is voted on, so the line says "if it were signed"
    for width in (2000, 360, 120):
        text = player_line(font, player, 0.41, 0.35, width, voted=False)
        assert "signed" in text and "approves" not in text, (width, text)


def terminal(lines: str) -> str:
    env = {**os.environ, "XDG_DATA_HOME": "/tmp/backchannel-test-data", "SDL_VIDEODRIVER": "dummy"}
    result = subprocess.run([sys.executable, "main.py", "play", str(NARROW), "--side", "us", "--seed", "3", "--text",
                             "--opponent", "modeller"], input=lines, capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=180)
    return result.stdout + result.stderr


def test_the_terminal_lists_options_and_messages_by_number_and_names_options_in_errors() -> None:
    scenario = load_scenario(NARROW)
    basket = scenario.baskets[1]
    out = terminal("options 2\nset 2 nonsense\nmessages\noffer 3\nquit\n")
    assert f"{basket.name}:" in out and f"  1. {basket.options[0].label}" in out
    error = out[out.index("no option 'nonsense'"):]
    assert basket.options[-1].label in error.split("\n[")[0]
    assert not any(o.id in error.split("\n[")[0] for o in basket.options if "_" in o.id), error
    assert "Final offer" in out and f"Red line: {scenario.baskets[0].name}: not '{scenario.baskets[0].options[0].label}'" in out
    assert f"'{scenario.baskets[0].options[1].label}' is a red line for us." in out   # message 3: the second option
    assert "Why: " in out


def test_a_logged_red_line_keeps_its_option(tmp_path: Path) -> None:
    from game.engine.actions import Message, MessageKind, Offer
    from game.engine.record import action_from_dict, action_to_dict
    offer = Offer("us", (1, 2, 3), Message(MessageKind.RED_LINE, "channels", "pledge_verify"))
    assert action_from_dict(json.loads(json.dumps(action_to_dict(offer)))) == offer
    old = {"kind": "offer", "party": "us", "outcome": [1, 2, 3], "message": {"kind": "red_line", "basket": "channels"}}
    restored = action_from_dict(old)
    assert isinstance(restored, Offer)
    assert restored.message == Message(MessageKind.RED_LINE, "channels")


def test_the_window_picker_offers_no_message_on_a_locked_basket(data_home: Path) -> None:  # noqa: F811
    """Playtest: the terminal listed messages of open baskets only, the window's picker still named a basket a
    lane or the definitions scope had locked (its red line could never matter)."""
    import dataclasses
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12, opponent="modeller")
    basket = table.view.scenario.baskets[0]
    assert any(basket.name in name for name, _ in table.choices())
    table.view = dataclasses.replace(table.view, locks=(0,) + tuple(table.view.locks[1:]))
    names = [name for name, _ in table.choices()]
    assert not any(basket.name in name for name in names)
    assert any(table.view.scenario.baskets[1].name in name for name in names)
    pygame.quit()


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_the_meter_says_whose_value_and_whose_approval_at_1024x640(
        data_home: Path, text_size: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Newcomer trial h6: in large text the meter read "0.922 expected · 0.922 paper" and "the United States: 32%",
    without saying whose value it was or approval of what."""
    from game.ui import meter
    lines: list[str] = []

    def recording(line: Callable[..., str]) -> Callable[..., str]:
        def record(*args: Any) -> str:
            lines.append(line(*args))
            return lines[-1]
        return record

    monkeypatch.setattr(meter, "value_line", recording(value_line))
    monkeypatch.setattr(meter, "player_line", recording(player_line))
    app = make_app(data_home, (1024, 640), text_size)
    table = table_for(app, NARROW, "us", 12)
    Driver(app).frames(2)
    font, width = app.font(14), table.meter_rect.width - 20
    value, approval = lines[-2:]
    assert value.startswith(("Your government: ", "Yours: ")) and " exp" in value and "paper" in value, value
    assert approval.startswith("Approval at home: US ") or approval.startswith("At home, the United States approves: "), \
        approval
    assert font.size(value)[0] <= width and font.size(approval)[0] <= width, (value, approval)
    pygame.quit()


def test_a_veto_players_name_goes_to_initials_before_the_line_loses_its_words() -> None:
    from game.session.audience import VetoPlayer
    from game.ui.meter import initials
    assert initials("the United States") == "US"
    assert initials("Congress (CAATSA review) (the United States)") == "Congress (CAATSA review) (US)"
    assert initials("Russia") == "Russia"
    pygame.font.init()
    font = pygame.font.Font(None, 28)
    player = VetoPlayer("the United States", "us", "us", 0.5, 0.5, 0.32, False)
    width = font.size("Approval at home: US 100%  ▲ 100")[0] + 2     # the words leave room for any trend and share
    assert player_line(font, player, 0.32, None, width) == "Approval at home: US 32%"
    assert value_line(font, 0.922, 0.922, 0.45, 2000).startswith("Your government: 0.922 expected")
    assert value_line(font, 0.922, 0.922, 0.45, font.size("Yours: 0.922 expected · 0.922 paper")[0]) == \
        "Yours: 0.922 expected · 0.922 paper"


def test_an_unsure_delegations_meter_says_the_values_are_as_it_sees_them() -> None:
    """Window trial: only the brief said the experts' values were as they saw them; the meter said 'Yours'."""
    pygame.font.init()
    font = pygame.font.Font(None, 28)
    for width in (2000, 500, 300, 10):
        line = value_line(font, 0.886, 0.9, 0.45, width, unsure=True)
        assert "as you see it" in line.lower(), (width, line)
    assert "as you see it" not in value_line(font, 0.886, 0.9, 0.45, 2000).lower()


def test_message_numbers_stay_the_same_when_a_basket_is_locked() -> None:
    """Newcomer trial: the terminal numbered the messages of the open baskets only, so a lock renumbered them and
    'offer 7' meant another message from one round to the next; numbers are now the game's, and a locked
    basket's number is refused saying why."""
    from game.session.views import message_choices, numbered_messages
    scenario = load_scenario(NARROW)
    every = numbered_messages(scenario)
    assert [name for _, name in every] == [name for name, _ in message_choices(scenario)[1:]]
    locked = (0,) + (-1,) * (len(scenario.baskets) - 1)
    after = numbered_messages(scenario, locked)
    first = scenario.baskets[0].name
    assert all(first not in name for _, name in after)
    assert all(dict(every)[number] == name for number, name in after)     # the same number, the same message
    assert [n for n, _ in after] != list(range(1, len(after) + 1))         # so the numbers skip the locked basket's


def test_the_meter_keeps_the_no_deal_figure_at_1024x640_in_large_text(data_home: Path) -> None:  # noqa: F811
    """Newcomer trial: at 1024x640 in large text the meter's line had no room for "no deal 0.45", and dropped
    it; it now gets a line of its own under the value."""
    from game.ui.meter import no_deal_apart
    app = make_app(data_home, (1024, 640), "large")
    table = table_for(app, NARROW, "us", 12)
    font, width = app.font(14), table.meter_rect.width - 20
    assert no_deal_apart(font, width, table.view, "us")              # the one-line forms leave it out here
    drawn: list[str] = []

    class Recording:
        """The table's font, writing down every text the meter renders."""

        def __init__(self, real: pygame.font.Font) -> None:
            self.real = real

        def render(self, text: str, *args: Any) -> pygame.Surface:
            drawn.append(text)
            return self.real.render(text, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

    table.meter.draw(app.screen, table.meter_rect, table.view, "us", Recording(font),  # type: ignore[arg-type]
                     app.palette)
    reservation = table.view.scenario.party("us").reservation
    assert f"No deal: {reservation:.2f} (the tick)" in drawn, drawn
    assert table.meter_rect.height == table.meter.height(table.view, "us", app.text_scale, font, width)
    pygame.quit()
