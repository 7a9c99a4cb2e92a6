"""Newcomer trial: at a non-binding table (track15_trap's Track 1.5 meeting) the window and the terminal
called the value on paper "expected" beside an approval chance; rule 14 (docs/model.md) values such talks
on paper, so the words say so and nothing else (one wording: game.session.views.valued)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.cli import render
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.views import valued, worth_of
from game.ui.meter import value_line
from tests.conftest import SCENARIOS


def test_the_worth_of_a_package_at_a_non_binding_table_is_on_paper_only(tmp_path: Path) -> None:
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 1,
                              log_path=tmp_path / "g.jsonl")
    session.close()
    state = session.state
    assert not state.protocol.binding and state.standing is not None
    outcome = state.standing.outcome
    for text in (worth_of(state, "us_experts", outcome), render.worth(state, "us_experts", outcome)):
        assert "expected" not in text and "on paper (nothing binds at this table)" in text, text
    assert valued(0.6, 0.7, True) == "0.600 expected, 0.700 on paper"


def test_the_meter_at_a_non_binding_table_never_says_expected() -> None:
    pygame.font.init()
    font = pygame.font.Font(None, 28)
    for unsure in (False, True):
        for width in (2000, 600, 400, 250, 10):
            line = value_line(font, 0.873, 0.873, 0.45, width, unsure, binding=False)
            assert "exp" not in line and "paper" in line, (width, line)
    assert "expected" in value_line(font, 0.6, 0.7, 0.45, 2000)
