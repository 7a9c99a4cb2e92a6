"""Newcomer trial: the terminal's debrief had no "What happened" paragraph; it now prints the window's, from
one implementation (game.session.diagnosis.what_happened)."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.cli.render import debrief
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.diagnosis import played_offers, what_happened
from game.strategies.registry import make
from game.strategies.runner import play as run
from game.ui.scenes.debrief import DebriefScene
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app  # noqa: F401  (data_home: a fixture)

ROOT = Path(__file__).resolve().parent.parent


def test_the_terminal_and_the_window_say_the_same_what_happened(data_home: Path) -> None:  # noqa: F811
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    state = run(scenario, 4, {p.id: make("modeller") for p in scenario.parties})
    result = game_result(state)
    trace = played_offers(scenario, state.history)
    assert trace and all(t.party in ("us", "ru") for t in trace)
    said = what_happened(state, result, "us", trace)
    assert said
    terminal = " ".join(debrief(state, result, "us", trace).split())
    assert "What happened: " + " ".join(said) in terminal, terminal
    window = html.unescape(DebriefScene(make_app(data_home), state, result, "us", trace=trace).text())
    assert "<b>What happened</b><br>" + " ".join(said) in window
    pygame.quit()


def test_a_terminal_game_ends_with_what_happened(tmp_path: Path) -> None:
    played = subprocess.run([sys.executable, "main.py", "play", "narrow_deal_2020", "--side", "us", "--seed", "2",
                             "--log", str(tmp_path / "g.jsonl")], input="offer\noffer\noffer\nwalk\ny\n",
                            capture_output=True, text=True, cwd=ROOT, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)})
    assert played.returncode == 0, played.stderr
    after = " ".join(played.stdout.split("DEBRIEF")[-1].split())
    assert "What happened: You never conceded: each of your offers asked" in after, after


def test_the_terminal_says_why_the_deal_was_refused_once() -> None:
    from game.session.diagnosis import why_refused
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    state = run(scenario, 7, {p.id: make("modeller") for p in scenario.parties})   # the United States refuses
    result = game_result(state)
    why = why_refused(state, result)
    assert why is not None
    text = " ".join(debrief(state, result, "us", played_offers(scenario, state.history)).split())
    assert text.count(" ".join(why.split())) == 1, text
