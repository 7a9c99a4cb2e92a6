"""The debrief's Pareto chart: every package, the frontier, the Nash deal, both sides' no-deal values,
and every counted game, its marker saying how it was played (against the AI, hot-seat, face to face,
an AI preview), with the games that ended without a deal and, in a campaign, each published Track 1.5 plan.
A game without a deal is at its own final no-deal values, its scores (events may have moved them from the
scenario's start, the dashed lines), labelled "no deal: tables 2 and 3". Labels are table numbers
("3 (United States)": the US seat's game against the AI), each on a white box, off the frontier line and off
one another (:func:`game.labels.place_labels`). A table whose seat the class server handed to the AI mid-game
has a marker of its own (a hexagon in its way of playing's colour, "deal: students together; AI took over" in
the legend) and its label says from which move ("1 (Russian delegation: AI from move 8)"), in the words of
:func:`game.classroom.lesson.how_played` (such a table looked like the students' own deal).
The legend goes beside the plot, fitted to it (:func:`game.labels.fit_legend`), as in the window's charts:
it hid packages at the lower left, and nothing kept it within its plot.

Scenario text reaches matplotlib as literal text (``parse_math=False``): a title with dollar signs is
printed as written, never read as mathtext.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from dataclasses import dataclass, field

import numpy as np
from matplotlib.figure import Figure

from game.analytics.cloud import cloud_label, package_cloud
from game.classroom.folder import Session
from game.classroom.lesson import THEN_AI, GameRow, Lesson, how_played
from game.labels import OUTSIDE, Disc, Label, fit_legend, place_labels
from game.model.utility import bargaining_problem
from game.session.names import and_list

STYLE = {"ai": ("o", "#0072b2"), "hot-seat": ("s", "#56b4e9"), "face-to-face": ("D", "#d55e00"),
         "simulated": ("P", "#999999")}
SIZE = (10.0, 6.6)              # inches, at 110 dots per inch: debrief.png, the HTML pages' and the slides' chart
HANDED_MARKER = "h"             # a table handed to the AI: a hexagon, in its way of playing's colour
LEGEND_POINTS, LEGEND_FLOOR = 10.0, 8.0      # the legend's text, and the smallest it shrinks to when it must


@dataclass(frozen=True)
class Marks:
    """One legend entry of the chart's deals: its marker and colour, and each deal's point and label."""

    marker: str
    colour: str
    legend: str
    points: list[tuple[float, ...]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def chart_label(game: GameRow) -> str:
    """A game's label on the chart: :attr:`GameRow.label`, and for a table handed to the AI mid-game the
    seat and the move from which the AI played it, as :func:`how_played` says it. A student's own game
    against the AI names its seat already, "4 (United States; AI from move 5)" (one pair of brackets); a
    table of students names the seat by its delegation's short name, "1 (Russian delegation: AI from move
    8)" (instructor trial: "1 (AI from move 8)" said of which seat only in the debrief's table)."""
    if not game.handed:
        return game.label
    if game.label.endswith(")"):
        return f"{game.label[:-1]}; AI from move {min(move for _, move in game.handed)})"
    seats = "; ".join(f"{name.split(' (')[0]}: AI from move {move}" for name, move in game.handed)
    return f"{game.label} ({seats})"


def deal_marks(lesson: Lesson) -> list[Marks]:
    """The counted games with a deal, grouped by legend entry: one per way of playing (:data:`STYLE`), then,
    for the tables handed to the AI mid-game, one per way of playing with the :data:`HANDED_MARKER` and the
    legend of :func:`how_played` without detail ("deal: students together; AI took over"); empty groups left
    out."""
    groups: list[Marks] = []
    for handed in (False, True):
        for mode, (marker, colour) in STYLE.items():
            games = [g for g in lesson.games if g.mode == mode and g.agreement is not None
                     and bool(g.handed) == handed]
            if games:
                legend = f"{how_played(mode)}; {THEN_AI}" if handed else how_played(mode)
                groups.append(Marks(HANDED_MARKER if handed else marker, colour, f"deal: {legend}",
                                    [g.paper for g in games], [chart_label(g) for g in games]))
    return groups


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
        # the scenario's no-deal values; called its start when an event moved a table's (that table's cross is not on them)
        start = "" if all(tuple(round(v, 9) for v in g.no_deal) == tuple(round(v, 9) for v in r)
                          for g in lesson.games if g.agreement is None) else " at the start"
        ax.axvline(r[0], color="#0072b2", ls="--", lw=1, label=f"no deal: {names[0]}{start}")
        ax.axhline(r[1], color="#d55e00", ls="--", lw=1, label=f"no deal: {names[1]}{start}")
        labels: dict[tuple[float, ...], list[str]] = {}
        for marks in deal_marks(lesson):
            ax.scatter([p[0] for p in marks.points], [p[1] for p in marks.points], marker=marks.marker, s=90,
                       color=marks.colour, edgecolors="white", zorder=6, label=marks.legend)
            for point, label in zip(marks.points, marks.labels):
                labels.setdefault(tuple(round(v, 9) for v in point), []).append(label)
        # each game without a deal at its own final no-deal values, which are its scores (instructor trial: all
        # at the scenario's start, 0.35 / 0.40, while the table of scores gave 0.450 and 0.500 after events)
        empty: dict[tuple[float, ...], list[str]] = {}
        for g in lesson.games:
            if g.agreement is None:
                empty.setdefault(tuple(round(v, 9) for v in g.no_deal), []).append(chart_label(g))
        if empty:
            ax.scatter([p[0] for p in empty], [p[1] for p in empty], marker="X", s=160, color="black", zorder=7,
                       label="no deal")
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
        clear = [Disc(x, y, 6.0) for x, y in labels] + [Disc(x, y, 8.0) for x, y in empty]
        if sol.nash is not None:
            clear.append(Disc(float(sol.nash.utilities[0]), float(sol.nash.utilities[1]), 10.0))
        texts = [Label(", ".join(tags), point[0], point[1]) for point, tags in labels.items()]
        texts += [Label(f"no deal: {tables_words(tags)}", point[0], point[1]) for point, tags in empty.items()]
        # no label on the frontier line, each on a white box (known gap: a table's label sat on the line)
        place_labels(ax, texts, clear, fontsize=11, keep_off=frontier, backing="white")
    return fig


def tables_words(labels: list[str]) -> str:
    """'table 2', 'tables 2 and 3 (United States)': game labels (:attr:`GameRow.label`) as words."""
    return ("table " if len(labels) == 1 else "tables ") + and_list(labels)
