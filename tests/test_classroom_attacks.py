"""The attacks of issue 14 (ATTACK_FINDINGS F1, F6, F7): each was a passing attack before the fix.

Forged AI moves (an edited log, a result built by hand, a softer AI), a signature for another
role's seat, several results for one seat, a face-to-face entry over frozen talks, a result that
cannot be written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run_main(*args: str, stdin: str = "", home: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=180)


def edit_ai_move_to_accept(log: Path, party: str) -> int:
    """Replace the AI's last counter-offer in ``log`` with an acceptance and cut what follows, as a
    student would; returns the edited line's number (1-based)."""
    lines = log.read_text().splitlines()
    index = max(i for i, line in enumerate(lines) if f'"kind":"offer","party":"{party}"' in line)
    record = json.loads(lines[index])
    record["action"] = {"kind": "accept", "party": party}
    lines[index] = json.dumps(record, separators=(",", ":"))
    log.write_text("\n".join(lines[: index + 1]) + "\n")
    return index + 1


def test_an_edited_ai_move_is_refused_by_resume_and_replay_naming_the_line(tmp_path: Path) -> None:
    """F1.1: the AI's counter-offer edited into an acceptance; resume used to finish (and sign) that game."""
    log = tmp_path / "game.jsonl"
    played = run_main("play", "narrow_deal_2020", "--side", "us", "--seed", "5", "--log", str(log),
                      stdin="offer\nquit\n", home=tmp_path)
    assert played.returncode == 0, played.stderr
    line = edit_ai_move_to_accept(log, "ru")
    resumed = run_main("play", "--resume", str(log), home=tmp_path)
    assert resumed.returncode == 1 and "DEBRIEF" not in resumed.stdout
    assert f"{log}:{line}: diverges: the AI of 'ru' did not make this move" in resumed.stderr
    replayed = run_main("replay", str(log), home=tmp_path)
    assert replayed.returncode == 1 and f"{log}:{line}: diverges" in replayed.stderr
