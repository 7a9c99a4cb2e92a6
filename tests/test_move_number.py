""""From move N" counts the moves people read (instructor trial: the dashboard said "AI since move 8" of a
table whose move list had 5 lines): the delegations' moves, not chance's, while the logs keep their own
numbers (game.session.movenumber)."""

from __future__ import annotations

from pathlib import Path

from game.classroom.checks import read_results
from game.classroom.folder import create_session, session_key
from game.classroom.play import simulate_session
from game.session.game import replayed_moments
from game.session.movenumber import seen_move
from game.session.views import describe
from tests.conftest import SCENARIOS

MOVES = {"offer", "accept", "walk", "lock"}      # the move list's lines that are a delegation's move


def test_the_number_people_read_is_one_more_than_the_move_lines_before_it(tmp_path: Path) -> None:
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 1, tmp_path / "c", seed=2)
    accepted, _, _ = read_results(session, session_key(session), simulate_session(session))
    history = accepted[0].state.history
    moments = replayed_moments(session.scenario, history)
    for start in range(len(history)):
        lines = [kind for m in moments[:start] for kind, _ in describe(m.before, m.action, m.after, "us")]
        assert seen_move(history, start) == 1 + sum(1 for kind in lines if kind in MOVES), start
    assert seen_move(history, 7) == 5          # the log's 8th action follows chance's three and four offers
