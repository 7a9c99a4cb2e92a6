"""Line editing in the terminal game (issue 16, item 7): the Up arrow recalls the last command where
Python has readline, and nothing breaks where it has not."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import lineedit
from tests.conftest import ROOT

pty = pytest.importorskip("pty")
pytest.importorskip("readline")

UP = "\x1b[A"


class Terminal:
    """The terminal game behind a pseudo-terminal, read until a text shows up."""

    def __init__(self, args: list[str], tmp_path: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "XDG_DATA_HOME": str(tmp_path / "data")}
        self.proc = subprocess.Popen([sys.executable, "main.py", *args], stdin=slave, stdout=slave, stderr=slave,
                                     cwd=ROOT, env=env, close_fds=True)
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, count: int = 1) -> None:
        deadline = time.monotonic() + 120          # a condition, not a speed
        while self.seen.count(text) < count:
            assert time.monotonic() < deadline, f"never saw {text!r}:\n{self.seen[-2000:]}"
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:                    # the game ended and closed the terminal
                    assert self.seen.count(text) >= count, f"never saw {text!r}:\n{self.seen[-2000:]}"

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=60)
        os.close(self.master)


def test_the_up_arrow_recalls_the_last_command(tmp_path: Path) -> None:
    term = Terminal(["play", "narrow_deal_2020", "--side", "us", "--seed", "1", "--log", str(tmp_path / "g.jsonl")],
                    tmp_path)
    try:
        term.wait_for("] > ")
        term.type("show\r")
        term.wait_for("Your draft:")
        term.wait_for("] > ", 2)
        term.type(UP + "\r")                       # without readline: "unknown command '\x1b[a'"
        term.wait_for("Your draft:", 2)
        term.type("sh\t\r")                        # Tab completes the command
        term.wait_for("Your draft:", 3)
        term.type("quit\r")
        term.wait_for("Game saved.")
    finally:
        term.close()
    assert "unknown command" not in term.seen
    assert term.proc.returncode == 0


def test_without_readline_or_a_terminal_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert lineedit.enable() is False              # under pytest, input is not a terminal
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setitem(sys.modules, "readline", None)      # as on Windows: import readline fails
    assert lineedit.enable() is False
    lineedit.forget()


def test_completion_offers_the_commands_that_fit() -> None:
    complete = lineedit.completer(lineedit.COMMANDS)
    assert [complete("s", i) for i in range(3)] == ["show ", "set ", None]
    assert complete("ACC", 0) == "accept "
