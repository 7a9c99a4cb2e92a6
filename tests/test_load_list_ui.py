"""The load-a-saved-game list says how far each game went in the players' terms (newcomer trial h6: it said
"5 moves" after one offer each, counting the chance moves that open rounds), every row reads whole at
1024x640 in large text (it was cut at the date: "(round 1 of 10, 29 …"), and it reaches every saved game a page
at a time (the games past the first page were not listed at all)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.engine.actions import Accept, Action, Offer, Perceive, RoundStart
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.load import LoadScene, progress, told_apart
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_table_ui import NARROW, table_for
from tests.test_ui import OPEN, data_home, make_app, over_the_title  # noqa: F401


def test_a_saved_game_after_one_offer_each_reads_round_2_of_10(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12)
    driver = Driver(app)
    driver.press(next(b for b in table.elements if isinstance(b, UIButton) and b.text == "Propose"))
    driver.frames(2)
    assert [type(a) for a in table.session.state.history[-3:]] == [Offer, Offer, RoundStart]   # one offer each
    rounds = table.session.scenario.protocol.rounds
    OPEN.remove(table.session)
    table.session.close()
    games = LoadScene.saved_games()
    assert len(games) == 1
    assert games[0][2].startswith(f"round 2 of {rounds} · ") and "moves" not in games[0][2], games[0][2]
    pygame.quit()


def test_talks_in_phases_give_the_table_and_its_round() -> None:
    """Newcomer trial: the rows of a game in phases read "15 moves"; docs/playing.md promises the round reached."""
    scenario = next(s for s in (load_scenario(p) for p in sorted(SCENARIOS.glob("*.yaml"))) if s.phases)
    first, second = scenario.phases[:2]
    offer = Offer("us", (0,) * (len(scenario.baskets) + 1))
    assert progress([Perceive(()), RoundStart(()), offer, offer, RoundStart(())], scenario) == \
        f"{first.name}, round 2 of {first.protocol.rounds}"
    assert progress([Perceive(()), RoundStart(()), offer, Accept("ru"), RoundStart(())], scenario) == \
        f"{second.name}, round 1 of {second.protocol.rounds}"               # a deal ends the first table
    used_up: list[Action] = [Perceive(()), *[RoundStart(()) for _ in range(first.protocol.rounds + 1)]]
    assert progress(used_up, scenario) == f"{second.name}, round 1 of {second.protocol.rounds}"
    assert progress([Perceive(())], scenario) == "0 moves"
    assert progress([Perceive(()), RoundStart(())], None) == "0 moves"


def test_rows_that_would_read_the_same_are_told_apart() -> None:
    """Newcomer trial: two rows read "Cyber confidence-building, 2013, as … / 15 moves · saved 30 Nov 09:28"."""
    at = time.mktime((2026, 11, 30, 9, 28, 10, 0, 0, -1))
    row = ("Game, as us", f"round 2 of 6 · saved {time.strftime('%d %b %H:%M', time.localtime(at))}")
    games = [(Path("a.jsonl"), *row), (Path("b.jsonl"), *row), (Path("c.jsonl"), *row), (Path("d.jsonl"), "Other", "x")]
    told = told_apart(games, [at, at + 5, at + 5, at])
    assert len({(what, detail) for _, what, detail in told}) == 4, told
    assert told[0][2].endswith("09:28:10") and told[1][2].endswith("09:28:15 · b.jsonl") and told[3] == games[3]


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_every_row_of_the_load_list_reads_whole(data_home: Path, text_size: str) -> None:  # noqa: F811
    """The longest scenario title and delegation names shipped, in large text at 1024x640: each row names the
    scenario, the side, the round and the date, none of them cut and each within its element."""
    played = [("code_of_conduct_2019.yaml", "us_experts"), ("code_of_conduct_2019.yaml", "ru"),
              ("ict_guarantees_2020.yaml", "us"), ("narrow_deal_2020.yaml", "ru")]
    wanted = {}
    for name, side in played:
        scenario = load_scenario(SCENARIOS / name)
        session = GameSession.new(scenario, side, 3, "boulware")
        session.close()
        wanted[str(session.log.path)] = (scenario, side, session.state.history)
    app = make_app(data_home, (1024, 640), text_size)
    app.reset(TitleScene(app))
    load = LoadScene(app)
    app.push(load)
    app.frame(0.016)
    rows: list[UIButton] = [b for b in load.elements if isinstance(b, UIButton) and b.tool_tip_text in wanted]
    assert len(rows) == len(played)
    labels: list[UILabel] = [e for e in load.elements if isinstance(e, UILabel) and e is not load.hint]
    for row in rows:
        path = row.tool_tip_text                          # a saved game's row: its log's path
        assert path is not None
        scenario, side, history = wanted[path]
        saved = time.strftime("%d %b %H:%M", time.localtime(Path(path).stat().st_mtime))
        under = [e for e in labels if row.rect.left <= e.rect.centerx <= row.rect.right
                 and row.rect.bottom <= e.rect.top < row.rect.bottom + 8]
        shown: list[UIButton | UILabel] = [row, *under]
        for element in shown:
            assert "…" not in element.text and element.font is not None, element.text
            assert element.font.size(element.text)[0] <= element.rect.width - 8, (text_size, element.text)
        text = " ".join(element.text for element in shown)
        for part in (scenario.title, scenario.party(side).name, progress(list(history), scenario), saved):
            assert part in text, (text_size, part, text)
    pygame.quit()


def save_games(count: int) -> list[Path]:
    """``count`` unfinished games of the narrow deal (a seed whose opening event ends the talks at once is
    skipped: a finished game is not listed); the last saved an hour ago, the others a minute apart before it
    (oldest first)."""
    scenario = load_scenario(NARROW)
    paths: list[Path] = []
    seed = 0
    while len(paths) < count:
        seed += 1
        session = GameSession.new(scenario, "us", seed, "boulware")
        session.close()
        if not session.over:
            paths.append(session.log.path)
    now = time.time() - 3600
    for age, path in enumerate(reversed(paths)):
        os.utime(path, (now - 60 * age, now - 60 * age))
    return paths


def page_rows(load: LoadScene) -> list[UIButton]:
    return [b for b in load.elements if isinstance(b, UIButton) and b.tool_tip_text and b.tool_tip_text.endswith(".jsonl")]


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_page_down_reaches_the_oldest_of_more_games_than_fit_and_enter_loads_it(data_home: Path,  # noqa: F811
                                                                                text_size: str) -> None:
    """14 saved games, more than a page holds (6 in normal text, 4 in large at 1024x640): the games past the
    first page were not listed at all. Page Down turns to the older games, the heading says which are shown,
    the focus is on the page's first game, and Enter on the oldest loads it."""
    paths = save_games(14)
    app = make_app(data_home, (1024, 640), text_size)
    load, driver = over_the_title(app, LoadScene, 1)
    per_page = len(page_rows(load))
    assert 0 < per_page < 14
    assert [b.tool_tip_text for b in page_rows(load)] == [str(p) for p in reversed(paths[-per_page:])]   # newest first
    hint = load.hint                   # says Page Up/Down turn the pages, whole, clear of the buttons
    assert hint is not None and hint.font is not None and "Page Up/Down" in hint.text and "F1 help" in hint.text
    assert hint.font.size(hint.text)[0] <= hint.rect.width - 8, hint.text
    assert not any(hint.rect.colliderect(b.rect) for b in load.elements if isinstance(b, UIButton)), hint.text
    shown: list[str] = []
    while str(paths[0]) not in shown:
        assert len(shown) < 14, "Page Down never reached the oldest game"
        rows = page_rows(load)
        shown += [str(b.tool_tip_text) for b in rows]
        count = next(e for e in load.elements if isinstance(e, UILabel) and e.text.startswith("games "))
        assert count.text == f"games {len(shown) - len(rows) + 1}–{len(shown)} of 14", count.text
        current = load.focus.current
        assert current is not None and current.element is rows[0] and app.screen.get_rect().contains(rows[0].rect)
        for row in rows:
            assert row.font is not None and row.font.size(row.text)[0] <= row.rect.width - 8, row.text
        if str(paths[0]) not in shown:
            driver.key(pygame.K_PAGEDOWN)
    assert shown == [str(p) for p in reversed(paths)]       # every game, once, newest first
    oldest = next(b for b in page_rows(load) if b.tool_tip_text == str(paths[0]))
    driver.press(oldest)
    assert isinstance(app.top, BriefScene)
    OPEN.append(app.top.session)
    assert app.top.session.log.path == paths[0]
    pygame.quit()


