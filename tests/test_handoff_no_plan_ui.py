"""A Track 1.5 game whose unofficial table publishes no plan (newcomer trial h2): the window still shows
the official talks the player did not sit at, then the results."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.scripted import Driver
from tests.test_ui import data_home, make_app  # noqa: F401  (a fixture, and the window's factory)


def test_experts_who_walk_away_are_shown_the_official_talks_they_did_not_sit_at(data_home: Path) -> None:  # noqa: F811
    """The experts walked away at the Track 1.5 table: the official talks ran unseen and the window went
    straight to 'After the talks' ('No agreement'), never saying that those talks took place or how they ended."""
    from pygame_gui.elements import UIButton, UILabel

    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.aftermath import AftermathScene
    from game.ui.scenes.handoff import HandoffScene
    from game.ui.scenes.table import TableScene
    from tests.conftest import SCENARIOS
    from tests.test_ui import OPEN
    app = make_app(data_home, (1024, 640))
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 7, "boulware")
    OPEN.append(session)
    app.reset(TableScene(app, session))
    driver = Driver(app)
    driver.frames(2)
    table = app.top
    assert isinstance(table, TableScene)
    driver.press(next(b for b in table.elements if isinstance(b, UIButton) and b.text == "Walk away"))
    driver.press(next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text == "Yes"))
    driver.wait_for(lambda: not isinstance(app.top, TableScene))
    scene = app.top
    assert isinstance(scene, HandoffScene), scene
    heading = " ".join(e.text for e in scene.elements if isinstance(e, UILabel) and "#heading" in e.object_ids)
    assert "No plan" in heading and "published" not in heading, heading
    assert "No plan was published." in [line.text for line in scene.plan.lines]
    told = " ".join(line.text for step in scene.steps for line in step)
    assert "US delegation (State Department)" in told          # the official talks, move by move
    driver.press(next(b for b in scene.elements if isinstance(b, UIButton) and "results" in b.text))
    assert isinstance(app.top, AftermathScene)
    pygame.quit()


def test_a_definitions_table_hands_off_with_the_scope_it_settled(data_home: Path) -> None:  # noqa: F811
    """Regression trial: after the US experts accepted a scope at narrow_deal_2020_definitions' Track 1.5 table,
    the hand-off read 'No plan: the official talks went ahead' and 'The unofficial table ended without an
    agreement', though 'Deal struck' had just shown the agreed scope."""
    from pygame_gui.elements import UILabel

    from game.engine.actions import Accept, Offer
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.handoff import HandoffScene
    from tests.conftest import SCENARIOS
    from tests.test_ui import OPEN
    defs = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")
    scope = defs.phases[0].scope
    assert scope is not None
    session = GameSession.new(defs, "us_experts", 0, "modeller")
    OPEN.append(session)
    while session.state.phase == 0 and not session.over:
        state = session.state
        if state.standing is not None and state.standing.party != "us_experts":
            session.submit(Accept("us_experts"))
        else:
            session.submit(Offer("us_experts", (0, 0)))
    agreed = session.state.results[0].agreement
    assert agreed is not None
    app = make_app(data_home, (1024, 640))
    scene = HandoffScene(app, session.state, "us_experts", [], None)
    app.reset(scene)
    Driver(app).frames(1)
    heading = " ".join(e.text for e in scene.elements if isinstance(e, UILabel) and "#heading" in e.object_ids)
    assert "No plan" not in heading and scope.name in heading, heading
    text = [line.text for line in scene.plan.lines]
    assert text[0] == f"The definition agreed: '{scope.rungs[agreed[0]].label}'."
    assert not any("without an agreement" in t for t in text) and len(text) > 1       # and what it did
    pygame.quit()


def test_an_official_arriving_at_anchored_talks_reads_its_note_from_the_top(data_home: Path) -> None:  # noqa: F811
    """Seen under Xvfb: an official at the opening of talks a plan anchors saw a large empty panel with one line at its
    bottom (the panel reads as a log when it shows the talks move by move; a note alone now reads from the top)."""
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.handoff import HandoffScene
    from tests.conftest import SCENARIOS
    from tests.test_ui import OPEN
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us", 1, "modeller")
    OPEN.append(session)
    assert session.state.phase == 1 and session.state.round == 0          # the plan is published: the talks open
    app = make_app(data_home, (1024, 640))
    scene = HandoffScene(app, session.state, "us", [], None)
    app.reset(scene)
    Driver(app).frames(1)
    assert not scene.story.bottom_up
    text = [line.text for line in scene.story.lines]
    assert text[0] == session.state.phase_def.name and "You sit at the official talks" in text[1]
    pygame.quit()
