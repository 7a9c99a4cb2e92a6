"""Damaged move logs are reported by name, line, key, expected and found, the same by every reader (class trial,
defect 5): a log cut inside its header read "expected a header record; is this a Backchannel move log?" on
``play --resume`` and "truncated log: the last line is incomplete" on ``classroom result``; a bad action line
showed Python's words ("malformed action (ValueError: not enough values to unpack (expected 2, got 1))",
"(TypeError: 'NoneType' object is not subscriptable)")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.classroom.checks import read_results
from game.classroom.folder import Session, session_key
from tests.test_classroom_forgery import play, resign, session  # noqa: F401 - the fixture
from tests.test_hostile_logs import JUNK, good_log, run  # noqa: F401 - the fixture

READERS = (["play", "--resume"], ["classroom", "result"], ["replay"])


def said_by_every_reader(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """What each reader of a damaged log says (the same one line, exit 1); that line."""
    lines = set()
    for reader in READERS:
        code, said = run(capsys, *reader, str(path))
        assert code == 1 and len(said.strip().splitlines()) == 1, (reader, said)
        lines.add(said.strip())
    assert len(lines) == 1, lines
    return lines.pop()


def test_a_log_cut_inside_its_header_is_truncated_for_every_reader(tmp_path: Path, good_log: list[str],  # noqa: F811
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(good_log[0][:len(good_log[0]) // 2], encoding="utf-8")        # 'head -c' inside the header
    assert said_by_every_reader(capsys, path) == (f"error: {path}:1: truncated log: the last line is incomplete (it "
                                                  "is the header: the log was cut before its first move)")


def action(lines: list[str], kind: str) -> int:
    """The index of the first line holding an action of ``kind``."""
    return next(i for i, line in enumerate(lines) if f'"kind":"{kind}"' in line.replace(" ", ""))


def changed(lines: list[str], kind: str, change: Callable[[dict[str, Any]], object]) -> tuple[list[str], int]:
    """``lines`` with the first ``kind`` action's record changed; and its line number."""
    index = action(lines, kind)
    record = json.loads(lines[index])
    change(record)
    return [*lines[:index], json.dumps(record), *lines[index + 1:]], index + 1


CASES: dict[str, tuple[str, Callable[[dict[str, Any]], object], str]] = {
    "noise pair cut": ("perceive", lambda r: r["action"].update(noise=[["us"]]),
                       "key 'action.noise': expected a list of [party id, [numbers]] pairs, found [[\"us\"]]"),
    "action null": ("perceive", lambda r: r.update(action=None),
                    "key 'action': expected an object with a \"kind\", found null"),
    "unknown kind": ("offer", lambda r: r["action"].update(kind="bribe"),
                     "key 'action.kind': expected one of offer, accept, walk, lock, perceive, round_start, inject, "
                     "end_talks, ratify, comply, found \"bribe\""),
    "outcome text": ("offer", lambda r: r["action"].update(outcome="1,2"),
                     "key 'action.outcome': expected a list of option numbers, found \"1,2\""),
    "no party": ("offer", lambda r: r["action"].pop("party"),
                 "key 'action.party': expected a party id (text) (every offer action has one), found nothing"),
    "message kind": ("offer", lambda r: r["action"].update(message={"kind": "threat"}),
                     "key 'action.message': expected null or a message"),
    "message kind a list": ("offer", lambda r: r["action"].update(message={"kind": ["final"]}),
                            "key 'action.message': expected null or a message"),
    "events null": ("round_start", lambda r: r["action"].update(events=None),
                    "key 'action.events': expected a list of event ids, found null"),
    "effect without a number": ("perceive", lambda r: r.update(deltas=[{"source": "x", "parameter": "p"}]),
                                "key 'deltas' (effect 1) 'before': expected a number, found nothing"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_action_line_is_named_by_key_expected_and_found(tmp_path: Path, good_log: list[str],  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str], case: str) -> None:
    kind, change, wanted = CASES[case]
    lines, number = changed(list(good_log), kind, change)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said = said_by_every_reader(capsys, path)
    assert said.startswith(f"error: {path}:{number}: malformed action: {wanted}"), said


@pytest.mark.parametrize("kind", ["perceive", "round_start", "offer"])
def test_no_junk_in_an_action_shows_python_s_words(tmp_path: Path, good_log: list[str],  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str], kind: str) -> None:
    held = json.loads(good_log[action(good_log, kind)])["action"]
    for key in [k for k in held if k != "kind"]:
        for junk in [j for j in JUNK if j != held[key]]:
            lines, number = changed(list(good_log), kind, lambda r: r["action"].update({key: junk}))
            path = tmp_path / "junk.jsonl"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            code, said = run(capsys, "replay", str(path))
            assert code == 1 and "Error" not in said and "internal error" not in said, (key, junk, said)
            assert said.startswith(f"error: {path}:"), said


def test_a_result_with_a_malformed_move_is_rejected_by_key(session: Session, tmp_path: Path) -> None:  # noqa: F811
    record = json.loads(play(session, 1, "us", tmp_path).read_text())
    record["moves"][0]["noise"] = [["us"]]
    forged = resign(session, 1, record, tmp_path / "forge" / "moves.json")
    accepted, rejected, _ = read_results(session, session_key(session), [forged])
    assert not accepted and rejected[0].reason == ("malformed moves: key 'moves[0].noise': expected a list of "
                                                   "[party id, [numbers]] pairs, found [[\"us\"]]")
