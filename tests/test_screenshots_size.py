"""``screenshots --size`` below the window's smallest size is refused, saying the smallest (a newcomer asked for
800x500 and silently got 1024x640 pictures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.app import MIN_SIZE
from game.ui.screenshots import main


@pytest.mark.parametrize("size", ["800x500", f"{MIN_SIZE[0]}x{MIN_SIZE[1] - 1}", "12x"])
def test_a_size_the_window_cannot_take_is_refused_with_what_it_can(size: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([str(tmp_path / "shots"), "--size", size])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--size:" in err and (f"{MIN_SIZE[0]}x{MIN_SIZE[1]}" in err or "WIDTHxHEIGHT" in err)
    assert not (tmp_path / "shots").exists()
