"""Newcomer trial of the window (large text, keyboard only, 1024x640 to 1920x1080): what a player could
not reach, read or see, and the fixes' checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.engine.actions import Accept, Offer
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.cards import DealScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.menus import ConfirmScene, CurtainScene
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_table_ui import table_for
from tests.test_ui import (  # noqa: F401  (data_home: a fixture)
    NARROW,
    OPEN,
    accept_or_propose_best,
    data_home,
    drawn_legends,
    make_app,
)


def game_in_force() -> GameSession:
    """A narrow-deal game Washington ends by accepting (or proposing its best until it can), whose agreement
    enters into force, so that the compliance years follow."""
    for seed in range(40):
        session = GameSession.new(load_scenario(NARROW), "us", seed, "conceder")
        OPEN.append(session)
        while not session.over:
            accept_or_propose_best(session, "us")
        if session.state.compliance is not None:
            return session
    raise AssertionError("no narrow deal in force in 40 seeds")


def test_the_summary_after_the_talks_is_read_whole_from_the_keyboard(data_home: Path) -> None:  # noqa: F811
    """At 1280x800 the vote-and-compliance summary showed only its top, and neither Tab nor Page Down reached
    it: now it grows to fit, and what still does not fit is in the Tab order and scrolls with the keys."""
    for text_size in ("normal", "large"):
        app = make_app(data_home, (1280, 800), text_size)
        finished = game_in_force()
        scene = AftermathScene(app, finished.state, game_result(finished.state), "us")
        app.reset(scene)
        driver = Driver(app)
        driver.frames(2)
        box = scene.summary
        assert isinstance(box, UITextBox)
        if box.scroll_bar is None:
            continue                                        # it fits: all of it shows
        driver.tab_to(box)
        driver.key(pygame.K_END)
        bar = box.scroll_bar
        assert abs(bar.start_percentage + bar.visible_percentage - 1.0) < 1e-3, text_size
        driver.key(pygame.K_PAGEUP)
        assert bar.start_percentage < 1e-3
        pygame.quit()


def press(driver: Driver, text: str) -> None:
    """Tab to the button on the current screen whose text starts with ``text`` and press Enter."""
    scene = driver.scene
    driver.press(next(b for b in scene.elements if isinstance(b, UIButton) and b.text.startswith(text)))


def test_hot_seat_track15_deal_shows_the_deal_over_its_own_table_and_the_plan_to_both_players(
        data_home: Path) -> None:  # noqa: F811
    """Hot seat in the Track 1.5 trap: the experts' acceptance went straight to the hand-over (no 'Deal struck',
    no published plan; Moscow saw only a card), and the 'Deal struck' dialog showed the next table's header and
    log behind it. Now the player who accepts sees the deal over the Track 1.5 table, then the plan, then the
    curtain; the other player, after the curtain, is told the deal too, over the plan."""
    app = make_app(data_home, (1280, 800))
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    session = GameSession.new(scenario, "us_experts", 2, humans=("us_experts", "ru"))
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    first = scenario.phases[0].name
    seen: list[tuple[str, str]] = []                 # (screen, player) in the order they came
    for _ in range(30):
        top = app.top
        if isinstance(top, CurtainScene):
            seen.append(("curtain", top.party))
            press(driver, "Show my table")
        elif isinstance(top, DealScene):
            seen.append(("deal", table.side))
            if app.shown()[0] is table:                # the accepter's: over the table the deal ended
                assert table.view.phase == 0 and first in table.header.text, table.header.text
                assert not any(line.startswith(scenario.phases[1].name) for line in table.log)
            else:                                      # the other player's, at their turn: over the plan
                assert isinstance(app.shown()[0], HandoffScene) and top.lines[0].startswith(first), top.lines
            press(driver, "Continue")
        elif isinstance(top, HandoffScene):
            seen.append(("plan", top.side))
            assert top.plan.lines[0].text.startswith("The plan of")
            press(driver, "To the official talks" if top.then is None else "Hand over")
        elif isinstance(top, ConfirmScene):
            press(driver, "Yes")
        elif isinstance(top, TableScene) and session.state.phase == 1:
            break
        else:
            state = session.state
            facing = state.standing is not None and state.standing.party != table.side
            press(driver, "Accept" if facing and table.side == "us_experts" else "Propose")
    assert ("deal", "us_experts") in seen and ("plan", "us_experts") in seen and ("plan", "ru") in seen, seen
    deal = seen.index(("deal", "us_experts"))
    assert seen[deal + 1:deal + 5] == [("plan", "us_experts"), ("curtain", "ru"), ("deal", "ru"), ("plan", "ru")], seen
    pygame.quit()


def test_the_deal_struck_at_track15_shows_over_the_track15_table(data_home: Path) -> None:  # noqa: F811
    """Single player as Moscow: behind 'Deal struck' the table showed the official talks' header ("Round 9/10
    · waiting · binding · Official talks") and log; it shows the Track 1.5 table until the player goes on."""
    app = make_app(data_home, (1280, 800))
    table = table_for(app, SCENARIOS / "track15_trap.yaml", "ru", 2, opponent="conciliator")
    session, scenario = table.session, table.session.scenario
    driver = Driver(app)
    for _ in range(30):
        top = app.top
        if isinstance(top, DealScene):
            break
        if isinstance(top, ConfirmScene):
            press(driver, "Yes")
            continue
        state = session.state
        press(driver, "Accept" if state.standing is not None and state.standing.party != "ru" else "Propose")
    assert isinstance(app.top, DealScene)
    assert session.state.phase == 1                               # the game has moved on ...
    assert scenario.phases[0].name in table.header.text and "deal struck" in table.header.text   # ... not the screen
    assert scenario.phases[1].name not in table.header.text
    assert not any(line.startswith(scenario.phases[1].name) for line in table.log)
    press(driver, "Continue")
    assert isinstance(app.top, HandoffScene)
    press(driver, "To the official talks")
    assert app.top is table and scenario.phases[1].name in table.header.text
    pygame.quit()


