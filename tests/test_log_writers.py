"""One writer per move log (issue 16, item 5; ATTACK_FINDINGS F5 and F11).

Two resumes of one saved game used to interleave their moves and spoil the log for good; a new
game's --log wrote over any file. Now a writer lock admits one game per log, every append checks
that its move follows the last one on disk, and a new game never writes over a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from game.cli.app import main
from game.engine.actions import Walk
from game.session import lock as lockmod
from game.session.lock import LogInUse, WriterLock
from game.session.movelog import LogError, MoveLog, read_log
from tests.conftest import ROOT, SCENARIOS

NARROW = str(SCENARIOS / "narrow_deal_2020.yaml")
HEADER = {"scenario": NARROW, "scenario_sha256": "0" * 64, "seed": 1, "humans": ["us"], "strategies": {}}


def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}


def saved_game(tmp_path: Path) -> Path:
    """An unfinished game's log: two offers, then quit."""
    log = tmp_path / "game.jsonl"
    result = subprocess.run([sys.executable, "main.py", "play", NARROW, "--side", "us", "--seed", "3", "--log",
                             str(log)], input="offer\noffer\nquit\n", capture_output=True, text=True, cwd=ROOT,
                            env=env(tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    return log


def test_two_writers_cannot_both_append(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    first = MoveLog.create(path, HEADER)
    with pytest.raises(LogInUse, match="open in another window or terminal"):
        MoveLog.append_to(path, False, 0)
    assert (tmp_path / "a.jsonl.lock").exists()
    assert read_log(path).header["seed"] == 1           # readers are never locked out
    first.action(0, Walk("us"))
    first.close()
    assert not (tmp_path / "a.jsonl.lock").exists()     # the lock file lives only while a game is open
    second = MoveLog.append_to(path, False, 1)
    second.action(1, Walk("ru"))
    second.close()
    assert [type(a).__name__ for a in read_log(path).actions] == ["Walk", "Walk"]


def test_a_second_resume_of_the_same_game_is_refused_and_the_first_finishes(tmp_path: Path) -> None:
    log = saved_game(tmp_path)
    first = subprocess.Popen([sys.executable, "main.py", "play", "--resume", str(log)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env(tmp_path))
    try:
        deadline = time.monotonic() + 120        # a condition, not a speed: wait until it holds the log
        while not (tmp_path / "game.jsonl.lock").exists():
            assert first.poll() is None and time.monotonic() < deadline, "the first resume never opened the log"
            time.sleep(0.05)
        second = subprocess.run([sys.executable, "main.py", "play", "--resume", str(log)], input="walk\ny\n",
                                capture_output=True, text=True, cwd=ROOT, env=env(tmp_path), timeout=120)
        assert second.returncode == 1
        assert second.stderr.strip().endswith("this game is open in another window or terminal; finish or quit it "
                                              "there first (two games writing one log would spoil it)")
        assert len(second.stderr.splitlines()) == 1
        out, err = first.communicate("offer\nwalk\ny\n", timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=60)
    assert first.returncode == 0, err
    assert "DEBRIEF" in out
    assert main(["replay", str(log)]) == 0                  # the log is whole: numbered moves, one end


def test_a_killed_writer_leaves_the_log_free(tmp_path: Path) -> None:
    path = tmp_path / "k.jsonl"
    code = ("import sys; from pathlib import Path; from game.session.movelog import MoveLog\n"
            f"log = MoveLog.create(Path({str(path)!r}), {HEADER!r}); print('held', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LogInUse):
            MoveLog.append_to(path, False, 0)
    finally:
        holder.kill()
        holder.communicate(timeout=60)                     # and closes its pipes
    MoveLog.append_to(path, False, 0).close()             # the lock died with the process


def test_a_move_that_does_not_follow_the_last_on_disk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    log = MoveLog.create(path, HEADER)
    with pytest.raises(LogError, match="refusing to write move 1: the last move in the log on disk is -1"):
        log.action(1, Walk("us"))
    log.action(0, Walk("us"))
    with path.open("a", encoding="utf-8") as other:       # a writer that took no lock (an older version, say)
        other.write('{"type":"action","n":1,"action":{"kind":"walk","party":"ru"}}\n')
    with pytest.raises(LogError, match="refusing to write move 1: the last move in the log on disk is 1, not 0"):
        log.action(1, Walk("us"))
    with pytest.raises(LogError, match="refusing to write the end of the game"):
        log.end("0" * 64)
    log.close()
    with pytest.raises(LogError, match="changed since it was read"):
        MoveLog.append_to(path, False, 1)                 # read with one move, but two are on disk now
    assert not (tmp_path / "n.jsonl.lock").exists()       # a refused resume gives its lock back


def test_play_log_onto_an_existing_file_is_refused_unless_resumed(tmp_path: Path) -> None:
    log = saved_game(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("precious\n", encoding="utf-8")
    digest = hashlib.sha256(log.read_bytes()).hexdigest()
    for target in (log, notes):
        result = subprocess.run([sys.executable, "main.py", "play", NARROW, "--side", "us", "--log", str(target)],
                                input="walk\ny\n", capture_output=True, text=True, cwd=ROOT, env=env(tmp_path),
                                timeout=120)
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
        assert f"play --resume {target}" in result.stderr and "already exists" in result.stderr
    assert hashlib.sha256(log.read_bytes()).hexdigest() == digest
    assert notes.read_text(encoding="utf-8") == "precious\n"
    resumed = subprocess.run([sys.executable, "main.py", "play", "--resume", str(log)], input="walk\ny\n",
                             capture_output=True, text=True, cwd=ROOT, env=env(tmp_path), timeout=120)
    assert resumed.returncode == 0 and "DEBRIEF" in resumed.stdout


def test_simulate_never_writes_over_earlier_logs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "logs"
    assert main(["simulate", NARROW, "--games", "1", "--log-dir", str(folder)]) == 0
    (first,) = folder.glob("*.jsonl")
    before = first.read_bytes()
    capsys.readouterr()
    assert main(["simulate", NARROW, "--games", "1", "--seed", "9", "--log-dir", str(folder)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert first.read_bytes() == before


def test_windows_locks_the_lock_files_first_byte_without_waiting(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows branch, with a stand-in for msvcrt (this suite runs on POSIX)."""
    calls: list[tuple[int, int, int]] = []
    held = {"busy": False}

    def locking(fd: int, mode: int, nbytes: int) -> None:
        calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, nbytes))
        if mode == 2 and held["busy"]:
            raise PermissionError(13, "Permission denied")

    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0, locking=locking))
    with (tmp_path / "x.lock").open("ab") as handle:
        with monkeypatch.context() as windows:
            windows.setattr(lockmod.sys, "platform", "win32")
            assert lockmod._try_lock(handle) is True
            held["busy"] = True
            assert lockmod._try_lock(handle) is False
            lockmod._unlock(handle)
    assert calls == [(0, 2, 1), (0, 2, 1), (0, 0, 1)]


def test_the_lock_is_taken_again_when_its_file_was_replaced(tmp_path: Path) -> None:
    """POSIX: a lock file removed by its last holder while another opened it is not trusted."""
    log = tmp_path / "r.jsonl"
    lock = WriterLock(log)
    lock.acquire()
    assert lock.held
    lock.release()
    lock.release()                                        # releasing twice does nothing
    assert not lock.held and not (tmp_path / "r.jsonl.lock").exists()
    with (tmp_path / "r.jsonl.lock").open("ab") as stale:
        (tmp_path / "r.jsonl.lock").unlink()              # replaced under our feet
        assert not lockmod._still_there(stale, tmp_path / "r.jsonl.lock")


def test_two_games_started_in_the_same_second_get_a_log_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default name is scenario-time-seed: a second game with the same three must not be refused
    (nor, as before the lock, write over the first one's log)."""
    import time as time_module

    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(time_module, "strftime", lambda fmt: "20260101-120000")
    scenario = load_scenario(NARROW)
    first = GameSession.new(scenario, "us", 3, "boulware")
    second = GameSession.new(scenario, "us", 3, "boulware")
    try:
        assert first.log.path.name == "narrow_deal_2020-20260101-120000-3.jsonl"
        assert second.log.path.name == "narrow_deal_2020-20260101-120000-3-2.jsonl"
    finally:
        first.close()
        second.close()
    third = GameSession.new(scenario, "us", 3, "boulware")         # the first name is taken on disk too
    third.close()
    assert third.log.path.name == "narrow_deal_2020-20260101-120000-3-3.jsonl"


def header_then_ctrl_c(monkeypatch: pytest.MonkeyPatch, on_call: int = 1) -> None:
    """Ctrl-C as the ``on_call``-th log's header reaches the disk: the line is written, the flush interrupted."""
    real, calls = MoveLog._write, [0]

    def write(self: MoveLog, record: dict[str, object]) -> None:
        real(self, record)
        if record.get("type") == "header":
            calls[0] += 1
            if calls[0] == on_call:
                raise KeyboardInterrupt
    monkeypatch.setattr(MoveLog, "_write", write)


def test_ctrl_c_while_a_log_is_created_leaves_no_log_and_no_lock(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between a log's creation and its first move left a header-only log (and its lock taken): an
    unfinished game in the list of saved games, which the game that was stopped never played."""
    header_then_ctrl_c(monkeypatch)
    path = tmp_path / "game.jsonl"
    with pytest.raises(KeyboardInterrupt):
        MoveLog.create(path, HEADER)
    assert list(tmp_path.iterdir()) == []                # neither the log nor its lock file
    monkeypatch.undo()
    MoveLog.create(path, HEADER).close()                  # the name is free again, and not locked
    assert read_log(path).header["seed"] == 1


def test_a_failed_header_write_leaves_no_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk as the header is written: one LogError line, and no empty log left behind."""
    def full(self: MoveLog, record: dict[str, object]) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(MoveLog, "_write", full)
    with pytest.raises(LogError, match="cannot write the move log .No space left on device"):
        MoveLog.create(tmp_path / "game.jsonl", HEADER)
    assert list(tmp_path.iterdir()) == []


def test_simulate_stopped_as_a_log_is_created_leaves_only_whole_games(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule after the first move (every log left in --log-dir is a whole game of the output) holds from the
    log's creation: Ctrl-C as the third game's header is written removes that log too."""
    header_then_ctrl_c(monkeypatch, on_call=3)
    folder = tmp_path / "logs"
    assert main(["simulate", NARROW, "--games", "5", "--json", "--log-dir", str(folder)]) == 130
    assert len(json.loads(capsys.readouterr().out)["games"]) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["narrow_deal_2020-00000.jsonl", "narrow_deal_2020-00001.jsonl"]
