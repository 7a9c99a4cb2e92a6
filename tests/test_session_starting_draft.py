"""One starting draft and one unit convention for a seat (instructor trial: the terminal's draft started at
4,4,5,1,5,4,3 and the web page's form at 4,4,5,4,5,4,1; the printed brief said "No deal is worth 35.0
points" while the terminal said "0.35 ... (0 = worst deal, 1 = best)")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from game.classroom.briefs import role_brief
from game.classroom.folder import create_session
from game.cli import terminal
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.drafts import STARTS_AT, own_best, starting_draft
from game.session.game import GameSession
from game.web.seatview import game_payload
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def test_the_terminal_and_the_page_start_from_one_draft(tmp_path: Path) -> None:
    made = create_session(NARROW, 1, tmp_path / "class", seed=1)
    game = GameSession.new(made.scenario, "us", 1, log_path=tmp_path / "g.jsonl")
    game.take_moments()
    state = game.state
    assert [d + 1 for d in starting_draft(state, "us")] == [4, 4, 5, 1, 5, 4, 3]   # best at expected value
    assert game_payload(state, "us")["best"] == starting_draft(state, "us")
    assert not hasattr(terminal, "best_draft")            # the terminal's own is gone: one implementation
    game.log.close()


def best_at_expected(state: State, party: str) -> tuple[int, ...]:
    """By brute force: of the packages crossing none of the party's red lines and keeping every lock, the one
    its delegation values most at expected value (ties: the first)."""
    assert state.tables is not None
    table, problem = state.tables.of(party), state.tables.problem
    keep = np.array(table.ok, dtype=bool)
    digits = np.unravel_index(np.arange(len(keep)), problem.shape)
    for i, lock in enumerate(state.locks):
        if lock >= 0:
            keep &= digits[i] == lock
    values = np.where(keep, table.perceived, -np.inf)
    return problem.outcome_at(int(np.argmax(values)))


def test_the_starting_draft_is_the_best_at_expected_value_not_on_paper(tmp_path: Path) -> None:
    """Newcomer trial, 1933 as the Soviet Union against the hardliner: the draft and 'best' were the brief's
    best on paper (worth 0.466 expected, 1.000 on paper, a 3% chance in both capitals) while the prompt and
    'help' said 'at expected value', and the other side's first counter was worth 0.702 expected."""
    game = GameSession.new(load_scenario(SCENARIOS / "roosevelt_litvinov_1933.yaml"), "ussr", 1, "hardliner",
                           log_path=tmp_path / "g.jsonl")
    game.take_moments()
    state = game.state
    assert state.tables is not None
    draft = tuple(starting_draft(state, "ussr"))
    assert draft == best_at_expected(state, "ussr")
    table, problem = state.tables.of("ussr"), state.tables.problem
    paper = tuple(own_best(state.scenario, "ussr"))
    assert draft != paper                                   # the case of the trial: the two bests differ
    assert table.expected[problem.index_of(draft)] > table.expected[problem.index_of(paper)] + 0.2
    game.log.close()


def test_locks_are_kept_and_the_best_is_taken_among_the_packages_that_keep_them(tmp_path: Path) -> None:
    game = GameSession.new(load_scenario(SCENARIOS / "code_of_conduct_2019.yaml"), "us_experts", 1,
                           log_path=tmp_path / "g.jsonl")
    game.take_moments()
    state = game.state
    free = starting_draft(state, "us_experts")
    worse = (free[0] + 1) % len(state.scenario.baskets[0].options)
    locked = dataclasses.replace(state, locks=(worse,) + tuple(-1 for _ in state.locks[1:]))
    draft = tuple(starting_draft(locked, "us_experts"))
    assert draft[0] == worse and draft == best_at_expected(locked, "us_experts")
    game.log.close()


def test_the_window_starts_from_the_same_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_ui import make_app, open_table
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    game = GameSession.new(load_scenario(SCENARIOS / "roosevelt_litvinov_1933.yaml"), "ussr", 1, "hardliner",
                           log_path=tmp_path / "g.jsonl")
    table, _ = open_table(make_app(tmp_path), game)
    assert table.draft == starting_draft(game.state, "ussr") != own_best(game.state.scenario, "ussr")


def test_every_text_says_the_draft_starts_at_expected_value(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The prompt, 'help' and 'play --help', docs/playing.md and the printed brief say what the code does."""
    from game.cli.play_cmd import COMMANDS
    from tests.test_terminal_resume import play
    out = play(tmp_path, str(SCENARIOS / "roosevelt_litvinov_1933.yaml"), "--side", "ussr", "--opponent",
               "hardliner", "--seed", "1", "--log", str(tmp_path / "g.jsonl"), typed="quit\n")
    assert f"Your draft starts at {STARTS_AT}. 'show' prints your draft, 'best' returns to it" in " ".join(out.split())
    assert "expected value" in STARTS_AT and "red lines" in STARTS_AT and "on paper" in STARTS_AT
    best = " ".join(COMMANDS.split("    best ", 1)[1].split("\n    messages", 1)[0].split())
    assert "best for your government at expected value" in best and "red lines" in best and "on paper" in best
    docs = (Path(__file__).parents[1] / "docs" / "playing.md").read_text(encoding="utf-8")
    row = next(line for line in docs.splitlines() if line.startswith("| `best` |"))
    assert "at expected value" in row and "red lines" in row and "window" in row
    made = create_session(NARROW, 1, tmp_path / "class", seed=1)
    markdown, _ = role_brief(made, 1, "us", "CODE")
    assert f"your draft starts at {STARTS_AT}" in " ".join(markdown.split())


def test_the_printed_brief_gives_no_deal_in_points_and_on_the_screens_scale(tmp_path: Path) -> None:
    made = create_session(NARROW, 1, tmp_path / "class", seed=1)
    markdown, _ = role_brief(made, 1, "us", "CODE")
    assert "No deal is worth 35.0 points to your government (0.35 on the game's screens, where 0 = worst deal " \
           "and 1 = best)" in markdown
