"""The debrief says why a deal was refused at home in the model's own terms (rule 10), with what-if
figures from the counterfactual scenarios the claims use (newcomer trial of 2026-11-29: the 2017
debrief showed only numbers)."""

from __future__ import annotations

import numpy as np

from game.engine.counterfactual import fully_verified, never_dropped, with_trust
from game.engine.pact import pact_terms
from game.engine.result import GameResult, game_result
from game.engine.state import State
from game.engine.valuation import value_deal
from game.scenario.loader import load_scenario
from game.session.diagnosis import why_refused
from game.strategies.registry import make
from game.strategies.runner import play
from tests.conftest import SCENARIOS

SWEEPING = load_scenario(SCENARIOS / "ryabkov_2017.yaml")


def refused_game() -> tuple[State, GameResult]:
    """The first 2017 game (modeller against modeller) whose deal was refused at home."""
    for seed in range(40):
        state = play(SWEEPING, seed, {p.id: make("modeller") for p in SWEEPING.parties})
        result = game_result(state)
        if result.agreement is not None and not result.in_force:
            break
    else:
        raise AssertionError("no refused 2017 deal in 40 games")
    return state, result


def test_every_breach_seen_means_q_is_one_even_where_verification_is_capped() -> None:
    """The covert social-media basket caps what verification can see at 0.6: 'every breach seen' must lift
    the cap too (it did not, so the claims' ablation of (f) and (g) left that basket at 0.21)."""
    assert any(b.detection_cap < 1 for b in SWEEPING.baskets)
    parties = (SWEEPING.parties[0], SWEEPING.parties[1])
    for b, basket in enumerate(SWEEPING.baskets):
        assert np.all(pact_terms(fully_verified(SWEEPING), parties).q[:, b, :len(basket.options)] == 1.0)
    assert all(f.revocation == 0 for f in never_dropped(SWEEPING).forms)
    assert with_trust(SWEEPING, 1.0).compliance.trust == 1.0


def test_a_refused_deal_is_explained_with_its_value_in_force_and_what_would_change_it() -> None:
    state, result = refused_game()
    assert result.agreement is not None
    s = state.scenario
    seats = state.phase_def.parties
    refusing = next(p for principal, ok in state.entered or () if not ok for p in seats
                    if s.party(p).principal == principal)
    k = seats.index(refusing)
    pair = (s.party(seats[0]), s.party(seats[1]))
    said = why_refused(state, result)
    assert said is not None
    here = value_deal(s, pair, result.agreement)
    trusted = value_deal(fully_verified(with_trust(s, 1.0)), pair, result.agreement)
    durable = value_deal(never_dropped(s), pair, result.agreement)
    for v in (here, trusted, durable):
        assert f"{v.in_force[k]:.2f}, approved with a chance of {v.principal_entry(k):.0%}" in said
    assert f"against a bar of {s.party(refusing).domestic_threshold:.2f}" in said
    assert durable.in_force[k] > here.in_force[k]              # the form's durability is part of the story
    form = s.forms[result.agreement[-1]]
    bodies = form.entry[s.party(refusing).principal].veto_players(s.party(refusing).principal)
    for body in bodies:                               # "its usual chance" was given nowhere (newcomer trial)
        assert f"{body.approval:.0%}" in said.split("the chance this form gives it (", 1)[1].split(")")[0]
    if len(bodies) == 1:
        from game.cli.render import debrief
        assert "(its government as one body)" in debrief(state, result, refusing)


def test_a_deal_that_never_took_effect_explains_only_the_measures_it_shows() -> None:
    """Newcomer trial: with the 2017 deal refused at home, the legend still explained Honoured, Answered
    and Intact, which that debrief does not show; and the best frontier deal was a treaty given on paper
    only, right after the game had taught that approval at home matters."""
    from game.cli.render import debrief
    state, result = refused_game()
    text = debrief(state, result, "us")
    assert "  As kept:" in text and "  Intact:" not in text and "  Honoured by the other side:" not in text
    told = next(line for line in text.split("\n") if line.startswith(("Best deal for your government", "No package")))
    assert "expected" in told and "no red line crossed" in told or told.startswith("No package"), told
