"""Words of a chance: "an 88%" not "a 88%" (newcomer trial), and the vote screen's rows in one form
(newcomer trial: "approves (drawn at 40%)" beside "refuses (a draw: a yes had a 93% chance)")."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.result import game_result
from game.session.names import a_percent
from game.ui.scenes.aftermath import AftermathScene
from game.ui.scripted import Driver
from tests.test_ui import OPEN, data_home, finished_narrow_game, make_app  # noqa: F401  (a fixture)


def test_a_chance_takes_the_article_its_number_is_read_with() -> None:
    assert [a_percent(c) for c in (0.4, 0.88, 0.8, 0.11, 0.18, 0.08, 0.93, 0.01, 1.0)] == [
        "a 40%", "an 88%", "an 80%", "an 11%", "an 18%", "an 8%", "a 93%", "a 1%", "a 100%"]


def test_every_vote_row_is_told_in_the_same_form(data_home: Path) -> None:  # noqa: F811
    session = finished_narrow_game()
    OPEN.append(session)
    app = make_app(data_home)
    scene = AftermathScene(app, session.state, game_result(session.state), "us")
    app.reset(scene)
    Driver(app).frames(1)
    voted = [v for v in scene.votes if v.approved is not None]
    assert len(voted) >= 2
    font = app.font(14)
    longest = max(font.size(scene.vote_text(v)[0])[0] for v in voted)
    for room in (10_000, longest - 1):              # one row too long: every row takes the short form
        heads = [scene.vote_text(v, font, room)[0] for v in voted]
        assert len({"a draw:" in h for h in heads}) == 1, heads
        assert all(f"a yes had {a_percent(v.player.chance)} chance" in h for v, h in zip(voted, heads)), heads
    pygame.quit()


def test_the_verdict_comes_first_in_the_summary(data_home: Path) -> None:  # noqa: F811
    """Newcomer trial: at 1024x640 in large text "The agreement does not enter into force." was clipped at the
    summary's end; it now opens the summary, in view whatever the box's height."""
    session = finished_narrow_game()
    OPEN.append(session)
    app = make_app(data_home, (1024, 640), "large")
    result = game_result(session.state)
    scene = AftermathScene(app, session.state, result, "us")
    app.reset(scene)
    Driver(app).frames(1)
    verdict = "The agreement enters into force." if result.in_force else "The agreement does not enter into force."
    assert scene.summary_html().startswith(f"<b>{verdict}</b>"), scene.summary_html()
    pygame.quit()


def test_at_1024_in_large_text_every_head_fits_beside_its_bar_and_the_timing_has_none(data_home: Path) -> None:  # noqa: F811
    """Window trial: at 1024x640 in large text the short head of "The United States (your government): declines to
    sign (a yes had a 48% chance)" ran under its bar; the shortest form fits. The timing (rule 10's acceptance, the
    2017 election window) weighs no terms: its row says so, and draws no bar."""
    from game.engine.valuation import TIMING
    from tests.test_acceptance_words import voted as vote_on
    state, result = vote_on(False, (("united_states", "united_states"), ("united_states", TIMING)))
    app = make_app(data_home, (1024, 640), "large")
    scene = AftermathScene(app, state, result, "us")
    app.reset(scene)
    Driver(app).frames(1)
    from game.ui.theme import BODY
    font, room = app.font(BODY), scene.votes_rect.width - 230 - 24 - 12        # as draw_votes measures them
    heads = [scene.vote_text(v, font, room)[0] for v in scene.votes]
    assert all(font.size(h)[0] <= room for h in heads), heads
    [timing] = [v for v in scene.votes if v.player.timing]
    head, figures = scene.vote_text(timing, font, room)
    assert head.startswith("The timing (United States): holds it back") and "weighs" not in figures
    assert "an event of these talks" in figures and font.size(figures)[0] <= room + 230
    pygame.quit()
