"""Labels on a matplotlib chart that neither overlap one another nor hide a marker.

A leaf module (matplotlib only), shared by the class debrief's chart and the window's debrief charts.
Each label is tried at a ring of offsets around its point, nearest first (up-right, down-right,
up-left, down-left, up, down, right, left, then the same farther out); it takes the first spot whose
box overlaps no label already placed, no marker to keep clear (a disc: centre in data units, radius
in points) nor the legend, and stays inside the axes. When every spot collides it takes the one with the fewest
collisions. The axes' limits must be final before labels are placed: they fix where points fall.

A legend beside its plot (:data:`OUTSIDE`, where it hides no data) is fitted to it (:func:`fit_legend`):
never wider than the plot it explains nor taller than the figure. Its labels wrap at words first; only
when wrapping is not enough does its text shrink, a step at a time, down to a floor the caller gives. Its
labels are literal text, never mathtext (a scenario's names may hold dollar signs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

OUTSIDE: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0, "framealpha": 0.6}
"""Where a chart's legend goes, for :func:`fit_legend`: beside its plot, to the right, so that it covers no
data (newcomer trial: the window's legends hid packages, the frontier and offers; the class debrief's hid
packages at the lower left); the figure's constrained layout makes room for it."""

DISTANCES = (3.0, 9.0, 16.0, 26.0, 40.0)      # points from the labelled point, nearest first
DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (0, 1), (0, -1), (1, 0), (-1, 0))


@dataclass(frozen=True)
class Label:
    """A text to write next to the point ``(x, y)`` (data units)."""

    text: str
    x: float
    y: float
    colour: tuple[float, float, float] | str | None = None   # a matplotlib colour; None: the style's


@dataclass(frozen=True)
class Disc:
    """A marker to keep clear: centre ``(x, y)`` in data units, ``radius`` in points."""

    x: float
    y: float
    radius: float


def place_labels(ax: Axes, labels: Sequence[Label], keep_clear: Sequence[Disc] = (),
                 fontsize: float = 10.0) -> list[Annotation]:
    """Annotate ``ax`` with every label, in order, each at the first free spot around its point."""
    figure = ax.figure
    renderer = FigureCanvasAgg(figure).get_renderer()            # type: ignore[arg-type]
    frame = ax.get_window_extent(renderer)
    scale = figure.dpi / 72                                       # points to pixels
    discs = [(ax.transData.transform((d.x, d.y)), d.radius * scale) for d in keep_clear]
    legend = ax.get_legend()
    placed: list[Bbox] = [] if legend is None else [legend.get_window_extent(renderer)]   # the legend stays clear
    out: list[Annotation] = []
    for label in labels:
        best: tuple[int, Annotation, Bbox] | None = None
        for distance in DISTANCES:
            for dx, dy in DIRECTIONS:
                note = ax.annotate(label.text, (label.x, label.y), textcoords="offset points",
                                   xytext=(dx * distance, dy * distance), fontsize=fontsize, zorder=8,
                                   ha="left" if dx > 0 else "right" if dx < 0 else "center",
                                   va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                                   annotation_clip=False, parse_math=False)
                if label.colour is not None:
                    note.set_color(label.colour)
                box = note.get_window_extent(renderer)
                clashes = sum(box.overlaps(other) for other in placed) + sum(
                    _hits(box, centre, radius) for centre, radius in discs) + (not _inside(box, frame))
                if best is None or clashes < best[0]:
                    if best is not None:
                        best[1].remove()
                    best = (clashes, note, box)
                else:
                    note.remove()
                if clashes == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None                                   # DISTANCES and DIRECTIONS are not empty
        placed.append(best[2])
        out.append(best[1])
    return out


def _hits(box: Bbox, centre: np.ndarray, radius: float) -> bool:
    """Whether the disc of ``radius`` pixels around ``centre`` reaches into ``box``."""
    nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])
    return bool(np.hypot(*(nearest - centre)) < radius)


def _inside(box: Bbox, frame: Bbox) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


SHRINK = 0.9                                  # each step of a legend's text that cannot fit by wrapping alone


def wrap_words(text: str, width: float, fontsize: float, renderer: RendererBase) -> str:
    """``text`` broken at spaces into lines at most ``width`` pixels wide at ``fontsize`` points (a word
    wider than that stays whole, on a line of its own)."""
    font = FontProperties(size=fontsize)

    def wide(line: str) -> float:
        return float(renderer.get_text_width_height_descent(line, font, ismath=False)[0])
    lines: list[str] = []
    for word in text.split():
        if lines and wide(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def legend_fits(ax: Axes, legend: Legend, renderer: RendererBase) -> bool:
    """Whether ``legend`` is no wider than the plot of ``ax`` and lies within the figure's height."""
    box, plot = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
    return box.width <= plot.width and box.y0 >= 0 and box.y1 <= ax.figure.bbox.height


def fit_legend(ax: Axes, fontsize: float, floor: float, **where: Any) -> Legend:
    """The legend of ``ax`` placed by ``where`` (beside the plot) at ``fontsize`` points, fitted to the plot
    (:func:`legend_fits`, with the figure laid out as it will be drawn): as it is if it fits; else its labels
    wrapped at the width that would make it as wide as the plot; else the same at a smaller size, down to
    ``floor`` points, where it is left as fitted as it can be. Its labels are literal text, never mathtext."""
    figure = ax.get_figure()
    assert isinstance(figure, Figure)                            # a chart of the game's: a figure of its own
    canvas = FigureCanvasAgg(figure)
    handles, texts = ax.get_legend_handles_labels()
    size = fontsize

    def literal(legend: Legend) -> Legend:
        """``legend`` with its labels as literal text, never mathtext."""
        for text in legend.get_texts():
            text.set_parse_math(False)
        return legend
    while True:
        legend = literal(ax.legend(handles, texts, fontsize=size, **where))
        figure.draw_without_rendering()                          # the layout the figure will be drawn with
        renderer = canvas.get_renderer()
        if legend_fits(ax, legend, renderer):
            return legend
        box, plot = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
        widest = max(text.get_window_extent(renderer).width for text in legend.get_texts())
        # the width given up by the legend goes to the plot: they meet half way
        room = widest - max(0.0, box.width - plot.width) / 2 - 2
        legend = literal(ax.legend(handles, [wrap_words(t, room, size, renderer) for t in texts], fontsize=size,
                                   **where))
        figure.draw_without_rendering()
        if legend_fits(ax, legend, canvas.get_renderer()) or size <= floor:
            return legend
        size = max(floor, size * SHRINK)
