"""The debrief's offer trace leaves every round number readable (newcomer trial h6: the last offer's number
was hidden under the agreement's ring)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.text import Annotation

from game.engine.actions import Accept, Offer
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.diagnosis import TracePoint, offer_trace
from game.session.game import GameSession, Moment
from game.ui.chart import RING_AREA, RING_WIDTH, offer_trace_figure, rounds_text
from game.ui.theme import PALETTES
from tests.test_ui import NARROW


def test_no_round_number_lies_under_the_agreements_ring() -> None:
    session = GameSession.new(load_scenario(NARROW), "us", 5, "conceder")
    try:
        trace = offer_trace((m.before, m.action, m.after) for m in _play(session, "us", accept_from=0))
        state = session.state
    finally:
        session.close()
    agreement = state.binding_result.agreement if state.binding_result is not None else None
    assert agreement is not None and state.tables is not None
    index, last = state.tables.problem.index_of(agreement), trace[-1]
    at = tuple(float(state.tables.of(pid).true_u[index]) for pid in last.seats)
    near = (at[0] - 0.004, at[1] + 0.003)
    trace += (TracePoint(last.phase, last.round + 1, "us", agreement, last.seats, (near[0], near[1]), 0.0),  # close by
              TracePoint(last.phase, last.round + 2, "us", agreement, last.seats, (at[0], at[1]), 0.0))  # the deal
    for size, scale in (((992, 300), 1.0), ((992, 260), 1.3), ((1888, 560), 1.0)):
        fig = offer_trace_figure(state, trace, "us", PALETTES["standard"], size, scale)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        ax = fig.axes[0]
        ring = next(c for c in ax.collections if isinstance(c, PathCollection) and c.get_label() == "the agreement")
        centre = ax.transData.transform(np.asarray(ring.get_offsets())[0])
        radius = (np.sqrt(RING_AREA) / 2 + RING_WIDTH / 2) * fig.dpi / 72
        labels = [a for a in ax.texts if isinstance(a, Annotation)]
        shown: set[int] = set()
        for label in labels:
            for part in label.get_text().split(", "):
                first, _, end = part.partition("–")
                shown |= set(range(int(first), int(end or first) + 1))
        assert {t.round + 1 for t in trace if t.phase == trace[-1].phase} <= shown, shown
        covered: list[str] = []
        for label in labels:
            box = label.get_window_extent(renderer)
            nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])     # the box's point nearest the ring
            if np.hypot(*(nearest - centre)) < radius:
                covered.append(label.get_text())
        assert not covered, (size, scale, covered)
        boxes = [label.get_window_extent(renderer) for label in labels]
        for i, box in enumerate(boxes):                      # the numbers moved out of the ring stack up
            assert not any(box.overlaps(other) for other in boxes[i + 1:]), (size, labels[i].get_text())


def test_offers_at_one_spot_share_one_label() -> None:
    assert rounds_text([1, 2, 3, 4]) == "1–4"
    assert rounds_text([2, 5]) == "2, 5"
    assert rounds_text([7]) == "7"


def _trap_trace(tmp_path: Path) -> tuple[State, tuple[TracePoint, ...]]:
    """A track15_trap game as the experts against the conceder (seed 3), both tables played: its end state and
    its offer trace."""
    trap = load_scenario(NARROW.parent / "track15_trap.yaml")
    session = GameSession.new(trap, "us_experts", 3, "conceder", tmp_path / "g.jsonl")
    try:
        trace = offer_trace((m.before, m.action, m.after) for m in _play(session, "us_experts", accept_from=2))
        return session.state, trace
    finally:
        session.close()


def test_a_track15_table_is_drawn_beside_the_official_one_with_the_players_government_on_x(tmp_path: Path) -> None:
    """Known gap: the trace showed only the last table, so the Track 1.5 experts saw none of their own offers,
    and an expert's government was not always on x."""
    from matplotlib.lines import Line2D
    state, trace = _trap_trace(tmp_path)
    assert len({t.phase for t in trace}) == 2                      # both tables were played
    fig = offer_trace_figure(state, trace, "us_experts", PALETTES["standard"], (992, 400))
    ax = fig.axes[0]
    lines = {str(ln.get_label()): ln for ln in ax.lines
             if isinstance(ln, Line2D) and not str(ln.get_label()).startswith("_")}
    first = state.scenario.phases[0].name
    assert f"your offers at {first}" in lines, sorted(lines)       # the experts' own offers, named by table
    official = [name for name in lines if name.endswith("'s offers")]
    assert official                                                 # and the official table's, unnamed (the last)
    mine = [t for t in trace if t.party == "us_experts"]
    xs = [float(x) for x in np.asarray(lines[f"your offers at {first}"].get_xdata())]
    assert xs == [t.values[t.seats.index("us_experts")] for t in mine]   # x: the United States' values
    assert "United States" in ax.get_xlabel()
    other = offer_trace_figure(state, trace, "ru", PALETTES["standard"], (992, 400)).axes[0]
    named = [str(ln.get_label()) for ln in other.lines]
    assert f"Former US officials and scholars' offers at {first}" in named, named   # not "scholars's"


def _play(session: GameSession, side: str, accept_from: int) -> list[Moment]:
    """Play ``side`` to the end of its part: its best package each turn, accepting the other's offer from round
    ``accept_from`` (0-based) on; every moment of the game, the AI's moves after its last turn included."""
    moments: list[Moment] = []
    while not session.over and session.state.to_move == side:
        state = session.state
        if state.standing is not None and state.standing.party != side and state.round >= accept_from:
            session.submit(Accept(side))
        else:
            tables = state.tables
            assert tables is not None
            session.submit(Offer(side, tables.problem.outcome_at(int(tables.of(side).order[0]))))
        moments += session.take_moments()
    return moments + session.take_moments()


def test_an_earlier_tables_offers_are_drawn_against_its_own_frontier(tmp_path: Path) -> None:
    """Newcomer trial: the frontier drawn was the last table's, so a Track 1.5 offer sat outside it. Each
    earlier table now brings its own frontier (its red lines, the values of its time); an offer beyond it is
    one that crosses a red line of that table, and the legend says so."""
    from matplotlib.lines import Line2D
    from game.session.views import crossed
    state, trace = _trap_trace(tmp_path)
    first = [t for t in trace if t.phase == 0]
    assert first[0].frontier, "the Track 1.5 table's own frontier travels with its first offer"
    line = np.array(first[0].frontier)
    seats = first[0].seats
    for t in first:                               # on or inside its own table's line, unless it crosses a red line
        inside = bool(((line[:, 0] >= t.values[0] - 1e-9) & (line[:, 1] >= t.values[1] - 1e-9)).any())
        assert inside or any(crossed(state, p, t.outcome) for p in seats), t
    fig = offer_trace_figure(state, trace, "us_experts", PALETTES["standard"], (992, 400))
    labels = [str(ln.get_label()) for ln in fig.axes[0].lines if isinstance(ln, Line2D)]
    assert any(label.startswith(f"Pareto frontier at {state.scenario.phases[0].name}") for label in labels), labels
