"""The debrief charts' one legend for all their plots (each entry once: the no-deal lines are the same in both).

Below the plots, in the columns that make it least tall within the figure's width (newcomer trial: a legend
beside each plot at 1024x640 took half its width). But when below it leaves a plot shorter than
:data:`MIN_PLOT` pixels -- a short window in large text: 1024x640 left plots about 95 px tall under a three-row
legend, and the trap scenario's offer trace cut its axis name to "value on paper to…" -- it goes beside the
plots in one column, its names wrapped to a share of the width (:data:`BESIDE_SHARES`, the narrower first),
whenever that gives the plots more height.
"""

from __future__ import annotations

import warnings
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from game.labels import wrap_words

MIN_PLOT = 200          # pixels: a plot shorter than this under its legend gets the legend beside it instead
BESIDE_SHARES = (0.24, 0.34)   # the figure's width a legend beside the plots may take, its names wrapped to it


def shared_legend(fig: Figure, axes: tuple[Axes, ...], fontsize: float, floor: float) -> Legend:
    """One legend for the plots ``axes`` of ``fig``: below them (the columns that make it least tall within the
    figure's width, its names wrapped to their column; taller than a third of the figure, its text goes down to
    ``floor`` points, the size at normal text), or beside them when below leaves a plot under :data:`MIN_PLOT`
    pixels tall and beside leaves the plots taller."""
    handles: list[Any] = []
    labels: list[str] = []
    for axis in axes:
        old = axis.get_legend()
        if old is not None:
            old.remove()
        for handle, label in zip(*axis.get_legend_handles_labels()):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()

    def placed(columns: int, fontsize: float, beside: float = 0.0) -> Legend:
        """The legend in ``columns`` columns (one ``beside`` the plots: that share of the width), a long name
        (a Track 1.5 table's) wrapped to its column."""
        width = fig.bbox.width * beside if beside else fig.bbox.width / columns
        room = width - 3.5 * fontsize * fig.dpi / 72
        with warnings.catch_warnings():         # a tall trial may collapse the plots: it is not kept
            warnings.simplefilter("ignore", UserWarning)
            legend = fig.legend(handles, [wrap_words(label, room, fontsize, renderer) for label in labels],
                                loc="outside right upper" if beside else "outside lower center", ncols=columns,
                                fontsize=fontsize, framealpha=0.6, columnspacing=1.2)
            for text in legend.get_texts():
                text.set_parse_math(False)              # a scenario's names are literal text
            fig.draw_without_rendering()
        return legend

    def plot_height() -> float:
        return min(axis.get_window_extent(canvas.get_renderer()).height for axis in axes)

    for size in (fontsize, floor):
        heights: dict[int, float] = {}
        for columns in range(1, min(len(labels), 6) + 1):     # the least tall that is no wider than the figure
            legend = placed(columns, size)
            box = legend.get_window_extent(canvas.get_renderer())
            if box.width <= fig.bbox.width - 8:
                heights[columns] = box.height
            legend.remove()
        if heights and min(heights.values()) <= fig.bbox.height / 3:
            break
    columns, below_size = min(heights, key=lambda c: (heights[c], -c)) if heights else 1, size
    below = placed(columns, below_size)
    under = plot_height()
    if under >= MIN_PLOT:
        return below
    below.remove()
    for share in BESIDE_SHARES:                # beside: the narrowest, then the largest text, the figure holds
        for size in (fontsize, floor):
            beside = placed(1, size, share)
            if beside.get_window_extent(canvas.get_renderer()).height <= fig.bbox.height - 4 and plot_height() > under:
                return beside
            beside.remove()
    return placed(columns, below_size)
