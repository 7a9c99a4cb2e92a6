"""Newcomer trial, defect 11 (ryabkov round 1): "Worth 0.613 expected, 0.598 on paper" with nothing to say why
a deal is expected to be worth more than its terms: it may fail at home and leave no deal's value, higher."""

from __future__ import annotations

from game.cli import render
from game.engine.actions import Offer
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.views import paper_of, value_of
from game.session.worth import above_paper
from tests.conftest import SCENARIOS


def test_the_note_is_given_only_when_expected_exceeds_paper_as_printed() -> None:
    assert "may fail at home, leaving no deal's 0.620" in above_paper(0.613, 0.598, 0.62)
    assert above_paper(0.5, 0.7, 0.3) == "" and above_paper(0.6001, 0.6, 0.3) == ""
    other = above_paper(0.65, 0.6, 0.3)          # no deal below the terms: failing at home is not the reason
    assert other and "fail at home" not in other and "breaches would win back" in other


def test_the_terminal_explains_it_beside_the_figures() -> None:
    from tests.test_ui import OPEN
    session = GameSession.new(load_scenario(SCENARIOS / "ryabkov_2017.yaml"), "us", 1)
    OPEN.append(session)
    offer = next(m.action for m in session.moments if isinstance(m.action, Offer))
    state = session.state
    assert isinstance(offer, Offer)
    said = render.worth(state, "us", offer.outcome)
    above = round(value_of(state, "us", offer.outcome), 3) > round(paper_of(state, "us", offer.outcome), 3)
    assert above, said                                       # the trial's case: round 1's offer
    assert "may fail at home" in said and said.count("may fail at home") == 1, said
