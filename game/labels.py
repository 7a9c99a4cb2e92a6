"""Labels on a matplotlib chart that neither overlap one another nor hide a marker.

A leaf module (matplotlib only), shared by the class debrief's chart and the window's debrief charts.
Each label is tried at a ring of offsets around its point, nearest first (up-right, down-right,
up-left, down-left, up, down, right, left, then the same farther out); it takes the first spot whose
box overlaps no label already placed, no marker to keep clear (a disc: centre in data units, radius
in points) nor the legend, and stays inside the axes. When every spot collides it takes the one with the fewest
collisions. The axes' limits must be final before labels are placed: they fix where points fall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

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
