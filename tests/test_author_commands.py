"""Author commands say what is wrong instead of failing (issue 17, items 2 and 6; attack finding F17)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:          # argparse refusals
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_suggests_a_read_back_command_that_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "--genius", str(SCENARIOS / "track15_trap.yaml"), str(tmp_path / "out"))
    assert code == 0
    command = next(line for line in err.splitlines() if line.startswith("Read back: "))
    words = shlex.split(command.removeprefix("Read back: "))
    assert words[:2] == ["backchannel", "analyze"] or words[1:3] == ["analyze", "--genius"], words
    code, out, err = run(capsys, *words[words.index("analyze"):])
    assert code == 0 and "Pareto frontier" in out, err


def test_analyze_genius_needs_a_domain_and_two_profiles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "--genius", "d.xml", "p.xml")
    assert code == 2 and "at least two profile files" in err


def test_an_unknown_phase_is_refused_without_phases(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", str(SCENARIOS / "narrow_deal_2020.yaml"), "--phase", "nosuch")
    assert code == 1 and "no phase 'nosuch' (phases: none)" in err


def test_an_issue_named_twice_in_a_deal_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", str(SCENARIOS / "narrow_deal_2020.yaml"),
                       "--deal", "hack_and_leak=pledge,hack_and_leak=none")
    assert code == 1 and "'hack_and_leak' is named twice" in err
