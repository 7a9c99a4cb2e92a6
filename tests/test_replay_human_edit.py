"""replay of a log whose human move was edited (research-user trial: "tam.jsonl:10: diverges: the replay ends at a
different state than recorded", with the edit on line 4): a human's move is the log's input and cannot be checked
at its line, so the message names the lines of the humans' moves before the divergence."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS


def _human_log(tmp_path: Path) -> Path:
    """A one-game simulate log whose header says a human played the US delegation (the moves are the AI's)."""
    assert main(["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "1", "--log-dir",
                 str(tmp_path / "logs")]) == 0
    (log,) = (tmp_path / "logs").glob("*.jsonl")
    lines = log.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"humans":[],"strategies":{"us":"modeller","ru":"modeller"}',
                                '"humans":["us"],"strategies":{"ru":"modeller"}')
    out = tmp_path / "human.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_an_edited_human_move_is_pointed_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = _human_log(tmp_path)
    assert main(["replay", str(log)]) == 0
    capsys.readouterr()
    lines = log.read_text(encoding="utf-8").splitlines()
    human = [n for n, line in enumerate(lines, 1) if '"party":"us"' in line and '"kind":"offer"' in line]
    first = human[0]
    assert '"outcome":[' in lines[first - 1]
    head, _, tail = lines[first - 1].partition('"outcome":[')
    digits = tail.split("]", 1)[0].split(",")
    digits[-1] = "1" if digits[-1] != "1" else "0"                      # another agreement form: still legal
    lines[first - 1] = head + '"outcome":[' + ",".join(digits) + "]" + tail.split("]", 1)[1]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["replay", str(log)]) == 1
    err = capsys.readouterr().err
    assert "diverges" in err and "a human's move before it may have been changed" in err
    assert f"the humans' moves are on lines {first}," in err and "Traceback" not in err
