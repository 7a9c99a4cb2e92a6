"""Debrief charts drawn with matplotlib (Agg, off screen) and handed to pygame as a surface."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pygame
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.textpath import TextPath

from game.analytics.analysis import frontier_solutions
from game.analytics.cloud import cloud_label, package_cloud
from game.engine.result import GameResult, PrincipalResult
from game.engine.state import State
from game.model.scenario import Scenario
from game.labels import Disc, Label, place_labels, wrap_words
from game.session.diagnosis import TracePoint
from game.session.names import phase_name, possessive, principal_name
from game.session.views import final_problem
from game.ui.chart_legend import shared_legend
from game.ui.theme import BODY, Palette


DPI = 100


# Every legend goes below the plots, in as many columns as fit the figure's width, or beside them when below
# it would leave the plots too short (game.ui.chart_legend), at the size of the ticks. Titles and the x axes'
# names start at their plot's left edge.


def fit_y_name(axes: Axes) -> None:
    """The y axis's name a step smaller, then cut at its end with an ellipsis, until it is no taller than its
    plot and title (the legend below the plots leaves them less height than :func:`y_name` counts on)."""
    fig = axes.get_figure()
    assert isinstance(fig, Figure)
    label = axes.yaxis.label
    if not label.get_text():
        return
    canvas = FigureCanvasAgg(fig)
    room = axes.get_window_extent(canvas.get_renderer()).height + 24     # centred on the plot: a little over it
    size, text = float(label.get_fontsize()), label.get_text()
    while TextPath((0, 0), text, size=size).get_extents().width * fig.dpi / 72 > room and len(text) > 4:
        if size > 0.7 * float(label.get_fontsize()) - 0.01 and size > 9:
            size *= 0.9
        else:
            text = text[:-2].rstrip() + "…"
    axes.set_ylabel(text, fontsize=size)


# a plot's title when the long one is wider than its plot (the legend beside two plots: fit_title)
SHORT_TITLES = {"Every package, the frontier and your deal": "Packages, frontier, your deal",
                "Every package and the frontier (no deal)": "Packages, frontier (no deal)",
                "What the pact is worth each year, as kept": "Yearly worth, as kept",
                "What the deal is worth (it never took effect)": "Worth (never took effect)",
                "No deal: what each government keeps": "No deal: what each keeps",
                "The offers, round by round, over the frontier": "Offers by round, over the frontier"}


def fit_title(axes: Axes) -> None:
    """The plot's title no wider than its plot, so that two titles side by side never run into each other nor
    into a legend beside them: its short form (:data:`SHORT_TITLES`), then a step smaller, then cut at its end."""
    fig = axes.get_figure()
    assert isinstance(fig, Figure)
    renderer = FigureCanvasAgg(fig).get_renderer()
    room, title = axes.get_window_extent(renderer).width, axes.title

    def wide() -> bool:
        return float(title.get_window_extent(renderer).width) > room + 2
    if wide():
        title.set_text(SHORT_TITLES.get(title.get_text(), title.get_text()))
    if wide():
        title.set_fontsize(0.85 * float(title.get_fontsize()))
    while wide() and len(title.get_text()) > 4:
        title.set_text(title.get_text()[:-2].rstrip() + "…")


def _title(axes: Axes, text: str, colour: tuple[float, float, float], size: float) -> None:
    """The plot's title, starting at its left edge (the axes' own title, as :meth:`Axes.get_title` reads it)."""
    axes.set_title(text, color=colour, fontsize=size)
    axes.title.set_horizontalalignment("left")
    axes.title.set_x(0.0)


def y_name(axes: Axes, name: str, colour: tuple[float, float, float], size: float) -> None:
    """The y axis's name, "value on paper to <name>", shortened until it fits four fifths of the figure's
    height, the most the axes get beside the title and the x axis's name (newcomer trial: at 1024x640 in
    large text "value on paper to United Stat" was cut off)."""
    fig = axes.get_figure()
    assert isinstance(fig, Figure)
    room = 0.8 * fig.get_figheight() * fig.dpi
    # it always says what is measured (newcomer trial: "on paper to Russia"): a step smaller before fewer words
    forms = [(f"value on paper to {name}", size), (f"value on paper to {name}", 0.85 * size),
             (f"value on paper to {name}", 0.7 * size), (f"value to {name}", 0.7 * size)]
    text, points = next(((t, s) for t, s in forms
                         if TextPath((0, 0), t, size=s).get_extents().width * fig.dpi / 72 <= room), forms[-1])
    axes.set_ylabel(text, color=colour, fontsize=points)


def text_points(base: int, scale: float) -> float:
    """The game's text size ``base`` (pixels at normal text size, scaled by the settings' text size as
    :func:`game.ui.theme.font_size` rounds it) in points at the charts' DPI: a chart's title is as large as the
    body text of the screens around it (BODY), its axis names a step smaller, its ticks and legend two."""
    return round(base * scale) * 72 / DPI


def _rgb(colour: tuple[int, int, int]) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def debrief_figure(state: State, result: GameResult, side: str, palette: Palette, size: tuple[int, int],
                   scale: float = 1.0) -> Figure:
    """Left: every outcome, the Pareto frontier, Nash and Kalai-Smorodinsky points, the deal and both
    no-deal values, with the player's government on x. Right: the distribution of each government's
    yearly value as the pact is kept, over the compliance histories, with its value on paper and no
    deal (or, when the pact never took effect, its value on paper and its expected value; without a deal,
    each government's no-deal value alone). Every no-deal
    line is the value the game ended with (:func:`game.session.views.final_problem`)."""
    problem = final_problem(state)
    ids = problem.party_ids
    me = ids.index(side) if side in ids else 0
    other = 1 - me
    dpi = DPI
    fig = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi, facecolor=_rgb(palette.panel), layout="constrained")
    ink, muted = _rgb(palette.ink), _rgb(palette.muted)
    plt_font, title, small = text_points(14, scale), text_points(BODY, scale), text_points(13, scale)
    ax = fig.add_subplot(1, 2, 1)
    matrix = package_cloud(problem, 6000)
    ax.scatter(matrix[:, me], matrix[:, other], s=3, color=muted, alpha=0.35, linewidths=0)
    ax.scatter([], [], s=30, color=muted, alpha=0.9, linewidths=0,      # the legend's swatch: a dot one can see
               label=cloud_label(problem, len(matrix), "packages"))
    sol = frontier_solutions(problem)
    front = sol.frontier_utilities
    if len(front):
        order = np.argsort(front[:, me])
        ax.plot(front[order, me], front[order, other], color=_rgb(palette.focus), lw=1.5, label="Pareto frontier")
    if sol.nash is not None:
        ax.scatter([sol.nash.utilities[me]], [sol.nash.utilities[other]], marker="*", s=160, color=_rgb(palette.good),
                   zorder=7, label="Nash deal")                         # above the diamond: they often coincide
    if sol.kalai_smorodinsky is not None:
        ks = sol.kalai_smorodinsky.utilities
        ax.scatter([ks[me]], [ks[other]], marker="D", s=70, facecolors="none", edgecolors=_rgb(palette.them),
                   linewidths=1.8, zorder=5, label="Kalai-Smorodinsky")
    by_party = {p.party: p for p in result.principals}
    if result.agreement is not None and ids[me] in by_party and ids[other] in by_party:
        ax.scatter([by_party[ids[me]].paper], [by_party[ids[other]].paper], s=90, facecolors="none",
                   edgecolors=_rgb(palette.us), linewidths=2.5, zorder=6, label="your deal")
    names = [principal_name(state.scenario.party(pid).principal) for pid in ids]
    ax.axvline(problem.reservation[me], color=_rgb(palette.us), ls="--", lw=1, label=f"no deal: {names[me]}")
    ax.axhline(problem.reservation[other], color=_rgb(palette.them), ls="--", lw=1, label=f"no deal: {names[other]}")
    ax.set_xlabel(f"value on paper to {names[me]} (you)", color=ink, fontsize=plt_font, loc="left")
    y_name(ax, names[other], ink, plt_font)
    _title(ax, "Every package, the frontier and your deal" if result.agreement is not None
                 else "Every package and the frontier (no deal)", ink, title)
    ax.legend(fontsize=small)
    bx = fig.add_subplot(1, 2, 2)
    comp = state.compliance
    if comp is not None and comp.histogram:
        edges = np.linspace(0.0, 1.0, len(comp.histogram[0]) + 1)
        for k, pid in enumerate((ids[me], ids[other])):
            counts = np.array(comp.histogram[comp.parties.index(pid)], dtype=float)
            colour = _rgb(palette.us if k == 0 else palette.them)
            bx.stairs(counts / counts.sum(), edges, fill=True, alpha=0.55, color=colour, label=names[me if k == 0 else other])
            p = by_party.get(pid)
            if p is not None:
                bx.axvline(p.paper, color=colour, lw=1.5, label=f"{names[me if k == 0 else other]} on paper")
                bx.axvline(p.reservation, color=colour, ls="--", lw=1,
                           label=f"no deal: {names[me if k == 0 else other]}")
        bx.set_xlim(0, 1)
        bx.set_xlabel(f"yearly value as kept ({comp.simulations:,} simulated histories)", color=ink,
                      fontsize=plt_font, loc="left")
        bx.set_ylabel("share of histories", color=ink, fontsize=plt_font)
        _title(bx, "What the pact is worth each year, as kept", ink, title)
        bx.legend(fontsize=small)
    elif result.agreement is None:
        _no_deal_bars(bx, [by_party.get(ids[me]), by_party.get(ids[other])], [f"{names[me]} (you)", names[other]],
                      palette, plt_font, title)
    else:
        labels = ["on paper", "expected"]
        for k, pid in enumerate((ids[me], ids[other])):
            p = by_party.get(pid)
            if p is None:
                continue
            colour = _rgb(palette.us if k == 0 else palette.them)
            bx.bar(np.arange(2) + (k - 0.5) * 0.35, [p.paper, p.expected], width=0.33, color=colour,
                   label=names[me if k == 0 else other])
            bx.axhline(p.reservation, color=colour, ls="--", lw=1, label=f"no deal: {names[me if k == 0 else other]}")
        bx.set_xticks(range(2), labels, fontsize=plt_font)
        bx.set_ylim(0, 1)
        _title(bx, "What the deal is worth (it never took effect)", ink, title)
        bx.legend(fontsize=small)
    for axis in (ax, bx):
        axis.set_facecolor(_rgb(palette.background))
        axis.tick_params(colors=ink, labelsize=small)
        for spine in axis.spines.values():
            spine.set_color(muted)
    shared_legend(fig, (ax, bx), small, text_points(13, 1.0))      # once both plots and their ticks are drawn: the layout is final
    for axis in (ax, bx):
        fit_y_name(axis)                     # to the plots' height beside the legend below them
        fit_title(axis)                      # to the plot's width: a legend beside them narrows them
    return fig


def _no_deal_bars(bx: Axes, principals: list[PrincipalResult | None], names: list[str], palette: Palette,
                  plt_font: float, title: float) -> None:
    """Without a deal, what each government keeps: its no-deal value, one bar each (the player's first)."""
    ink = _rgb(palette.ink)
    for k, (p, name) in enumerate(zip(principals, names)):
        if p is None:
            continue
        bx.bar([k], [p.reservation], width=0.5, color=_rgb(palette.us if k == 0 else palette.them))
        bx.annotate(f"{p.reservation:.2f}", (k, p.reservation), textcoords="offset points", xytext=(0, 3),
                    ha="center", color=ink, fontsize=plt_font)
    bx.set_xticks(range(len(names)), names, fontsize=plt_font)
    bx.set_xlim(-0.75, len(names) - 0.25)
    bx.set_ylim(0, 1)
    bx.set_ylabel("no-deal value", color=ink, fontsize=plt_font)
    _title(bx, "No deal: what each government keeps", ink, title)


def figure_surface(fig: Figure) -> pygame.Surface:
    """Render a figure off screen and wrap its pixels in a pygame surface."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height()
    return pygame.image.frombuffer(bytes(canvas.buffer_rgba()), (width, height), "RGBA").copy()


RING_AREA, RING_WIDTH = 110.0, 2.5          # the agreement's ring in the offer trace (points², points)


def rounds_text(rounds: list[int]) -> str:
    """Round numbers as one label: "3", "1–4" for a run, "2, 5" otherwise."""
    if len(rounds) > 2 and rounds == list(range(rounds[0], rounds[-1] + 1)):
        return f"{rounds[0]}–{rounds[-1]}"
    return ", ".join(str(r) for r in rounds)


def place_round_labels(ax: Axes, labels: list[tuple[int, float, float, tuple[int, int, int]]],
                       ring: tuple[float, float] | None, dpi: int, fontsize: float,
                       keep_off: Sequence[Line2D] = ()) -> None:
    """Number each offer by its round (``labels``: round, x, y, colour); offers at one spot share one label
    ("1–4"). No number lies under the agreement's ring (newcomer trial h6: the last offer's number was hidden
    under it), on another number, on an offer's dot, or across a line of ``keep_off``, the frontiers (player
    trial: "1" and "2" sat on the dotted frontier) (:func:`game.labels.place_labels`). The axes' limits
    must be final."""
    spots: dict[tuple[float, float, tuple[int, int, int]], list[int]] = {}
    for number, x, y, colour in labels:
        spots.setdefault((round(x, 4), round(y, 4), colour), []).append(number)
    clear = [Disc(x, y, 3.0) for x, y, _ in spots]                                     # each offer's dot
    if ring is not None:
        clear.append(Disc(ring[0], ring[1], np.sqrt(RING_AREA) / 2 + RING_WIDTH / 2 + 1))
    place_labels(ax, [Label(rounds_text(rounds), x, y, _rgb(colour)) for (x, y, colour), rounds in spots.items()],
                 clear, fontsize, keep_off=keep_off)


def _offerers(s: Scenario, points: list[TracePoint], mine: str, side: str,
              palette: Palette) -> list[tuple[str, tuple[int, int, int]]]:
    """The delegations that made offers among ``points``, the player's government's first, each in its
    government's colour."""
    parties = sorted({t.party for t in points}, key=lambda p: (s.party(p).principal != mine, p != side))
    return [(p, palette.us if s.party(p).principal == mine else palette.them) for p in parties]


