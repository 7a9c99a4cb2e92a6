"""The debrief's reasons for a result whose seats do not fit its mode say what is wrong (class trial, defect 4):
a result re-signed as hot-seat by us and ru but signed by us alone read "a hot-seat result cannot speak for the
seats us (played by us, ru)", and a face-to-face one with a made-up seal "a face-to-face result cannot speak for
the seats ru (played by ru)"; neither said that a signature, or the instructor's seal, was what was missing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.classroom.checks import read_results
from game.classroom.folder import Session, session_key
from tests.test_classroom_forgery import play, resign, session  # noqa: F401 - the fixture


@pytest.mark.parametrize(("role", "change", "reason"), [
    ("us", {"mode": "hot-seat", "humans": ["us", "ru"]},
     "a hot-seat result needs the signature of every seat it was played by; ru's is missing"),
    ("ru", {"mode": "face-to-face", "seal": "0" * 64},
     "a face-to-face result needs the instructor's seal; its seal does not verify"),
    ("ru", {"mode": "face-to-face"},
     "a face-to-face result needs the instructor's seal; it has none: it was not entered with 'classroom enter'"),
    ("us", {"mode": "hot-seat", "humans": ["us"]},
     "a hot-seat result is played by two or more seats, its side us among them; its players are us"),
    ("us", {"mode": "ai", "seats": ["us", "ru"], "humans": ["us", "ru"]},
     "a result against the AI is played by its side alone (us) and speaks for that seat only; this one names the "
     "players us, ru and the seats us, ru"),
])
def test_a_result_whose_seats_do_not_fit_its_mode_says_what_is_missing(session: Session, tmp_path: Path,  # noqa: F811
                                                                       role: str, change: dict[str, Any],
                                                                       reason: str) -> None:
    record = json.loads(play(session, 1, role, tmp_path).read_text())
    record.update(change)
    forged = resign(session, 1, record, tmp_path / "forge" / "forged.json")      # with the keys its seats name
    accepted, rejected, _ = read_results(session, session_key(session), [forged])
    assert not accepted and rejected[0].reason == reason
