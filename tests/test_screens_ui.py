"""The window's screens around the table (issue 13, defects 3, 6, 7, 10, 11): the brief and the debrief
scroll from the keyboard, a loaded game keeps its log, dialogs from the pause menu hide it, the
debrief's no-deal values agree, 'Play again' returns to the scenario just played, the scenario list
is chronological, and the Save dialog never breaks a path inside a name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pygame
import pytest
from matplotlib.axes import Axes
from pygame_gui.elements import UITextBox

from game.engine.actions import Offer
from game.engine.chance import Schedule
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scene import Scene
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import (  # noqa: F401  (a fixture, and the window's factory)
    OPEN,
    accept_or_propose_best,
    data_home,
    make_app,
)

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
TRAP = SCENARIOS / "track15_trap.yaml"


def finished_game(path: Path, side: str, seed: int, schedule: Schedule = ()) -> GameSession:
    """A game played to its end: the human offers its best package and accepts any offer."""
    session = GameSession.new(load_scenario(path), side, seed, "conceder", schedule=schedule)
    while not session.over:
        accept_or_propose_best(session, side)
    return session


def text_box(scene: Scene) -> UITextBox:
    return next(e for e in scene.elements if isinstance(e, UITextBox))


def scroll_position(box: UITextBox) -> float:
    assert box.scroll_bar is not None, "the text fits: nothing to scroll"
    return float(box.scroll_bar.start_percentage)


def at_end(box: UITextBox) -> bool:
    assert box.scroll_bar is not None
    return abs(box.scroll_bar.start_percentage - (1 - box.scroll_bar.visible_percentage)) < 0.02


@pytest.mark.parametrize("screen", ["brief", "debrief"])
def test_the_brief_and_the_debrief_scroll_from_the_keyboard(data_home: Path, screen: str) -> None:  # noqa: F811
    """Defect 3: Page Up/Down, Home and End scroll the text anywhere on the screen; Tab gives the text
    the focus, and then the arrows scroll it too."""
    app = make_app(data_home, (1024, 640), "large")
    if screen == "brief":
        session = GameSession.new(load_scenario(TRAP), "us_experts", 1, "boulware")
        OPEN.append(session)
        scene: Scene = BriefScene(app, session)
    else:
        session = finished_game(NARROW, "us", 5)
        scene = DebriefScene(app, session.state, game_result(session.state), "us")
    app.reset(scene)
    driver = Driver(app)
    driver.frames(2)
    box = text_box(scene)
    assert scroll_position(box) == 0
    driver.key(pygame.K_PAGEDOWN)
    assert scroll_position(box) > 0
    driver.key(pygame.K_END)
    assert at_end(box)
    driver.key(pygame.K_HOME)
    assert scroll_position(box) == 0
    driver.tab_to(box)
    driver.key(pygame.K_DOWN)
    assert scroll_position(box) > 0
    driver.key(pygame.K_UP)
    assert scroll_position(box) == 0
    pygame.quit()


def test_a_loaded_game_shows_its_log_and_last_event(data_home: Path) -> None:  # noqa: F811
    """Defect 6: a game loaded from its move log showed "The talks open." and "No events so far."."""
    from game.ui.scenes.table import TableScene
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware", schedule=(("indictment", 2),))
    table = TableScene(app, session)
    app.reset(table)
    for _ in range(3):
        tables = session.state.tables
        assert tables is not None
        best = tables.of("us").order
        table.submit(Offer("us", tables.problem.outcome_at(int(best[0]))))
        Driver(app).settle()                         # the move plays off the frame
    played, ticker = list(table.log), table.ticker_label.text
    assert any("EVENT" in line for line in played) and ticker.startswith("Last event (round 2): ")   # round 3 on screen
    session.close()
    resumed, _ = GameSession.resume(session.log.path)
    OPEN.append(resumed)
    loaded = TableScene(app, resumed)
    app.reset(loaded)
    Driver(app).frames(2)
    assert loaded.log == played
    assert loaded.ticker_label.text == ticker
    assert [line.text for line in loaded.log_box.lines] == played
    pygame.quit()


@pytest.mark.parametrize("entry", ["Save", "Load a saved game", "Settings", "Help and controls"])
def test_a_dialog_from_the_pause_menu_hides_the_menu(data_home: Path, entry: str) -> None:  # noqa: F811
    """Defect 7: the pause menu showed through the dialogs it opened, its buttons under theirs."""
    from pygame_gui.elements import UIButton

    from game.ui.scenes.menus import PauseScene
    from game.ui.scenes.table import TableScene
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware")
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.key(pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    driver.press(next(b for b in pause.elements if isinstance(b, UIButton) and b.text == entry))
    dialog = app.top
    assert dialog is not None
    assert dialog is not pause and dialog.overlay
    assert not [e for e in pause.elements if e.visible], f"the pause menu shows under {dialog.name}"
    assert all(e.visible for e in dialog.elements)
    assert any(e.visible for e in table.elements)                # the table stays behind, dimmed
    driver.key(pygame.K_ESCAPE)
    assert app.top is pause and all(e.visible for e in pause.elements)
    pygame.quit()


def test_play_again_returns_to_the_scenario_just_played(data_home: Path) -> None:  # noqa: F811
    """Defect 11: 'Play again' went back to the first scenario of the list, not the one just played."""
    from pygame_gui.elements import UIButton

    from game.ui.scenes.picker import PickerScene, SideScene
    app = make_app(data_home)
    session = finished_game(SCENARIOS / "roosevelt_litvinov_1933.yaml", "ussr", 4)
    app.reset(DebriefScene(app, session.state, game_result(session.state), "ussr"))
    driver = Driver(app)
    assert app.top is not None
    driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Play again"))
    side = app.top
    assert side is not None
    assert isinstance(side, SideScene), side.name
    assert side.scenario.id == "roosevelt_litvinov_1933" and side.side == "ussr"
    assert side.scenario == load_scenario(SCENARIOS / "roosevelt_litvinov_1933.yaml")   # the file, not the end state
    driver.key(pygame.K_ESCAPE)                                   # back: the list, with that scenario chosen
    picker = app.top
    assert isinstance(picker, PickerScene) and picker.scenarios[picker.chosen].id == "roosevelt_litvinov_1933"
    pygame.quit()


def test_the_scenario_list_is_in_chronological_order_like_the_terminals(
        data_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Defect 11: the window listed scenarios by file name; the terminal by year."""
    from pygame_gui.elements import UIButton

    from game.cli.start import start
    from game.ui.scenes.picker import PickerScene

    def no_input(prompt: str = "") -> str:
        raise EOFError
    monkeypatch.setattr("builtins.input", no_input)
    assert start() == 0
    terminal = [line.split(maxsplit=2)[2] for line in capsys.readouterr().out.splitlines()
                if line.strip()[:1].isdigit() and ". " in line]           # "  1. 1933  Recognition for restraint [...]"
    app = make_app(data_home)
    picker = PickerScene(app)
    app.reset(picker)
    rows = sorted((b.rect.top, b.text) for b in picker.elements if isinstance(b, UIButton) and b.text[:4].isdigit())
    window = [text.split(maxsplit=1)[1] for _, text in rows]           # "1933  Recognition for restraint"
    years = [int(text[:4]) for _, text in rows]
    assert years == sorted(years) and len(window) == len(terminal) > 1
    assert [t.rsplit(" [", 1)[0] for t in terminal] == window
    pygame.quit()


