"""Labels on a matplotlib chart that neither overlap one another nor hide a marker.

A leaf module (matplotlib only), shared by the class debrief's chart and the window's debrief charts.
Each label is tried at a ring of offsets around its point, nearest first (up-right, down-right,
up-left, down-left, up, down, right, left, then the same farther out); it takes the first spot whose
box overlaps no label already placed, no marker to keep clear (a disc: centre in data units, radius
in points) nor the legend, crosses no line to keep off (the class chart's Pareto frontier, on which
deals sit: a label across it was hard to read), and stays inside the axes. When every spot collides it
takes the one with the fewest collisions. A label may be drawn on a box of its own colour (``backing``:
white on the class chart), which then counts as its extent. A label farther than :data:`LEADER` from its
point is joined to it by a thin line in its colour, so that it names its point for sure; that line passes
over no other label nor marker, and later labels keep off it. The axes' limits and the figure's layout
must be final before labels are placed: they fix where points and lines fall.

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
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

OUTSIDE: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0, "framealpha": 0.6}
"""Where a chart's legend goes, for :func:`fit_legend`: beside its plot, to the right, so that it covers no
data (newcomer trial: the window's legends hid packages, the frontier and offers; the class debrief's hid
packages at the lower left); the figure's constrained layout makes room for it."""

DISTANCES = (3.0, 9.0, 16.0, 26.0, 40.0)      # points from the labelled point, nearest first
LEADER, LEADER_WIDTH = 6.0, 0.8               # points: a label farther than this from its point is joined to it
BOX_CLASH = 100                               # a label's own clash outweighs any number of its leader's
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
                 fontsize: float = 10.0, keep_off: Sequence[Line2D] = (),
                 backing: str | None = None) -> list[Annotation]:
    """Annotate ``ax`` with every label, in order, each at the first free spot around its point: one whose
    extent overlaps no label placed before, no disc of ``keep_clear`` and no line of ``keep_off`` (the line
    as drawn, its width included), within the axes. With ``backing`` each label sits on a box of that
    colour, and the box is its extent."""
    figure = ax.figure
    renderer = FigureCanvasAgg(figure).get_renderer()            # type: ignore[arg-type]
    frame = ax.get_window_extent(renderer)
    scale = figure.dpi / 72                                       # points to pixels
    discs = [(ax.transData.transform((d.x, d.y)), d.radius * scale) for d in keep_clear]
    lines = [(line.get_transform().transform_path(line.get_path()), float(line.get_linewidth()) * scale / 2)
             for line in keep_off]
    box_style = None if backing is None else {"boxstyle": "round,pad=0.2", "facecolor": backing,
                                              "edgecolor": "none", "alpha": 0.9}
    legend = ax.get_legend()
    placed: list[Bbox] = [] if legend is None else [legend.get_window_extent(renderer)]   # the legend stays clear
    out: list[Annotation] = []
    for label in labels:
        centre = ax.transData.transform((label.x, label.y))
        best: tuple[int, Annotation, Bbox, Path | None] | None = None
        for distance in DISTANCES:
            for dx, dy in DIRECTIONS:
                note = ax.annotate(label.text, (label.x, label.y), textcoords="offset points",
                                   xytext=(dx * distance, dy * distance), fontsize=fontsize, zorder=8,
                                   ha="left" if dx > 0 else "right" if dx < 0 else "center",
                                   va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                                   annotation_clip=False, parse_math=False, bbox=box_style)
                if label.colour is not None:
                    note.set_color(label.colour)
                box = _extent(note, renderer)
                leader = _leader(centre, box, LEADER * scale)
                # a label over text, a marker, a line or out of the axes is worse than a thin leader crossing
                # something: where every spot clashes, the fewest clashes of the first kind decide
                clashes = BOX_CLASH * (sum(box.overlaps(other) for other in placed) + sum(
                    _hits(box, middle, radius) for middle, radius in discs) + (not _inside(box, frame)) + sum(
                    _crosses(box, path, half) for path, half in lines)) + (leader is not None and sum(
                        leader.intersects_bbox(other, filled=False) for other in placed) + sum(
                        _passes(leader, middle, radius) for middle, radius in discs))
                if best is None or clashes < best[0]:
                    if best is not None:
                        best[1].remove()
                    best = (clashes, note, box, leader)
                else:
                    note.remove()
                if clashes == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None                                   # DISTANCES and DIRECTIONS are not empty
        _, note, box, leader = best
        placed.append(box)
        out.append(note)
        if leader is not None:                                    # drawn, and kept off by the labels after it
            ends = ax.transData.inverted().transform(leader.vertices)
            ax.plot(ends[:, 0], ends[:, 1], color=note.get_color(), lw=LEADER_WIDTH, alpha=0.6, zorder=7,
                    label="_leader")
            lines.append((leader, LEADER_WIDTH * scale / 2))
    return out


def _leader(centre: np.ndarray, box: Bbox, far: float) -> Path | None:
    """The line (display units) from a label's point ``centre`` to the nearest edge of its ``box``, when that
    is more than ``far`` pixels away (a label pushed out of a crowd would name no point for sure); else None."""
    edge = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])
    return Path(np.array([centre, edge])) if np.hypot(*(edge - centre)) > far else None


def _extent(note: Annotation, renderer: RendererBase) -> Bbox:
    """The display extent of ``note``: its box's, when it is drawn on one, else its text's."""
    text = note.get_window_extent(renderer)                      # also puts the note where it will be drawn
    patch = note.get_bbox_patch()
    if patch is None:
        return text
    note.update_bbox_position_size(renderer)
    return patch.get_window_extent(renderer)


def _passes(leader: Path, centre: np.ndarray, radius: float) -> bool:
    """Whether ``leader`` runs through the disc of ``radius`` pixels around ``centre``, one that does not hold
    the point it starts at (its own marker, or one its point lies on, it cannot help crossing)."""
    ends = np.asarray(leader.vertices, dtype=float)
    start, end = ends[0], ends[1]
    if float(np.hypot(*(centre - start))) < radius:
        return False
    along = end - start
    t = float(np.clip(np.dot(centre - start, along) / max(float(np.dot(along, along)), 1e-9), 0.0, 1.0))
    return bool(np.hypot(*(start + t * along - centre)) < radius)


def _crosses(box: Bbox, path: Path, half: float) -> bool:
    """Whether the line along ``path`` (display units), ``half`` pixels either side of it, reaches into ``box``."""
    return bool(path.intersects_bbox(Bbox.from_extents(box.x0 - half, box.y0 - half, box.x1 + half, box.y1 + half),
                                     filled=False))


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
