"""The debrief of a delegation that sat only at a definitions table (regression trial: the window's debrief
raised IndexError for the American experts of narrow_deal_2020_definitions, because the other side's offers
were read as packages of the official talks' baskets while they are rungs of the scope ladder)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.engine.actions import Accept, Offer
from game.engine.result import game_result
from game.scenario.loader import load_scenario
from game.session.diagnosis import diagnose, offer_trace
from game.session.game import GameSession, Moment
from game.ui.chart import offer_trace_figure
from game.ui.theme import PALETTES
from tests.conftest import SCENARIOS

DEFS = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")


def _played(tmp_path: Path, seed: int) -> tuple[GameSession, list[Moment]]:
    session = GameSession.new(DEFS, "us_experts", seed, "modeller", tmp_path / f"{seed}.jsonl")
    moments: list[Moment] = []
    while not session.over and session.state.to_move == "us_experts":
        state = session.state
        if state.standing is not None and state.standing.party != "us_experts" and state.round >= 2:
            session.submit(Accept("us_experts"))
        else:
            session.submit(Offer("us_experts", (0, 0)))          # the narrowest rung, again and again
        moments += session.take_moments()
    moments += session.take_moments()
    return session, moments


def test_the_experts_debrief_reads_the_scope_talks_in_their_own_terms(tmp_path: Path) -> None:
    session, moments = _played(tmp_path, 0)
    state = session.state
    trace = offer_trace((m.before, m.action, m.after) for m in moments)
    assert trace and all(len(t.outcome) == 2 for t in trace if t.phase == 0)      # (rung, terms)
    assert diagnose(state, game_result(state), "us_experts", trace)              # no IndexError, some text
    offer_trace_figure(state, trace, "us_experts", PALETTES["standard"], (992, 300))
    # the other side moving down the ladder is told in the ladder's words
    scope = DEFS.phases[0].scope
    assert scope is not None
    theirs = next(t for t in trace if t.party == "ru_experts")
    moved = (dataclasses.replace(theirs, outcome=(2, 0)), dataclasses.replace(theirs, round=theirs.round + 1,
                                                                            outcome=(1, 0)))
    mine = [t for t in trace if t.party == "us_experts"][:1]
    text = " ".join(diagnose(state, game_result(state), "us_experts", (*mine, *moved)))
    assert f"{scope.name} ({scope.rungs[2].label} → {scope.rungs[1].label})" in text
    session.close()
