"""Hot seat in the terminal (newcomer trial): each hand-over erases the screen, so the player who sits
down must be told the round and what happened since their last turn; a resumed game says where the
talks stand after the hand-over; and each player gets their own debrief, not only the first."""

from __future__ import annotations

from pathlib import Path

from tests.test_classroom_attacks import run_main

HAND_OVER = "=== Hand over to "


def views(out: str) -> list[str]:
    """The output cut at each hand-over: what each player saw in turn."""
    return out.split(HAND_OVER)


def test_after_each_hand_over_the_player_sees_the_round_and_what_happened_since(tmp_path: Path) -> None:
    played = run_main("play", "narrow_deal_2020", "--side", "us", "--hot-seat", "--seed", "3",
                      "--log", str(tmp_path / "g.jsonl"), stdin="offer\n\noffer\n\noffer\n\nquit\n", home=tmp_path)
    assert played.returncode == 0, played.stderr
    seen = views(played.stdout)
    assert [v.split(".", 1)[0] for v in seen[1:]] == ["Russian delegation (Foreign Ministry)",
                                                      "US delegation (State Department)",
                                                      "Russian delegation (Foreign Ministry)"]
    moscow_first, washington, moscow_again = seen[1:]
    assert "round 1 of 10" in moscow_first and "EVENT: A new hack-and-leak" in moscow_first   # the round's event too
    assert "US delegation (State Department) offers:" in moscow_first
    assert "You offer the draft" in washington and "round 2 of 10" in washington
    # the second round opened while Washington looked: Moscow is told its heading at its next turn (it was not)
    assert "round 2 of 10" in moscow_again and "You offer the draft" in moscow_again
    assert moscow_again.index("You offer the draft") < moscow_again.index("round 2 of 10") \
        < moscow_again.index("US delegation (State Department) offers:")


def test_a_resumed_hot_seat_game_says_where_the_talks_stand_after_the_hand_over(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    first = run_main("play", "narrow_deal_2020", "--side", "us", "--hot-seat", "--seed", "3", "--log", str(log),
                     stdin="offer\n\noffer\n\noffer\n\nquit\n", home=tmp_path)
    assert first.returncode == 0, first.stderr
    resumed = run_main("play", "--resume", str(log), stdin="\nquit\n", home=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    after = views(resumed.stdout)[-1]
    assert after.startswith("Russian delegation (Foreign Ministry)")
    assert "round 2 of 10" in after and "US delegation (State Department) offers:" in after    # it showed the brief only


def test_each_hot_seat_player_gets_their_own_debrief(tmp_path: Path) -> None:
    played = run_main("play", "narrow_deal_2020", "--side", "us", "--hot-seat", "--seed", "3",
                      "--log", str(tmp_path / "g.jsonl"), stdin="offer\n\nwalk\ny\n\n\n", home=tmp_path)
    assert played.returncode == 0, played.stderr
    moscow, washington = views(played.stdout)[-2:]
    # regression trial: the next hand-over erased the screen the moment the debrief was printed
    assert moscow.rstrip().endswith("(Press Enter when you have read your debrief: the screen is then handed over.)")
    assert moscow.count("DEBRIEF") == 1 and "no deal (you walked away)" in moscow
    assert "Russian delegation (Foreign Ministry) (you)" in moscow
    assert washington.count("DEBRIEF") == 1 and "Russian delegation (Foreign Ministry) walks away." in washington
    assert "US delegation (State Department) (you)" in washington and "Move log:" in washington


def test_the_published_plan_says_how_it_moved_each_bar_at_home(tmp_path: Path) -> None:
    """Newcomer trial: Moscow's bar at home changed (0.50 in the brief, 0.48 after) and only the debrief
    said so. When the plan is published, each player is told their own bar's move in numbers and the
    other government's in direction only (its figures are confidential)."""
    import re
    played = run_main("play", "track15_trap", "--side", "us_experts", "--hot-seat", "--seed", "2",
                      "--log", str(tmp_path / "g.jsonl"), stdin="\noffer\n\naccept\ny\n\nquit\n", home=tmp_path)
    assert played.returncode == 0, played.stderr
    moscow = views(played.stdout)[-1]
    published = moscow[moscow.index("The plan is published"):]
    moved = re.search(r"Your government's bar for approval at home: (\d\.\d\d) → (\d\.\d\d) \(40% of the way toward "
                      r"(-?\d\.\d\d), what the plan would be worth to it once in force\)", published)
    assert moved, published                               # window trial: the figure it moved toward was shown nowhere
    before, after, worth = (float(x) for x in moved.groups())
    assert abs(after - (0.6 * before + 0.4 * worth)) < 0.006
    assert "The United States' bar at home falls toward the plan (its figures are confidential)" in published


def test_the_table_a_player_does_not_sit_at_names_the_other_player_not_the_ai() -> None:
    """Regression trial: '(You do not sit at 'Official talks'; the AI delegations negotiate it now.)' where the
    other player of the hot seat sat there."""
    import dataclasses

    from game.cli.terminal import _Table
    from game.engine.rules import new_game
    from game.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    official = dataclasses.replace(new_game(trap), phase=len(trap.phases) - 1)
    said = _Table("us_experts", ("us_experts", "ru")).who_negotiates(official)
    assert "US delegation (State Department) (the AI)" in said and "(the other player)" in said
    alone = _Table("us_experts").who_negotiates(official)
    assert "the other player" not in alone and alone.count("(the AI)") == 2
