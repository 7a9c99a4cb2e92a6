"""replay of a log whose recorded scenario path is gone: the shipped scenario of the same id stands in when its
SHA-256 matches the log's (research trial 2: headers hold an absolute path, and a log moved to another checkout
failed though the shipped file was byte for byte the same)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.app import main
from game.scenario.loader import SCENARIO_DIR
from game.errors import GameError


def _moved_log(tmp_path: Path, sha: str | None = None) -> Path:
    logs = tmp_path / "logs"
    assert main(["simulate", str(SCENARIO_DIR / "narrow_deal_2020.yaml"), "--games", "1", "--no-events",
                 "--log-dir", str(logs)]) == 0
    (log,) = logs.glob("*.jsonl")
    lines = log.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["scenario"] = str(tmp_path / "gone" / "narrow_deal_2020.yaml")
    if sha is not None:
        header["scenario_sha256"] = sha
    moved = tmp_path / "moved.jsonl"
    moved.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    return moved


def test_a_missing_path_falls_back_to_the_shipped_file_with_the_same_hash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    moved = _moved_log(tmp_path)
    capsys.readouterr()
    assert main(["replay", str(moved)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("hash: ")
    assert err.count("\n") == 1 and "is missing; replaying the shipped 'narrow_deal_2020'" in err
    assert "whose SHA-256 matches the log's" in err


def test_a_shipped_file_with_another_hash_does_not_stand_in(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    moved = _moved_log(tmp_path, sha="0" * 64)
    capsys.readouterr()
    assert main(["replay", str(moved)]) == 1
    err = capsys.readouterr().err
    assert "gone/narrow_deal_2020.yaml: no such file" in err and "replaying the shipped" not in err


def test_the_stand_in_is_checked_against_the_header_hash(tmp_path: Path) -> None:
    """restore checks the stand-in's SHA-256 like the recorded file's (one check, not a second one)."""
    from game.session.movelog import restore
    moved = _moved_log(tmp_path, sha="0" * 64)
    with pytest.raises(GameError, match="has changed since this game was played"):
        restore(moved, scenario_file=SCENARIO_DIR / "narrow_deal_2020.yaml")
