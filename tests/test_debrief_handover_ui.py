"""The window's debrief of a seat the instructor handed to the AI mid-game (a class's move log, loaded in the
window, holds the handover point): it said nothing of it, credited the student with the AI's offers, and read
its score as theirs. It now says it as the class page does, through the same session-level words
(:func:`game.session.handed.handed_over_words`), and diagnoses the student's own moves alone."""

from __future__ import annotations

import html
from pathlib import Path

import pygame

from game.engine.actions import Offer, Walk
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.diagnosis import offer_trace
from game.session.drafts import own_best
from game.session.game import GameSession
from game.session.handed import handed_over_words
from game.session.personas import personas_for
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from game.web.seatview import debrief_payload
from tests.test_ui import data_home, make_app, open_table  # noqa: F401  (data_home: a fixture)
from tests.test_web_handover_debrief import _handed_over_game
from tests.webclient import NARROW, SEED



def debrief_after_table(app: App, driver: Driver) -> object:
    """Once the last move is submitted: the screen on top when the table has closed and the aftermath led on to
    the debrief (a few screens at most), for the caller to check it is the :class:`DebriefScene` it expects."""
    driver.wait_for(lambda: not any(isinstance(s, TableScene) for s in app.stack))
    for _ in range(5):
        top = app.top
        if isinstance(top, DebriefScene):
            break
        if isinstance(top, AftermathScene):
            top.proceed()
        else:
            app.pop()
    return app.top

def test_the_debrief_of_a_handed_over_seat_says_so_as_the_class_page_does(data_home: Path) -> None:  # noqa: F811
    game, moments, mover, start = _handed_over_game(data_home)
    state = game.state
    trace = offer_trace((m.before, m.action, m.after) for m in moments)
    app = make_app(data_home)
    plain = html.unescape(DebriefScene(app, state, game_result(state), mover, trace).text())
    assert "handed your seat" not in plain and "your offers asked" in plain     # as if the student played it all
    text = html.unescape(DebriefScene(app, state, game_result(state), mover, trace, handed={mover: start}).text())
    words = handed_over_words(state.history, start, "below")
    assert words in text and text.index(words) < text.index("Both sides revealed")   # the score comes below it
    page = debrief_payload(state, mover, moments, ai_from=start)
    assert page is not None and handed_over_words(state.history, start, "above") in page["sentences"]
    assert "your offers asked" not in text and "never lowered" not in text, text   # the student's own moves alone
    other = "ru" if mover == "us" else "us"                                      # the other seat: not handed
    assert "handed your seat" not in html.unescape(
        DebriefScene(app, state, game_result(state), other, trace, handed={mover: start}).text())
    pygame.quit()


def test_the_window_takes_the_handover_from_the_session_to_the_debrief(data_home: Path) -> None:  # noqa: F811
    """A game whose other seat was handed to the AI, played to its end in the window: the session's handover
    point reaches the debrief (through the results and any hand-off before it)."""
    scenario = load_scenario(NARROW)
    game = GameSession.new(scenario, "us", SEED, log_path=data_home / "game.jsonl", humans=("us", "ru"))
    if game.to_move == "ru":
        game.submit(Offer("ru", tuple(own_best(scenario, "ru"))))
    start = game.hand_to_ai("ru", personas_for(scenario, ())["ru"])
    app = make_app(data_home)
    table, driver = open_table(app, game)
    table.submit(Walk("us"))
    debrief = debrief_after_table(app, driver)
    assert isinstance(debrief, DebriefScene) and debrief.handed == {"ru": start}, debrief
    pygame.quit()
