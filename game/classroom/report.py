"""The class debrief: every pair's deal on one Pareto chart, scores per side, how often each option
was agreed, efficiency and distance to the Nash deal, entry into force and the share of pacts intact.

Numbers come from the replayed games (:mod:`game.classroom.results`), so they are the engine's.
Writes ``debrief.html`` (self-contained: the chart is embedded), ``debrief.csv`` (one row per
result) and the chart as ``debrief.png`` and ``debrief.svg``.

Scenario text and file names are untrusted: the chart draws them as literal text (matplotlib's
mathtext would read ``$...$`` in a title as a formula, and fail on an unknown symbol), and every
CSV text cell that a spreadsheet would read as a formula (one starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading ``'``; control characters in file
names are shown as ``?``.
"""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.figure import Figure

from game.analytics.analysis import analyze
from game.analytics.pareto import distance_to_frontier
from game.classroom.document import Document
from game.classroom.folder import Session, write_atomically
from game.classroom.results import Accepted, Rejected
from game.model.utility import bargaining_problem
from game.session.names import principal_name

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: a leading ``'`` before a formula start."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def display_name(name: str) -> str:
    """A file name with its control characters (C0, DEL, C1) shown as ``?``."""
    return "".join("?" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in name)


@dataclass(frozen=True)
class Row:
    """One accepted result, as the debrief reports it."""

    pair: int
    side: str
    mode: str
    agreement: str                     # "option, option, ...; form" or "no deal"
    paper: tuple[float, ...]           # per table party, in the problem's order
    honoured: tuple[float, ...]
    in_force: bool
    survival: float
    distance_frontier: float | None
    distance_nash: float | None
    file: str


def rows_of(session: Session, accepted: list[Accepted]) -> list[Row]:
    s = session.scenario
    problem = bargaining_problem(s)
    ids = problem.party_ids
    sol = analyze(problem).solutions
    front = sol.frontier_utilities
    rows = []
    for a in sorted(accepted, key=lambda a: (a.pair, a.side, a.path.name)):
        r = a.result
        by_party = {p.party: p for p in r.principals}
        paper = tuple(by_party[pid].paper if pid in by_party else problem.reservation[i] for i, pid in enumerate(ids))
        honoured = tuple(by_party[pid].compliance_mean if pid in by_party else problem.reservation[i]
                         for i, pid in enumerate(ids))
        dist_front = dist_nash = None
        if r.agreement is not None:
            point = np.array(paper)
            dist_front = float(distance_to_frontier(point[None, :], front)[0]) if len(front) else None
            dist_nash = float(np.linalg.norm(point - sol.nash.utilities)) if sol.nash is not None else None
            deal = ", ".join(b.options[r.agreement[i]].label for i, b in enumerate(s.baskets))
            deal += f"; {s.forms[r.agreement[-1]].label}"
        else:
            deal = "no deal"
        rows.append(Row(a.pair, a.side, a.mode, deal, paper, honoured, r.in_force, r.survival, dist_front, dist_nash,
                        display_name(a.path.name)))
    return rows


