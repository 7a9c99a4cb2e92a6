"""The launcher: the player's folders where the platform keeps them, old saves moved once, and the
window refused at once without a display (issue 16, items 4 and 6)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import launcher, paths
from game.session.movelog import default_log_dir
from game.ui.settings import settings_path
from tests.conftest import ROOT


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary home with no XDG variables: the old places are under it."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def elsewhere(home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A platform whose folders differ from the old Linux ones (as on macOS or Windows)."""
    data, config = home / "Library" / "Application Support" / "backchannel", home / "Library" / "Prefs" / "backchannel"
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.setattr(paths, "config_dir", lambda: config)
    return data, config


def old_files(home: Path) -> tuple[Path, Path]:
    log = home / ".local" / "share" / "backchannel" / "logs" / "narrow_deal_2020-1.jsonl"
    settings = home / ".config" / "backchannel" / "settings.json"
    for path, text in ((log, '{"type": "header"}\n'), (settings, '{"text_size": "large"}')):
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    return log, settings


def test_folders_come_from_platformdirs_and_honour_xdg_on_linux(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert default_log_dir() == Path(platformdirs.user_data_dir("backchannel", appauthor=False)) / "logs"
    assert settings_path().parent == Path(platformdirs.user_config_dir("backchannel", appauthor=False))
    if sys.platform.startswith("linux"):
        assert default_log_dir() == tmp_path / "data" / "backchannel" / "logs"
        assert settings_path() == tmp_path / "config" / "backchannel" / "settings.json"
        assert paths.move_old_files() == []              # the old places are this platform's: nothing to move


def test_old_saves_and_settings_move_once_and_it_is_said(home: Path, elsewhere: tuple[Path, Path]) -> None:
    log, settings = old_files(home)
    said = paths.move_old_files()
    data, config = elsewhere
    assert (data / "logs" / log.name).read_text(encoding="utf-8") == '{"type": "header"}\n'
    assert (config / "settings.json").read_text(encoding="utf-8") == '{"text_size": "large"}'
    assert said == [f"Moved 1 file from {log.parent} to {data / 'logs'}, where Backchannel now keeps them on "
                    f"this system.",
                    f"Moved 1 file from {settings.parent} to {config}, where Backchannel now keeps them on "
                    f"this system."]
    assert not log.parent.parent.exists() and not settings.parent.exists()
    assert (home / ".config").is_dir()                   # only our own folders go
    assert paths.move_old_files() == []                  # once


def test_a_name_already_taken_keeps_both_files(home: Path, elsewhere: tuple[Path, Path]) -> None:
    log, _ = old_files(home)
    taken = elsewhere[0] / "logs" / log.name
    taken.parent.mkdir(parents=True)
    taken.write_text("newer\n", encoding="utf-8")
    paths.move_old_files()
    assert taken.read_text(encoding="utf-8") == "newer\n"
    assert (taken.parent / f"{log.name}.old-1").read_text(encoding="utf-8") == '{"type": "header"}\n'


def test_the_launcher_says_what_it_moved_before_anything_else(home: Path, elsewhere: tuple[Path, Path],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    log, _ = old_files(home)
    assert launcher.main(["validate", "narrow_deal_2020"]) == 0     # subcommands that use no saves never look
    assert log.is_file()
    assert launcher.main(["window"]) == 1                # no display here: the move still happens first
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("Moved 1 file from ") and err[1].startswith("Moved 1 file from ")
    assert err[2].startswith("error: no display found") and len(err) == 3
    launcher.main(["window"])
    assert "Moved" not in capsys.readouterr().err


@pytest.mark.parametrize("args", [["window"], ["play", "narrow_deal_2020", "--side", "us", "--window"]])
def test_the_window_without_a_display_fails_at_once_in_one_line(args: list[str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    if not sys.platform.startswith("linux"):
        env["SDL_VIDEODRIVER"] = "dummy"
    result = subprocess.run([sys.executable, "main.py", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no display found, so the game window cannot open here")
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert not (tmp_path / "data").exists()              # no game was started, no log written


@pytest.mark.parametrize(("args", "hint"), [
    (["--session", "class/tables/table-03/ru", "--window"], "play --session class/tables/table-03/ru')"),
    (["--window", "--resume", "my games/g.jsonl"], "play --resume 'my games/g.jsonl')"),
    (["narrow_deal_2020", "--side", "us", "--window"], "play narrow_deal_2020 --side us')"),
])
def test_play_in_the_window_without_a_display_hints_the_same_game_in_the_terminal(
        args: list[str], hint: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Class trial, defect 2: 'play --session SEAT --window' without a display hinted 'play SCENARIO --side PARTY',
    which starts a game outside the session; the hint is the command typed, without --window."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert launcher.main(["play", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no display found") and err.rstrip().endswith(hint), err
    assert "SCENARIO" not in err and "--window" not in err and len(err.splitlines()) == 1


def test_the_gui_script_opens_the_window_or_says_why_not(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert launcher.window() == 1
    assert capsys.readouterr().err.startswith("error: no display found")
