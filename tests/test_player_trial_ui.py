"""The keyboard-only player trial of the window: the table's first control is never an irreversible move, a
game loaded reads its log as before saving, the line under the header names the round of its event, the load
list's detail lines fit, and the after-the-talks history and the offer trace read cleanly."""

from __future__ import annotations

import json
import os
import time
import warnings
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.engine.actions import Message, MessageKind, Offer
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.movelog import default_log_dir
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.dialogs import ConfirmScene
from game.ui.scenes.load import REFUSED, LoadScene
from game.ui.scenes.picker import SideScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.screenshots import button
from game.ui.scripted import Driver
from game.ui.textpanel import Line, TextPanel
from tests.conftest import SCENARIOS
from tests.test_ui import OPEN, data_home, make_app, open_table  # noqa: F401  (a fixture)


def test_arriving_at_the_table_by_enter_focuses_an_option_and_a_lock_asks_first(data_home: Path) -> None:  # noqa: F811
    """Player trial: from the title by keyboard (2019, Russian delegation), the focus arrived at the official
    talks on basket 1's Lock, and one more Enter locked it for good with no question. Now the focus starts on
    basket 1's option, and a Lock asks (Cancel first), as walking away does."""
    app = make_app(data_home)
    app.push(TitleScene(app))
    d = Driver(app)
    d.frames(2)
    d.press(button(d, "New game"))
    d.press(button(d, "2019"))
    d.key(pygame.K_RETURN)
    d.press(button(d, "Russian delegation"))
    assert isinstance(d.scene, SideScene)
    d.scene.seed = 3
    d.press(button(d, "Read your brief"))
    d.press(button(d, "To the table"))
    d.key(pygame.K_RETURN)                                   # 'To the official talks', as every screen before
    table = d.scene
    assert isinstance(table, TableScene)
    OPEN.append(table.session)
    assert table.lock_buttons and table.lock_buttons[0].is_enabled, "their offer stands: a basket can be locked"
    current = table.focus.current
    assert current is not None and current.element is table.option_buttons[0]
    d.key(pygame.K_RETURN)                                   # one more stray Enter: the option steps, nothing locks
    assert table.session.state.locks == (-1,) * len(table.session.state.locks)
    d.press(table.lock_buttons[0])                           # a Lock by keyboard asks, Cancel first
    assert isinstance(d.scene, ConfirmScene)
    assert "neither side can change it again" in d.scene.question
    d.key(pygame.K_RETURN)
    assert d.scene is table and table.session.state.locks[0] == -1
    d.press(table.lock_buttons[0])
    d.press(button(d, "Yes"))
    assert d.scene is table and table.session.state.locks[0] >= 0


def at_the_table(d: Driver, table: TableScene) -> None:
    """Close what opens over ``table`` on arriving (the hand-off of the published plan) with Enter."""
    for _ in range(5):
        if d.scene is table:
            return
        d.key(pygame.K_RETURN)
    assert d.scene is table


