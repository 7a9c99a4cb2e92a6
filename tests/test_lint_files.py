"""lint's checks of a file among its files, and hints that name a scenario as the user typed it
(newcomer trial, item 7: play arctic.yaml suggested 'play arctic_talks --side ...', which fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")


def test_the_side_hint_names_the_scenario_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "arctic.yaml").write_text(NARROW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["play", "arctic.yaml"]) == 1
    err = capsys.readouterr().err
    assert " play arctic.yaml --side us" in err and "play narrow_deal_2020 --side" not in err
