"""The instructor's side in results (security trial h90, findings 1 and 2): the class server's sealed end of
the talks (rule 16) and injected events (rule 15) hold in their own game only, and never in a game played
from a seat folder, which no instructor took part in; the instructor's folder, which holds every seat's
key, signs again only the logs the class server wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.classroom.chain import Number
from game.cli.app import main
from game.classroom.checks import read_results
from game.classroom.folder import Session, open_session, session_key
from game.classroom.results import result_record, sealed, signed
from game.classroom.signing import end_seal
from game.engine.actions import Accept, Action, EndTalks, Offer, Walk
from game.engine.chance import sample
from game.engine.record import action_from_dict, moves_hash, new_deltas, state_hash
from game.engine.result import game_result
from game.engine.rules import apply, new_game
from game.engine.state import Stage, State
from game.session.movelog import MoveLog
from game.session.personas import Persona, personas_from_json, strategies_of, verified_replay
from tests.webclient import make_class, served, wait_for


@pytest.fixture(scope="module")
def ended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], str, str]:
    """A served two-student game at table 1 that the instructor ended at its move 4 (index 3): (class
    folder, its result, the student who offered, the other)."""
    root = make_class(tmp_path_factory.mktemp("ended"))
    with served(root) as s:
        _, mover, other = s.seated()
        tg = s.classroom.tables[1]
        assert tg.game is not None and tg.game.state.tables is not None
        best = tg.game.state.tables.problem.outcome_at(int(tg.game.state.tables.of(mover).order[0]))
        s.classroom.move(1, mover, Offer(mover, best))
        assert s.act("end").status_code == 200
        if s.classroom.move(1, other, Walk(other)):
            s.classroom.run_on(1)
        wait_for(lambda: tg.game is None and bool(tg.result), "the ended table's result")
    (path,) = sorted((root / "results").glob("table-01-*.json"))
    return root, json.loads(path.read_text(encoding="utf-8")), mover, other


def _end_index(record: dict[str, Any]) -> int:
    return next(i for i, m in enumerate(record["moves"]) if m["kind"] == "end_talks")


def _home_game(session: Session, student: str, ai: str, at: int, seal: str) -> State:
    """The seal-replay attack: the student's game against the AI at home, its move ``at`` the copied end of
    the talks, the student asking for their own best package throughout."""
    personas = {ai: Persona(session.personas[ai])}
    ais = strategies_of(personas)
    rng = np.random.default_rng(session.seed_of(1))
    state = new_game(session.scenario)
    while state.stage is not Stage.OVER:
        action: Action
        if state.is_chance:
            action = sample(state, rng, session.injects)
        elif len(state.history) == at:
            action = EndTalks(seal)
        elif state.to_move == student:
            assert state.tables is not None
            action = Offer(student, state.tables.problem.outcome_at(int(state.tables.of(student).order[0])))
        else:
            assert state.to_move is not None
            action = ais[state.to_move].act(state, state.to_move, rng)
        state = apply(state, action)
    return state


def test_the_end_of_a_served_game_pasted_into_a_home_game_is_rejected(
        ended: tuple[Path, dict[str, Any], str, str], tmp_path: Path) -> None:
    """The attacker's repro (/tmp/h90/seal_replay.py): the student's home game ends the talks with the seal
    copied from the served game of the same table at the same move number; the AI's final response
    accepts a lopsided deal. Signed with the student's own seat key, it is refused."""
    root, record, student, ai = ended
    session, key = open_session(root), session_key(open_session(root))
    at = _end_index(record)
    state = _home_game(session, student, ai, at, record["moves"][at]["seal"])
    assert game_result(state).agreement is not None                      # the attack's point: a deal
    home = result_record(session, 1, student, "ai", state, (student,), {ai: Persona(session.personas[ai])},
                         "2026-11-30T07:00:00", {student: Number(1, "")})
    path = tmp_path / "home.json"
    path.write_text(json.dumps(signed(open_session(root / "tables" / "table-01" / student), home)), encoding="utf-8")
    accepted, rejected, _ = read_results(session, key, [path])
    assert not accepted
    assert rejected[0].reason.startswith(f"its move {at + 1} ends the talks, which only the instructor does")


