"""Every screen says which keys do what (newcomer trials h4 and h6: only the title screen did, then the dialogs and
hand-overs had none, then the deal struck): a muted line along the bottom of the window (or of the panel, for a dialog) that names F1
for help, fits its width and overlaps nothing; a dialog's line replaces the one of the screen below."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIImage, UILabel, UIPanel, UIScrollingContainer

from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.cards import DealScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.dialogs import ConfirmScene, MessageScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menus import (
    CurtainScene,
    HelpScene,
    PauseScene,
    SettingsScene,
)
from game.ui.scenes.message_picker import MessagePickerScene
from game.ui.scenes.picker import PickerScene, SideScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from tests.test_ui import NARROW, OPEN, data_home, finished_narrow_game, make_app  # noqa: F401


def screens(app: App) -> list[tuple[Scene, Scene | None]]:
    """(screen, the full screen under it when it is a dialog) for every screen the trial named."""
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware")
    finished = finished_narrow_game()
    OPEN.extend([session, finished])
    result = game_result(finished.state)
    table = TableScene(app, session)
    return [(PickerScene(app), None), (SideScene(app, load_scenario(NARROW)), None), (BriefScene(app, session), None),
            (table, None), (AftermathScene(app, finished.state, result, "us"), None),
            (DebriefScene(app, finished.state, result, "us"), None), (SettingsScene(app), TitleScene(app)),
            (HelpScene(app), TitleScene(app)),
            (MessagePickerScene(app, [f"Message {i}" for i in range(30)], 0, lambda i: None), table),
            # newcomer trial h6: the hand-off, pause, load, confirm, message and hot-seat hand-over screens had none
            (HandoffScene(app, finished.state, "us", [], None), None), (CurtainScene(app, session, "ru", lambda: None), None),
            (PauseScene(app), table), (LoadScene(app), TitleScene(app)),
            (ConfirmScene(app, "Walk away from the talks? " * 4, lambda: None), table),
            (MessageScene(app, "Saved: every move is already in this move log:", session.log.path, "Resume it here."),
             table),
            # the deal struck had none either
            (DealScene(app, "Deal struck", ["Russian delegation (Foreign Ministry) accepts the offer."] * 14,
                       lambda: None), table)]


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_every_screen_has_a_key_hint_line_that_overlaps_nothing(data_home: Path, text_size: str) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640), text_size)
    window = pygame.Rect((0, 0), app.size)
    for scene, below in screens(app):
        if below is not None:
            app.reset(below)
            app.push(scene)
        else:
            app.reset(scene)
        app.frame(0.016)
        hint = scene.hint
        assert isinstance(hint, UILabel) and hint.visible, scene.name
        text = hint.text
        assert ("F1 help" in text) != isinstance(scene, HelpScene), (scene.name, text)   # the help names its own keys
        assert hint.font is not None and hint.font.size(text)[0] <= hint.rect.width - 8, (scene.name, text_size, text)
        assert window.contains(hint.rect), (scene.name, hint.rect)
        views = {e.get_container(): e.rect for e in scene.elements if isinstance(e, UIScrollingContainer)}
        for element in scene.elements:
            if element is hint or not element.visible or isinstance(element, UIPanel) or \
                    (isinstance(element, UIImage) and element.rect == window):       # a dialog's panel and shade
                continue
            seen = element.rect.clip(views[element.ui_container]) if element.ui_container in views else element.rect
            assert not hint.rect.colliderect(seen), (scene.name, text_size, getattr(element, "text", element),
                                                     seen, hint.rect)
        if below is not None:
            assert below.hint is not None and not below.hint.visible, scene.name   # one line: the dialog's
            app.pop()
            assert below.hint.visible
    pygame.quit()
