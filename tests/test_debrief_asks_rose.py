"""Newcomer trial (1933 as the Soviet Union against the hardliner: 'counter', 'set 2 2', 'set 6 2', 'offer final',
'walk'): the debrief said "You never lowered your ask: your offers asked 0.47 → 0.72 for your government, first to
last" after real concessions (on paper the asks fell 1.000 → 0.812). The asks rose at expected value because the
first offer was the brief's best on paper, a 3% chance in both capitals. The sentence now says asks that rose
rose, names its measure, and with the draft starting at the best at expected value the trial's game is told as
the concession it was."""

from __future__ import annotations

from pathlib import Path

from game.session.asks import conceded
from tests.conftest import SCENARIOS
from tests.test_debrief_true_asks import point


def test_asks_that_rose_are_said_to_have_risen_at_expected_value() -> None:
    said = conceded([point(0.466, 0.466, 0), point(0.72, 0.72, 1)])
    assert said == ("Your asks rose and never fell: your offers asked 0.47 → 0.72 for your government at expected "
                    "value, first to last."), said
    assert "never lowered" not in said


def test_asks_that_fell_name_the_same_measure() -> None:
    said = conceded([point(0.78, 0.78, 0), point(0.72, 0.72, 1)])
    assert said is not None and said.startswith("Your offers asked 0.78 → 0.72 for your government at expected value")
    assert "largest concession came in round 2 (0.780 → 0.720)" in said and "rose" not in said


def test_the_trials_walkout_is_told_as_the_concession_it_was(tmp_path: Path) -> None:
    from tests.test_terminal_resume import play
    out = play(tmp_path, str(SCENARIOS / "roosevelt_litvinov_1933.yaml"), "--side", "ussr", "--opponent",
               "hardliner", "--seed", "1", "--log", str(tmp_path / "g.jsonl"),
               typed="offer\ncounter\nset 2 2\nset 6 2\noffer final\nwalk\ny\n")
    said = " ".join(out.split("What happened:", 1)[1].split())
    assert said.startswith("Your offers asked 0.78 → 0.72 for your government at expected value"), said[:300]
    assert "largest concession came in round 2" in said and "never lowered" not in said and "rose" not in said
