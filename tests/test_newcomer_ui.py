"""What a newcomer found playing the window by keyboard (helper win13): the vote's lines, the
message button, the scenario picker, the debrief's wording of a deal never in force."""

from __future__ import annotations

import html
from pathlib import Path

import pygame

from game.session.views import ratification_line
from game.ui.scripted import Driver
from tests.test_table_ui import NARROW, table_for
from tests.test_ui import OPEN, data_home, make_app, over_the_title  # noqa: F401


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
    message = messages[longest]
    assert message is not None and message.basket is not None
    basket = table.view.scenario.basket(message.basket).name
    font = table.message_button.font
    assert font is not None
    assert shown.startswith("Red line: ") and "#" not in shown, shown
    assert font.size(shown)[0] <= table.message_button.rect.width - 8, shown
    number = table.view.scenario.basket(message.basket).option_index(message.option or "") + 1
    assert shown == table.choices()[longest][0] or \
        (shown.startswith(f"Red line: {basket.split()[0]}") and f"≠ {number}." in shown), shown
    pygame.quit()


def test_the_scenario_list_chooses_with_the_arrows_keeps_the_chosen_marked_and_enter_twice_goes_on(
        data_home: Path) -> None:  # noqa: F811
    from game.ui.scenes.picker import PickerScene, SideScene
    app = make_app(data_home)
    picker, driver = over_the_title(app, PickerScene, 2)
    first, second, third = picker.scenarios[0], picker.scenarios[1], picker.scenarios[2]
    assert first.title in picker.details.html_text and picker.rows[0].is_selected
    driver.key(pygame.K_RETURN)                                 # Enter on the entry marked at first: chosen, not on
    assert app.top is picker and picker.chosen == 0
    driver.key(pygame.K_DOWN)                                   # the arrows choose, as in a list
    assert second.title in picker.details.html_text and first.title not in picker.details.html_text
    assert picker.chosen == 1 and picker.rows[1].is_selected and not picker.rows[0].is_selected
    driver.key(pygame.K_UP)
    driver.key(pygame.K_UP)                                     # the top of the list stays the top
    assert picker.chosen == 0 and picker.focus.current is not None and picker.focus.current.element is picker.rows[0]
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_DOWN)
    assert picker.chosen == 2 and picker.rows[2].is_selected
    driver.key(pygame.K_TAB)                                    # Tab only previews: the chosen one stays marked
    assert picker.chosen == 2 and picker.rows[2].is_selected and third.title not in picker.details.html_text
    driver.tab_to(picker.next)                                  # off the list: the chosen one is described
    assert third.title in picker.details.html_text
    driver.tab_to(picker.rows[1])
    driver.key(pygame.K_RETURN)                                 # Enter on another entry chooses it
    assert app.top is picker and picker.chosen == 1
    driver.key(pygame.K_RETURN)                                 # Enter again on the chosen one goes on
    assert isinstance(app.top, SideScene) and app.top.scenario is second
    pygame.quit()


def test_the_scenario_highlighted_with_the_arrows_is_the_one_choose_a_side_takes(data_home: Path) -> None:  # noqa: F811
    """Newcomer trial: Down highlighted 1945, Tab to 'Choose a side →' and Enter gave 1933 (still selected),
    and the description went back to 1933."""
    from game.ui.scenes.picker import PickerScene, SideScene
    app = make_app(data_home)
    picker, driver = over_the_title(app, PickerScene, 2)
    second = picker.scenarios[1]
    driver.key(pygame.K_DOWN)
    driver.tab_to(picker.next)
    assert second.title in picker.details.html_text
    driver.key(pygame.K_RETURN)
    assert isinstance(app.top, SideScene) and app.top.scenario is second
    pygame.quit()


def test_the_scenario_description_names_delegations_and_phases_plainly() -> None:
    from game.session.catalogue import shipped_catalogue
    from game.ui.scenes.picker import details_html
    for s in shipped_catalogue().scenarios:
        text = details_html(s)
        assert ") (" not in text and "round of official talks" not in text
        for p in s.parties:
            assert f"{html.escape(p.name)}, {p.delegation.value}" in text
        assert ("<b>Phases</b>: " in text) == bool(s.phases) and ("<b>One phase</b>: " in text) == (not s.phases)


def test_the_debrief_of_a_deal_never_in_force_says_so_and_names_the_baskets(data_home: Path) -> None:  # noqa: F811
    from game.engine.result import game_result
    from game.ui.scenes.debrief import DebriefScene
    from tests.test_screens_ui import finished_game
    session = next(s for s in (finished_game(NARROW, "us", seed) for seed in (1, 3, 4, 5))
                   if game_result(s.state).agreement is not None and not game_result(s.state).in_force)
    OPEN.append(session)
    result = game_result(session.state)
    app = make_app(data_home)
    text = DebriefScene(app, session.state, result, "us").text()
    for p in result.principals:
        assert f"not in force: no-deal value {p.reservation:.3f}" in text
    assert "as kept" not in text.split("<b>Both sides revealed</b>")[1].split("<br><br>")[0]
    assert "The deal never entered into force: " in text                  # official delegations: no 'felt' lines
    s = session.state.scenario
    if "No package that" not in text:
        best = text.split("Best deal for your government")[1].split("<br><br>")[0]
        assert all(f"{html.escape(b.name)}: " in best for b in s.baskets) and "; form: " in best, best
    pygame.quit()


def test_the_hand_off_of_watched_talks_does_not_give_the_vote_away(data_home: Path) -> None:  # noqa: F811
    from game.ui.scenes.handoff import HandoffScene
    from tests.conftest import SCENARIOS
    from tests.test_screens_ui import finished_game
    session = finished_game(SCENARIOS / "track15_trap.yaml", "us_experts", 5)   # the officials strike a deal
    OPEN.append(session)
    assert session.state.entered
    moments = session.take_moments()
    watched = [m for m in moments if m.before.phase > 0 and "us_experts" not in m.before.phase_def.parties]
    app = make_app(data_home)
    scene = HandoffScene(app, session.state, "us_experts", watched, None)
    told = " ".join(line.text for step in scene.steps for line in step)
    assert "accept" in told and "into force" not in told and "ratif" not in told.lower() and "refuses" not in told
    pygame.quit()


def test_the_terminal_debrief_says_the_same_of_a_deal_never_in_force() -> None:
    from game.cli.render import debrief
    from game.engine.result import game_result
    from tests.conftest import SCENARIOS
    from tests.test_screens_ui import finished_game
    session = finished_game(SCENARIOS / "track15_trap.yaml", "us_experts", 5)   # the officials' deal is refused
    OPEN.append(session)
    result = game_result(session.state)
    assert result.agreement is not None and not result.in_force
    text = debrief(session.state, result, "us_experts")
    assert "never entered into force: its government keeps its no-deal value" in text, text[-800:]
    table = [line for line in text.splitlines() if "not in force" in line]
    assert table, "the value table says 'not in force' instead of a compliance band of the no-deal value"
