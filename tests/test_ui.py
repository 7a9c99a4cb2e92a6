"""The game window under the dummy video and audio drivers: scripted games, every screen at three
sizes, keyboard reach, save and load across the window and the terminal, settings and sound."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.engine.record import state_hash
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.movelog import read_log, restore
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.dialogs import MessageScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menus import (
    HelpScene,
    PauseScene,
    SettingsScene,
)
from game.ui.scenes.picker import PickerScene, SideScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.screenshots import play_scripted
from game.ui.scripted import Driver
from game.ui.settings import Settings, load_settings, save_settings
from tests.conftest import ROOT, SCENARIOS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

SIZES = [(1024, 640), (1280, 800), (1920, 1080)]
OPEN: list[GameSession] = []          # sessions a test opened, closed after it
NARROW = SCENARIOS / "narrow_deal_2020.yaml"
LADDER = SCENARIOS / "ryabkov_2017.yaml"          # ten baskets: the tallest table
S = TypeVar("S", bound=Scene)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield tmp_path
    while OPEN:
        OPEN.pop().close()
    pygame.quit()


def make_app(tmp_path: Path, size: tuple[int, int] = (1024, 640), text_size: str = "normal") -> App:
    settings = Settings(width=size[0], height=size[1], text_size=text_size)
    return App(settings, size=size, settings_file=tmp_path / "settings.json")


@pytest.mark.parametrize("mouse", [False, True], ids=["keyboard", "mouse"])
def test_a_scripted_game_from_the_title_to_the_debrief(data_home: Path, mouse: bool) -> None:
    app = make_app(data_home)
    shots = play_scripted(app, data_home, mouse=mouse)
    assert {p.stem for p in shots} == {"01-title", "02-scenario-picker", "03-side-picker", "04-brief", "05-table",
                                       "06-table-midgame", "07-event", "08-pause-menu", "09-entry-and-compliance",
                                       "10-debrief", "11-settings", "12-help", "13-deal-struck", "14-offer-trace",
                                       "16-message-picker"}
    assert all(p.stat().st_size > 10_000 for p in shots)
    logs = list((data_home / "data" / "backchannel" / "logs").glob("*.jsonl"))
    assert len(logs) == 1
    contents = read_log(logs[0])
    assert contents.end_hash is not None                  # the game ended and its log says so
    _, _, state, _ = restore(logs[0])
    assert state_hash(state) == contents.end_hash
    pygame.quit()


def open_table(app: App, session: GameSession) -> tuple[TableScene, Driver]:
    """``session``'s table on the screen, two frames drawn (the session closed at the end of the test run)."""
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    return table, driver


def over_the_title(app: App, make: Callable[[App], S], frames: int) -> tuple[S, Driver]:
    """The title screen with ``make(app)`` pushed over it (as the title's menu opens a screen), run for
    ``frames`` frames: (that screen, a driver of the window)."""
    app.reset(TitleScene(app))
    scene = make(app)
    app.push(scene)
    driver = Driver(app)
    driver.frames(frames)
    return scene, driver


