"""Chart labels hide nothing (instructor trial: in the class debrief two tables' labels were printed on top
of each other beside the Nash star; window trial: round numbers could overlap)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from game.classroom.chart import chart
from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.lesson import lesson
from game.classroom.play import simulate_session
from game.classroom.tally import tally
from game.labels import Disc, Label, place_labels
from tests.conftest import SCENARIOS


def _boxes(fig: Figure) -> tuple[list[Annotation], list[object]]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    notes = [a for a in fig.axes[0].texts if isinstance(a, Annotation)]
    return notes, [a.get_window_extent(renderer) for a in notes]


def _hits(box: object, centre: np.ndarray, radius: float) -> bool:
    nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])      # type: ignore[attr-defined]
    return bool(np.hypot(*(nearest - centre)) < radius)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(0.3, 0.7), st.floats(0.3, 0.7)), min_size=1, max_size=8))
def test_labels_around_a_crowded_spot_overlap_neither_each_other_nor_the_markers(points: list[tuple[float, float]]) -> None:
    fig = Figure(figsize=(8, 6), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    star = Disc(0.5, 0.5, 10.0)
    discs = [Disc(x, y, 4.0) for x, y in points] + [star]
    place_labels(ax, [Label(f"table {i + 1}", x, y) for i, (x, y) in enumerate(points)], discs, 11)
    notes, boxes = _boxes(fig)
    assert len(notes) == len(points)
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1:])           # type: ignore[attr-defined]
        for d in discs:
            assert not _hits(box, ax.transData.transform((d.x, d.y)), d.radius * fig.dpi / 72)


def test_without_the_placer_the_same_labels_would_collide() -> None:
    """The case above can fail: the labels at one fixed offset, as the chart drew them, do overlap."""
    fig = Figure(figsize=(8, 6), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    for i, (x, y) in enumerate([(0.5, 0.5), (0.502, 0.503)]):
        ax.annotate(f"table {i + 1}", (x, y), textcoords="offset points", xytext=(6, 5), fontsize=11)
    _, boxes = _boxes(fig)
    assert boxes[0].overlaps(boxes[1])                                           # type: ignore[attr-defined]


def test_the_class_chart_writes_every_table_and_hides_no_marker(tmp_path: Path) -> None:
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 6, tmp_path / "c", seed=2)
    simulate_session(session)
    accepted, _, _ = read_results(session, session_key(session), sorted(session.results_dir().glob("*.json")))
    view = lesson(session, tally(session, accepted))
    fig = chart(session, view)
    notes, boxes = _boxes(fig)
    ax = fig.axes[0]
    written = " ".join(n.get_text() for n in notes)
    assert all(g.label in written for g in view.games)
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1:])           # type: ignore[attr-defined]
    star = next(c for c in ax.collections if isinstance(c, PathCollection) and c.get_label() == "Nash deal")
    centre = ax.transData.transform(np.asarray(star.get_offsets())[0])
    assert not any(_hits(box, centre, 9 * fig.dpi / 72) for box in boxes)
    # the two dashed lines are named in the legend (instructor trial: nothing said what they were)
    legend = ax.get_legend()
    assert legend is not None
    names = {t.get_text() for t in legend.get_texts()}
    assert {f"no deal: {view.governments[0]}", f"no deal: {view.governments[1]}"} <= names, names