def test_the_older_and_newer_buttons_turn_the_pages_with_the_mouse(data_home: Path) -> None:  # noqa: F811
    """8 games, 6 to a page: "Older" shows the oldest two and is then disabled, "Newer" goes back; the wheel too."""
    paths = save_games(8)
    app = make_app(data_home, (1024, 640))
    load, driver = over_the_title(app, LoadScene, 1)
    assert load.newer is not None and load.older is not None and not load.newer.is_enabled
    first = [b.tool_tip_text for b in page_rows(load)]
    driver.click(load.older)
    assert str(paths[0]) in [b.tool_tip_text for b in page_rows(load)] and not load.older.is_enabled
    assert str(paths[-1]) not in [b.tool_tip_text for b in page_rows(load)]
    driver.click(load.newer)
    assert [b.tool_tip_text for b in page_rows(load)] == first
    for y, older in ((-1, True), (1, False)):             # the wheel: down shows the older games, up the newer
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0,
                                             precise_y=float(y), touch=False, which=0))
        driver.frames(2)
        assert (str(paths[0]) in [b.tool_tip_text for b in page_rows(load)]) == older
    pygame.quit()


def test_an_unfinished_game_behind_many_finished_ones_is_still_listed(data_home: Path) -> None:  # noqa: F811
    """Finished games are told apart by their last line and not read in full, so they no longer use up the
    200 logs the list reads: an unfinished game saved before 250 finished ones is listed (it was not)."""
    from game.engine.actions import Walk
    from game.session.movelog import ended
    (unfinished,) = save_games(1)
    finished = GameSession.new(load_scenario(NARROW), "us", 1, "boulware")
    finished.submit(Walk("us"))
    finished.close()
    assert finished.over and ended(finished.log.path) and not ended(unfinished)
    now = time.time()
    for i in range(250):
        copy = finished.log.path.with_name(f"finished-{i:03d}.jsonl")
        copy.write_bytes(finished.log.path.read_bytes())
        os.utime(copy, (now - i, now - i))
    games = LoadScene.saved_games()
    assert [g[0] for g in games] == [unfinished]
    os.mkfifo(unfinished.with_name("pipe.jsonl"))
    unfinished.with_name("empty.jsonl").write_bytes(b"")
    assert not ended(unfinished.with_name("pipe.jsonl")) and not ended(unfinished.with_name("empty.jsonl"))
    assert [g[0] for g in LoadScene.saved_games()] == [unfinished]       # and neither hangs nor is listed


