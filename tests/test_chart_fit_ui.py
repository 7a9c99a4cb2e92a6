"""Newcomer trial (window): at 1024x640 in large text the debrief chart's y axis name "value on paper to
United Stat" was cut off. Every axis name of both debrief charts lies inside its figure."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from game.scenario.loader import load_scenario
from game.session.diagnosis import played_offers
from tests.conftest import SCENARIOS
from game.ui.chart import debrief_figure, offer_trace_figure
from game.ui.scenes.debrief import DebriefScene
from tests.test_debrief_truth import trap_game
from tests.test_ui import data_home, make_app  # noqa: F401  (data_home: a fixture)


@pytest.mark.parametrize("side", ["ru", "us"])
def test_the_axis_names_fit_at_1024x640_in_large_text(data_home: Path, side: str) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640), "large")
    state, result = trap_game(3)
    scene = DebriefScene(app, state, result, side)
    app.reset(scene)
    app.frame(0.016)
    for fig in (debrief_figure(state, result, side, app.palette, scene.chart_size, app.text_scale),
                offer_trace_figure(state, played_offers(load_scenario(SCENARIOS / "track15_trap.yaml"), state.history), side, app.palette, scene.chart_size, app.text_scale)):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        for ax in fig.axes:
            for name in (ax.xaxis.label, ax.yaxis.label):
                box = name.get_window_extent(renderer)
                assert box.y0 >= -0.5 and box.y1 <= fig.bbox.height + 0.5 and box.x0 >= -0.5, (name.get_text(), box)
            # newcomer trial: the y axis read "on paper to Russia"; it says what is measured, a size smaller first
            label = ax.yaxis.label.get_text()
            assert label.startswith("value ") or label == "share of histories", label
    pygame.quit()


@pytest.mark.parametrize("side", ["ru", "us"])
def test_the_plots_keep_a_usable_height_at_1024x640_in_large_text(data_home: Path, side: str) -> None:  # noqa: F811
    """Window trial: the legend below left the plots about 95 px tall, and the trap's offer trace cut its axis
    name to "value on paper to…". When below is too tall, the legend goes beside the plots (game.ui.chart_legend):
    every plot at least MIN_PLOT pixels tall, its y axis's name whole, its title within its plot, the legend in
    the figure and clear of the plots."""
    from game.ui.chart_legend import MIN_PLOT
    app = make_app(data_home, (1024, 640), "large")
    state, result = trap_game(3)
    scene = DebriefScene(app, state, result, side)
    app.reset(scene)
    app.frame(0.016)
    trace = played_offers(load_scenario(SCENARIOS / "track15_trap.yaml"), state.history)
    for fig in (debrief_figure(state, result, side, app.palette, scene.chart_size, app.text_scale),
                offer_trace_figure(state, trace, side, app.palette, scene.chart_size, app.text_scale)):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        legend = fig.legends[0].get_window_extent(renderer)
        assert legend.y0 >= -0.5 and legend.y1 <= fig.bbox.height + 0.5 and legend.x1 <= fig.bbox.width + 0.5
        for ax in fig.axes:
            plot = ax.get_window_extent(renderer)
            assert plot.height >= MIN_PLOT, (ax.get_title(), plot.height)
            assert "…" not in ax.yaxis.label.get_text(), ax.yaxis.label.get_text()
            title = ax.title.get_window_extent(renderer)
            assert title.width <= plot.width + 2 and "…" not in ax.get_title(), ax.get_title()
            assert not plot.overlaps(legend), (ax.get_title(), plot, legend)
    pygame.quit()
