"""Newcomer trial, defects 3 and 6: a table the player does not sit at was invisible in the terminal (one
line, "American experts' group (Track 1.5) accepts."; as the experts, the official talks' end at once, with
no round, event or offer seen), and the window's hand-off screen gave each watched offer as "... offers a
package." Both now tell the watched table in brief, one account (:mod:`game.session.watched`): each move in
a line with its round and its worth to the player's government, the events, how it ended."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.engine.actions import Offer
from game.scenario.loader import load_scenario
from game.session.game import GameSession, Moment
from game.session.views import describe
from game.session.watched import watched_step
from tests.conftest import ROOT, SCENARIOS


def run(*args: str, stdin: str, home: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(home), "COLUMNS": "400"}
    return subprocess.run([sys.executable, "main.py", *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300).stdout


def test_the_experts_watch_the_official_talks_in_brief(tmp_path: Path) -> None:
    out = run("play", "narrow_deal_2020_definitions", "--side", "us_experts", "--seed", "3", "--log",
              str(tmp_path / "g.jsonl"), stdin="offer\naccept\ny\n", home=tmp_path)
    watched = out.split("You do not sit at 'Official talks: the narrow pact'")[1].split("*** Official talks")[0]
    assert "  Round 1: US delegation (State Department) offers a package worth " in watched, watched
    assert "to your government" in watched and "EVENT: " in watched, watched
    assert "    Your government's no-deal value: 0.35 → 0.45" in watched, watched     # what the event changed
    assert "accepts." in watched or "walks away." in watched or "let the talks end" in watched, watched


def test_the_officials_watch_the_track15_table_in_brief(tmp_path: Path) -> None:
    out = run("play", "narrow_deal_2020_definitions", "--side", "us", "--seed", "3", "--log",
              str(tmp_path / "g.jsonl"), stdin="quit\n", home=tmp_path)
    watched = out.split("type 'help' for commands)")[1].split("*** Track 1.5")[0]
    assert watched.count("  Round 1: ") >= 1 and "offers a package worth " in watched, watched


def test_a_watched_offer_says_what_it_is_worth_to_the_players_government(tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    session = GameSession.new(scenario, "us", 3, log_path=tmp_path / "g.jsonl")
    session.close()
    first = next(m for m in session.moments if isinstance(m.action, Offer))
    (kind, text), *_ = describe(first.before, first.action, first.after, "us")
    assert kind == "offer" and " a package worth " in text and "on paper" in text and "to your government" in text
    step = watched_step(Moment(first.before, first.action, first.after), "us")
    assert step[0][1].startswith("Round 1: "), step