def test_up_and_down_leave_their_offers_panel_at_its_ends(data_home: Path) -> None:  # noqa: F811
    """The hint says "Tab or Up/Down move", but once the focus was in "Their last offer" Down only scrolled it
    and never moved on. Now Down scrolls it to its end and then moves the focus on; Up does the same back."""
    app = make_app(data_home, (1024, 640), "large")
    table = table_for(app, SCENARIOS / "ryabkov_2017.yaml", "us", 3, opponent="boulware")
    driver = Driver(app)
    press(driver, "Propose")                          # their answer stands: the panel has their offer
    panel = table.theirs
    assert panel.limit() > 0, "their offer fits: nothing to scroll past"
    driver.tab_to(panel)

    def on_panel() -> bool:
        current = table.focus.current
        return current is not None and current.element is panel
    for _ in range(60):
        driver.key(pygame.K_DOWN)
        if not on_panel():
            break
    assert not on_panel() and panel.scroll == panel.limit()    # scrolled to its end, then moved on
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    assert on_panel()
    for _ in range(60):
        driver.key(pygame.K_UP)
        if not on_panel():
            break
    assert not on_panel() and panel.scroll == 0
    pygame.quit()


def test_the_table_header_keeps_the_tables_name_and_one_separator(data_home: Path) -> None:  # noqa: F811
    """At 1024 and 1280 in large text the header ended "…Track 1.5 meeting in New …" (the table's name lost),
    and its separators changed after round 1. The name comes first and whole; the rest shortens."""
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    name = scenario.phases[0].name
    for size in ((1024, 640), (1280, 800)):
        app = make_app(data_home, size, "large")
        table = table_for(app, SCENARIOS / "track15_trap.yaml", "us_experts", 2, opponent="conceder")
        driver = Driver(app)
        headers = [table.header.text]
        press(driver, "Propose")
        headers.append(table.header.text)
        for header in headers:
            assert header.startswith(name + "  ·  "), header
            assert font_fits(table.header, header)
            assert "(" not in header and all(part.strip() for part in header.split("  ·  ")), header
        pygame.quit()


