"""A planned event (``classroom new --inject E --at-round R``) stays a surprise in the game's move log: a game
played from a seat folder writes no plan in its log's header, and the event is a move (``inject``, sealed
``planned``) written when it fires, at its round (the log an interrupted game leaves behind says nothing of it
before). The instructor's check knows the plan (``instructor/schedule.json``): it accepts the honest result and
refuses one whose log dropped the event (a student who re-sealed their seat's plan with their own seat key) or
holds one the instructor did not plan there."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.classroom.checks import read_results
from game.classroom.folder import Session, create_session, read_key, session_key
from game.classroom.planned import PLANNED, planned_error
from game.classroom.results import finish_classroom_game, reissue
from game.classroom.signing import seal_schedule
from game.classroom.planned import resumed
from game.cli.play_cmd import classroom_session
from game.engine.actions import Inject, RoundStart
from game.engine.chance import Schedule
from game.session.game import GameSession
from game.strategies.registry import make
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
EVENT, ROUND = "indictment", 2


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))      # game numbers, unsent results


@pytest.fixture
def made(tmp_path: Path) -> Session:
    return create_session(NARROW, 1, tmp_path / "class", seed=3, injects=[(EVENT, ROUND)])


def seat(made: Session) -> Path:
    return made.root / "tables" / "table-01" / "us"


def start(folder: Path, log: Path) -> GameSession:
    """``play --session FOLDER --log LOG``, as a student starts it."""
    return classroom_session(argparse.Namespace(session=folder, side=None, table=None, hot_seat=False, opponent=None,
                                                out=None, log=log, parser=None))


def move(game: GameSession) -> None:
    game.submit(make("hardliner").act(game.state, "us", np.random.default_rng(len(game.state.history))))


def finish(game: GameSession) -> Path:
    while not game.over:
        move(game)
    delivery = finish_classroom_game(game)
    assert delivery is not None and delivery.path is not None and delivery.problem is None
    return delivery.path


def lines(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_the_log_names_the_planned_event_only_once_it_fires(made: Session, tmp_path: Path) -> None:
    log = tmp_path / "game.jsonl"
    game = start(seat(made), log)
    assert EVENT not in log.read_text()                               # the header, and the first round's start
    assert lines(log)[0].get("injects") in ([], None)
    while game.state.round + 1 < ROUND:
        move(game)
        if game.state.round + 1 < ROUND:
            assert EVENT not in log.read_text()
    text = log.read_text()
    assert EVENT in text                                               # round 2 has opened: the event fired
    assert EVENT not in log.read_text().splitlines()[0]
    injects = [r["action"] for r in lines(log)[1:] if isinstance(r.get("action"), dict)
               and r["action"].get("kind") == "inject"]  
    assert injects == [{"kind": "inject", "events": [EVENT], "seal": PLANNED}]
    before = game.state.history[game.state.history.index(Inject((EVENT,), PLANNED)) - 1]
    assert isinstance(before, RoundStart)                             # right after its round's start
    result = finish(game)
    accepted, rejected, _ = read_results(made, session_key(made), [result])
    assert not rejected and EVENT in {e for _, _, e in accepted[0].state.fired}
    (tmp_path / "again").mkdir()
    again = reissue(log, seat(made), tmp_path / "again")               # 'classroom result LOG' in the seat folder
    both, rejected, _ = read_results(made, session_key(made), [again])
    assert not rejected and both[0].state.history == accepted[0].state.history


def test_an_interrupted_game_resumes_and_fires_the_event_at_its_round(made: Session, tmp_path: Path) -> None:
    log = tmp_path / "game.jsonl"
    start(seat(made), log).close()                                      # left in round 1, before any move
    assert EVENT not in log.read_text()
    game, _ = resumed(log)
    move(game)                                                          # round 1 played: round 2 opens
    game.close()
    assert Inject((EVENT,), PLANNED) in game.state.history
    # the log cut right after the chance move that opens round 2, before the planned move (a game killed there)
    kept = log.read_text().splitlines()
    cut = next(i for i, r in enumerate(lines(log)) if isinstance(r.get("action"), dict)
               and r["action"].get("kind") == "inject")
    log.write_text("\n".join(kept[:cut]) + "\n")
    assert EVENT not in log.read_text()
    again, _ = resumed(log)
    assert Inject((EVENT,), PLANNED) in again.state.history             # fired at once, as due
    result = finish(again)
    accepted, rejected, _ = read_results(made, session_key(made), [result])
    assert not rejected and accepted


def reseal(made: Session, plan: Schedule) -> None:
    """What a student can do with their own seat key: seal another plan into their seat's file."""
    meta = seat(made) / "seat.json"
    data = json.loads(meta.read_text())
    data["schedule"] = seal_schedule(read_key(seat(made) / "seat.key"), plan)
    meta.write_text(json.dumps(data))