def test_a_loaded_game_keeps_the_ais_reasons_in_the_log(data_home: Path) -> None:  # noqa: F811
    """Player trial: before saving, the log said "Why: We take your red line on Election infrastructure ('No
    commitment') 0% seriously: ..."; after Quit to title and Load a saved game, that stretch had no "Why:" line
    (the moves were replayed without the reasons the AI gave). The log now reads the same after loading."""
    app = make_app(data_home)
    session = GameSession.new(load_scenario(SCENARIOS / "code_of_conduct_2019.yaml"), "ru", 3, None)
    table, d = open_table(app, session)
    at_the_table(d, table)
    basket = session.state.scenario.baskets[1]
    for _ in range(3):                             # a red line each time: the AI says how far it believes it
        table.submit(Offer("ru", tuple(table.draft), Message(MessageKind.RED_LINE, basket.id, basket.options[0].id)))
        d.frames(2)
    before = list(table.log)
    assert sum(line.strip().startswith("Why: We take your red line") for line in before) >= 2
    d.key(pygame.K_ESCAPE)                         # the menu: Quit to title, Load a saved game, this game
    d.press(button(d, "Quit to the title screen"))
    d.press(button(d, "Yes"))
    assert session.closed
    d.press(button(d, "Load a saved game"))
    assert isinstance(d.scene, LoadScene)
    d.press(button(d, "A code of conduct"))
    d.press(button(d, "To the table"))             # its brief
    loaded = next(s for s in app.stack if isinstance(s, TableScene))
    OPEN.append(loaded.session)
    assert loaded.session is not session
    assert loaded.log == before


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)], ids=["1024x640", "1280x800"])
@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_two_saves_of_one_time_have_detail_lines_that_fit(data_home: Path, size: tuple[int, int],  # noqa: F811
                                                          text_size: str) -> None:
    """Player trial: two saves of one game at one second, under long names, added the file name to the grey line,
    which ran past the panel's edge, cut mid-character with no ellipsis, and pygame_gui warned "Label Rect is
    too small for text". Each line now fits its element, shortened in the name's middle, whose end (which tells
    the copies apart) is kept."""
    scenario = load_scenario(SCENARIOS / "code_of_conduct_2019.yaml")
    names = [f"zz_edit_code_of_conduct_2019-20261130-191421-{n}.jsonl" for n in ("1558989", "1558990")]
    at = time.time() - 60
    for name in names:
        session = GameSession.new(scenario, "us_experts", 3, "boulware", log_path=default_log_dir() / name)
        session.close()
        os.utime(session.log.path, (at, at))
    app = make_app(data_home, size, text_size)
    app.reset(TitleScene(app))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load = LoadScene(app)
        app.push(load)
        app.frame(0.016)
    assert not [w for w in caught if "too small" in str(w.message)], [str(w.message) for w in caught]
    rows = [b for b in load.elements if isinstance(b, UIButton) and b.tool_tip_text
            and Path(b.tool_tip_text).name in names]
    assert len(rows) == 2
    details = []
    for row in rows:
        under = [e for e in load.elements if isinstance(e, UILabel) and row.rect.left <= e.rect.centerx <= row.rect.right
                 and row.rect.bottom <= e.rect.top < row.rect.bottom + 8]
        assert len(under) == 1 and under[0].font is not None
        text = under[0].text
        assert under[0].font.size(text)[0] <= under[0].rect.width - 8, (size, text_size, text)
        name = Path(row.tool_tip_text or "").name
        assert text.endswith(name[-12:]) and "saved" in text, text          # the end that tells them apart
        details.append(text)
    assert details[0] != details[1], details
    pygame.quit()


def test_the_history_after_the_talks_starts_at_the_top_of_its_panel(data_home: Path) -> None:  # noqa: F811
    """Player trial: the "One of the 2,000 histories" panel put its text at the bottom, the top third empty. Its
    heading is now the panel's first row, at its top; a story taller than its panel still follows the newest year."""
    from tests.test_window_trial_ui import game_in_force
    session = game_in_force()
    app = make_app(data_home, (1280, 800))
    scene = AftermathScene(app, session.state, game_result(session.state), "us")
    app.reset(scene)
    d = Driver(app)
    d.frames(2)
    d.key(pygame.K_RETURN)                                   # 'Show all years'
    story = scene.story
    assert story.lines[0].text.startswith("One of the") and story.limit() == 0, "a story that fits its panel"
    assert story.view_top() == 0                             # its first row at the panel's top

    pygame.font.init()
    font = pygame.font.Font(None, 20)
    panel = TextPanel(pygame.Rect(0, 0, 300, 100), font, font, (0, 0, 0), (255, 255, 255), (9, 9, 9),
                      bottom_up=True, top_when_short=True)
    panel.set_lines([Line("One line")])
    assert panel.view_top() == 0
    panel.set_lines([Line(f"Year {n}") for n in range(30)])  # taller than the panel: the newest line in view
    assert panel.view_top() == panel.content_height() - panel.rect.inflate(-16, -12).height > 0
    pygame.quit()