def chart(session: Session, rows: list[Row]) -> Figure:
    """Every package (grey), the Pareto frontier, the Nash deal, the reservation values, and each
    pair's deal, labelled with its pair number."""
    problem = bargaining_problem(session.scenario)
    ids = problem.party_ids
    names = [principal_name(session.scenario.party(p).principal) for p in ids]
    matrix = problem.utility_matrix()
    if len(matrix) > 8000:
        matrix = matrix[np.random.default_rng(0).choice(len(matrix), 8000, replace=False)]
    sol = analyze(problem).solutions
    fig = Figure(figsize=(8, 6), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    ax.scatter(matrix[:, 0], matrix[:, 1], s=3, color="#bbbbbb", linewidths=0, label="packages")
    if len(sol.frontier_utilities):
        order = np.argsort(sol.frontier_utilities[:, 0])
        ax.plot(sol.frontier_utilities[order, 0], sol.frontier_utilities[order, 1], color="#e69f00", lw=2,
                label="Pareto frontier")
    if sol.nash is not None:
        ax.scatter([sol.nash.utilities[0]], [sol.nash.utilities[1]], marker="*", s=220, color="#009e73", zorder=5,
                   label="Nash deal")
    ax.axvline(problem.reservation[0], color="#0072b2", ls="--", lw=1)
    ax.axhline(problem.reservation[1], color="#d55e00", ls="--", lw=1)
    deals = [r for r in rows if r.agreement != "no deal"]
    if deals:
        ax.scatter([r.paper[0] for r in deals], [r.paper[1] for r in deals], s=60, color="#0072b2", zorder=6,
                   edgecolors="white", label="the class's deals")
        labels: dict[tuple[float, ...], list[str]] = {}
        for r in deals:                                  # pairs with the same deal share one label
            labels.setdefault(tuple(round(v, 9) for v in r.paper), []).append(str(r.pair))
        for point, pairs in labels.items():
            ax.annotate(",".join(pairs), (point[0], point[1]), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.set_xlabel(f"value to {names[0]}", parse_math=False)
    ax.set_ylabel(f"value to {names[1]}", parse_math=False)
    ax.set_title(f"{session.scenario.title}: every pair's deal", parse_math=False)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig


def write_debrief(session: Session, accepted: list[Accepted], rejected: list[Rejected], duplicates: list[Path],
                  out: Path) -> list[Path]:
    """Write the debrief files into ``out``; returns their paths."""
    s = session.scenario
    rows = rows_of(session, accepted)
    ids = bargaining_problem(s).party_ids
    names = [principal_name(s.party(p).principal) for p in ids]
    fig = chart(session, rows)
    images = {}
    for fmt in ("png", "svg"):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt)
        images[fmt] = buffer.getvalue()
        write_atomically(out / f"debrief.{fmt}", images[fmt])
    doc = Document(f"Class debrief: {s.title} ({s.year})")
    doc.p(f"Session {session.id}: {len(rows)} results from {len({r.pair for r in rows})} of {len(session.pairs)} "
          f"pairs; {len(rejected)} rejected; {len(duplicates)} duplicates counted once.")
    doc.image("data:image/png;base64," + base64.b64encode(images["png"]).decode(), "every pair's deal on the "
              "Pareto chart")
    doc.h2("Scores")
    doc.table(["pair", "played", "deal", *(f"{n} on paper" for n in names), *(f"{n} yearly value" for n in names),
               "in force", "intact", "to frontier", "to Nash"],
              [[str(r.pair), f"{r.side} ({r.mode})", r.agreement, *(f"{v:.3f}" for v in r.paper),
                *(f"{v:.3f}" for v in r.honoured), "yes" if r.in_force else "no", f"{r.survival:.0%}",
                "-" if r.distance_frontier is None else f"{r.distance_frontier:.3f}",
                "-" if r.distance_nash is None else f"{r.distance_nash:.3f}"] for r in rows])
    if rows:
        doc.h2("Means per side")
        doc.table(["", *names], [["on paper", *(f"{np.mean([r.paper[i] for r in rows]):.3f}" for i in range(2))],
                                 ["yearly value", *(f"{np.mean([r.honoured[i] for r in rows]):.3f}" for i in range(2))]])
    doc.h2("How often each option was agreed")
    agreed = [a.result.agreement for a in accepted if a.result.agreement is not None]
    table = []
    for i, basket in enumerate([*s.baskets]):
        counts = [sum(1 for g in agreed if g[i] == k) for k in range(len(basket.options))]
        table.append([basket.name, "; ".join(f"{o.label}: {c}" for o, c in zip(basket.options, counts) if c)
                      or "never agreed"])
    counts = [sum(1 for g in agreed if g[-1] == k) for k in range(len(s.forms))]
    table.append(["Agreement form", "; ".join(f"{f.label}: {c}" for f, c in zip(s.forms, counts) if c) or "-"])
    doc.table(["basket", "agreed (number of deals)"], table)
    doc.h2("Rejected files")
    doc.bullets([f"{display_name(r.path.name)}: {r.reason}" for r in rejected] or ["none"])
    if duplicates:
        doc.h2("Duplicates (counted once)")
        doc.bullets([display_name(p.name) for p in duplicates])
    write_atomically(out / "debrief.html", doc.html().encode())
    buffer_csv = io.StringIO()
    writer = csv.writer(buffer_csv)
    writer.writerow(["pair", "side", "mode", "deal", *(f"paper_{p}" for p in ids), *(f"yearly_value_{p}" for p in ids),
                     "in_force", "intact", "distance_to_frontier", "distance_to_nash", "file"])
    for r in rows:
        writer.writerow([r.pair, csv_cell(r.side), csv_cell(r.mode), csv_cell(r.agreement), *(f"{v:.6f}" for v in r.paper),
                         *(f"{v:.6f}" for v in r.honoured), int(r.in_force), f"{r.survival:.6f}",
                         "" if r.distance_frontier is None else f"{r.distance_frontier:.6f}",
                         "" if r.distance_nash is None else f"{r.distance_nash:.6f}", csv_cell(r.file)])
    write_atomically(out / "debrief.csv", buffer_csv.getvalue().encode())
    return [out / name for name in ("debrief.html", "debrief.csv", "debrief.png", "debrief.svg")]