def test_a_result_whose_log_dropped_the_planned_event_is_rejected(made: Session, tmp_path: Path) -> None:
    reseal(made, ())
    game = start(seat(made), tmp_path / "game.jsonl")
    result = finish(game)
    assert Inject((EVENT,), PLANNED) not in game.state.history
    accepted, rejected, _ = read_results(made, session_key(made), [result])
    assert not accepted and f"planned {EVENT} at round {ROUND}" in rejected[0].reason
    assert "drop" in rejected[0].reason


def test_a_result_with_a_planned_event_the_instructor_did_not_plan_there_is_rejected(made: Session,
                                                                                  tmp_path: Path) -> None:
    reseal(made, ((EVENT, ROUND), ("new_sanctions", 3)))
    result = finish(start(seat(made), tmp_path / "game.jsonl"))
    accepted, rejected, _ = read_results(made, session_key(made), [result])
    assert not accepted and "did not plan" in rejected[0].reason


def test_an_older_game_that_fired_the_plan_at_the_rounds_start_is_still_accepted(made: Session) -> None:
    """Previews and games of the version before fired the plan in the round's chance move: nothing is due."""
    from game.classroom.play import simulate_table
    state = simulate_table(made, 1)
    assert EVENT in {e for _, _, e in state.fired}
    assert planned_error(made.scenario, list(state.history), made.injects) is None


def test_a_log_of_the_version_before_which_lists_the_plan_in_its_header_resumes_as_it_was_played(
        made: Session, tmp_path: Path) -> None:
    """Its plan fires at the round's start (the chance move), as it did then; its result is accepted."""
    log = tmp_path / "game.jsonl"
    start(seat(made), log).close()
    header, *rest = log.read_text().splitlines()
    older = {**json.loads(header), "injects": [[EVENT, ROUND]]}          # as the version before wrote it
    log.write_text("\n".join([json.dumps(older), *rest]) + "\n")
    game, _ = resumed(log)
    result = finish(game)
    assert Inject((EVENT,), PLANNED) not in game.state.history
    assert any(isinstance(a, RoundStart) and EVENT in a.events for a in game.state.history)
    accepted, rejected, _ = read_results(made, session_key(made), [result])
    assert not rejected and accepted


def test_a_campaign_fires_each_planned_event_in_the_phases_where_it_may(tmp_path: Path) -> None:
    plan = [("interference_complaint", 2), ("hack_and_leak_scandal", 1), ("plan_praised", 3)]
    made = create_session(SCENARIOS / "track15_trap.yaml", 1, tmp_path / "class", seed=5, injects=plan)
    log = tmp_path / "game.jsonl"
    game = classroom_session(argparse.Namespace(session=made.root / "tables" / "table-01" / "ru", side=None, table=None,
                                                hot_seat=False, opponent=None, out=None, log=log, parser=None))
    assert not any(event in log.read_text() for event, _ in plan)
    while not game.over:
        game.submit(make("conceder").act(game.state, "ru", np.random.default_rng(0)))
    planned = [a.events for a in game.state.history if isinstance(a, Inject)]
    assert planned and all(len(e) == 1 for e in planned)
    delivery = finish_classroom_game(game)
    assert delivery is not None and delivery.path is not None
    accepted, rejected, _ = read_results(made, session_key(made), [delivery.path])
    assert not rejected and accepted