def test_the_offer_traces_round_numbers_keep_off_the_frontiers(data_home: Path) -> None:  # noqa: F811
    """Player trial (2019, Russian delegation): the "1" and "2" of the player's offers, at about (0.85, 0.70),
    sat on the dotted frontier of the Track 1.5 table. Every round number now keeps off both frontiers."""
    import dataclasses

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Annotation

    from game.labels import _crosses
    from game.session.diagnosis import offer_trace
    from game.ui.chart import offer_trace_figure
    from game.ui.theme import PALETTES
    from tests.test_offer_trace_ui import _play
    session = GameSession.new(load_scenario(SCENARIOS / "code_of_conduct_2019.yaml"), "ru", 3, None)
    OPEN.append(session)
    trace = offer_trace((m.before, m.action, m.after) for m in _play(session, "ru", accept_from=2))
    dotted = np.array(next(t for t in trace if t.phase == 0).frontier or [])
    assert len(dotted), "the Track 1.5 table's own frontier"
    ru_us = dotted[:, [next(i for i, p in enumerate(trace[0].seats) if p.startswith("ru")),
                       next(i for i, p in enumerate(trace[0].seats) if p.startswith("us"))]]
    spot = ru_us[np.argmin(np.hypot(ru_us[:, 0] - 0.85, ru_us[:, 1] - 0.70))]   # on the dotted line, as reported
    mine = [t for t in trace if t.phase == 1 and t.party == "ru"][:2]
    assert len(mine) == 2
    x, y = float(spot[0]), float(spot[1])                   # the player's two offers there, the second close by
    at = {id(mine[0]): (x, y), id(mine[1]): (x + 0.004, y + 0.006)}
    trace = tuple(dataclasses.replace(t, values=at[id(t)] if t.seats[0] == "ru" else at[id(t)][::-1])
                  if id(t) in at else t for t in trace)
    for size, scale in (((992, 400), 1.0), ((1248, 520), 1.0), ((992, 360), 1.3)):
        fig = offer_trace_figure(session.state, trace, "ru", PALETTES["standard"], size, scale)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        ax = fig.axes[0]
        frontiers = [line for line in ax.lines if str(line.get_label()).startswith("Pareto frontier")]
        assert len(frontiers) == 2
        on_line = []
        for note in (a for a in ax.texts if isinstance(a, Annotation)):
            box = note.get_window_extent(renderer)
            for line in frontiers:
                path = line.get_transform().transform_path(line.get_path())
                if _crosses(box, path, float(line.get_linewidth()) * fig.dpi / 72 / 2):
                    on_line.append((note.get_text(), str(line.get_label())))
        assert not on_line, (size, scale, on_line)


def test_a_save_that_cannot_be_loaded_is_marked_in_the_list(data_home: Path) -> None:  # noqa: F811
    """Player trial: a save whose seed was changed by one digit gave its dialog, and once it was closed the save
    stayed listed like a good one. Its line now says it cannot be loaded, and the dialog still says why."""
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    session = GameSession.new(scenario, "us", 3, "boulware", log_path=default_log_dir() / "changed.jsonl")
    session.close()
    lines = session.log.path.read_text().splitlines()
    header = json.loads(lines[0])
    header["seed"] = int(header["seed"]) + 1
    session.log.path.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n")
    app = make_app(data_home, (1280, 800), "normal")
    app.reset(TitleScene(app))
    load = LoadScene(app)
    app.push(load)
    app.frame(0.016)
    (before,) = [d for p, _, d in load.games or [] if p == session.log.path]
    assert not before.startswith(REFUSED)
    load.load(session.log.path)
    app.frame(0.016)
    (after,) = [d for p, _, d in load.games or [] if p == session.log.path]
    assert after == REFUSED + before
    texts = [e.text for e in load.elements if isinstance(e, UILabel)]
    assert any(t.startswith("Cannot be loaded") for t in texts), texts
    load.load(session.log.path)                                    # a second try marks it once
    assert [d for p, _, d in load.games or [] if p == session.log.path] == [after]
    pygame.quit()