def font_fits(label: UILabel, text: str) -> bool:
    return label.font is None or label.font.size(text)[0] <= label.rect.width


def test_large_text_reaches_the_hand_off_the_results_and_the_charts(data_home: Path) -> None:  # noqa: F811
    """Large text was not applied as on the other screens (their body text: 15, scaled) to the Track 1.5 hand-off's panels, the veto players'
    rows and the story after the talks, nor to the debrief charts' titles, ticks and legends: each now uses
    the game's body text at the chosen size (a chart's title that size in pixels, its ticks and legend at
    least 13 scaled)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from game.engine.state import Stage
    from game.ui.chart import debrief_figure, offer_trace_figure
    from game.ui.theme import font_size
    app = make_app(data_home, (1280, 800), "large")
    body = app.font(15).size("Mg")
    finished = game_in_force()
    aftermath = AftermathScene(app, finished.state, game_result(finished.state), "us")
    app.reset(aftermath)
    Driver(app).frames(2)
    assert aftermath.story.font.size("Mg") == body
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 2, "conceder")
    OPEN.append(session)
    handoff = HandoffScene(app, session.state, "us_experts", [], None)
    app.push(handoff)
    Driver(app).frames(2)
    assert handoff.plan.font.size("Mg") == body and handoff.story.font.size("Mg") == body
    assert finished.state.stage is Stage.OVER
    scale = app.text_scale
    for fig in (debrief_figure(finished.state, game_result(finished.state), "us", app.palette, (1200, 420), scale),
                offer_trace_figure(finished.state, (), "us", app.palette, (1200, 420), scale)):
        FigureCanvasAgg(fig).draw()

        def pixels(text: Text) -> float:
            return float(text.get_fontsize()) * fig.dpi / 72
        for ax in fig.axes:
            assert pixels(ax.title) >= font_size(app.settings, 15) - 0.01
            ticks = ax.get_xticklabels()
            assert ticks and pixels(ticks[0]) >= round(13 * scale) - 0.01
            legend = ax.get_legend()
            if legend is not None:
                assert pixels(legend.get_texts()[0]) >= round(13 * scale) - 0.01
    pygame.quit()


def test_the_debrief_charts_legends_hide_nothing_and_match_what_they_name(data_home: Path) -> None:  # noqa: F811
    """Debrief charts: the Kalai-Smorodinsky diamond hid the Nash star, the legends covered data, the 'no
    deal' swatch was grey beside blue and red lines, and the 'packages' swatch could not be seen."""
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D

    from game.ui.chart import debrief_figure, offer_trace_figure
    from game.session.diagnosis import offer_trace
    app = make_app(data_home, (1024, 640), "large")
    finished = game_in_force()
    result = game_result(finished.state)
    trace = offer_trace((m.before, m.action, m.after) for m in finished.earlier_moments())
    p = app.palette
    colours = {to_rgba((p.us[0] / 255, p.us[1] / 255, p.us[2] / 255)),
               to_rgba((p.them[0] / 255, p.them[1] / 255, p.them[2] / 255))}
    for fig in (debrief_figure(finished.state, result, "us", p, (992, 300), app.text_scale),
                offer_trace_figure(finished.state, trace, "us", p, (992, 300), app.text_scale)):
        for ax, legend, renderer in drawn_legends(fig):
            assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))
            for handle, text in zip(legend.legend_handles, legend.get_texts()):
                if "no deal" in text.get_text():
                    assert isinstance(handle, Line2D) and to_rgba(handle.get_color()) in colours, text.get_text()
                if "packages" in text.get_text():
                    assert isinstance(handle, PathCollection)
                    assert handle.get_sizes()[0] >= 20 and (handle.get_alpha() or 1.0) >= 0.6
    ax = debrief_figure(finished.state, result, "us", p, (992, 300), app.text_scale).axes[0]
    named = {str(c.get_label()): c for c in ax.collections if isinstance(c, PathCollection)}
    star, diamond = named["Nash deal"], named["Kalai-Smorodinsky"]
    hollow = not np.asarray(diamond.get_facecolor()).reshape(-1, 4)[:, 3].any()
    assert star.get_zorder() > diamond.get_zorder() or hollow
    pygame.quit()