def test_the_save_dialog_breaks_the_log_path_only_after_a_slash(data_home: Path) -> None:  # noqa: F811
    """Defect 11: the Save dialog wrapped the log's path in the middle of a name."""
    from pygame_gui.elements import UIButton

    from game.ui.scenes.dialogs import MessageScene
    from game.ui.scenes.table import TableScene
    for text_size in ("normal", "large"):
        app = make_app(data_home, (1024, 640), text_size)
        session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware")
        OPEN.append(session)
        app.reset(TableScene(app, session))
        driver = Driver(app)
        driver.key(pygame.K_ESCAPE)
        assert app.top is not None
        driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Save"))
        assert isinstance(app.top, MessageScene)
        box = text_box(app.top)
        assert box.text_box_layout is not None
        rows = ["".join(getattr(item, "text", "") for item in row.items).strip() for row in box.text_box_layout.layout_rows]
        path = str(session.log.path)
        pieces = [row for row in rows if row and row in path]          # the rows that hold a piece of the path
        assert "".join(pieces) == path, (rows, path)
        assert all(piece.endswith("/") for piece in pieces[:-1]), pieces
        pygame.quit()


def test_the_debriefs_no_deal_values_agree_and_its_measures_are_explained(data_home: Path) -> None:  # noqa: F811
    """Defect 10: after an event that changed only a no-deal value, the scatter's no-deal lines kept the
    value the tables were built with while the histogram and the text had the new one; and the window and
    the terminal showed 'in force' and 'honoured' without saying what they measure."""
    from game.cli.render import debrief
    from game.ui.chart import debrief_figure
    app = make_app(data_home)
    session = finished_game(NARROW, "us", 2, schedule=(("new_sanctions", 2),))   # a seed whose deal enters into force
    state, result = session.state, game_result(session.state)
    assert result.in_force and state.compliance is not None
    by_party = {p.party: p.reservation for p in result.principals}
    assert by_party["ru"] != session.scenario.party("ru").reservation          # the event moved Moscow's no deal
    figure = debrief_figure(state, result, "us", app.palette, (1000, 360))
    scatter, histogram = figure.axes[:2]

    def dashed(axis: Axes, vertical: bool) -> list[float]:
        lines = [line for line in axis.get_lines() if line.get_linestyle() == "--"]
        # the stubs say ArrayLike; a reference line's data are its two ends
        data = [cast("Sequence[float]", line.get_xdata() if vertical else line.get_ydata()) for line in lines]
        return sorted(round(float(d[0]), 6) for d in data if len(d) == 2 and d[0] == d[1])

    assert dashed(scatter, vertical=True) == [round(by_party["us"], 6)]
    assert dashed(scatter, vertical=False) == [round(by_party["ru"], 6)]
    assert dashed(histogram, vertical=True) == sorted(round(r, 6) for r in by_party.values())
    scene = DebriefScene(app, state, result, "us")
    text = scene.text()
    for reservation in by_party.values():
        assert f"no deal {reservation:.3f}" in text
    terminal = debrief(state, result, "us")
    for words in (text, terminal):
        # the old, bare labels ("honoured" meant the mean yearly value); honoured now says by whom
        assert "in force" not in words.replace("into force", "")
        assert "honoured" not in words.replace("honoured by the other side", "")
        assert "honoured by the other side" in words and "answered" in words and "intact" in words.lower()
        assert "before the votes" in words and "as kept" in words
        assert "chance" in words and "simulated" in words                   # ...each said in plain words
    pygame.quit()
