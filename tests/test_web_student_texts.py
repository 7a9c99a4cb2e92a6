"""What the student page says after the Track 1.5 table and at the end of a game, from the session layer
(instructor trial of narrow_deal_2020_definitions and track15_trap): the card of a scope nobody agreed,
the debrief's sentence on the seat's own offers, the experts' debrief and who refused the agreement."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import pytest

from game.engine.actions import Accept, Offer, Perceive, RoundStart, Walk
from game.engine.record import new_deltas
from game.engine.result import game_result
from game.engine.rules import apply, new_game
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.diagnosis import TracePoint, diagnose
from game.session.effects import cards, unagreed
from game.session.views import scope_settled
from tests.conftest import SCENARIOS
from tests.webclient import make_class, served, until, wait_for

DEFS = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")


def at_definitions() -> State:
    """The definitions table, open, the American experts to move."""
    state = apply(new_game(DEFS), Perceive(tuple((p.id, ()) for p in DEFS.parties)))
    return apply(state, RoundStart(()))


def test_the_card_of_a_scope_nobody_agreed_says_that_the_default_applies() -> None:
    before = at_definitions()
    after = apply(before, Walk("us_experts"))
    scope = DEFS.phases[0].scope
    assert scope is not None and after.results[0].agreement is None
    default = scope.rungs[scope.rung_index(scope.default)].label
    for viewer in ("us", "ru", "us_experts", "ru_experts"):
        made = cards(after.scenario, new_deltas(before, after), viewer, failed=unagreed(after))
        assert [c.title for c in made] == [
            f"No scope was agreed in {DEFS.phases[0].name}: the default, '{default}', applies"], viewer
    # an agreed scope keeps its title
    offered = apply(before, Offer("us_experts", (1, 0)))
    accepted = apply(offered, Accept("ru_experts"))
    made = cards(accepted.scenario, new_deltas(offered, accepted), "us", failed=unagreed(accepted))
    assert [c.title for c in made] == [f"The scope agreed in {DEFS.phases[0].name} applies"]
    # the news line the terminal prints says the same
    assert scope_settled(after, 0, "us")[0].startswith("No definition agreed")


def _point(state: State, round_: int, perceived: float) -> TracePoint:
    return TracePoint(1, round_, "us", (0,) * (len(state.scenario.baskets) + 1), ("us", "ru"), (perceived, 0.5),
                      perceived)


def test_the_debrief_says_what_the_offers_asked_and_calls_it_conceding_only_when_the_asks_fell() -> None:
    """Instructor trial: 'You never conceded: each of your offers asked 0.35 for your government' after an
    opening offer across a red line (worth no deal, 0.35) and a second one worth 0.404."""
    state = at_definitions()
    state = apply(state, Walk("us_experts"))                        # the official talks, as the trial's
    result = game_result(state)

    def said(*asks: float) -> str:
        trace = tuple(_point(state, i, a) for i, a in enumerate(asks))
        return diagnose(state, result, "us", trace)[0]
    rose = said(0.35, 0.404)
    assert "each of your offers asked 0.35" not in rose and "0.35 → 0.40" in rose and "conceded" not in rose.replace(
        "never conceded", "")
    assert rose.startswith("Your asks rose and never fell")       # newcomer trial: not "never lowered" alone
    same = said(0.62, 0.62, 0.621)
    assert same == "You never conceded: each of your offers asked 0.62 for your government."
    fell = said(0.70, 0.66, 0.68, 0.60)
    assert "0.70 → 0.66 → 0.68 → 0.60" in fell and "largest concession came in round 4 (0.680 → 0.600)" in fell
    # the offers of another table (a seat at both tables) are not compared with these
    other = dataclasses.replace(_point(state, 0, 0.9), phase=0)
    both = diagnose(state, result, "us", (other, _point(state, 0, 0.5), _point(state, 1, 0.5)))[0]
    assert both == "You never conceded: each of your offers asked 0.50 for your government."


def _campaign(tmp_path: Path, name: str, walk: bool) -> dict[str, dict[str, Any]]:
    """Every seat of a one-table class of ``name`` joined; the first table's first mover walks away (``walk``)
    or offers, and each later move accepts the offer on the table or offers the locked options; then the
    instructor ends the talks. Returns each seat's last snapshot."""
    root = make_class(tmp_path, tables=1, scenario=SCENARIOS / f"{name}.yaml")
    with served(root) as s:
        roles = s.classroom.session.roles
        cookies = {role: s.join(f"Student {role}", 1, role) for role in roles}
        s.login()
        assert s.act("start").status_code == 200
        tg = s.classroom.tables[1]
        for moves in range(100):
            if tg.game is None:
                break
            role = tg.game.to_move
            if role is None:                                 # chance is running after the last move
                time.sleep(0.02)
                continue
            state = tg.state
            if walk and state.phase == 0:
                message: dict[str, Any] = {"action": "walk"}
            elif state.standing is not None and state.standing.party != role:
                message = {"action": "accept"}
            else:
                message = {"action": "offer", "outcome": [max(lock, 0) for lock in state.locks]}
            with s.client.websocket_connect("/ws/seat", headers=cookies[role]) as ws:
                until(ws, "state")
                ws.send_text(json.dumps({"type": "move", "id": moves, **message}))
                assert until(ws, "ack")["ref"] == moves
        wait_for(lambda: tg.game is None and bool(tg.result), "the end of the game")
        assert s.act("end").status_code == 200
        return {role: s.server.hub.seat_snapshot(1, role) for role in roles}


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each seat's snapshot after a definitions class whose experts walked away (seed 2: the US refuses the deal)."""
    return _campaign(tmp_path_factory.mktemp("walked"), "narrow_deal_2020_definitions", walk=True)


