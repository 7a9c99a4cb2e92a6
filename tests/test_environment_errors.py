"""Failures of the machine around the game are ordinary errors naming the path and the cause
(exit 1), and a half-made classroom session never stays behind (attack findings F13, F14)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.folder import Session
from game.cli.app import main
from tests.conftest import ROOT, SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def test_output_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["validate", str(NARROW)], ["analyze", str(NARROW), "--json"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], stdout=full, stderr=subprocess.PIPE,
                                  text=True, env=env, timeout=120, check=False)
        assert done.returncode == 1 and done.stderr == "error: standard output: No space left on device\n", done.stderr


def test_an_unwritable_output_names_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", "--genius", str(NARROW), str(blocker / "out")]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {blocker / 'out'}: Not a directory\n"


def test_screenshots_go_through_the_guard(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "screenshots", str(blocker / "shots")],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Not a directory" in done.stderr


def test_a_session_that_fails_half_way_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.classroom import briefs, folder
    calls = [0]
    real = briefs.role_brief

    def full_disk(session: Session, table: int, party_id: str, code: str | None = None) -> tuple[str, str]:
        calls[0] += 1
        if calls[0] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(session, table, party_id, code)
    monkeypatch.setattr(briefs, "role_brief", full_disk)
    out = tmp_path / "class"
    with pytest.raises(OSError):
        folder.create_session(NARROW, 3, out, seed=1)
    assert not out.exists() and list(tmp_path.iterdir()) == []
    monkeypatch.setattr(briefs, "role_brief", real)
    session = folder.create_session(NARROW, 3, out, seed=1)          # a retry works
    assert session.root == out and (out / "session.json").is_file() and len(list((out / "tables").iterdir())) == 3
