"""Terminal play with piped input, move logs, replay, and resuming an interrupted game."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import ROOT, SCENARIOS

NARROW = str(SCENARIOS / "narrow_deal_2020.yaml")


def play(tmp_path: Path, script: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "main.py", "play", *extra], input=script, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_a_whole_game_from_piped_input_then_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "game.jsonl"
    script = "help\nfrobnicate\nset 9 9\nset 1 nonsense\nshow\nset 1 4\noffer movement 2\n" + "offer\n" * 12 + "accept\ny\nwalk\ny\n"
    result = play(tmp_path, script, NARROW, "--side", "us", "--seed", "4", "--log", str(log))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "CONFIDENTIAL BRIEF" in out and "unknown command 'frobnicate'" in out
    assert "no basket '9'" in out and "no option 'nonsense' here" in out
    assert "DEBRIEF" in out and "Traceback" not in out + result.stderr
    assert main(["replay", str(log)]) == 0
    assert capsys.readouterr().out.startswith("hash: ")


def test_brief_shows_nothing_of_the_other_sides_values(tmp_path: Path) -> None:
    out = play(tmp_path, "quit\n", NARROW, "--side", "ru", "--seed", "1", "--log", str(tmp_path / "l.jsonl")).stdout
    brief = out.split("(seed")[0]
    assert "0.35" not in brief            # Washington's reservation value
    assert "Pledge + inspection" not in brief  # a US red line


def test_edited_and_truncated_logs_name_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "g.jsonl"
    play(tmp_path, "walk\ny\n", NARROW, "--side", "us", "--seed", "2", "--log", str(log))
    lines = log.read_text().splitlines()
    edited = tmp_path / "edited.jsonl"
    record = json.loads(lines[2])
    record["action"]["events"] = ["shock"] if record["action"].get("kind") == "round_start" else []
    edited.write_text("\n".join(lines[:2] + [json.dumps(record)] + lines[3:]) + "\n")
    assert main(["replay", str(edited)]) == 1
    assert f"{edited}:3: diverges" in capsys.readouterr().err
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("\n".join(lines)[:-7])
    assert main(["replay", str(truncated)]) == 1
    assert "truncated log" in capsys.readouterr().err
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text(lines[0] + "\n{not json\n")
    assert main(["replay", str(garbage)]) == 1
    assert f"{garbage}:2: not a log record" in capsys.readouterr().err
    personas: tuple[object, ...] = ([], {"strategy": []}, {"strategy": {"a": 1}})
    for persona in personas:    # attacker trial: unhashable, a TypeError
        header = json.loads(lines[0])
        header["personas"] = {"ru": persona}
        odd = tmp_path / "persona.jsonl"
        odd.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n")
        assert main(["replay", str(odd)]) == 1
        assert f"{odd}:1: personas: 'ru': expected a known strategy" in capsys.readouterr().err


def test_quit_then_resume_finishes_the_same_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "r.jsonl"
    first = play(tmp_path, "offer\noffer\n", NARROW, "--side", "us", "--seed", "8", "--log", str(log))
    assert "Resume with:\n  python main.py play --resume" in first.stdout
    capsys.readouterr()
    assert main(["replay", str(log)]) == 1                       # unfinished: said on stderr, and no hash printed
    out = capsys.readouterr()
    assert "hash:" not in out.out and "no end record" in out.err and "moves replay" in out.err
    with log.open("a") as handle:
        handle.write('{"type": "action", "n": 99, "act')          # a move half-written when the process died
    second = play(tmp_path, "walk\ny\n", "--resume", str(log))
    assert second.returncode == 0, second.stderr
    assert "half-written line of the log was dropped" in second.stdout and "DEBRIEF" in second.stdout
    assert main(["replay", str(log)]) == 0


def test_play_argument_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", NARROW, "--side", "uk", "--log", str(tmp_path / "x.jsonl")]) == 1
    assert "--side: 'uk' is not a party of narrow_deal_2020; expected one of: us, ru" in capsys.readouterr().err
    assert main(["play", NARROW]) == 1                       # no --side and no terminal to ask: the sides are listed
    err = capsys.readouterr().err
    assert "--side us" in err and "--side ru" in err and "US delegation (State Department)" in err
    assert main(["play", "--resume", str(tmp_path / "missing.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_simulate_json_is_byte_identical_for_a_seed(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        assert main(["simulate", NARROW, "--games", "4", "--seed", "9", "--json", "--a", "modeller", "--b", "conceder"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert len(data["games"]) == 4 and data["summary"][0]["games"] == 4
    game = data["games"][0]
    assert set(game) >= {"seed", "phases", "agreement", "principals", "delegations", "intact"}


def test_an_unsure_delegation_sees_its_own_view_not_the_truth(tmp_path: Path) -> None:
    trap = str(SCENARIOS / "track15_trap.yaml")
    out = play(tmp_path, "show\nquit\n", trap, "--side", "us_experts", "--seed", "5",
               "--log", str(tmp_path / "t.jsonl")).stdout
    assert "to your government (as you see it)" in out
    official = play(tmp_path, "show\nquit\n", trap, "--side", "us", "--seed", "5", "--log", str(tmp_path / "u.jsonl")).stdout
    assert "(as you see it)" not in official


def test_killed_mid_game_resumes_losing_at_most_the_move_in_flight(tmp_path: Path) -> None:
    import signal
    import time

    log = tmp_path / "killed.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}

    def replies_on_disk() -> int:
        """How many offers the AI (Moscow) has made, as far as the log on disk says."""
        if not log.exists():
            return 0
        return sum('"kind":"offer","party":"ru"' in line for line in log.read_text().splitlines())

    proc = subprocess.Popen([sys.executable, "main.py", "play", NARROW, "--side", "us", "--seed", "6", "--log", str(log)],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=env, text=True)
    try:
        assert proc.stdin is not None
        for played in range(1, 4):
            proc.stdin.write("offer\n")
            proc.stdin.flush()
            deadline = time.monotonic() + 120  # a condition, not a speed: generous for a loaded 2-core machine
            while replies_on_disk() < played:
                assert proc.poll() is None, "the game ended before it was killed"
                assert time.monotonic() < deadline, f"no reply to offer {played} reached the log"
                time.sleep(0.05)
        before = log.read_text().count("\n")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=60)
        if proc.stdin is not None:
            proc.stdin.close()
    lines = log.read_text().splitlines()
    assert len(lines) >= before >= 8                        # header and the moves played so far are on disk
    assert all(json.loads(line) for line in lines)
    resumed = play(tmp_path, "walk\ny\n", "--resume", str(log))
    assert resumed.returncode == 0 and "DEBRIEF" in resumed.stdout
    assert main(["replay", str(log)]) == 0


TERMINAL_COMMANDS = ("show", "set BASKET OPTION", "counter", "best", "offer", "accept", "walk", "lock BASKET",
                     "brief", "quit")


def test_help_and_play_help_list_every_terminal_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13, defect 5: 'help' at the prompt and 'play --help' print the commands, not a heading."""
    out = play(tmp_path, "help\nquit\n", NARROW, "--side", "us", "--seed", "1", "--log", str(tmp_path / "h.jsonl")).stdout
    shown = out.split("type 'help' for commands)")[1]
    # the move log's path ends its own line (a line with a path is never wrapped, so words after it were cut)
    assert f"\nMove log: {tmp_path / 'h.jsonl'}\n" in out
    for command in TERMINAL_COMMANDS:
        assert command in shown, (command, shown)
    with pytest.raises(SystemExit):
        main(["play", "--help"])
    usage = capsys.readouterr().out
    for command in TERMINAL_COMMANDS:
        assert command in usage, (command, usage)
