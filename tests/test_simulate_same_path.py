"""simulate refuses two outputs on one path before any game is played (research trial: ``--csv X --summary-csv
X`` silently replaced the games with the summary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS

NARROW = str(SCENARIOS / "narrow_deal_2020.yaml")


@pytest.mark.parametrize("second", ["same", "dotted"])
def test_csv_and_summary_csv_on_one_path_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, second: str) -> None:
    monkeypatch.chdir(tmp_path)
    other = "x.csv" if second == "same" else "./sub/../x.csv"
    (tmp_path / "sub").mkdir()
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", NARROW, "--games", "1", "--csv", "x.csv", "--summary-csv", other])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--summary-csv" in err and "the same path as --csv x.csv" in err
    assert not (tmp_path / "x.csv").exists()


def test_log_dir_and_csv_on_one_path_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", NARROW, "--games", "1", "--log-dir", str(target), "--csv", str(target)])
    assert exit_.value.code == 2
    assert "the same path as --log-dir" in capsys.readouterr().err
    assert not target.exists()
