"""The class debrief's chart keeps its legend beside the plot and no wider than it, at every size, as the
window's charts do (game.labels.fit_legend): it sat over the packages at the lower left, at a fixed size."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from game.classroom.chart import chart
from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.play import simulate_session
from game.classroom.lesson import lesson
from game.classroom.report import write_debrief
from game.classroom.tally import tally
from game.labels import legend_fits
from tests.conftest import SCENARIOS


def check_legend(fig: Figure) -> float:
    """Assert that the chart's legend lies beside its plot, no wider than it and within the figure, its
    labels literal text; return its text's size in points."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    box, plot = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert not box.overlaps(plot), (box, plot)                  # it hides no package
    assert legend_fits(ax, legend, renderer), (box, plot)
    assert box.x1 <= fig.bbox.width + 0.5                       # nothing of it cut off at the right
    assert not any(text.get_parse_math() for text in legend.get_texts())
    return float(legend.get_texts()[0].get_fontsize())


def test_the_class_charts_legend_fits_beside_its_plot_at_every_size(tmp_path: Path) -> None:
    session = create_session(SCENARIOS / "code_of_conduct_2019.yaml", 4, tmp_path / "c", seed=2)
    accepted, rejected, duplicates = read_results(session, session_key(session), simulate_session(session))
    view = lesson(session, tally(session, accepted))
    assert check_legend(chart(session, view)) == 10.0           # the debrief's size: as written, unshrunk
    for size in ((6.4, 4.8), (5.0, 3.5), (4.0, 3.0)):
        assert check_legend(chart(session, view, size)) >= 8.0, size     # its floor: still legible
    written = write_debrief(session, accepted, rejected, duplicates, tmp_path / "debrief")
    svg = (tmp_path / "debrief" / "debrief.svg").read_text(encoding="utf-8")
    assert tmp_path / "debrief" / "debrief.png" in written and "<!-- no deal: United States -->" in svg
