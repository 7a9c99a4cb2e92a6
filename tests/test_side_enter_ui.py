"""Newcomer trial (window): Enter on the side already chosen did nothing, where Enter on the scenario just
chosen goes on; now Enter again on the chosen side goes on to the brief, as the scenario list does."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scenario.loader import load_scenario
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.picker import SideScene
from tests.test_ui import NARROW, OPEN, data_home, make_app, over_the_title  # noqa: F401  (data_home: a fixture)


def test_enter_on_the_chosen_side_goes_on_to_the_brief(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    scene, driver = over_the_title(app, lambda a: SideScene(a, load_scenario(NARROW)), 2)
    first = scene.side
    assert scene.focus.current is not None and scene.focus.current.element is scene.side_buttons[first]
    driver.key(pygame.K_RETURN)                       # the side marked when the screen opens: chosen
    driver.frames(2)
    assert app.top is scene and scene.side == first
    driver.key(pygame.K_RETURN)                       # again: on to the brief
    driver.settle()
    assert isinstance(app.top, BriefScene)
    OPEN.append(app.top.session)
    pygame.quit()


def test_down_on_the_sides_chooses_the_side_as_on_the_scenario_list(data_home: Path) -> None:  # noqa: F811
    """Newcomer trial: Down moved the focus to another side, but the highlight and the panel ("You will
    play …") stayed on the first until Enter; the scenario list chooses as Up/Down move."""
    app = make_app(data_home)
    scenario = load_scenario(NARROW)
    scene, driver = over_the_title(app, lambda a: SideScene(a, scenario), 2)
    first, second = (p.id for p in scenario.parties[:2])
    assert scene.side == first
    driver.key(pygame.K_DOWN)
    assert scene.side == second
    assert scene.side_buttons[second].is_selected and not scene.side_buttons[first].is_selected
    assert f"You will play <b>{scenario.party(second).name}" in scene.note.html_text
    driver.key(pygame.K_RETURN)                        # chosen by the arrow: Enter goes on, as on the list
    driver.settle()
    assert isinstance(app.top, BriefScene) and app.top.side == second
    OPEN.append(app.top.session)
    pygame.quit()
