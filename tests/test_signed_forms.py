"""A form nobody votes on (``signed: true``: a leaders' joint statement) is said to be signed or declined, not
approved or refused (newcomer trial: the vote screen said "refuses" of a leader who declined to sign a joint
statement, whose description says "No vote: each leader signs it or declines to")."""

from __future__ import annotations

from pathlib import Path

from game.scenario.loader import load_scenario
from game.session.names import SIGNATURE, VOTE, verdicts
from game.session.views import ratification_line
from tests.conftest import problems_of, shipped_scenarios
from tests.test_author_trial_messages import SCHEMA1


def test_every_shipped_joint_statement_is_signed_and_nothing_else() -> None:
    for path in shipped_scenarios():
        for form in load_scenario(path).forms:
            assert form.signed == (form.id == "joint_statement"), (path.name, form.id)


def test_the_words_follow_the_form_agreed() -> None:
    s = load_scenario(next(p for p in shipped_scenarios() if p.name == "narrow_deal_2020.yaml"))
    statement = next(i for i, f in enumerate(s.forms) if f.id == "joint_statement")
    treaty = next(i for i, f in enumerate(s.forms) if f.id == "treaty")
    base = tuple(0 for _ in s.baskets)
    assert verdicts(s, base + (statement,)) is SIGNATURE and verdicts(s, base + (treaty,)) is VOTE
    assert verdicts(s, None) is VOTE
    assert ratification_line((("russia", True), ("united_states", False)), SIGNATURE) == (
        "Russia signs; the United States declines to sign: the agreement does not enter into force.")
    assert ratification_line((("russia", True), ("united_states", False))) == (
        "Russia approves; the United States refuses: the agreement does not enter into force.")


def test_signed_needs_schema_2(tmp_path: Path) -> None:
    text = SCHEMA1.replace("    label: Leaders' joint statement\n", "    label: Leaders' joint statement\n    signed: true\n", 1)
    assert text != SCHEMA1
    problems = problems_of(tmp_path, text)
    assert any(p.endswith("forms[joint_statement].signed: signed needs schema_version 2 (this file says 1)")
               for p in problems), problems
