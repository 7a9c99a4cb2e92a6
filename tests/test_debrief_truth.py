"""Newcomer trial (debrief defects): the debrief must not teach something false. A pact the votes at home
refused never entered into force, so it cost an absent party nothing; before the votes its effect is an
expectation and is said to be one."""

from __future__ import annotations

import re
from pathlib import Path

from game.engine.result import GameResult, game_result
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.handoff import closing_sentence
from game.session.stakeholders import standings
from game.strategies.registry import make
from game.strategies.runner import play as run
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app  # noqa: F401  (data_home: a fixture)

TRAP = SCENARIOS / "track15_trap.yaml"
HOLDER = "Russian civil society and independent media, absent from both tables"


def trap_game(seed: int) -> tuple[State, GameResult]:
    """A track15_trap game between two modellers (seed 7: a plan, a deal, the United States refuses it)."""
    scenario = load_scenario(TRAP)
    state = run(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
    return state, game_result(state)


def test_a_refused_agreement_costs_the_absent_stakeholder_nothing() -> None:
    state, result = trap_game(7)
    assert result.agreement is not None and not result.in_force       # the deal, refused at home
    sentence = closing_sentence(state, result)
    assert sentence is not None
    assert f"{HOLDER}, kept its no-deal value" in sentence, sentence
    [held] = standings(state, result)
    assert held.value == held.reservation and held.basis == "refused"


def test_an_agreement_in_force_is_valued_on_paper_for_the_stakeholder() -> None:
    state, result = trap_game(3)
    assert result.agreement is not None and result.in_force
    [held] = standings(state, result)
    assert held.basis == "in force" and held.value == held.paper
    sentence = closing_sentence(state, result)
    assert sentence is not None and "in expectation" not in sentence.split(HOLDER)[1], sentence


def test_before_the_votes_the_stakeholders_change_is_an_expectation_and_says_so() -> None:
    state, result = trap_game(7)
    before = state.evolve(entered=None)                               # the hand-off screen: no vote yet
    sentence = closing_sentence(before, game_result(before))
    assert sentence is not None
    said = sentence.split(HOLDER)[1]
    [held] = standings(before, game_result(before))
    assert held.basis == "expected" and held.reservation != held.value != held.paper
    assert re.match(r", (lost|gained) \d\.\d\d against no deal in expectation, before the votes", said), said


def test_the_terminal_debrief_says_the_refused_agreement_left_the_stakeholder_its_no_deal_value() -> None:
    from game.cli.render import debrief
    state, result = trap_game(7)
    text = " ".join(debrief(state, result, "us").split())
    [held] = standings(state, result)
    assert (f"Russian civil society and independent media (not at the table): the agreement did not enter into "
            f"force, so it keeps its {held.reservation:.3f}") in text, text
    assert " cost it " not in text and f"{HOLDER}, lost" not in text


def test_the_window_debrief_says_the_refused_agreement_left_the_stakeholder_its_no_deal_value(
        data_home: Path) -> None:  # noqa: F811
    import html

    import pygame

    from game.ui.scenes.debrief import DebriefScene
    state, result = trap_game(7)
    text = html.unescape(DebriefScene(make_app(data_home), state, result, "us").text())
    [held] = standings(state, result)
    assert (f"Russian civil society and independent media: the agreement did not enter into force, so it keeps "
            f"its {held.reservation:.3f}") in text, text
    assert "with this deal against" not in text
    pygame.quit()


def test_the_window_debrief_says_why_the_experts_no_deal_differs_from_their_brief(data_home: Path) -> None:  # noqa: F811
    """As the terminal's: the experts' brief gave their government's no deal (0.45), the debrief reveals the
    truth (0.55 with seed 1); the window's debrief said nothing of the difference. Newcomer trial: the
    0.45 -> 0.55 was an event's (the hack-and-leak scandal at the official talks), yet it was told as the
    experts' misreading ("as you saw it"); the event is now told as the event's."""
    import html

    import pygame

    from game.session.stake import no_deal_seen_words
    from game.ui.scenes.debrief import DebriefScene
    state, result = trap_game(1)
    told = no_deal_seen_words(state, result, "us_experts")
    assert told.startswith("Your brief gave your government's no deal as 0.45, its true value when the talks began; "
                           "an event at 'Official talks' raised it to 0.55: \"A hack-and-leak"), told
    assert "as you saw it" not in told
    assert told in html.unescape(DebriefScene(make_app(data_home), state, result, "us_experts").text())
    assert no_deal_seen_words(state, result, "us") == ""
    pygame.quit()
