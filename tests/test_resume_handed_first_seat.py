"""A class's move log whose first seat was handed to the AI, resumed (window trial: the Load screen opened the
brief of the handed seat, and "To the table" raised KeyError in the table, that seat being no longer a person's;
the terminal showed that seat's brief, then played the other). The seat a person still plays is the player's,
the AI plays the handed one, as on the class server after a restart, and the debrief keeps the handover point."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.actions import Offer, Walk
from game.scenario.loader import load_scenario
from game.session.drafts import own_best
from game.session.game import GameSession
from game.session.movelog import default_log_dir
from game.session.personas import personas_for
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.test_classroom_attacks import run_main
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (data_home: a fixture)
from tests.test_debrief_handover_ui import debrief_after_table
from tests.webclient import NARROW, SEED


def first_seat_handed(log: Path) -> int:
    """A two-student game of ``log`` whose first seat ("us") is handed to the AI once it has moved (or at once
    when "ru" moves first): the game is left for "ru" to move. The AI's first move (0-based)."""
    scenario = load_scenario(NARROW)
    game = GameSession.new(scenario, "us", SEED, log_path=log, humans=("us", "ru"))
    if game.to_move == "ru":
        game.submit(Offer("ru", tuple(own_best(scenario, "ru"))))
    start = game.hand_to_ai("us", personas_for(scenario, ())["us"])
    assert game.to_move == "ru" and game.humans == ("ru",)
    game.close()
    return start


def test_resuming_makes_the_seat_a_person_still_plays_the_players(tmp_path: Path) -> None:
    log = tmp_path / "game.jsonl"
    start = first_seat_handed(log)
    game, _ = GameSession.resume(log)
    try:
        assert (game.side, game.humans, game.to_move) == ("ru", ("ru",), "ru")
        assert game.handovers["us"].start == start
    finally:
        game.close()


def test_the_window_loads_it_and_plays_it_to_a_debrief_with_the_handover(data_home: Path) -> None:  # noqa: F811
    folder = default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "handed.jsonl"
    start = first_seat_handed(log)
    app = make_app(data_home)
    app.reset(TitleScene(app))
    listed = LoadScene.saved_games()
    assert [(p, what.endswith("as Russian delegation (Foreign Ministry)")) for p, what, _ in listed] == [(log, True)], listed
    LoadScene(app).load(log)
    brief = app.top
    assert isinstance(brief, BriefScene) and brief.side == "ru"
    brief.start()                                                      # it raised KeyError: 'us'
    table = app.top
    assert isinstance(table, TableScene) and table.side == "ru"
    OPEN.append(table.session)
    driver = Driver(app)
    driver.frames(2)
    table.submit(Walk("ru"))
    debrief = debrief_after_table(app, driver)
    assert isinstance(debrief, DebriefScene) and debrief.side == "ru" and debrief.handed == {"us": start}, debrief
    pygame.quit()


def test_the_terminal_resumes_it_with_the_brief_of_the_seat_a_person_plays(tmp_path: Path) -> None:
    log = tmp_path / "game.jsonl"
    first_seat_handed(log)
    resumed = run_main("play", "--resume", str(log), stdin="quit\n", home=tmp_path)
    assert resumed.returncode == 0 and "Traceback" not in resumed.stderr, resumed.stderr
    assert "=== CONFIDENTIAL BRIEF: Russian delegation (Foreign Ministry) ===" in resumed.stdout, resumed.stdout
    assert "CONFIDENTIAL BRIEF: US delegation" not in resumed.stdout
    assert "[Russian delegation (Foreign Ministry)] >" in resumed.stdout