def test_the_served_result_is_accepted_and_an_end_seal_of_other_moves_is_not(
        ended: tuple[Path, dict[str, Any], str, str], tmp_path: Path) -> None:
    """The seal names the moves before the end: the served game's own seal is accepted; one made for other
    moves at the same move number is refused even in a result sealed whole; an older seal (before seals
    named the moves before them) is accepted in a result sealed whole, which only the instructor's side
    writes."""
    root, record, _, _ = ended
    session = open_session(root)
    key = session_key(session)
    at = _end_index(record)
    moves = [action_from_dict(m) for m in record["moves"]]
    assert record["moves"][at]["seal"] == end_seal(key, session.id, 1, at, moves_hash(moves[:at]))

    def resealed(seal: str, name: str) -> Path:
        body = {k: v for k, v in record.items() if k not in ("seal", "signatures")}
        body["moves"] = [dict(m, seal=seal) if i == at else m for i, m in enumerate(record["moves"])]
        replay, _ = verified_replay(session.scenario, session.seed_of(1), [action_from_dict(m) for m in body["moves"]],
                                    session.injects, personas_from_json(record["personas"], session.scenario))
        body["end_hash"] = state_hash(replay)                 # the seal is part of the game's history
        path = tmp_path / name
        path.write_text(json.dumps(signed(session, sealed(session, body, key))), encoding="utf-8")
        return path

    other = end_seal(key, session.id, 1, at, moves_hash(moves[:at - 1]))
    older = end_seal(key, session.id, 1, at, None)
    accepted, rejected, _ = read_results(session, key, [resealed(record["moves"][at]["seal"], "own.json")])
    assert len(accepted) == 1 and not rejected, rejected
    accepted, rejected, _ = read_results(session, key, [resealed(other, "other.json")])
    assert not accepted and rejected[0].reason == \
        f"its move {at + 1} ends the talks without the instructor's seal for this game"
    accepted, rejected, _ = read_results(session, key, [resealed(older, "older.json")])
    assert len(accepted) == 1 and not rejected


def _forged_log(root: Path, table: int, path: Path) -> Path:
    """The attacker's repro (/tmp/h90/reissue_forge.py): a 'hot-seat' log a student wrote by hand, choosing
    both sides' moves (us asks for its best package, ru accepts), its header copied from the server's."""
    session = open_session(root)
    with (root / "server" / "games" / "table-01.jsonl").open(encoding="utf-8") as server_log:
        header = json.loads(server_log.readline())
    header.update(seed=session.seed_of(table), started="2026-11-30T07:00:00+0000",
                  classroom={"folder": "/home/student/class", "table": table,
                             "games": {"us": {"number": 1, "previous": ""}, "ru": {"number": 1, "previous": ""}}})
    rng = np.random.default_rng(session.seed_of(table))
    state = new_game(session.scenario)
    log = MoveLog.create(path, header)
    while state.stage is not Stage.OVER:
        action: Action
        if state.is_chance:
            action = sample(state, rng, session.injects)
        elif state.standing is None:
            assert state.tables is not None
            action = Offer("us", state.tables.problem.outcome_at(int(state.tables.of("us").order[0])))
        else:
            assert state.to_move is not None
            action = Accept(state.to_move)
        after = apply(state, action)
        log.action(len(state.history), action, new_deltas(state, after))
        state = after
    log.end(state_hash(state))
    log.close()
    return path


def test_the_instructors_folder_signs_only_the_class_servers_logs(
        ended: tuple[Path, dict[str, Any], str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 2: 'classroom result LOG --session <instructor's folder>' signed a student's hand-written
    hot-seat log with both seats' keys, and the debrief accepted it. The instructor's folder now signs the
    class server's logs only (there, or a copy byte for byte), and says where a student's log is signed."""
    root = ended[0]
    forged = _forged_log(root, 2, tmp_path / "forged.jsonl")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["classroom", "result", str(forged), "--session", str(root), "--out", str(out)]) == 1
    said = capsys.readouterr().err
    assert "not a game the class server played" in said and "the student's own seat folder" in said
    assert not list(out.iterdir())
    copied = tmp_path / "copy.jsonl"
    copied.write_bytes((root / "server" / "games" / "table-01.jsonl").read_bytes())
    assert main(["classroom", "result", str(copied), "--session", str(root), "--out", str(out / "again.json")]) == 0
    session = open_session(root)
    accepted, rejected, _ = read_results(session, session_key(session), [out / "again.json"])
    assert not rejected and accepted[0].sealed
