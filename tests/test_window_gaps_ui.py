"""Five gaps of the window: a Track 1.5 deal the other player struck, the official talks told to the experts'
player, Save on a finished game, the side picker's focus after 'Play again', and the offer trace's legend
at large text."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.engine.result import game_result
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import SideScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_screens_ui import finished_game
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (a fixture)


def button(driver: Driver, text: str) -> UIButton:
    """The button on the current screen whose text starts with ``text``."""
    return next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text.startswith(text))


def test_play_again_focuses_the_side_just_played(data_home: Path) -> None:  # noqa: F811
    """After 'Play again' the side picker marked the side just played but focused the first side: one Enter
    there changed the player's side. The focus opens on the side chosen."""
    app = make_app(data_home)
    session = finished_game(SCENARIOS / "roosevelt_litvinov_1933.yaml", "ussr", 4)
    OPEN.append(session)
    assert session.scenario.parties[0].id != "ussr"
    app.reset(DebriefScene(app, session.state, game_result(session.state), "ussr"))
    driver = Driver(app)
    driver.press(button(driver, "Play again"))
    side = app.top
    assert isinstance(side, SideScene) and side.side == "ussr"
    current = side.focus.current
    assert current is not None and current.element is side.side_buttons["ussr"]
    driver.key(pygame.K_RETURN)                    # Enter on the focused side keeps it
    assert side.side == "ussr"
    pygame.quit()


def test_the_pause_menu_offers_save_only_while_a_game_is_in_progress(data_home: Path) -> None:  # noqa: F811
    """The pause menu of a finished game (the debrief) offered Save, which answered that there was no game
    to save. Save is offered at the table of a game in progress, and not once the game is over."""
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.menus import PauseScene
    from game.ui.scenes.table import TableScene
    from tests.test_ui import NARROW
    app = make_app(data_home)
    driver = Driver(app)
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware")
    OPEN.append(session)
    app.reset(TableScene(app, session))
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    assert [b.text for b in app.top.elements if isinstance(b, UIButton)][:3] == ["Resume", "Save", "Load a saved game"]
    finished = finished_game(NARROW, "us", 4)
    OPEN.append(finished)
    app.reset(DebriefScene(app, finished.state, game_result(finished.state), "us"))
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    texts = [b.text for b in pause.elements if isinstance(b, UIButton)]
    assert "Save" not in texts and texts[:2] == ["Resume", "Load a saved game"], texts
    current = pause.focus.current
    assert current is not None and getattr(current.element, "text", "") == "Resume"
    pygame.quit()


def test_at_large_text_the_charts_legends_are_no_wider_than_their_plots(data_home: Path) -> None:  # noqa: F811
    """At large text in a 1024x640 window the offer trace's legend of a Track 1.5 game ("Former US officials
    and scholars' offers at Track 1.5 meeting in New York") was almost three times as wide as its plot, and
    the debrief chart's legends wider than theirs. Each legend now fits beside its plot and within the
    figure, its text no smaller than at normal text size."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from game.engine.actions import Accept, Offer
    from game.scenario.loader import load_scenario
    from game.session.diagnosis import offer_trace
    from game.session.game import GameSession
    from game.ui.chart import debrief_figure, offer_trace_figure
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "ru", 2, "conceder")
    OPEN.append(session)
    moments = []
    while not session.over:
        state = session.state
        assert state.tables is not None
        if state.standing is not None and state.standing.party != "ru" and state.round >= 2:
            session.submit(Accept("ru"))
        else:
            session.submit(Offer("ru", state.tables.problem.outcome_at(int(state.tables.of("ru").order[0]))))
        moments += session.take_moments()
    trace = offer_trace((m.before, m.action, m.after) for m in moments)
    assert len({t.phase for t in trace}) == 2                       # both tables' offers: the long names
    app = make_app(data_home, (1024, 640), "large")
    debrief = DebriefScene(app, session.state, game_result(session.state), "ru", trace)
    app.reset(debrief)
    Driver(app).frames(1)
    size, scale, p = debrief.chart_size, app.text_scale, app.palette
    for fig in (offer_trace_figure(session.state, trace, "ru", p, size, scale),
                debrief_figure(session.state, game_result(session.state), "ru", p, size, scale)):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        for ax in fig.axes:
            legend = ax.get_legend()
            assert legend is not None
            box, plot = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
            assert box.width <= plot.width, (box.width, plot.width)
            assert 0 <= box.y0 and box.y1 <= fig.bbox.height and box.x1 <= fig.bbox.width
            assert not box.overlaps(plot)                              # still beside the plot, hiding nothing
            assert min(float(t.get_fontsize()) for t in legend.get_texts()) * fig.dpi / 72 >= 13 - 0.01
    pygame.quit()