def test_loading_the_game_being_played_goes_back_to_it_and_another_closes_it(data_home: Path) -> None:  # noqa: F811
    """Window trial: Esc, Save, then 'Load a saved game' on the game being played said it was open in
    another window or terminal."""
    from game.ui.scenes.menus import PauseScene
    from game.ui.scenes.table import TableScene
    first, other = save_games(2)
    app = make_app(data_home)
    session, _ = GameSession.resume(first)
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    app.push(PauseScene(app))
    load = LoadScene(app)
    app.push(load)
    load.load(first)
    assert app.top is table and not session.closed
    app.push(LoadScene(app))
    assert isinstance(app.top, LoadScene)
    app.top.load(other)
    assert session.closed and isinstance(app.top, BriefScene) and app.top.session.log.path == other
    OPEN.append(app.top.session)
    pygame.quit()


def test_saving_in_the_window_keeps_the_unsent_draft_and_loading_restores_it(data_home: Path) -> None:  # noqa: F811
    """Window trial: after Save and Load the draft came back as the brief's best, not as the player left it."""
    from game.ui.scenes.menus import ConfirmScene, PauseScene
    from game.ui.scenes.table import TableScene
    (path,) = save_games(1)
    app = make_app(data_home)
    session, _ = GameSession.resume(path)
    table = TableScene(app, session)
    app.reset(table)
    edited = [0] * len(table.draft)                       # the weakest option everywhere: not the brief's best
    assert edited != table.draft
    table.draft = list(edited)
    pause = PauseScene(app)
    app.push(pause)
    pause.to_title()                                      # asks first (the game is saved) ...
    confirm = app.top
    assert isinstance(confirm, ConfirmScene)
    confirm.confirm()                                     # ... then keeps the draft, closes the game
    assert session.closed
    again, _ = GameSession.resume(path)
    OPEN.append(again)
    restored = TableScene(app, again)
    assert restored.draft == edited
    pygame.quit()


def test_a_hot_seat_game_loads_behind_the_curtain_of_the_player_to_move(data_home: Path) -> None:  # noqa: F811
    """Regression trial: a hot-seat trap game saved at the official talks (the first player, the US experts,
    has no seat there) loaded on the experts' brief, showing it to the Russian player, and the table then
    raised KeyError "no delegation 'us_experts' at this table"."""
    from game.engine.actions import Accept
    from game.session.game import hot_seat_humans
    from game.ui.scenes.menus import CurtainScene
    from game.ui.scenes.table import TableScene
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    session = GameSession.new(trap, "us_experts", 4, None, humans=hot_seat_humans(trap, "us_experts"))
    while session.state.phase == 0 and not session.over:
        mover = session.to_move
        assert mover is not None
        tables = session.state.tables
        assert tables is not None
        if session.state.standing is not None and session.state.standing.party != mover:
            session.submit(Accept(mover))
        else:
            session.submit(Offer(mover, tables.problem.outcome_at(int(tables.of(mover).order[0]))))
    assert not session.over and session.to_move == "ru" and "us_experts" not in session.state.phase_def.parties
    path = session.log.path
    session.close()
    app = make_app(data_home)
    load, driver = over_the_title(app, LoadScene, 1)
    load.load(path)
    driver.frames(3)
    assert isinstance(app.top, CurtainScene) and app.top.party == "ru"       # nothing shown before the curtain
    assert not any(isinstance(scene, BriefScene) for scene in app.stack)
    table = next(scene for scene in app.stack if isinstance(scene, TableScene))
    app.top.ready()
    driver.frames(2)
    from game.ui.scenes.cards import DealScene
    from game.ui.scenes.handoff import HandoffScene
    # ru's plan, then table; over them the deal the experts struck, which ru had not been told
    assert table.side == "ru" and (app.top is table or isinstance(app.top, (HandoffScene, DealScene)))
    OPEN.extend([table.session])
    pygame.quit()