def _own_frontier(ax: Axes, points: list[TracePoint], axes_seats: tuple[int, int], where: str,
                  colour: tuple[float, float, float]) -> Line2D | None:
    """Draw an earlier table's own Pareto frontier, dotted (its red lines and the values of its time, carried
    by its first offer: :func:`game.session.diagnosis.table_frontier`), the line its offers are read against;
    ``axes_seats``: the seat valued on x, then on y. When one of its offers lies beyond it (that offer crosses
    a red line of that table), the legend says so (newcomer trial: a Track 1.5 offer sat outside the last
    table's line, unexplained)."""
    frontier = points[0].frontier if points else None
    if not frontier:
        return None
    line = np.array(frontier)[:, list(axes_seats)]
    line = line[np.argsort(line[:, 0])]
    offers = np.array([[t.values[axes_seats[0]], t.values[axes_seats[1]]] for t in points])
    covered = ((line[None, :, 0] >= offers[:, None, 0] - 1e-9) & (line[None, :, 1] >= offers[:, None, 1] - 1e-9))
    beyond = "" if covered.any(axis=1).all() else " (an offer beyond it crosses a red line)"
    drawn: Line2D = ax.plot(line[:, 0], line[:, 1], ":", color=colour, lw=1.5, label=f"Pareto frontier{where}{beyond}")[0]
    return drawn


