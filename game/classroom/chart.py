"""The debrief's Pareto chart: every package, the frontier, the Nash deal, both sides' no-deal values,
and every counted game, its marker saying how it was played (against the AI, hot-seat, face to face,
an AI preview), with the games that ended without a deal at the no-deal point and, in a campaign,
each published Track 1.5 plan. Labels are table numbers ("3 United States": the US seat's game against the
AI), each on a white box, off the frontier line and off one another (:func:`game.labels.place_labels`).
The legend goes beside the plot, fitted to it (:func:`game.labels.fit_legend`), as in the window's charts:
it hid packages at the lower left, and nothing kept it within its plot.

Scenario text reaches matplotlib as literal text (``parse_math=False``): a title with dollar signs is
printed as written, never read as mathtext.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.figure import Figure

from game.analytics.cloud import cloud_label, package_cloud
from game.classroom.folder import Session
from game.classroom.lesson import PLAYED, Lesson
from game.labels import OUTSIDE, Disc, Label, fit_legend, place_labels
from game.model.utility import bargaining_problem

STYLE = {"ai": ("o", "#0072b2"), "hot-seat": ("s", "#56b4e9"), "face-to-face": ("D", "#d55e00"),
         "simulated": ("P", "#999999")}
SIZE = (10.0, 6.6)              # inches, at 110 dots per inch: debrief.png, the HTML pages' and the slides' chart
LEGEND_POINTS, LEGEND_FLOOR = 10.0, 8.0      # the legend's text, and the smallest it shrinks to when it must


def chart(session: Session, lesson: Lesson, size: tuple[float, float] = SIZE) -> Figure:
    """Every table's deal on the Pareto chart of the class's scenario, ``size`` inches large."""
    problem = lesson.problem
    names = lesson.governments
    matrix = package_cloud(problem, 8000)
    sol = lesson.analysis.solutions
    with matplotlib.rc_context({"font.size": 13, "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=size, dpi=110, layout="constrained")
        ax = fig.add_subplot(1, 1, 1)
        ax.scatter(matrix[:, 0], matrix[:, 1], s=3, color="#cccccc", linewidths=0, label=cloud_label(problem, len(matrix), "possible packages"))
        frontier = []
        if len(sol.frontier_utilities):
            order = np.argsort(sol.frontier_utilities[:, 0])
            frontier = ax.plot(sol.frontier_utilities[order, 0], sol.frontier_utilities[order, 1], color="#e69f00",
                               lw=2.5, label="Pareto frontier")
        if sol.nash is not None:
            ax.scatter([sol.nash.utilities[0]], [sol.nash.utilities[1]], marker="*", s=320, color="#009e73",
                       zorder=5, label="Nash deal")
        r = problem.reservation
        # named in the legend as the window's charts name them (instructor trial: two dashed lines unexplained)
        ax.axvline(r[0], color="#0072b2", ls="--", lw=1, label=f"no deal: {names[0]}")
        ax.axhline(r[1], color="#d55e00", ls="--", lw=1, label=f"no deal: {names[1]}")
        labels: dict[tuple[float, ...], list[str]] = {}
        for mode, (marker, colour) in STYLE.items():
            games = [g for g in lesson.games if g.mode == mode and g.agreement is not None]
            if games:
                ax.scatter([g.paper[0] for g in games], [g.paper[1] for g in games], marker=marker, s=90,
                           color=colour, edgecolors="white", zorder=6, label=f"deal: {PLAYED[mode]}")
                for g in games:
                    labels.setdefault(tuple(round(v, 9) for v in g.paper), []).append(g.label)
        empty = [g.label for g in lesson.games if g.agreement is None]
        if empty:
            ax.scatter([r[0]], [r[1]], marker="X", s=160, color="black", zorder=7, label="no deal")
        plans = [(g.label, g.track15.plan) for g in lesson.games if g.track15 is not None and g.track15.plan]
        if plans:
            table = bargaining_problem(session.scenario)
            points = [table.utilities_of(np.array(plan)) for _, plan in plans]
            ax.scatter([p[0] for p in points], [p[1] for p in points], marker="^", s=90, facecolors="none",
                       edgecolors="#cc79a7", linewidths=2, zorder=6, label="Track 1.5 plan")
            for (label, _), p in zip(plans, points):
                labels.setdefault(tuple(round(float(v), 9) for v in p), []).append(f"plan {label}")
        ax.set_xlabel(f"value to {names[0]} (on paper)", parse_math=False)
        ax.set_ylabel(f"value to {names[1]} (on paper)", parse_math=False)
        ax.set_title(f"{session.scenario.title}: every table's deal", parse_math=False)
        fit_legend(ax, LEGEND_POINTS, LEGEND_FLOOR, **OUTSIDE)   # lays the figure out, the legend beside the plot
        fig.set_layout_engine("none")            # the axes' final place: the labels are placed by it
        # every marker stays readable: no label on the Nash star, a deal, the no-deal cross or another label
        clear = [Disc(x, y, 6.0) for x, y in labels] + ([Disc(r[0], r[1], 8.0)] if empty else [])
        if sol.nash is not None:
            clear.append(Disc(float(sol.nash.utilities[0]), float(sol.nash.utilities[1]), 10.0))
        texts = [Label(", ".join(tags), point[0], point[1]) for point, tags in labels.items()]
        if empty:
            texts.append(Label("no deal: " + ", ".join(empty), float(r[0]), float(r[1])))
        # no label on the frontier line, each on a white box (known gap: a table's label sat on the line)
        place_labels(ax, texts, clear, fontsize=11, keep_off=frontier, backing="white")
    return fig
