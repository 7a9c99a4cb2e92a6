"""Event cards tell a weight in the brief's terms, as its share of the government's basket weights
(newcomer trial h4, ryabkov_2017 as Russia: the card said 'weight on Government grants to NGOs:
0.24 → 0.29' while the brief, after the event, said 26%, that is 0.29 of weights adding to 1.10)."""

from __future__ import annotations

import dataclasses

from game.engine.state import Delta
from game.model.scenario import Scenario, frozen_map
from game.scenario.loader import load_scenario
from game.session.effects import cards
from game.session.brief import brief_facts
from tests.conftest import SCENARIOS

SWEEPING = SCENARIOS / "ryabkov_2017.yaml"


def moved(scenario: Scenario, party: str, changes: dict[str, float]) -> Scenario:
    """``scenario`` with ``party``'s weights raised by ``changes``."""
    parties = tuple(dataclasses.replace(p, weights=frozen_map({b: w + changes.get(b, 0.0) for b, w in p.weights.items()}))
                    if p.id == party else p for p in scenario.parties)
    return dataclasses.replace(scenario, parties=parties)


def share_in_brief(scenario: Scenario, side: str, basket: str) -> str:
    name = scenario.basket(basket).name
    return f"{next(p.weight for p in brief_facts(scenario, side).priorities if p.basket == name):.0%}"


def test_a_card_gives_each_weight_as_the_brief_gives_it_before_and_after() -> None:
    before = load_scenario(SWEEPING)
    grants, verdicts = before.party("ru").weights["ngo_funding"], before.party("ru").weights["election_verdicts"]
    after = moved(before, "ru", {"ngo_funding": 0.05, "election_verdicts": 0.05})
    deltas = (Delta("ngo_list", "ru.weights.ngo_funding", grants, grants + 0.05, 1, 0),
              Delta("ngo_list", "ru.weights.election_verdicts", verdicts, verdicts + 0.05, 1, 0))
    [card] = cards(after, deltas, "ru", failed=frozenset())
    for line, basket in zip(card.lines, ("ngo_funding", "election_verdicts")):
        name = before.basket(basket).name
        assert line.text == (f"Your government's weight on {name}: {share_in_brief(before, 'ru', basket)} → "
                             f"{share_in_brief(after, 'ru', basket)} of the terms' value"), line.text
    assert card.lines[0].text.endswith(": 24% → 26% of the terms' value")        # 0.24 of 1.00, 0.29 of 1.10
    [theirs] = cards(after, deltas[:1], "us", failed=frozenset())
    assert theirs.lines[0].text.endswith("rises (their figures are confidential)")


def test_the_share_of_the_form_is_told_as_a_share() -> None:
    scenario = load_scenario(SWEEPING)
    [card] = cards(scenario, (Delta("e", "ru.form_weight", 0.1, 0.15, 1, 0),), "ru", failed=frozenset())
    assert card.lines[0].text == "Your government's weight on the agreement form: 10% → 15% of a deal's value"