def offer_trace_figure(state: State, trace: tuple[TracePoint, ...], side: str, palette: Palette,
                       size: tuple[int, int], scale: float = 1.0) -> Figure:
    """Both sides' offers round by round over the last table's Pareto frontier, as GENIUS draws them: x the
    player's government's value on paper, y the other's; each side's offers joined in order and numbered by
    round, the agreement ringed, both no-deal lines dashed. An earlier table between the same two
    governments (a Track 1.5 table) is drawn too, dotted with hollow dots and named in the legend, over its
    own frontier, dotted (its red lines and values differ from the last table's); an offer beyond it is said
    to cross a red line there."""
    problem = final_problem(state)
    ids = problem.party_ids
    own = state.scenario.party(side).principal if any(p.id == side for p in state.scenario.parties) else None
    me = next((i for i, pid in enumerate(ids) if state.scenario.party(pid).principal == own), 0)  # experts too
    dpi = DPI
    fig = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi, facecolor=_rgb(palette.panel), layout="constrained")
    ink, muted = _rgb(palette.ink), _rgb(palette.muted)
    plt_font, title, small = text_points(14, scale), text_points(BODY, scale), text_points(13, scale)
    ax = fig.add_subplot(1, 1, 1)
    front = frontier_solutions(problem).frontier_utilities
    frontiers: list[Line2D] = []                  # the round numbers keep off them
    if len(front):
        order = np.argsort(front[:, me])
        frontiers += ax.plot(front[order, me], front[order, 1 - me], color=_rgb(palette.focus), lw=1.5,
                             label="Pareto frontier" + (" (last table)" if len({t.phase for t in trace}) > 1 else ""))
    s = state.scenario
    names = [principal_name(s.party(pid).principal) for pid in ids]
    govs = (s.party(ids[me]).principal, s.party(ids[1 - me]).principal)
    last = trace[-1].phase if trace else -1
    labels: list[tuple[int, float, float, tuple[int, int, int]]] = []     # each offer's round, placed last
    for phase in sorted({t.phase for t in trace}):
        # every table between the same two governments (a Track 1.5 table before the official one): its
        # offers are valued on paper by the same governments, so they share the axes; earlier ones hollow
        points = [t for t in trace if t.phase == phase]
        if {s.party(p).principal for p in points[0].seats} != set(govs):
            continue
        if s.phases and s.phases[phase].scope is not None and phase != last:
            continue      # a definitions table's values are of its scope ladder, not on these axes (rule D1)
        where = "" if phase == last else f" at {phase_name(s, s.phases[phase].id)}" if s.phases else ""
        if phase != last:
            principals = [s.party(p).principal for p in points[0].seats]
            seats_xy = (principals.index(govs[0]), principals.index(govs[1]))
            drawn = _own_frontier(ax, points, seats_xy, where, _rgb(palette.focus))
            frontiers += [drawn] if drawn is not None else []
        for party, colour in _offerers(s, points, govs[0], side, palette):
            mine = [t for t in points if t.party == party]
            seat = {s.party(p).principal: i for i, p in enumerate(mine[0].seats)}
            xy = np.array([[t.values[seat[govs[0]]], t.values[seat[govs[1]]]] for t in mine])
            who = ("your offers" if party == side else f"{possessive(s.party(party).name)} offers") + where
            ax.plot(xy[:, 0], xy[:, 1], "-o" if phase == last else ":o", color=_rgb(colour), ms=4, lw=1,
                    alpha=0.85, label=who, markerfacecolor=_rgb(colour) if phase == last else "none")
            labels += [(t.round + 1, float(x), float(y), colour) for t, (x, y) in zip(mine, xy)]
    final = state.binding_result
    ring: tuple[float, float] | None = None
    if final is not None and final.agreement is not None and state.tables is not None:
        index = state.tables.problem.index_of(final.agreement)
        deal = [float(state.tables.of(pid).true_u[index]) for pid in ids]
        ring = (deal[me], deal[1 - me])
        ax.scatter([ring[0]], [ring[1]], s=RING_AREA, facecolors="none", edgecolors=_rgb(palette.good),
                   linewidths=RING_WIDTH, zorder=6, label="the agreement")
    ax.axvline(problem.reservation[me], color=_rgb(palette.us), ls="--", lw=1, label=f"no deal: {names[me]}")
    ax.axhline(problem.reservation[1 - me], color=_rgb(palette.them), ls="--", lw=1, label=f"no deal: {names[1 - me]}")
    ax.get_xlim(), ax.get_ylim()                 # settles the autoscaled limits the labels are placed by
    ax.set_xlabel(f"value on paper to {names[me]} (you)", color=ink, fontsize=plt_font, loc="left")
    y_name(ax, names[1 - me], ink, plt_font)
    _title(ax, "The offers, round by round, over the frontier", ink, title)
    ax.set_facecolor(_rgb(palette.background))
    ax.tick_params(colors=ink, labelsize=small)             # before the legend: the ticks' size shapes the plot
    for spine in ax.spines.values():
        spine.set_color(muted)
    shared_legend(fig, (ax,), small, text_points(13, 1.0))                 # below the plot: it hides no offer
    fit_y_name(ax)
    fit_title(ax)
    place_round_labels(ax, labels, ring, dpi, text_points(12, scale), frontiers)   # clear of the legend as well
    return fig
