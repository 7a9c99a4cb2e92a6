"""The terminal's text as a newcomer reads it (issue 13, terminal defects 3-6): wrapped paragraphs and
whole tables, an AI's reason attributed by name at a table the player only watches, the sides listed
when --side is missing, and a --help that lists every subcommand in plain text."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import wrap
from game.cli.app import main
from game.engine.actions import Accept
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.views import describe
from tests.conftest import ROOT, SCENARIOS


def run(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(home)}
    return subprocess.run([sys.executable, "main.py", *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def test_paragraphs_wrap_to_the_width_and_tables_stay_whole() -> None:
    paragraph = "Red lines (your government can never accept): " + "; ".join(["Election infrastructure: inspection"] * 4)
    row = "   1. Hack-and-leak by state agencies            4. Pledge + consultations and a long tail of words"
    out = wrap.fit(f"{paragraph}\n{row}\n  {paragraph}", 60).split("\n")
    assert all(len(line) <= 60 for line in out)                         # the terminal cuts no word
    assert " ".join(out).split() == f"{paragraph} {row} {paragraph}".split()   # none cut or lost
    column = next(i for i, line in enumerate(out) if line.startswith("   1. Hack-and-leak"))
    assert out[column].rstrip() == "   1. Hack-and-leak by state agencies"      # the row, then its last column
    assert out[column + 1].startswith("       4. Pledge + consultations")      # under it, indented
    assert out[-1].startswith("    ")                                  # a continuation is indented past its line


def test_echo_wraps_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    long = "word " * 40
    wrap.echo(long)                                                     # captured: not a terminal
    assert capsys.readouterr().out.count("\n") == 1

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True
    screen = Tty()
    monkeypatch.setattr(wrap.shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((50, 20)))
    wrap.echo(long, file=screen)
    assert all(len(line) < 50 for line in screen.getvalue().splitlines()) and screen.getvalue().count("\n") > 3


def test_an_ai_reason_at_a_watched_table_names_who_speaks_to_whom(tmp_path: Path) -> None:
    out = run("play", "track15_trap", "--side", "us", "--seed", "3", "--log", str(tmp_path / "g.jsonl"),
              stdin="quit\n", home=tmp_path).stdout
    watched = out.split("type 'help' for commands)")[1].split("Official talks |")[0]
    assert "Former US officials and scholars tell Russian Foreign Minister's team: \"We accept your final offer" in watched
    assert "Why:" not in watched


def test_describe_attributes_the_reason_unless_the_viewer_sits_there(tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    session = GameSession.new(scenario, "us_experts", 3, log_path=tmp_path / "g.jsonl")
    session.close()
    state = session.state
    texts = dict(describe(state, Accept("ru"), state, "us_experts", "We accept your offer."))
    assert texts["why"] == "  Why: We accept your offer."
    texts = dict(describe(state, Accept("ru"), state, "us", "We accept your offer."))
    assert texts["why"] == ("  Russian Foreign Minister's team tells Former US officials and scholars: "
                            "\"We accept your offer.\"")


def test_play_without_side_lists_the_sides(tmp_path: Path) -> None:
    result = run("play", "narrow_deal_2020", home=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--side us  US delegation (State Department)" in result.stderr
    assert "--side ru  Russian delegation (Foreign Ministry)" in result.stderr


def test_help_lists_screenshots_and_window_in_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["simulate"], ["classroom"], ["play"]):
        with pytest.raises(SystemExit):
            main([*argv, "--help"])
        shown = capsys.readouterr().out
        assert "``" not in shown, argv
    with pytest.raises(SystemExit):
        main(["--help"])
    rows = [row.strip() for row in capsys.readouterr().out.splitlines()]
    assert any(row.startswith("screenshots") for row in rows) and any(row.startswith("window ") for row in rows)


def test_screenshots_help_is_plain_text() -> None:
    """The launcher answers 'screenshots --help' itself: its help has no reST backticks either."""
    import subprocess
    import sys
    from tests.conftest import ROOT
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "screenshots", "--help"], capture_output=True,
                         text=True, timeout=60, env={**__import__("os").environ, "SDL_VIDEODRIVER": "dummy"})
    assert out.returncode == 0 and "``" not in out.stdout and "save a PNG of every screen" in out.stdout


def test_simulate_says_which_delegations_each_ai_column_plays(capsys: pytest.CaptureFixture[str]) -> None:
    """Author trial h7: the columns 'A' and 'B' did not say which delegation each plays, nor what p/e/k were."""
    assert main(["simulate", str(SCENARIOS / "track15_trap.yaml"), "--games", "1"]) == 0
    out = capsys.readouterr().out
    assert ("A: the AI of US delegation (State Department), Former US officials and scholars; "
            "B: the AI of Russian Foreign Minister's team") in out
    assert "united_states = the United States" in out and "on paper / expected before the votes" in out


def test_a_rule_is_as_wide_as_a_narrow_terminal() -> None:
    assert wrap.fit("-" * 72, 60) == "-" * 60
    assert wrap.fit("-" * 72, 100) == "-" * 72
