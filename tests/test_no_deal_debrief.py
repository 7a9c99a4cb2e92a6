"""After no deal, the debrief says there was none (newcomer trial of the window, helper h4): its chart
drew 'on paper' and 'expected' bars of a deal that never existed under '...and your deal', the
diagnosis gave 'your deal 0.45' and a stakeholder was worth '1.000 with this deal against 1.000 with none'."""

from __future__ import annotations

import html
from pathlib import Path

import pygame
from matplotlib.patches import Rectangle

from game.cli.render import debrief
from game.engine.actions import Walk
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.chart import debrief_figure
from game.ui.scenes.debrief import DebriefScene
from tests.conftest import SCENARIOS
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401


def walked_away(path: Path, side: str) -> GameSession:
    """A game ``side`` ends at once by walking away (both its tables, in a Track 1.5 scenario)."""
    session = GameSession.new(load_scenario(path), side, 3, "boulware")
    OPEN.append(session)
    while not session.over:
        session.submit(Walk(side))
    return session


def test_the_debrief_text_of_no_deal_speaks_of_no_deal(data_home: Path) -> None:  # noqa: F811
    for path, side in ((SCENARIOS / "narrow_deal_2020.yaml", "us"), (SCENARIOS / "track15_trap.yaml", "us_experts")):
        session = walked_away(path, side)
        result = game_result(session.state)
        assert result.agreement is None
        text = html.unescape(DebriefScene(make_app(data_home), session.state, result, side).text())
        assert "your deal" not in text and "this deal" not in text, text
        assert "No agreement." in text
        for holder in session.state.scenario.stakeholders:
            assert f"{holder.name}: no deal, so it keeps its {holder.reservation:.3f}" in text
        assert "your deal" not in debrief(session.state, result, side)
        pygame.quit()


def test_the_nash_sentence_of_no_deal_says_there_was_none(data_home: Path) -> None:  # noqa: F811
    session = walked_away(SCENARIOS / "narrow_deal_2020.yaml", "us")
    text = DebriefScene(make_app(data_home), session.state, game_result(session.state), "us").text()
    what = text.split("<b>What happened</b><br>")[1].split("<br><br>")[0]
    assert "The Nash deal of this table would have given the United States" in what and "there was no deal" in what
    pygame.quit()


def test_the_chart_of_no_deal_shows_what_no_deal_is_worth_and_no_deal_bars(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    session = walked_away(SCENARIOS / "narrow_deal_2020.yaml", "us")
    result = game_result(session.state)
    fig = debrief_figure(session.state, result, "us", app.palette, (1000, 360))
    frontier, values = fig.axes
    assert "your deal" not in frontier.get_title()
    legend = frontier.get_legend() or fig.legends[0]             # the plots share one legend, below them
    assert legend is not None and "your deal" not in [t.get_text() for t in legend.get_texts()]
    ticks = [t.get_text() for t in values.get_xticklabels()]
    assert "on paper" not in ticks and "expected" not in ticks, ticks
    assert values.get_title() == "No deal: what each government keeps"
    heights = sorted(round(bar.get_height(), 6) for bar in values.patches if isinstance(bar, Rectangle))
    assert heights == sorted(round(p.reservation, 6) for p in result.principals)
    pygame.quit()
