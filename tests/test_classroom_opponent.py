"""``classroom new --opponent`` gives its AI to the delegations across the table from a student, as
``play --opponent`` and the window do (:func:`game.session.personas.across_overrides`); a seat of the
student's own government that nobody takes keeps the scenario's AI, else the default. It gave the
opponent to every seat no student took (the US experts' seat in ``track15_trap`` when a student plays
the US delegation), and ``play --session`` played neither: it played the scenario's AI, so a game from
a session made with ``--opponent`` was listed apart in the debrief."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from game.classroom.briefs import instructor_sheet
from game.classroom.checks import read_results
from game.classroom.folder import Session, create_session, open_session, session_key
from game.classroom.play import simulate_session
from game.classroom.results import finish_classroom_game
from game.cli.play_cmd import classroom_session
from game.engine.actions import Walk
from game.session.game import GameSession
from game.strategies.registry import DEFAULT
from tests.conftest import SCENARIOS

TRAP = SCENARIOS / "track15_trap.yaml"


@pytest.fixture
def trap(tmp_path: Path) -> Session:
    create_session(TRAP, 1, tmp_path / "class", seed=4, opponent="conceder")
    return open_session(tmp_path / "class")             # as every later command reads it


def own_ai(session: Session, role: str) -> str:
    return session.scenario.party(role).strategy or DEFAULT


def test_the_opponent_plays_only_across_the_table_from_the_students(trap: Session, tmp_path: Path) -> None:
    assert trap.opponent == "conceder" and own_ai(trap, "us_experts") != "conceder"
    assert trap.ais_for(("us",)) == {"ru": "conceder", "us_experts": own_ai(trap, "us_experts")}
    assert trap.ais_for(("ru",)) == {"us": "conceder", "us_experts": "conceder"}
    played = GameSession.new(trap.scenario, "us", 1, "conceder", tmp_path / "play.jsonl", across_only=True)
    played.close()
    assert {p: x.strategy for p, x in played.personas.items()} == trap.ais_for(("us",))    # as play gives them
    sheet = instructor_sheet(trap)[0]
    assert "conceder across the table from a student; a seat of a student's own government" in sheet


def test_a_game_from_a_seat_plays_and_counts_the_sessions_opponent(trap: Session, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    args = argparse.Namespace(session=trap.root / "tables" / "table-01" / "us", side=None, table=None,
                              hot_seat=False, opponent=None, out=None, log=tmp_path / "game.jsonl", parser=None)
    game = classroom_session(args)
    assert {p: x.strategy for p, x in game.personas.items()} == {"ru": "conceder",
                                                                  "us_experts": own_ai(trap, "us_experts")}
    while not game.over:
        game.submit(Walk("us"))
    delivery = finish_classroom_game(game)
    assert delivery is not None and delivery.path is not None and delivery.problem is None
    accepted, rejected, _ = read_results(trap, session_key(trap), [delivery.path])
    assert not rejected and accepted[0].apart is None                   # counted, not listed apart


def test_the_previews_of_a_session_with_an_opponent_count(trap: Session) -> None:
    """classroom simulate plays the opponent in every seat; its previews were listed apart once the students'
    own government's seats kept the scenario's AI."""
    accepted, rejected, _ = read_results(trap, session_key(trap), simulate_session(trap))
    assert not rejected and accepted and all(a.apart is None for a in accepted)
