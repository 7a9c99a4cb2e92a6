"""``backchannel screenshots OUTDIR``: play a scripted game in the window and save every screen.

The game is driven by synthetic key presses and clicks (:mod:`game.ui.scripted`)
with the dummy video and audio drivers, so it runs without a display. Screens:
title, scenario picker, side picker, brief, the table at the start and in
mid-game, an event card, the pause menu, the named message picker, the deal struck, the vote at home and
compliance, the debrief's diagnosis and its offer trace, settings and help; then a
Track 1.5 game for the hand-off of the published plan.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
from pygame_gui.elements import UIButton

from game.about import program
from game.ui.app import MIN_SIZE, App
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.cards import DealScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.picker import SideScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from game.ui.settings import Settings


def button(driver: Driver, text: str) -> UIButton:
    """The current screen's first button whose text contains ``text``."""
    for element in driver.scene.elements:
        if isinstance(element, UIButton) and text in element.text:
            return element
    raise AssertionError(f"no button {text!r} on the {driver.scene.name} screen")


def play_scripted(app: App, folder: Path, scenario_title: str = "A narrow deal", side_name: str = "US delegation",
                  seed: int = 7, mouse: bool = False) -> list[Path]:
    """Play one game from the title screen to the debrief, saving a screenshot of each screen."""
    d = Driver(app)
    use = d.click if mouse else d.press
    shots: list[Path] = []
    app.push(TitleScene(app))
    d.frames(2)
    shots.append(d.shot(folder, "01-title"))
    use(button(d, "New game"))
    use(button(d, scenario_title))
    shots.append(d.shot(folder, "02-scenario-picker"))
    use(button(d, "Choose a side"))
    use(button(d, side_name))
    assert isinstance(d.scene, SideScene)
    d.scene.seed = seed
    events = [e.id for e in d.scene.scenario.events if not e.phases]
    d.scene.schedule = ((events[0], 2),) if events else ()     # an event card for sure
    shots.append(d.shot(folder, "03-side-picker"))
    use(button(d, "Read your brief"))
    shots.append(d.shot(folder, "04-brief"))
    use(button(d, "To the table"))
    assert isinstance(d.scene, TableScene)
    shots.append(d.shot(folder, "05-table"))
    table = d.scene
    event_shot = False
    for turn in range(60):
        if not isinstance(d.scene, TableScene):
            break
        state = table.session.state
        if table.card and not event_shot:
            d.frames(40)                               # the meters have moved to their new values
            shots.append(d.shot(folder, "07-event"))
            event_shot = True
        standing = state.standing
        theirs = standing is not None and standing.party != table.side
        if theirs and state.final_response:          # otherwise concede until they accept our package
            use(button(d, "Accept"))
            use(button(d, "Yes"))
            continue
        if theirs and standing is not None:        # concede one basket toward their offer
            for i, (mine, other) in enumerate(zip(table.draft, standing.outcome)):
                if mine != other and state.locks[i] < 0:
                    option = table.option_buttons[i]
                    if mouse:
                        d.click(option) if other > mine else d.click(_arrow(table, i, left=True))
                    else:
                        d.tab_to(option)
                        d.key(pygame.K_RIGHT if other > mine else pygame.K_LEFT)
                    break
        if turn == 1:                                  # mid-game, before the AI can end it by accepting
            shots.append(d.shot(folder, "06-table-midgame"))
            d.key(pygame.K_ESCAPE)
            shots.append(d.shot(folder, "08-pause-menu"))
            d.key(pygame.K_ESCAPE)
            use(table.message_button)                  # the named message picker (issue 13, item 15)
            assert d.scene.name == "messages", f"no message picker (at {d.scene.name})"
            for _ in range(3):
                d.key(pygame.K_DOWN)                   # the focus walks down the list: "Red line: ..."
            shots.append(d.shot(folder, "16-message-picker"))
            use(button(d, "Back"))
        use(button(d, "Propose"))
    if not event_shot:
        shots.append(d.shot(folder, "07-event"))
    if isinstance(d.scene, DealScene):
        shots.append(d.shot(folder, "13-deal-struck"))
        use(button(d, "Continue"))
    assert isinstance(d.scene, AftermathScene), f"the scripted game did not end (at {d.scene.name})"
    use(button(d, "Show all years")) if button(d, "Show all years").is_enabled else None
    d.frames(3)
    shots.append(d.shot(folder, "09-entry-and-compliance"))
    use(button(d, "Debrief"))
    assert isinstance(d.scene, DebriefScene)
    shots.append(d.shot(folder, "10-debrief"))
    use(button(d, "offer trace"))
    shots.append(d.shot(folder, "14-offer-trace"))
    use(button(d, "Title screen"))
    use(button(d, "Settings"))
    shots.append(d.shot(folder, "11-settings"))
    d.key(pygame.K_ESCAPE)
    use(button(d, "Help"))
    shots.append(d.shot(folder, "12-help"))
    d.key(pygame.K_ESCAPE)
    return shots


def play_handoff(app: App, folder: Path, seed: int = 2) -> list[Path]:
    """A Track 1.5 game played as the experts: they accept Moscow's first offer, then the hand-off
    scene shows the published plan and the official talks, fast-forwarded, to its closing sentence."""
    from game.scenario.loader import SCENARIO_DIR, load_scenario
    from game.session.game import GameSession
    d = Driver(app)
    session = GameSession.new(load_scenario(SCENARIO_DIR / "track15_trap.yaml"), "us_experts", seed, "conceder")
    app.reset(TableScene(app, session))
    d.frames(2)
    for _ in range(40):
        if isinstance(d.scene, HandoffScene):
            break
        if isinstance(d.scene, (DealScene,)) or d.scene.name in ("confirm", "message"):
            d.press(button(d, "Continue") if isinstance(d.scene, DealScene) else
                    button(d, "Yes") if d.scene.name == "confirm" else button(d, "OK"))
            continue
        state = session.state
        facing = state.standing is not None and state.standing.party != "us_experts"
        d.press(button(d, "Accept" if facing else "Propose"))
    assert isinstance(d.scene, HandoffScene), f"no hand-off (at {d.scene.name})"
    d.press(button(d, "Fast-forward"))
    d.frames(2)
    return [d.shot(folder, "15-track15-handoff")]


def _arrow(table: TableScene, issue: int, left: bool) -> UIButton:
    """The mouse arrow beside a basket's selector."""
    option = table.option_buttons[issue]
    arrows = [e for e in table.elements if isinstance(e, UIButton) and e.text == ("◀" if left else "▶")
              and abs(e.rect.centery - option.rect.centery) < 4]
    return arrows[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"{program()} screenshots", description="Play a scripted game in the window and save a PNG of every screen.")
    parser.add_argument("outdir", type=Path, help="folder for the PNG files")
    parser.add_argument("--size", default="1280x800", help="window size WxH (default 1280x800)")
    parser.add_argument("--large-text", action="store_true", help="use the large text size")
    args = parser.parse_args(argv)
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size: expected WIDTHxHEIGHT such as 1280x800, got {args.size!r}")
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        parser.error(f"--size: the window is never smaller than {MIN_SIZE[0]}x{MIN_SIZE[1]} (the smallest it lays "
                     f"out), got {width}x{height}")
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_DATA_HOME"] = scratch          # the scripted game's move log goes here
        settings = Settings(width=width, height=height, text_size="large" if args.large_text else "normal")
        app = App(settings, size=(width, height), settings_file=Path(scratch) / "settings.json")
        shots = play_scripted(app, args.outdir)
        shots += play_handoff(app, args.outdir)
        pygame.quit()
    for path in shots:
        print(path)
    return 0
