"""Newcomer trial: a joint statement was described as "No vote, only each leader's signature", yet it has an
approval chance (50%) and a capital can refuse it. Every shipped form that no body votes on says that its
leader may decline to sign."""

from __future__ import annotations

from game.scenario.loader import load_scenario
from tests.conftest import shipped_scenarios


def test_a_form_without_a_vote_says_its_leader_may_decline() -> None:
    seen = 0
    for path in shipped_scenarios():
        for form in load_scenario(path).forms:
            if "no vote" in form.description.lower():
                seen += 1
                assert "declin" in form.description and "only each leader's signature" not in form.description, \
                    (path.name, form.id, form.description)
    assert seen