def drawn_legends(fig: Figure) -> Iterator[tuple[Axes, Legend, RendererAgg]]:
    """Draw ``fig``, then each of its axes with its legend (every axis must have one, or share the figure's) and the renderer that
    placed them, to measure where the legend stands."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    for ax in fig.axes:               # a legend of its own, or one the figure's plots share (below them all)
        legend = ax.get_legend() or (fig.legends[0] if fig.legends else None)
        assert legend is not None
        yield ax, legend, renderer


def accept_or_propose_best(session: GameSession, side: str) -> None:
    """``side`` moves once: it accepts the offer it faces, and otherwise proposes its best package."""
    from game.engine.actions import Accept, Offer
    state = session.state
    if state.standing is not None and state.standing.party != side:
        session.submit(Accept(side))
    else:
        assert state.tables is not None
        best = state.tables.of(side).order
        session.submit(Offer(side, state.tables.problem.outcome_at(int(best[0]))))


def finished_narrow_game() -> GameSession:
    """A narrow-deal game Washington plays to its end: it accepts any offer it faces and otherwise proposes
    its best package (against the conceder, seed 5, it ends in a deal)."""
    finished = GameSession.new(load_scenario(NARROW), "us", 5, "conceder")
    while not finished.over:
        accept_or_propose_best(finished, "us")
    return finished


def scenes_for(app: App, data_home: Path) -> list[Scene]:
    """One of every screen, on a game of the largest shipped agenda."""
    scenario = load_scenario(LADDER)
    session = GameSession.new(scenario, "us", 3, "boulware")
    finished = finished_narrow_game()
    result = game_result(finished.state)
    OPEN.append(session)
    every: list[Scene] = []
    for path in sorted(SCENARIOS.glob("*.yaml")):             # every scenario's labels at the table
        other = load_scenario(path)
        first = other.phases[0].parties[0] if other.phases else other.parties[0].id
        table_session = GameSession.new(other, first, 1, "boulware")
        OPEN.append(table_session)
        every += [SideScene(app, other), TableScene(app, table_session)]
    return every + [TitleScene(app), PickerScene(app), SideScene(app, scenario), BriefScene(app, session),
            TableScene(app, session), AftermathScene(app, finished.state, result, "us"),
            DebriefScene(app, finished.state, result, "us"), PauseScene(app), SettingsScene(app), HelpScene(app),
            LoadScene(app), MessageScene(app, "A message that needs to wrap over more than one line of the box.")]


def clipped(element: object) -> bool:
    """Whether a button's or label's text is wider than its box."""
    if not isinstance(element, (UIButton, UILabel)) or not element.text or element.font is None:
        return False
    width = element.font.size(element.text)[0]
    return width > element.rect.width - 4


@pytest.mark.parametrize("size,text_size", [(s, "normal") for s in SIZES] + [((1024, 640), "large")])
def test_every_screen_renders_without_clipping(data_home: Path, size: tuple[int, int], text_size: str) -> None:
    app = make_app(data_home, size, text_size)
    window = pygame.Rect((0, 0), app.size)
    for scene in scenes_for(app, data_home):
        app.reset(TitleScene(app)) if scene.overlay else None
        app.push(scene) if scene.overlay else app.reset(scene)
        app.frame(0.016)
        scroller = getattr(scene, "scroller", None)
        for element in scene.elements:
            if not element.visible:
                continue
            if scroller is not None and element is not scroller and element.ui_container is scroller.get_container():
                # rows of a scrolling list may lie below the fold, but never beside it
                assert scroller.rect.left <= element.rect.left and element.rect.right <= scroller.rect.right, \
                    (scene.name, size, element.rect, scroller.rect)
            else:
                assert window.contains(element.rect), (scene.name, size, element, element.rect)
            assert not clipped(element), (scene.name, size, text_size, getattr(element, "text", ""))
        if isinstance(scene, TableScene):              # the meter's own text, drawn without pygame_gui
            for text in ("0.000 expected · 0.000 paper", "Your delegation: +0.000 vs no deal",
                         "Ratification chance at home: 100%"):
                assert app.font(14).size(text)[0] <= scene.meter_rect.width - 20, (size, text_size, text)
        assert app.frames_drawn > 0
    pygame.quit()


def test_keyboard_alone_reaches_every_control(data_home: Path) -> None:
    app = make_app(data_home)
    driver = Driver(app)
    for scene in scenes_for(app, data_home):
        app.reset(TitleScene(app)) if scene.overlay else None
        app.push(scene) if scene.overlay else app.reset(scene)
        app.frame(0.016)
        buttons = [e for e in scene.elements if isinstance(e, UIButton) and e.is_enabled]
        reached = set()
        for _ in range(len(scene.focus.items) + 1):
            current = scene.focus.current
            if current is not None:
                reached.add(current.element)
            driver.key(pygame.K_TAB)
        arrows = {e for e in buttons if e.text in ("◀", "▶")}   # the mouse's shortcuts for Left/Right
        assert set(buttons) - arrows <= reached, (scene.name, [b.text for b in set(buttons) - arrows - reached])
        if isinstance(scene, TableScene):
            assert all(item.adjust is not None for item in scene.focus.items if item.element in scene.option_buttons)
    pygame.quit()


def test_left_and_right_change_a_basket_and_the_meter_follows(data_home: Path) -> None:
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 12, "boulware")   # seed 11 opens with a shock that freezes the talks
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.tab_to(table.option_buttons[0])
    before = list(table.draft)
    driver.key(pygame.K_LEFT)
    assert table.draft[0] == max(0, before[0] - 1)                   # the ladder never wraps (issue 13, defect 8)
    assert table.draft[1:] == before[1:]
    assert table.option_buttons[0].text.startswith(f"{table.draft[0] + 1}.")
    pygame.quit()


def test_a_game_saved_in_the_window_resumes_in_the_terminal(data_home: Path) -> None:
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 21, "boulware")
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.press(next(b for b in table.elements if isinstance(b, UIButton) and b.text == "Propose"))
    assert len(session.state.history) > 3
    path = session.log.path
    session.close()                                     # the window closes mid-game
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "main.py", "play", "--resume", str(path)], input="walk\ny\n",
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "DEBRIEF" in result.stdout
    assert read_log(path).end_hash is not None
    pygame.quit()


def test_a_game_saved_in_the_terminal_loads_in_the_window(data_home: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "main.py", "play", str(NARROW), "--side", "us", "--seed", "4"],
                            input="offer\nquit\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    app = make_app(data_home)
    app.reset(TitleScene(app))
    app.push(LoadScene(app))
    games = LoadScene.saved_games()
    assert len(games) == 1
    driver = Driver(app)
    assert app.top is not None
    driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.tool_tip_text == str(games[0][0])))
    assert isinstance(app.top, BriefScene)
    OPEN.append(app.top.session)
    assert len(app.top.session.state.history) >= 3
    pygame.quit()


def test_settings_survive_a_restart_and_a_broken_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(width=1600, height=900, palette="colour-blind safe", text_size="large", volume=0.3), path)
    loaded, warning = load_settings(path)
    assert warning is None and loaded.width == 1600 and loaded.palette == "colour-blind safe" and loaded.volume == 0.3
    path.write_text("{not json", encoding="utf-8")
    loaded, warning = load_settings(path)
    assert loaded == Settings() and warning is not None and str(path) in warning
    path.write_text(json.dumps({"width": "wide", "text_size": "large", "volume": None}), encoding="utf-8")
    loaded, warning = load_settings(path)                  # the good setting is kept, each bad one is named
    assert loaded.text_size == "large" and loaded.width == Settings().width and loaded.volume == Settings().volume
    assert warning is not None and "width ('wide')" in warning and "volume (None)" in warning
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")         # no RecursionError on any Python
    loaded, warning = load_settings(path)
    assert loaded == Settings() and warning is not None and "nested more than" in warning


def test_applying_settings_rebuilds_the_screens_with_the_new_text_size(data_home: Path) -> None:
    app = make_app(data_home)
    app.reset(TitleScene(app))
    assert app.top is not None
    height = app.top.elements[2].rect.height          # a menu button
    app.apply_settings(Settings(width=1024, height=640, text_size="large"))
    assert app.top.elements[2].rect.height > height
    assert load_settings(data_home / "settings.json")[0].text_size == "large"
    pygame.quit()


def test_sound_without_a_device_is_silent_and_harmless(data_home: Path) -> None:
    app = make_app(data_home)
    for name in ("offer", "accept", "event", "violation", "click", "no such sound"):
        app.sounds.play(name)
    app.sounds.configure(0.0, True)
    app.sounds.play("offer")
    pygame.quit()


def test_an_error_in_a_screen_is_shown_not_raised(data_home: Path) -> None:
    app = make_app(data_home)
    app.reset(TitleScene(app))

    class Broken(Scene):
        def handle(self, event: pygame.event.Event) -> bool:
            raise RuntimeError("boom")

    app.reset(Broken(app))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=0))
    app.frame(0.016)
    assert isinstance(app.top, MessageScene) and "boom" in app.top.message
    pygame.quit()


def test_resizing_the_window_lays_every_screen_out_again(data_home: Path) -> None:
    app = make_app(data_home)
    app.reset(TitleScene(app))
    app.push(PickerScene(app))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    app.frame(0.016)
    assert app.size == (1600, 900)
    assert app.top is not None
    assert max(e.rect.right for e in app.top.elements) > 1200       # the layout uses the new width
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=600, h=400, size=(600, 400)))
    app.frame(0.016)
    assert app.size == (1024, 640)                                 # never below the smallest size


def test_f11_toggles_full_screen_and_back(data_home: Path) -> None:
    app = make_app(data_home)
    app.reset(TitleScene(app))
    Driver(app).key(pygame.K_F11)
    assert app.settings.fullscreen
    Driver(app).key(pygame.K_F11)
    assert not app.settings.fullscreen and app.size[0] >= 1024


def test_an_idle_screen_is_not_redrawn(data_home: Path) -> None:
    app = make_app(data_home)
    app.reset(TitleScene(app))
    app.frame(0.016)
    drawn = app.frames_drawn
    app.last_event_ms = pygame.time.get_ticks() - 10_000           # long after the last input
    for _ in range(5):
        app.frame(0.016)
    assert app.frames_drawn == drawn
    Driver(app).key(pygame.K_TAB)                                   # input: drawn again
    assert app.frames_drawn > drawn


def test_the_window_opens_no_larger_than_the_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Xvfb at 1024x640 the 1280x800 default opened partly off screen: the size is clamped to the desktop
    (never below the minimum), and the headless dummy driver is left alone."""
    from game.ui.app import MIN_SIZE, fit_desktop
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "x11")
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1024, 640)])
    assert fit_desktop((1280, 800)) == (1024, 640)
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(800, 600)])
    assert fit_desktop((1280, 800)) == MIN_SIZE
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "dummy")
    assert fit_desktop((1280, 800)) == (1280, 800)
