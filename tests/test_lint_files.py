"""lint's checks of a file among its files, and hints that name a scenario as the user typed it
(newcomer trial, item 7: play arctic.yaml suggested 'play arctic_talks --side ...', which fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.lint import lint_file
from game.cli.app import main
from tests.conftest import SCENARIOS
from tests.test_loader_messages import where

NARROW = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")


def found(path: Path, code: str) -> list[str]:
    return [str(w) for w in lint_file(path) if w.code == code]


def test_an_id_that_is_not_the_file_name_is_warned_at_the_id(tmp_path: Path) -> None:
    path = tmp_path / "narrow.yaml"
    path.write_text(NARROW, encoding="utf-8")
    [message] = found(path, "id-not-file-name")
    assert message == (f"{path}:{where(NARROW, 'narrow_deal_2020')}: warning [id-not-file-name]: id: the id "
                       "'narrow_deal_2020' is not the file's name ('narrow.yaml'): commands that take a scenario by "
                       "name look for narrow_deal_2020.yaml, and the game's hints, logs and results name "
                       "'narrow_deal_2020' (rename the file narrow_deal_2020.yaml, or set id: narrow)")
    same = tmp_path / "narrow_deal_2020.yaml"
    path.rename(same)
    assert found(same, "id-not-file-name") == []


def test_two_files_of_a_folder_with_one_id_are_warned(tmp_path: Path) -> None:
    first, second = tmp_path / "narrow_deal_2020.yaml", tmp_path / "copy.yml"
    first.write_text(NARROW, encoding="utf-8")
    assert found(first, "duplicate-id") == []
    second.write_text(NARROW, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")     # unreadable: left to validate
    [message] = found(first, "duplicate-id")
    assert message == (f"{first}:{where(NARROW, 'narrow_deal_2020')}: warning [duplicate-id]: id: 'copy.yml' in the "
                       "same folder has the id 'narrow_deal_2020' too: the scenario picker, logs and results could "
                       "not tell them apart (give each scenario its own id)")
    assert "'narrow_deal_2020.yaml' in the same folder" in found(second, "duplicate-id")[0]


def test_the_side_hint_names_the_scenario_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "arctic.yaml").write_text(NARROW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["play", "arctic.yaml"]) == 1
    err = capsys.readouterr().err
    assert " play arctic.yaml --side us" in err and "play narrow_deal_2020 --side" not in err
