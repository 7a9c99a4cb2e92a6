"""The game window in whole games under the dummy video and audio drivers: two-phase games, hot seat and
its curtains, the year-by-year story, publishing a plan, and a second player as the opponent (split from
tests/test_ui.py, which keeps the screens, keyboard reach, saves and settings)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
from pygame_gui.elements import UIButton

from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.dialogs import MessageScene
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import NARROW, OPEN, data_home, finished_narrow_game, make_app  # noqa: F401  (data_home: a fixture)


def test_a_two_phase_game_moves_tables_and_says_so(data_home: Path) -> None:
    """Moscow sits at the Track 1.5 meeting and then at the official talks: the table is rebuilt for the
    new phase, the hand-off scene shows the published plan (or a message says what changed), and the
    game reaches its end (an accepted offer is confirmed and struck first)."""
    app = make_app(data_home)
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "ru", 2, "conciliator")
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    start_phase, told = session.state.phase, False
    for _ in range(60):
        if session.over:
            break
        if isinstance(app.top, MessageScene):
            told = told or "Official talks" in app.top.message
            driver.key(pygame.K_RETURN)
            continue
        if isinstance(app.top, HandoffScene):
            told = told or any("Official talks" in line.text for line in app.top.plan.lines)
            driver.key(pygame.K_RETURN)
            continue
        assert app.top is not None
        if app.top.name in ("confirm", "deal struck"):
            driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text in ("Yes", "Continue →")))
            continue
        state = session.state
        name = "Accept" if state.standing is not None and state.standing.party != "ru" else "Propose"
        driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == name))
    assert session.over and session.state.phase > start_phase and told
    assert app.top is not None
    if app.top.name == "deal struck":
        driver.key(pygame.K_RETURN)
    assert isinstance(app.top, AftermathScene)


def test_hot_seat_in_the_window_hides_each_players_view_behind_a_curtain(data_home: Path) -> None:
    from game.ui.scenes.menus import CurtainScene
    app = make_app(data_home)
    session = GameSession.new(load_scenario(NARROW), "us", 8, humans=("us", "ru"))
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    seen = []
    for _ in range(6):
        if isinstance(app.top, CurtainScene):
            seen.append(app.top.party)
            driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Show my table"))
            continue
        assert app.top is not None
        assert table.side == session.to_move                    # the table shows the player whose move it is
        driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Propose"))
    assert len(set(seen)) == 2                                   # both players were handed the screen
    assert not any("worth" in line for line in table.log)        # the shared log shows no one's values


def test_the_year_by_year_story_says_when_the_pact_is_gone(data_home: Path) -> None:
    """After a successor drops the pact the story does not go on saying "the pact holds": it says once what
    happened and stops (the told history's status, rule 11's story)."""
    import dataclasses

    import numpy as np

    from game.engine.compliance import simulate_compliance
    app = make_app(data_home)
    finished = finished_narrow_game()
    OPEN.append(finished)
    agreement = finished.state.results[-1].agreement
    assert agreement is not None
    comp = simulate_compliance(finished.state.scenario, ("us", "ru"), agreement, np.random.default_rng(0), 50)
    assert comp.happened                       # the narrow deal has year events: how often each came is said once
    shares = AftermathScene(app, dataclasses.replace(finished.state, compliance=comp), game_result(finished.state),
                            "us").story_lines()[1].text
    assert shares.startswith("Events of the years, over every history: ") and "of the histories" in shares
    dropped = dataclasses.replace(comp, story=(), year_events=(), year_deltas=(), happened=(),
                                  told_status=("in force", "in force", "revoked", "revoked", "revoked", "revoked"))
    scene = AftermathScene(app, dataclasses.replace(finished.state, compliance=dropped),
                           game_result(finished.state), "us")
    scene.shown = scene.years
    told = [line.text for line in scene.story_lines()[1:]]
    assert told == ["Year 1: the pact holds.", "Year 2: the pact holds.",
                    "Year 3: a successor has dropped the pact; from now on each side has what no deal is worth."]
    pygame.quit()


def test_hot_seat_cards_speak_to_the_player_at_the_screen_and_focus_starts_safe(data_home: Path) -> None:
    """Window trial: in hot seat an event card told Russia its own no-deal value was 'confidential' (cards
    were told to nobody), the US never saw its own card, the focus came back on 'Walk away', and the meter's
    trend compared one player's figures with the other's. Seed 25 of 2017: a sanctions bill in round 1
    lowers Moscow's no-deal value and raises Washington's bar."""
    from game.ui.scenes.menus import CurtainScene
    from game.ui.scenes.table import TableScene
    app = make_app(data_home)
    session = GameSession.new(load_scenario(SCENARIOS / "ryabkov_2017.yaml"), "us", 25, humans=("us", "ru"))
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    assert isinstance(app.top, CurtainScene) and app.top.party == "ru"        # Moscow opens in 2017
    driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Show my table"))
    driver.frames(2)
    told = [line.text for card in table.card for line in card.lines]
    assert any(t.startswith("Your government's no-deal value:") for t in told), told
    assert not any("Russia" in t and "confidential" in t for t in told), told
    focused = table.focus.current
    assert focused is not None and getattr(focused.element, "text", "") != "Walk away"
    assert table.meter is table.meters["ru"]
    driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Propose"))
    driver.frames(2)
    assert isinstance(app.top, CurtainScene) and app.top.party == "us"
    driver.press(next(b for b in app.top.elements if isinstance(b, UIButton) and b.text == "Show my table"))
    driver.frames(2)
    told = [line.text for card in table.card for line in card.lines]
    assert any(t.startswith("Your government's bar for approval at home:") for t in told), told   # the US's own card
    assert table.meter is table.meters["us"]
    pygame.quit()


def test_accepting_a_plan_says_it_is_published_and_warns_of_a_red_line(data_home: Path) -> None:
    """Window trial: accepting at the Track 1.5 table said the agreement 'goes home for approval' (a plan is
    published and binds nobody) and gave no warning that it crossed the experts' government's red line.
    The window now asks with the terminal's reasons (game.session.risks)."""
    from game.engine.actions import Accept
    from game.session.risks import risks
    from game.ui.scenes.dialogs import ConfirmScene
    from game.ui.scenes.table import TableScene
    app = make_app(data_home)
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    for seed in range(40):
        session = GameSession.new(scenario, "us_experts", seed, log_path=data_home / f"g{seed}.jsonl")
        OPEN.append(session)
        state = session.state
        found = risks(state, "us_experts", Accept("us_experts")) if state.standing is not None else None
        if session.to_move == "us_experts" and found and any("red line" in r for r in found[0]):
            break
    else:
        raise AssertionError("no opening Track 1.5 offer across the experts' red line in 40 seeds")
    table = TableScene(app, session)
    app.reset(table)
    Driver(app).frames(2)
    table.accept()
    dialog = app.top
    assert isinstance(dialog, ConfirmScene)
    assert "published as this table's plan: it binds nobody" in dialog.question
    assert "goes home for approval" not in dialog.question and "red line" in dialog.question
    pygame.quit()


def test_the_window_offers_a_second_player_as_the_opponent(data_home: Path) -> None:
    """Window trial: hot seat was reachable only through the command line's --hot-seat."""
    from game.ui.scenes.brief import BriefScene
    from game.ui.scenes.picker import HOT_SEAT, SideScene
    app = make_app(data_home)
    side = SideScene(app, load_scenario(NARROW), "us")
    app.reset(side)
    while side.opponent != HOT_SEAT:
        side.cycle(1)
    assert "second player" in side.opp.text and "a second player" in side.note.html_text
    driver = Driver(app)
    driver.frames(1)
    side.start()
    driver.settle()
    assert isinstance(app.top, BriefScene)
    OPEN.append(app.top.session)
    assert app.top.session.humans == ("us", "ru")
    pygame.quit()