def test_settings_say_when_a_window_size_is_larger_than_the_screen(
        data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Settings offered 1920x1080 on a 1280x800 screen and silently opened a smaller window (fit_desktop)."""
    from game.ui.scenes.menus import SettingsScene
    app = make_app(data_home, (1280, 800))
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "x11")
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1280, 800)])
    scene = SettingsScene(app)
    app.reset(scene)
    seen = {}
    for _ in range(4):
        scene.change(scene.step_resolution, 1)
        button = scene.rows[0][0]
        assert isinstance(button, UIButton)
        seen[(scene.draft.width, scene.draft.height)] = button.text
    assert seen[(1920, 1080)].endswith("(limited to the screen)") and seen[(1600, 900)].endswith("(limited to the screen)")
    assert "limited" not in seen[(1280, 800)] and "limited" not in seen[(1024, 640)]
    pygame.quit()


def test_the_debrief_quitting_and_the_hot_seat_hand_over_start_where_it_is_safe(data_home: Path) -> None:  # noqa: F811
    """The debrief opened on 'Title screen' (one Enter left it) and Esc did nothing there, unlike the docs;
    'Quit to the title screen' asked nothing; the second player's first hand-over offered 'Show my table'
    before the brief they had never read."""
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.menus import PauseScene
    app = make_app(data_home, (1280, 800))
    finished = game_in_force()
    debrief = DebriefScene(app, finished.state, game_result(finished.state), "us")
    app.reset(debrief)
    driver = Driver(app)
    driver.frames(2)
    current = debrief.focus.current
    assert current is not None and getattr(current.element, "text", "") != "Title screen"
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    session = GameSession.new(load_scenario(NARROW), "us", 8, humans=("us", "ru"))
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    press(driver, "Quit to the title screen")
    assert isinstance(app.top, ConfirmScene) and "saved" in app.top.question
    press(driver, "Cancel")
    driver.key(pygame.K_ESCAPE)
    assert app.top is table
    press(driver, "Propose")
    curtain = app.top
    assert isinstance(curtain, CurtainScene) and curtain.party == "ru"
    current = curtain.focus.current
    assert current is not None and getattr(current.element, "text", "") == "Read my brief first"
    pygame.quit()


def test_the_trials_wording(data_home: Path) -> None:  # noqa: F811
    """'x 0.94' is a multiplication sign; 'Official talks: the narrow pact: You accept' had two colons and a
    capital mid-line; 'Opponent: As the scenario says' too; the hot-seat line had no full stop."""
    from game.session.felt import felt_terms
    from game.ui.scenes.picker import HOT_SEAT, SideScene
    assert "× 0.94" in felt_terms((0.4, 0.0, 0.0, 0.94)) and " x " not in felt_terms((0.4, 0.0, 0.0, 0.94))
    app = make_app(data_home, (1280, 800))
    side = SideScene(app, load_scenario(NARROW))
    app.reset(side)
    assert side.opp.text == "Opponent: as the scenario says"
    side.opponent = HOT_SEAT
    side.refresh()
    assert "at every hand-over." in side.note.html_text
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    session = GameSession.new(scenario, "ru", 2, "conciliator")
    OPEN.append(session)
    table = TableScene(app, session)
    while session.state.standing is None or session.state.standing.party == "ru":
        assert session.state.tables is not None
        session.submit(Offer("ru", session.state.tables.problem.outcome_at(int(session.state.tables.of("ru").order[0]))))
    before = session.state
    session.submit(Accept("ru"))
    accepted = next(m for m in session.take_moments() if isinstance(m.action, Accept))
    assert accepted.before is before
    first = table.deal_lines(accepted)[0]
    assert first == f"{scenario.phases[0].name} — you accept their offer.", first
    pygame.quit()
