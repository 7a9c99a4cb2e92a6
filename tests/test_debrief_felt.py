"""The window's debrief shows what each delegation felt it won only when some delegation has stakes of
its own, under the terminal's heading and by the terminal's rule (newcomer trial h4: 'felt +0.065' for
official delegations, with no word of what it meant)."""

from __future__ import annotations

import html
from pathlib import Path

import pygame

from game.cli.render import debrief
from game.engine.result import game_result
from game.session.best_deal import best_deal_words
from game.session.felt import FELT_HEADING, felt_shown, felt_terms, own_stakes
from game.session.views import delay_line
from game.ui.scenes.debrief import DebriefScene
from tests.conftest import SCENARIOS
from tests.test_screens_ui import finished_game
from tests.test_ui import NARROW, OPEN, data_home, make_app  # noqa: F401


def test_official_delegations_alone_get_no_felt_figure_in_either_front_end(data_home: Path) -> None:  # noqa: F811
    session = finished_game(NARROW, "us", 5)
    OPEN.append(session)
    result = game_result(session.state)
    assert result.agreement is not None and any(d.true_value is not None for d in result.delegations)
    assert not any(own_stakes(session.state.scenario, p.id) for p in session.state.scenario.parties)
    assert felt_shown(session.state, result) == []
    text = DebriefScene(make_app(data_home), session.state, result, "us").text()
    assert "felt" not in text and FELT_HEADING not in html.unescape(text)
    assert "felt" not in debrief(session.state, result, "us")
    pygame.quit()


def test_a_delegation_with_stakes_of_its_own_gets_the_same_heading_in_both(data_home: Path) -> None:  # noqa: F811
    session = finished_game(SCENARIOS / "track15_trap.yaml", "us_experts", 5)
    OPEN.append(session)
    result = game_result(session.state)
    shown = felt_shown(session.state, result)
    assert shown and any(own_stakes(session.state.scenario, d.party) for d in shown)
    window = html.unescape(DebriefScene(make_app(data_home), session.state, result, "us_experts").text())
    terminal = debrief(session.state, result, "us_experts")
    assert f"<b>{FELT_HEADING}</b>" in window and f"{FELT_HEADING}:" in terminal
    for d in shown:
        name = session.state.scenario.party(d.party).name
        assert f"{name}: felt {d.negotiating_utility:+.3f}" in window
        assert f"{name}: felt {d.negotiating_utility:+.3f}" in terminal
        assert f"felt {d.negotiating_utility:+.3f} = {felt_terms(d.parts)}" in window      # its terms, in both
        assert f"felt {d.negotiating_utility:+.3f} = {felt_terms(d.parts)}" in terminal.replace("\n", " ")
    said = delay_line(session.state)                                   # the same shared lines in both
    assert said and said in window and said in terminal.replace("\n", " ")
    told = best_deal_words(session.state, result, "us_experts")[0]      # the experts' government's best deal
    assert told and told in window and told in terminal
    pygame.quit()


def test_the_debrief_of_experts_whose_officials_struck_the_deal_opens(data_home: Path) -> None:  # noqa: F811
    """It raised ValueError (the form's cost looked the experts up at the officials' table)."""
    session = finished_game(SCENARIOS / "track15_trap.yaml", "us_experts", 5)
    OPEN.append(session)
    result = game_result(session.state)
    assert result.agreement is not None and "us_experts" not in session.state.phase_def.parties
    text = DebriefScene(make_app(data_home), session.state, result, "us_experts").text()
    assert "The form you agreed" not in text and "<b>The agreement</b>" in text
    pygame.quit()


def test_in_hot_seat_each_player_gets_their_own_debrief_in_the_window(data_home: Path) -> None:  # noqa: F811
    """Regression trial: the window's hot seat showed one debrief, the last mover's; the other player none."""
    from pygame_gui.elements import UIButton

    from game.ui.scenes.dialogs import ConfirmScene
    session = finished_game(NARROW, "us", 5)
    OPEN.append(session)
    result = game_result(session.state)
    app = make_app(data_home)
    first = DebriefScene(app, session.state, result, "us", (), ("ru",))
    app.reset(first)
    button = next(b for b in first.elements if isinstance(b, UIButton) and b.text == "Next player's debrief")
    assert "Russian delegation" in (button.tool_tip_text or "")
    first.hand_over()
    assert isinstance(app.top, ConfirmScene)
    app.top.confirm()
    second = app.top
    assert isinstance(second, DebriefScene) and second.side == "ru" and second.others == ()
    assert second.text() != first.text()                        # told from Moscow's side, not Washington's
    assert any(isinstance(b, UIButton) and b.text == "Play again" for b in second.elements)
    pygame.quit()
