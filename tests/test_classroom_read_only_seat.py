"""A game cannot start from a read-only seat folder (a folder handed out on a locked USB stick, or copied from
one with ``cp -r``, which keeps it read-only): it stops before anything is played, in one line that names the
folder, says it is read-only, and says what to do (copy it, make the copy writable, play from the copy); it said
"cannot lock the seat's count of games (Permission denied) ... play from a copy of the folder", and a plain copy
failed the same way."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from game.classroom import chain
from game.classroom.folder import Session, create_session
from game.cli.app import main
from tests.test_classroom_forgery import NARROW, seat


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return create_session(NARROW, 1, tmp_path / "class", seed=3)


def read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` read-only; as root (who writes anyway) the file system's refusal is stood in for."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    if os.geteuid() == 0:
        real_mkstemp, real_open = tempfile.mkstemp, os.open

        def mkstemp(*args: object, dir: str | Path | None = None, **kwargs: object) -> tuple[int, str]:  # noqa: A002
            if dir is not None and Path(dir).resolve() == folder.resolve():
                raise PermissionError(errno.EACCES, "Permission denied", str(dir))
            return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload]

        def guarded_open(path: str | os.PathLike[str], flags: int, *args: object, **kwargs: object) -> int:
            writes = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            if writes and Path(path).resolve().parent == folder.resolve():
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "open", guarded_open)


def test_a_read_only_seat_folder_stops_the_game_in_one_line_saying_what_to_do(
        session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = seat(session, 1, "us")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    read_only(folder, monkeypatch)
    try:
        code = main(["play", "--session", str(folder)])
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    out, err = capsys.readouterr()
    assert code != 0 and "Traceback" not in err and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert f"the seat's folder {folder} is read-only" in lines[0] and "the game was not started" in lines[0]
    assert "chmod -R u+w" in lines[0] and "--session" in lines[0]
    assert not (folder / chain.COUNTER).exists() and not (folder / "results").exists()
