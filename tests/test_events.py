"""Events an author can time (issue 12, item 1): ``once``, ``at_round`` and ``when`` conditions fire
exactly when they should, every effect is recorded before -> after, the deltas go into the move log
and replay, and games of scenarios without these keys are exactly as before."""

from __future__ import annotations

import dataclasses

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from game.engine.actions import Accept, Offer, RoundStart, Walk
from game.engine.chance import Schedule, sample
from game.engine.record import replay
from game.engine.rules import IllegalMoveError, apply, new_game
from game.engine.state import Stage, State
from game.errors import ScenarioError
from game.model.scenario import Effect, Scenario
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.movelog import read_log, restore
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"
TRAP = SCENARIOS / "track15_trap.yaml"
LOW = (0, 0, 0, 0, 0, 0, 0)          # the narrow deal: every basket at "No commitment", the first form
HIGH = (2, 2, 2, 2, 2, 2, 0)         # a stronger rung everywhere


def with_events(tmp_path: Path, events: list[dict[str, Any]], source: Path = NARROW) -> Scenario:
    """The shipped scenario ``source`` with its events replaced by ``events``, loaded from a file (so
    the schema, the cross-reference checks and the conversion all run)."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["events"] = events
    path = tmp_path / f"{source.stem}_events.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_scenario(path)


def event(ident: str, **keys: Any) -> dict[str, Any]:
    return {"id": ident, "text": f"Event {ident}.", "probability": 1.0,
            "effects": [{"parameter": "us.reservation", "add": 0.01}], **keys}


def run(scenario: Scenario, rounds: int, us: tuple[int, ...] = LOW, ru: tuple[int, ...] = LOW, seed: int = 0,
        schedule: Schedule = ()) -> State:
    """Chance from the seed; in each round the US offers ``us`` and Russia ``ru``, for ``rounds`` rounds."""
    rng = np.random.default_rng(seed)
    state = new_game(scenario)
    while state.stage is not Stage.OVER and state.round < rounds:
        if state.is_chance:
            state = apply(state, sample(state, rng, schedule))
        else:
            party = state.to_move
            assert party is not None
            state = apply(state, Offer(party, us if party == "us" else ru))
    return state


def fired_rounds(state: State, ident: str) -> list[int]:
    """The 1-based rounds in which ``ident`` fired."""
    return [r + 1 for _, r, e in state.fired if e == ident]


def test_once_fires_at_most_once_and_the_rules_refuse_a_second_firing(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [event("every_round"), event("only_once", once=True)])
    state = run(scenario, 5)
    assert fired_rounds(state, "every_round") == [1, 2, 3, 4, 5]
    assert fired_rounds(state, "only_once") == [1]
    at_start = run(scenario, 1)
    while at_start.stage is not Stage.ROUND_START:
        party = at_start.to_move
        assert party is not None
        at_start = apply(at_start, Offer(party, LOW))
    with pytest.raises(IllegalMoveError, match="fires once"):
        apply(at_start, RoundStart(("only_once",)))


def test_at_round_fires_in_that_round_only(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [event("election_day", at_round=3), event("never", at_round=40)])
    state = run(scenario, 6)
    assert fired_rounds(state, "election_day") == [3]
    assert fired_rounds(state, "never") == []


def test_round_window(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [event("late", when={"round_at_least": 4}),
                                      event("early", when={"round_at_most": 2}),
                                      event("middle", once=True, when={"round_at_least": 3, "round_at_most": 5})])
    state = run(scenario, 7)
    assert fired_rounds(state, "late") == [4, 5, 6, 7]
    assert fired_rounds(state, "early") == [1, 2]
    assert fired_rounds(state, "middle") == [3]


def test_offer_at_least_reads_the_standing_offer(tmp_path: Path) -> None:
    rung = {"basket": "hack_and_leak", "option": "pledge"}          # rung 3 of 5 (index 2)
    scenario = with_events(tmp_path, [event("any_side", when={"offer_at_least": rung}),
                                      event("by_russia", when={"offer_at_least": {**rung, "party": "ru"}}),
                                      event("higher", when={"offer_at_least": {**rung, "option": "pledge_verify"}})])
    # the US moves first, Russia second: Russia's offer stands as each round after the first opens
    low = run(scenario, 4, us=HIGH, ru=LOW)
    assert fired_rounds(low, "any_side") == [] and fired_rounds(low, "by_russia") == []
    high = run(scenario, 4, us=LOW, ru=HIGH)
    assert fired_rounds(high, "any_side") == [2, 3, 4] == fired_rounds(high, "by_russia")
    assert fired_rounds(high, "higher") == []           # rung 3 is below "Pledge + joint review"


def test_offer_at_least_with_a_party_reads_that_partys_latest_offer(tmp_path: Path) -> None:
    """The first mover's offer never stands as a round opens (the second mover's answer does), so a
    condition naming the first mover reads its latest offer in the phase (author trial: it never fired)."""
    rung = {"basket": "hack_and_leak", "option": "pledge"}
    scenario = with_events(tmp_path, [event("by_us", when={"offer_at_least": {**rung, "party": "us"}}),
                                      event("by_russia", when={"offer_at_least": {**rung, "party": "ru"}})])
    high_us = run(scenario, 4, us=HIGH, ru=LOW)
    assert fired_rounds(high_us, "by_us") == [2, 3, 4]
    assert fired_rounds(high_us, "by_russia") == []
    assert fired_rounds(run(scenario, 4, us=LOW, ru=HIGH), "by_us") == []


def test_after_event_chains_events(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [event("second", once=True, when={"after_event": "first"}),
                                      event("first", at_round=3)])
    state = run(scenario, 6)
    assert fired_rounds(state, "first") == [3]
    assert fired_rounds(state, "second") == [4]     # the events of one round fire together: the next round


def play_first_phase(scenario: Scenario, end: str) -> State:
    """The Track 1.5 phase ended by a walk-out of the experts or by Russia accepting their plan."""
    rng = np.random.default_rng(3)
    state = new_game(scenario)
    while state.phase == 0:
        if state.is_chance:
            state = apply(state, sample(state, rng))
        elif end == "walk" and state.to_move == "us_experts":
            state = apply(state, Walk("us_experts"))
        elif state.standing is not None and state.to_move == "ru":
            state = apply(state, Accept("ru"))
        else:
            party = state.to_move
            assert party is not None
            state = apply(state, Offer(party, (0,) * len(state.locks)))
    return apply(state, sample(state, rng))          # the official talks' first round opens


@pytest.mark.parametrize("end", ["walk", "accept"])
def test_walked_away_and_agreed_in_read_earlier_phases(tmp_path: Path, end: str) -> None:
    scenario = with_events(tmp_path, [event("walkout_news", phases=["official_talks"],
                                            when={"walked_away": "us_experts"}),
                                      event("plan_news", phases=["official_talks"], when={"agreed_in": "track15"})],
                           source=TRAP)
    state = play_first_phase(scenario, end)
    assert state.phase == 1
    assert fired_rounds(state, "walkout_news") == ([1] if end == "walk" else [])
    assert fired_rounds(state, "plan_news") == ([1] if end == "accept" else [])


def test_an_instructors_schedule_overrides_timing_but_not_once(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [{**event("rare", once=True, at_round=9), "probability": 0.0}])
    state = run(scenario, 6, schedule=(("rare", 2), ("rare", 4)))
    assert fired_rounds(state, "rare") == [2]


def test_every_effect_is_recorded_before_and_after(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [{**event("scandal", at_round=2), "effects": [
        {"parameter": "us.reservation", "add": 0.1}, {"parameter": "us.weights.hack_and_leak", "add": 0.05},
        {"parameter": "baskets.hack_and_leak.detection", "multiply": 0.5}, {"parameter": "protocol.rounds", "add": 2},
        {"parameter": "us.reservation", "set": 1.0}]}])
    state = run(scenario, 3)
    deltas = [d for d in state.deltas if d.source == "scandal"]
    us = load_scenario(NARROW).party("us")
    assert [(d.parameter, d.round, d.phase) for d in deltas[:2]] == [("us.reservation", 1, 0),
                                                                     ("us.weights.hack_and_leak", 1, 0)]
    assert deltas[0].before == us.reservation and deltas[0].after == pytest.approx(us.reservation + 0.1)
    assert deltas[1].after == pytest.approx(us.weights["hack_and_leak"] + 0.05)
    detection = [d for d in deltas if d.parameter.startswith("baskets.hack_and_leak.options.")]
    assert len(detection) == 5 and all(d.after == pytest.approx(d.before / 2) for d in detection)
    assert detection[0].parameter == "baskets.hack_and_leak.options.none.detection"
    rounds = next(d for d in deltas if d.parameter == "protocol.rounds")
    assert (rounds.before, rounds.after) == (10, 12) and state.protocol.rounds == 12
    assert deltas[-1].before == deltas[0].after and deltas[-1].after == 1.0
    assert state.scenario.party("us").reservation == 1.0


def test_phase_effects_and_the_plans_anchoring_are_recorded(tmp_path: Path) -> None:
    scenario = with_events(tmp_path, [], source=TRAP)
    official = dataclasses.replace(scenario.phases[1], effects=(Effect("us.domestic_threshold", "add", 0.05),))
    scenario = dataclasses.replace(scenario, phases=(scenario.phases[0], official))
    state = play_first_phase(scenario, "accept")
    sources = {d.source for d in state.deltas}
    assert sources == {"phase:official_talks", "anchor:official_talks"}
    anchored = [d for d in state.deltas if d.source == "anchor:official_talks"]
    assert {d.parameter for d in anchored} == {"us.domestic_threshold", "ru.domestic_threshold"}
    for d in anchored:
        assert state.scenario.party(d.parameter.split(".")[0]).domestic_threshold == d.after


def test_default_events_draw_the_same_stream(tmp_path: Path) -> None:
    """Conditions never change what the generator draws: an event that cannot fire still takes its draw, so
    the events after it fire exactly as they would without the conditions."""
    plain = with_events(tmp_path, [{**event("a"), "probability": 0.5}, {**event("b"), "probability": 0.5}])
    timed = with_events(tmp_path, [{**event("a", at_round=99), "probability": 0.5},
                                   {**event("b"), "probability": 0.5}])
    assert fired_rounds(run(plain, 8, seed=4), "b") == fired_rounds(run(timed, 8, seed=4), "b") != []


def test_deltas_are_in_the_move_log_and_replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    scenario = with_events(tmp_path, [event("scandal", at_round=2)])
    log = tmp_path / "game.jsonl"
    session = GameSession.new(scenario, "us", 5, log_path=log)
    while not session.over and session.state.round < 3:
        session.submit(Offer("us", HIGH))
    session.close()
    contents = read_log(log)
    assert contents.header["deltas"] == 1 and contents.deltas is not None
    records = [json.loads(line) for line in log.read_text().splitlines()]
    logged = [r for r in records if r["type"] == "action" and r.get("deltas")]
    assert len(logged) == 1 and logged[0]["action"] == {"kind": "round_start", "events": ["scandal"]}
    assert logged[0]["deltas"][0]["parameter"] == "us.reservation"
    state = restore(log)[2]
    assert state.deltas == session.state.deltas
    edited = [dict(r) for r in records]          # a log whose deltas were edited diverges at that line
    index = records.index(logged[0])
    edited[index] = {**logged[0], "deltas": [{**logged[0]["deltas"][0], "after": 0.99}]}
    bad = tmp_path / "edited.jsonl"
    bad.write_text("".join(json.dumps(r) + "\n" for r in edited))
    with pytest.raises(Exception, match=rf"{bad.name}:{index + 1}: diverges: the effects logged"):
        restore(bad)
    old = tmp_path / "old.jsonl"                 # a log from before deltas: no header key, no deltas
    old.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "deltas"}) + "\n" for r in records))
    assert read_log(old).deltas is None
    assert restore(old)[2].deltas == session.state.deltas
    assert replay(scenario, 5, contents.actions)[0].deltas == session.state.deltas


@pytest.mark.parametrize("when,message", [
    ({"offer_at_least": {"basket": "hack_and_lek", "option": "pledge"}}, "unknown basket 'hack_and_lek'; did you mean 'hack_and_leak'?"),
    ({"offer_at_least": {"basket": "hack_and_leak", "option": "pledg"}}, "unknown option 'pledg' of basket 'hack_and_leak'"),
    ({"walked_away": "rus"}, "unknown party 'rus'"),
    ({"after_event": "nothing"}, "unknown event 'nothing'"),
    ({"agreed_in": "track15"}, "unknown phase 'track15'; this scenario has no phases"),
    ({"round_at_least": 5, "round_at_most": 2}, "could never fire"),
    ({"trust_below": 1.5}, "trust_below"),
])
def test_conditions_are_a_closed_list_checked_at_their_line(tmp_path: Path, when: dict[str, Any], message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        with_events(tmp_path, [event("bad", when=when)])
    assert message in str(info.value) and "events[bad].when" in str(info.value)
    assert re.search(r"_events\.yaml:\d+:\d+: events\[bad\]\.when", str(info.value))   # file:line:col first


@pytest.mark.parametrize("at_round,when,message", [
    (3, {"round_at_most": 2}, "at_round 3 is after round_at_most 2 of its when: the event could never fire; "
                              "expected 1 to 2"),
    (1, {"round_at_least": 2}, "at_round 1 is before round_at_least 2 of its when: the event could never fire; "
                               "expected 2 or later"),
    (5, {"round_at_least": 2, "round_at_most": 4}, "at_round 5 is after round_at_most 4 of its when: the event "
                                                   "could never fire; expected 2 to 4"),
])
def test_an_at_round_outside_the_when_window_is_refused(tmp_path: Path, at_round: int, when: dict[str, Any],
                                                         message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        with_events(tmp_path, [event("bad", at_round=at_round, when=when)])
    [problem] = info.value.problems
    assert problem.message == f"events[bad].at_round: {message}"


def test_an_at_round_inside_the_when_window_and_an_empty_window_refused_once(tmp_path: Path) -> None:
    assert with_events(tmp_path, [event("ok", at_round=2, when={"round_at_least": 2, "round_at_most": 2})])
    with pytest.raises(ScenarioError) as info:
        with_events(tmp_path, [event("bad", at_round=3, when={"round_at_least": 5, "round_at_most": 2})])
    assert [p.message for p in info.value.problems] == [
        "events[bad].when: round_at_least 5 is after round_at_most 2: the event could never fire"]


def test_lint_warns_of_an_event_due_after_the_deadline(tmp_path: Path) -> None:
    from game.authoring.lint import lint_file
    scenario = with_events(tmp_path, [event("late", at_round=11), event("due", at_round=10)])
    warnings = [w for w in lint_file(Path(scenario.path)) if "event-never-fires" in str(w)]
    assert len(warnings) == 1 and "'late' is due in round 11, but its talks last 10 rounds" in str(warnings[0])


def test_the_headline_names_every_event_of_its_round_and_a_short_form_counts_them(tmp_path: Path) -> None:
    """Two events in one round (window trial: the headline named only the last): the full line names both in
    the order they fired; the short line, for a narrow window, names the last and counts the other."""
    from game.session.effects import headlines
    session = GameSession.new(load_scenario(NARROW), "us", 5, "boulware",
                              schedule=(("hack_and_leak_scandal", 2), ("new_sanctions", 2)),
                              log_path=tmp_path / "g.jsonl")
    try:
        while session.state.round < 2 and not session.over:
            tables = session.state.tables
            assert tables is not None
            session.submit(Offer("us", tables.problem.outcome_at(int(tables.of("us").order[0]))))
        fired = [e for _, r, e in session.state.fired if r == 1]
        assert fired == ["hack_and_leak_scandal", "new_sanctions"], session.state.fired
        full, short, shortest = headlines(session.state)
        scandal = "A new hack-and-leak operation is traced to a state agency; Congress demands a harder line."
        sanctions = "A new sanctions package passes; Moscow's alternatives to a deal look worse."
        assert session.state.round == 2        # round 3: the events are round 2's (player trial: read as round 3's)
        assert full == f"Last events (round 2): {scandal} {sanctions}"
        assert short == f"Last event (round 2): {sanctions} (and 1 more event that round: see the log)"
        assert shortest == "Last events: 2 in round 2 (see their cards and the log)."
    finally:
        session.close()
