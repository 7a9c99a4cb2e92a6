"""Window follow-ups of the newcomer trial at 1024x640 in large text: the baskets' rows the focus reaches are
scrolled into view, whatever moved the focus there."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.classroom.folder import Session
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_classroom_forgery import session  # noqa: F401 - a fixture
from tests.test_ui import data_home, make_app, open_table  # noqa: F401  (a fixture)


def large_table(data_home: Path, scenario: str, side: str) -> tuple[TableScene, Driver]:  # noqa: F811
    app = make_app(data_home, (1024, 640), "large")
    return open_table(app, GameSession.new(load_scenario(SCENARIOS / scenario), side, 5, "conceder"))


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
        # the control that has the focus: a lock with no offer to lock to is disabled, and the focus goes on to
        # the next control (since the player trial, the next row's option, not the lock's own row's)
        current = table.focus.current
        assert current is not None and view.contains(current.element.rect), (
            table.option_buttons.index(element) if element in table.option_buttons else "lock", element.rect, view)
    driver.key(pygame.K_TAB)                          # Tab from the last lock goes on and stays in view
    driver.frames(2)
    current = table.focus.current
    assert current is not None and view.contains(current.element.rect)


def test_the_meter_line_of_a_binding_table_keeps_its_words_whatever_the_trend() -> None:
    """'Your draft: at home, the United States approves: 45%' became 'At home, …' when a trend arrow appeared
    beside it (newcomer trial); the words now stay, at every width, and the line fits."""
    from game.session.audience import VetoPlayer
    from game.ui.meter import player_line
    pygame.font.init()
    font = pygame.font.Font(None, 28)
    for name in ("the United States", "the Senate Foreign Relations Committee and the full Senate"):
        player = VetoPlayer(name, "us", "us", 0.5, 0.5, 0.45, False)
        for width in range(200, 900, 10):
            first = player_line(font, player, 0.45, None, width)
            for then in (0.40, 0.05, 0.99):
                later = player_line(font, player, 0.45, then, width)
                assert later.startswith(first) and font.size(later)[0] <= width, (width, first, later)


def test_the_brief_numbers_each_priority_by_its_basket_and_a_locked_option_says_why(data_home: Path) -> None:  # noqa: F811
    """The window's brief listed the priorities heaviest first, unnumbered, and the table numbered the baskets
    in their own order; a locked basket said only '[locked]' (the terminal says both)."""
    from game.session.brief import brief_facts
    from game.session.locked import locked_why
    from game.ui.scenes.brief import brief_html
    table, driver = large_table(data_home, "ryabkov_2017.yaml", "us")
    facts = brief_facts(table.session.scenario, "us")
    assert [p.number for p in facts.priorities] != sorted(p.number for p in facts.priorities)  # an order of its own
    text = brief_html(table.session, "us", opening=True)
    for p in facts.priorities:
        assert f"{p.number}. <b>{p.basket}</b>" in text, p
    locks = tuple(0 if i == 2 else -1 for i in range(len(table.view.locks)))
    table.view = table.view.evolve(locks=locks)
    table.refresh()
    label = table.option_buttons[2].text
    assert f"[locked: {locked_why(table.view.scenario, 2)}]" in label, label


def test_loading_a_classroom_log_whose_result_cannot_go_where_it_says_is_refused_in_a_dialog(
        session: Session, tmp_path: Path, data_home: Path) -> None:  # noqa: F811
    """The window's load screen resumed a classroom game without the check ``play --resume`` makes of the log's
    classroom entry (the game would be played only to be told at its end that its result cannot be written)."""
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.dialogs import MessageScene
    from game.ui.scenes.title import TitleScene
    from tests.test_classroom_resume_checked import edited, started
    log = started(session, tmp_path)
    edited(log, out=str(tmp_path / "nowhere" / "x"))
    app = make_app(data_home)
    app.reset(TitleScene(app))
    loader = LoadScene(app)
    app.push(loader)
    loader.load(log)
    Driver(app).frames(1)
    assert isinstance(app.top, MessageScene), app.stack
    assert "cannot be written" in app.top.message and "is not a folder that exists" in app.top.message
    assert not any(isinstance(getattr(scene, "session", None), GameSession) for scene in app.stack)


def test_a_package_expected_to_be_worth_more_than_on_paper_is_explained_once_in_the_log(data_home: Path) -> None:  # noqa: F811
    """The terminal says why a package is expected to be worth more than on paper (game.session.worth); the
    window showed '0.613 expected, 0.598 on paper' and nothing said why (newcomer trial, ryabkov round 1)."""
    from game.session.views import paper_of, value_of
    from game.session.worth import above_paper
    table, driver = large_table(data_home, "ryabkov_2017.yaml", "us")
    state = table.view
    assert state.tables is not None
    problem, reservation = state.tables.problem, state.scenario.party("us").reservation
    below = [o for o in (problem.outcome_at(int(i)) for i in state.tables.of("us").order[::-1][:200])
             if above_paper(value_of(state, "us", o), paper_of(state, "us", o), reservation)]
    assert len(below) >= 2, "packages worth less than no deal on paper"
    for outcome in below[:2]:
        table.draft = list(outcome)
        table.refresh()
    said = [line for line in table.log if "more than on paper" in line]
    assert len(said) == 1 and said[0] == above_paper(1.0, 0.0, reservation)      # once per game, the terminal's words
    assert any(line.text == said[0] for line in table.log_box.lines)
