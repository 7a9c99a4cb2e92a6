"""What a newcomer found playing the window by keyboard (helper win13): the vote's lines, the
message button, the scenario picker, the debrief's wording of a deal never in force."""

from __future__ import annotations

from game.session.views import ratification_line


def test_the_vote_line_names_each_verdict_and_says_whether_the_agreement_enters_into_force() -> None:
    assert ratification_line((("russia", True), ("united_states", False))) == \
        "Russia approves; the United States refuses: the agreement does not enter into force."
    assert ratification_line((("united_states", True), ("russia", True))) == \
        "The United States approves; Russia approves: the agreement enters into force."
