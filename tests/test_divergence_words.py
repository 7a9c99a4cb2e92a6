"""A log whose chance move was changed (player trial: one digit of the seed) is refused in words a player can
read: the logged and expected moves cut to a line each, and a sentence saying what it means, where the
message had run to screens of raw floats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.record import SHOWN, shown_move
from game.session.logtail import LogError
from game.session.movelog import CHANGED, restore
from tests.test_play_and_logs import NARROW, play


def test_a_long_move_is_cut_and_says_its_length() -> None:
    payload = {"kind": "perceive", "noise": [[0.123456789] * 40]}
    text = shown_move(payload)
    assert len(text) < SHOWN + 30 and text.endswith(f"…({len(json.dumps(payload, separators=(',', ':'))):,} characters)")
    assert shown_move({"kind": "walk"}) == '{"kind":"walk"}'


def test_a_changed_seed_is_refused_in_a_readable_message(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    play(tmp_path, "offer\noffer\nquit\n", NARROW, "--side", "us", "--seed", "2", "--log", str(log))
    lines = log.read_text().splitlines()
    header = json.loads(lines[0])
    header["seed"] = int(header["seed"]) + 1
    lines[0] = json.dumps(header)
    log.write_text("\n".join(lines) + "\n")
    with pytest.raises(LogError) as caught:
        restore(log)
    message = str(caught.value)
    assert ": diverges: " in message and message.endswith(CHANGED)
    assert len(message) < 3 * SHOWN + len(CHANGED) + 300, message