def test_the_experts_debrief_tells_what_their_table_did(walked: dict[str, dict[str, Any]]) -> None:
    """Instructor trial: the experts' debrief was 'Your score ... 0.374' alone, nothing of their table."""
    scope = DEFS.phases[0].scope
    assert scope is not None
    default = scope.rungs[scope.rung_index(scope.default)].label
    for role, snap in walked.items():
        said = snap["debrief"]["sentences"]
        who = "you" if role == "us_experts" else "American experts' group (Track 1.5)"
        assert said[0] == f"{DEFS.phases[0].name}: no deal ({who} walked away) in round 1; scope: '{default}' (the default).", role
        assert said[1].startswith(DEFS.phases[1].name + ": agreement")
    government = {"us_experts": "the United States", "ru_experts": "Russia"}
    for role in government:                                  # the experts' score is their government's: told how
        assert any(f"so {government[role]} keeps" in x for x in walked[role]["debrief"]["sentences"]), role


def test_the_aftermath_says_who_refused_the_agreement(walked: dict[str, dict[str, Any]]) -> None:
    """Instructor trial: 'The agreement did not enter into force.' without saying who refused it."""
    for role, snap in walked.items():
        after = snap["aftermath"]
        assert not after["in_force"] and after["refusal"] == "the United States refused it", role
        said = snap["debrief"]["sentences"]
        if role in ("us", "ru"):                             # the debrief names the same
            assert any(x.startswith("The deal never entered into force: the United States refused it") for x in said)


def test_the_trap_sentence_goes_to_the_seats_of_the_plans_government_alone(tmp_path: Path) -> None:
    seats = _campaign(tmp_path, "track15_trap", walk=False)
    trap = [x for x in seats["us_experts"]["debrief"]["sentences"] if x.startswith("Former US officials and scholars felt")]
    assert len(trap) == 1 and "which had no seat at 'Track 1.5 meeting in New York'" in trap[0]
    assert trap[0] in seats["us"]["debrief"]["sentences"]
    assert not any("felt they won" in x for x in seats["ru"]["debrief"]["sentences"])    # Russia's seat: not its figures
    assert seats["us_experts"]["debrief"]["sentences"][0].startswith("Track 1.5 meeting in New York: agreement")


def test_the_debrief_names_a_final_offer_that_was_changed() -> None:
    """Instructor trial: "You never conceded: each of your offers asked 0.51" to a student who changed an offer
    after calling it final: the sentence says the word was broken."""
    state = at_definitions()
    state = apply(state, Walk("us_experts"))
    result = game_result(state)
    n = len(state.scenario.baskets) + 1
    kept = dataclasses.replace(_point(state, 0, 0.51), move=3, final=True)
    changed = dataclasses.replace(_point(state, 1, 0.51), move=5, outcome=(1,) + (0,) * (n - 1))
    said = diagnose(state, result, "us", (kept, changed))[0]
    assert said.startswith("Your offers changed terms but each asked 0.51") and "final" in said, said
    assert "called your offer of round 1 final and changed it in round 2" in said, said
    same = dataclasses.replace(changed, outcome=kept.outcome)                # the final offer made again: no word broken
    assert "final" not in diagnose(state, result, "us", (kept, same))[0]
