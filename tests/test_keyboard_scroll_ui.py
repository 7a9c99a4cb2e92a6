"""Long texts a keyboard-only player must be able to read to the end (newcomer trial h2): the help
dialog and the scenario picker's description scroll with Page Down, End and Home, like the brief."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game.ui.scene import Scene
from game.ui.scenes.menus import HelpScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.test_ui import data_home, make_app  # noqa: F401  (a fixture, and the window's factory)


def scrolled(box: UITextBox) -> float:
    """How far down ``box`` is scrolled, as a share of its text (0 at the top)."""
    assert box.scroll_bar is not None, "the text fits: nothing to scroll"
    return float(box.scroll_bar.start_percentage)


def only_text_box(scene: Scene) -> UITextBox:
    boxes = [e for e in scene.elements if isinstance(e, UITextBox)]
    assert len(boxes) == 1
    return boxes[0]


def test_the_help_scrolls_from_the_keyboard_to_its_last_section(data_home: Path) -> None:  # noqa: F811
    """F1 at 1280x800 showed Controls and Playing; Page Down, End and the arrows left 'Saving' out of reach."""
    app = make_app(data_home, (1280, 800))
    app.reset(TitleScene(app))
    driver = Driver(app)
    driver.key(pygame.K_F1)
    help_scene = app.top
    assert isinstance(help_scene, HelpScene)
    box = only_text_box(help_scene)
    assert scrolled(box) == 0.0
    driver.key(pygame.K_PAGEDOWN)
    assert scrolled(box) > 0.0
    driver.key(pygame.K_END)
    bar = box.scroll_bar
    assert bar is not None and abs(bar.start_percentage + bar.visible_percentage - 1.0) < 1e-3
    driver.key(pygame.K_HOME)
    assert scrolled(box) == 0.0
    current = help_scene.focus.current                  # Enter still closes it: the focus starts on Close
    assert current is not None and getattr(current.element, "text", "") == "Close"
    driver.tab_to(box)                                  # Tab reaches the text, then the arrows scroll it
    driver.key(pygame.K_DOWN)
    assert scrolled(box) > 0.0
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    pygame.quit()


def test_a_scenario_description_longer_than_its_box_scrolls_from_the_keyboard(data_home: Path) -> None:  # noqa: F811
    """At 1024x640 the 1933 description ends below its box (its sources); Page Down did nothing."""
    app = make_app(data_home, (1024, 640))
    app.reset(TitleScene(app))
    picker = PickerScene(app)
    app.push(picker)
    driver = Driver(app)
    driver.frames(2)
    box = picker.details
    assert scrolled(box) == 0.0
    driver.key(pygame.K_PAGEDOWN)
    assert scrolled(box) > 0.0
    driver.key(pygame.K_HOME)
    assert scrolled(box) == 0.0
    assert app.top is picker and picker.chosen == 0       # scrolling chose nothing and left nothing
    pygame.quit()


def test_the_delegation_note_in_large_text_scrolls_from_the_keyboard(data_home: Path) -> None:  # noqa: F811
    """Large text at 1024x640, the Track 1.5 trap's experts: 'Across the table' was below the box, out of reach."""
    from game.scenario.loader import load_scenario
    from game.ui.scenes.picker import SideScene
    from tests.conftest import SCENARIOS
    app = make_app(data_home, (1024, 640), "large")
    app.reset(TitleScene(app))
    side = SideScene(app, load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts")
    app.push(side)
    driver = Driver(app)
    driver.frames(2)
    assert scrolled(side.note) == 0.0
    driver.key(pygame.K_END)
    assert scrolled(side.note) > 0.0
    driver.key(pygame.K_HOME)
    assert scrolled(side.note) == 0.0 and app.top is side
    pygame.quit()

