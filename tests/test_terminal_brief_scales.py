"""Newcomer trial, defects 13 and 14: the definitions brief gave rungs "worth 1.00 ... worth 0.00" and the
draft "(no deal: 0.000)" beside "No deal is worth 0.35" with no word of the scales; the brief listed the
priorities heaviest first while the draft numbers the baskets in order; "basket 3 is locked" said not why, and
`messages` skipped numbers 12–16 and 34 without a word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.cli import render
from game.scenario.loader import load_scenario
from game.session.locked import missing_messages
from tests.conftest import ROOT, SCENARIOS

DEFINITIONS = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")


def test_the_rungs_say_which_scale_their_worth_is_on() -> None:
    brief = render.brief(DEFINITIONS, "us_experts")
    assert "on this ladder's own scale (1 = the definition best for it, 0 = the worst" in brief, brief


def test_each_priority_carries_its_number_in_a_draft() -> None:
    brief = render.brief(DEFINITIONS, "us")
    rows = [line for line in brief.splitlines() if "best on paper:" in line]
    for row in rows:
        number, name = row.split("%", 1)[1].strip().split(". ", 1)
        assert DEFINITIONS.baskets[int(number) - 1].name == name.split("  ")[0].strip(), row


def test_the_messages_of_a_basket_outside_the_scope_are_said_left_out() -> None:
    locks = tuple(0 if b.id == "critical_infrastructure" else -1 for b in DEFINITIONS.baskets)
    assert any(lock == 0 for lock in locks), [b.id for b in DEFINITIONS.baskets]
    plain = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    note = missing_messages(plain, locks)
    assert note.startswith("(Numbers 12–16 and 34 are the messages about locked baskets"), note
    assert missing_messages(plain, (-1,) * len(locks)) == ""


def test_a_locked_basket_says_why_and_the_definitions_draft_its_scale(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "main.py", "play", "narrow_deal_2020_definitions", "--side", "us", "--seed",
                          "3", "--log", str(tmp_path / "g.jsonl")], input="show\nset 3 2\nmessages\nquit\n",
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300).stdout
    assert "basket 3 is locked (outside the agreed scope)" in out, out
    assert "[locked: outside the agreed scope]" in out and "are the messages about locked baskets" in out
    out = subprocess.run([sys.executable, "main.py", "play", "narrow_deal_2020_definitions", "--side", "us_experts",
                          "--seed", "3", "--log", str(tmp_path / "h.jsonl")], input="show\nquit\n",
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300).stdout
    assert "(no agreed definition, the default: 0.000; on the ladder's own scale" in out, out
