"""The class chart puts each game without a deal at its own final no-deal values, as the table of scores
scores it (instructor trial, narrow_deal_2020 with an event at a table: every no-deal game sat at the
scenario's start, US 0.35 / Russia 0.40, while the page scored them 0.450 and 0.500), and labels tables
as tables: 'no deal: 2, 3 United States' read as one fused cell, as did '3 United States' in the games table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.text import Annotation

from game.classroom.chart import chart
from game.classroom.checks import read_results
from game.classroom.folder import Session, create_session, session_key
from game.classroom.lesson import Lesson, lesson
from game.classroom.play import simulate_session
from game.classroom.report import _lesson_page
from game.classroom.tally import Absences, tally
from tests.conftest import SCENARIOS


def trial_class(tmp_path: Path) -> tuple[Session, Lesson]:
    """Three tables as the trial had them: table 1 a deal (students together), table 2 no deal with its
    no-deal values moved to 0.45 / 0.50 by an event, table 3 the US seat against the AI, no deal, moved alike."""
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 3, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    view = lesson(session, tally(session, accepted))
    first, second, third = view.games
    assert first.agreement is not None
    moved = (0.45, 0.5)
    games = (replace(first, mode="hot-seat"),
             replace(second, mode="hot-seat", agreement=None, scores=moved, paper=moved),
             replace(third, mode="ai", seats=("us",), agreement=None, scores=moved, paper=moved,
                     seat_names=("US delegation (State Department)", "United States")))
    return session, replace(view, games=games)


def test_a_no_deal_game_is_drawn_where_its_score_says_and_its_label_names_tables(tmp_path: Path) -> None:
    session, view = trial_class(tmp_path)
    start = tuple(view.problem.reservation)
    assert start != (0.45, 0.5)
    fig = chart(session, view)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    crosses = next(c for c in ax.collections if isinstance(c, PathCollection) and c.get_label() == "no deal")
    drawn = {tuple(round(float(v), 6) for v in p) for p in np.asarray(crosses.get_offsets())}
    scored = {tuple(round(v, 6) for v in g.scores) for g in view.games if g.agreement is None}
    assert drawn == scored == {(0.45, 0.5)}                      # the chart agrees with the table of scores
    notes = [a.get_text() for a in ax.texts if isinstance(a, Annotation)]
    assert "no deal: tables 2 and 3 (United States)" in notes, notes
    legend = ax.get_legend()
    assert legend is not None
    names = {t.get_text() for t in legend.get_texts()}
    assert {f"no deal: {n} at the start" for n in view.governments} <= names, names   # the dashed lines say so


def test_the_games_table_keeps_the_table_apart_from_the_government(tmp_path: Path) -> None:
    session, view = trial_class(tmp_path)
    page = _lesson_page(session, view, "", 0, Absences()).html()
    assert "<td>3 (United States)</td>" in page and "3 United States" not in page
