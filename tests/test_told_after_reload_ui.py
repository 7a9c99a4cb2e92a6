"""Hot seat in the Track 1.5 trap, Moscow accepting at the Track 1.5 table: the experts' player, who has no seat
at the official talks, is told the deal behind a curtain of their own before the screen goes to Moscow. A
window closed (or a game saved and quit) behind that curtain, or with the deal on the screen, lost it: loaded
again, the game went to Moscow's curtain and the experts were never told. Now the loaded game tells it first,
once; a deal the experts closed before the save is never told again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.cards import DealScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menus import ConfirmScene, CurtainScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (a fixture)

HUMANS = ("us_experts", "ru")
# a loaded game hands the screen to Moscow, who is shown the plan anchoring the table again, then the table
MOSCOW = [("curtain", "ru"), ("plan", "ru"), ("table", "ru")]
TOLD = "Track 1.5 meeting in New York — Russian Foreign Minister's team accepts the offer."


def press(driver: Driver, text: str) -> None:
    """Press the button on the screen on top whose text starts with ``text``."""
    driver.press(next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text.startswith(text)))


def what(scene: Scene | None) -> tuple[str, str]:
    """A screen as the player sees it: ("curtain", party), ("deal", first line), ("plan", party), ("table", party)."""
    if isinstance(scene, CurtainScene):
        return "curtain", scene.party
    if isinstance(scene, DealScene):
        return "deal", scene.lines[0]
    if isinstance(scene, HandoffScene):
        return "plan", scene.side
    if isinstance(scene, ConfirmScene):
        return "confirm", ""
    assert isinstance(scene, TableScene), scene
    return "table", scene.side


def go_on(driver: Driver, app: App, session: GameSession, table: TableScene) -> None:
    """One step of the game from the screen on top: Moscow accepts the experts' offer at the Track 1.5 table."""
    top = app.top
    if isinstance(top, CurtainScene):
        press(driver, "Show")
    elif isinstance(top, DealScene):
        press(driver, "Continue")
    elif isinstance(top, HandoffScene):
        press(driver, "Hand over" if top.then is not None else "To the")
    elif isinstance(top, ConfirmScene):
        press(driver, "Yes")
    else:
        assert top is table, top
        state = session.state
        facing = state.standing is not None and state.standing.party != table.side
        press(driver, "Accept" if facing and table.side == "ru" else "Propose")


def until(app: App, stop: Callable[[list[tuple[str, str]]], bool]) -> tuple[GameSession, list[tuple[str, str]]]:
    """A hot-seat game played from the keyboard until ``stop`` picks the screens seen from Moscow's acceptance
    on, the last one the screen on top; and those screens."""
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), HUMANS[0], 2, humans=HUMANS)
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    seen: list[tuple[str, str]] = []
    for _ in range(100):
        now = what(app.top)
        if (now[0] == "deal" or seen) and now[0] != "confirm":
            seen.append(now)
        if session.state.phase == 1 and seen and stop(seen):
            return session, seen
        go_on(driver, app, session, table)
    raise AssertionError(f"never stopped: {seen}")


def reload(data_home: Path, path: Path) -> list[tuple[str, str]]:  # noqa: F811
    """The saved game at ``path`` loaded in a new window, every screen shown until Moscow's table, where the
    window is closed."""
    app = make_app(data_home, (1280, 800))
    app.reset(TitleScene(app))
    app.push(LoadScene(app))
    driver = Driver(app)
    driver.press(next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.tool_tip_text == str(path)))
    table = next(s for s in app.stack if isinstance(s, TableScene))
    OPEN.append(table.session)
    seen: list[tuple[str, str]] = []
    for _ in range(20):
        seen.append(what(app.top))
        if seen[-1] == ("table", "ru"):
            app.close()
            return seen
        go_on(driver, app, table.session, table)
    raise AssertionError(f"never reached Moscow's table: {seen}")


def test_unbroken_the_experts_are_told_behind_their_own_curtain_before_moscow_moves(data_home: Path) -> None:  # noqa: F811
    """The game played without a break, the sequence the loaded game is to follow."""
    app = make_app(data_home, (1280, 800))
    _, seen = until(app, lambda seen: seen[-1] == ("table", "ru"))
    assert seen == [("deal", "Track 1.5 meeting in New York — you accept their offer."), ("plan", "ru"),
                    ("curtain", "us_experts"), ("deal", TOLD), ("plan", "us_experts"), ("curtain", "ru"),
                    ("table", "ru")], seen
    pygame.quit()


@pytest.mark.parametrize("closed_at", [("plan", "ru"), ("curtain", "us_experts"), ("deal", TOLD)],
                         ids=["moscow's plan", "the experts' curtain", "the deal on the screen"])
def test_a_window_closed_before_the_experts_closed_the_deal_tells_it_after_loading_once(
        data_home: Path, closed_at: tuple[str, str]) -> None:  # noqa: F811
    app = make_app(data_home, (1280, 800))
    session, _ = until(app, lambda seen: seen[-1] == closed_at)
    path = session.log.path
    app.close()                                # the window is closed: drafts kept, the log closed
    seen = reload(data_home, path)
    assert seen == [("curtain", "us_experts"), ("deal", TOLD), ("plan", "us_experts"), *MOSCOW], seen
    again = reload(data_home, path)         # told once: loaded again, straight to Moscow
    assert again == MOSCOW, again
    pygame.quit()


def test_a_deal_the_experts_closed_before_the_window_went_is_never_told_again(data_home: Path) -> None:  # noqa: F811
    """Closed at the experts' view of the plan or at Moscow's curtain, after the deal was told: the game goes
    to Moscow. The mark is written when the deal is closed, so even a window that never closed (killed) keeps it."""
    for closed_at in (("plan", "us_experts"), ("curtain", "ru")):
        app = make_app(data_home, (1280, 800))
        session, seen = until(app, lambda seen: seen[-1] == closed_at and ("deal", TOLD) in seen)
        path = session.log.path
        session.close()                        # killed: no draft kept on the way out
        pygame.quit()
        again = reload(data_home, path)
        assert again == MOSCOW, (closed_at, again)
        pygame.quit()


def test_the_told_pairs_are_kept_with_the_drafts_and_a_bad_list_is_ignored(tmp_path: Path) -> None:
    """``told`` goes into the drafts' file in the same write; a file whose ``told`` is not the game's is
    ignored (the deal told again rather than never), and the drafts beside it still load."""
    from game.session import drafts
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    log = tmp_path / "game.jsonl"
    drafts.save(log, {}, {("us_experts", 0)})
    assert drafts.told(log, HUMANS, 2) == {("us_experts", 0)}
    assert drafts.load(log, trap, HUMANS) == ({}, None)
    size = len(trap.baskets) + 1
    for bad in ('[["us_experts", 0], ["us", 0]]', '[["us_experts", 2]]', '[["us_experts", true]]', '{"a": 1}',
                '[["us_experts"]]', '[[["us_experts"], 0]]'):
        drafts.path_of(log).write_text(f'{{"drafts": {{"ru": {[0] * size}}}, "told": {bad}}}')
        assert drafts.told(log, HUMANS, 2) == set(), bad
        assert drafts.load(log, trap, HUMANS) == ({"ru": [0] * size}, None)
    drafts.discard(log)
    assert drafts.told(log, HUMANS, 2) == set()
