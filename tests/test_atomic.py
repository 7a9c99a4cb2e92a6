"""Atomic writes go over an ordinary file or none, never over a link, a pipe or a device (research trial:
``simulate --csv /dev/full`` turned the device into a file, and ``--csv link.csv`` replaced the link)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.atomic import write_atomically


def test_an_ordinary_file_is_written_over_and_a_new_one_made(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.csv"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.csv"]          # no temporary file left


def test_a_link_is_refused_and_neither_it_nor_its_target_changes(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"original")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(OSError, match="a symbolic link is there"):
        write_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"original"


def test_a_pipe_and_a_folder_are_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="a pipe is there"):
        write_atomically(pipe, b"x")
    assert pipe.is_fifo()
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(OSError, match="a folder is there"):
        write_atomically(folder, b"x")
    assert folder.is_dir()
