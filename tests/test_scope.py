"""Definitions phases (docs/model.md, "Definitions", rules D1-D4; game/engine/scope.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.cli.app import main
from game.engine.actions import Accept, Offer, Perceive, RoundStart, Walk
from game.engine.chance import sample
from game.engine.record import new_deltas
from game.engine.rules import IllegalMoveError, apply, new_game
from game.engine.scope import apply_scope, scope_scenario
from game.engine.state import Stage, State
from game.scenario.loader import ScenarioError, load_scenario
from game.strategies.registry import STRATEGIES, make
from game.strategies.runner import play
from tests.conftest import ROOT, SCENARIOS

PATH = SCENARIOS / "narrow_deal_2020_definitions.yaml"
DEFS = load_scenario(PATH)
NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
BASKETS = [b.id for b in DEFS.baskets]


def at_definitions() -> State:
    state = apply(new_game(DEFS), Perceive(tuple((p.id, ()) for p in DEFS.parties)))
    return apply(state, RoundStart(()))


def settle(rung: int | None) -> State:
    """The state as the official talks open, after the experts agreed ``rung`` (None: walked away)."""
    state = at_definitions()
    if rung is None:
        return apply(state, Walk("us_experts"))
    state = apply(state, Offer("us_experts", (rung, 0)))
    return apply(state, Accept("ru_experts"))


def test_d1_the_definitions_phase_is_bargained_over_the_scope_ladder_alone() -> None:
    state = at_definitions()
    assert state.phase_def.id == "track15_definitions" and state.held is not None
    assert [b.id for b in state.scenario.baskets] == ["scope"] and len(state.scenario.forms) == 1
    assert state.tables is not None and state.tables.problem.shape == (3, 1)
    assert state.scenario.events == () and state.locks == (-1, -1)
    # each rung's expected value is its declared value; no deal is worth the default rung
    scope = DEFS.phases[0].scope
    assert scope is not None                      # the definitions phase bargains over a scope ladder
    values = scope.values
    for pid in ("us_experts", "ru_experts"):
        table = state.tables.of(pid)
        declared = [values[pid][r] for r in ("state_agencies", "plus_state_media", "all_cyber")]
        assert np.allclose(table.expected, declared, atol=1e-6)
        assert state.scenario.party(pid).reservation == values[pid]["all_cyber"]
    with pytest.raises(IllegalMoveError, match="rule 5"):
        apply(state, Offer("us_experts", (1, 2, 3, 0, 0, 0, 0)))


def test_d2_d3_the_agreed_scope_sets_the_next_phases_parameters() -> None:
    state = settle(1)                                                    # plus state-funded media
    assert state.phase_def.id == "official_talks" and state.held is None and state.stage is Stage.ROUND_START
    s = state.scenario
    assert [b.id for b in s.baskets] == BASKETS                          # the full scenario is back
    assert not s.basket("critical_infrastructure").in_scope
    assert all(s.basket(b).in_scope for b in BASKETS if b != "critical_infrastructure")
    ci = BASKETS.index("critical_infrastructure")
    assert state.locks == tuple(0 if i == ci else -1 for i in range(len(BASKETS) + 1))
    for b in BASKETS:
        filed = DEFS.basket(b).false_accusation
        expected = filed if b == "critical_infrastructure" else 1 - (1 - filed) * 0.98
        assert s.basket(b).false_accusation == pytest.approx(expected)
    # the AI's tables and the analytics count only the first rung of a basket left out
    assert state.tables is not None
    digits = np.unravel_index(state.tables.of("us").order, state.tables.problem.shape)
    assert (digits[ci] == 0).all()
    assert state.tables.problem.allowed[ci].tolist() == [True, False, False, False, False]
    # an offer may not commit the basket the scope left out
    state = apply(state, RoundStart(()))
    with pytest.raises(IllegalMoveError, match="locked"):
        apply(state, Offer("us", (3, 3, 3, 3, 3, 3, 0)))
    apply(state, Offer("us", (3, 3, 0, 3, 3, 3, 0)))


def test_d2_the_narrow_rung_without_disputes_leaves_the_covered_baskets_as_written() -> None:
    state = settle(0)
    s = state.scenario
    left_out = {b for b in BASKETS if not s.basket(b).in_scope}
    assert left_out == {"critical_infrastructure", "state_media"}
    assert all(s.basket(b).false_accusation == NARROW.basket(b).false_accusation for b in BASKETS)


def test_d1_no_agreement_applies_the_default_rung() -> None:
    state = settle(None)
    assert state.results[0].agreement is None and state.results[0].ended_by == "walked:us_experts"
    s = state.scenario
    assert all(s.basket(b).in_scope for b in BASKETS)                   # all_cyber covers every basket
    for b in BASKETS:                                                    # rule D3: 1 - (1 - file's)(1 - 0.05)
        assert s.basket(b).false_accusation == pytest.approx(1 - (1 - DEFS.basket(b).false_accusation) * 0.95)
    assert all(lock == -1 for lock in state.locks)


def test_d4_every_change_is_a_recorded_delta() -> None:
    before = apply(at_definitions(), Offer("us_experts", (1, 0)))
    after = apply(before, Accept("ru_experts"))
    deltas = new_deltas(before, after)
    assert {d.source for d in deltas} == {"scope:track15_definitions"}
    by_name = {d.parameter: d for d in deltas}
    left_out = by_name["baskets.critical_infrastructure.scope"]
    assert (left_out.before, left_out.after) == (1.0, 0.0)
    fa = by_name["baskets.state_media.false_accusation"]
    filed = DEFS.basket("state_media").false_accusation                 # the file's own rate, then rule D3
    assert (fa.before, fa.after, fa.phase, fa.round) == (filed, pytest.approx(1 - (1 - filed) * 0.98), 1, 0)
    assert len(deltas) == 6                                              # one left out, five disputed


def test_apply_scope_is_the_identity_on_values_it_does_not_name() -> None:
    full, deltas, locks = apply_scope(DEFS, DEFS.phases[0], (2, 0), 1)
    assert [b.in_scope for b in full.baskets] == [True] * len(BASKETS) and locks == (-1,) * (len(BASKETS) + 1)
    assert full.parties == DEFS.parties and full.forms == DEFS.forms
    assert len(deltas) == len(BASKETS)
    small = scope_scenario(DEFS, DEFS.phases[0])
    assert small.phases == DEFS.phases and small.stakeholders == ()


def test_events_never_fire_in_a_definitions_phase_and_the_stream_is_the_seeds() -> None:
    state = apply(new_game(DEFS), sample(new_game(DEFS), np.random.default_rng(1)))
    assert sample(state, np.random.default_rng(2)) == RoundStart(())


@pytest.mark.parametrize("ai", sorted(STRATEGIES))
def test_every_ai_plays_the_scenario_to_the_end(ai: str) -> None:
    for seed in (1, 2):
        final = play(DEFS, seed, {p.id: make(ai) for p in DEFS.parties})
        assert final.stage is Stage.OVER and len(final.results) >= 1
        assert final.results[0].phase == "track15_definitions"
        if len(final.results) == 2 and final.results[1].agreement is not None:
            deal = final.results[1].agreement
            for i, basket in enumerate(final.scenario.baskets):
                assert basket.in_scope or deal[i] == 0


def test_simulate_reports_the_agreed_scope(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(PATH), "--games", "3", "--json"]) == 0
    games = json.loads(capsys.readouterr().out)["games"]
    for game in games:
        first = game["phases"][0]
        assert first["phase"] == "track15_definitions"
        assert first["agreement"] is None or set(first["agreement"]) == {"scope"}


def test_the_terminal_plays_both_tables_to_the_end_and_the_log_replays(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    for side, script in (("us_experts", "show\noffer\noffer\naccept\ny\n" + "accept\ny\n" * 6 + "walk\ny\n"),
                         ("us", "show\nbest\nset 3 4\n" + "offer\n" * 11 + "accept\ny\nwalk\ny\n")):
        log = tmp_path / f"{side}.jsonl"
        result = subprocess.run([sys.executable, "main.py", "play", str(PATH), "--side", side, "--seed", "3",
                                 "--log", str(log)], input=script, capture_output=True, text=True, cwd=ROOT,
                                env=env, timeout=180)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "DEBRIEF" in out and "Traceback" not in out + result.stderr
        assert "The definition agreed" in out or "No definition agreed" in out
        lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
        assert any(d["source"] == "scope:track15_definitions"
                   for x in lines if x["type"] == "action" for d in x.get("deltas", ()))
        assert main(["replay", str(log)]) == 0
        assert capsys.readouterr().out.startswith("hash: ")
        if side == "us":
            assert "basket 3 is locked" in out                         # critical infrastructure, out of scope


def write(tmp_path: Path, old: str, new: str) -> Path:
    text = PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ("      default: all_cyber", "      default: everything", "unknown rung 'everything'"),
    ("          baskets: [hack_and_leak, election_infrastructure, political_financing, channels, state_media]\n",
     "          baskets: [hack_and_leak, election_infrastructure, channels, state_media]\n",
     "'political_financing' missing"),
    ("          disputes: 0.05", "          disputes: 0.01", "disputed no less"),
    ("        ru_experts: {state_agencies: 0.2, plus_state_media: 1.0, all_cyber: 0.6}",
     "        ru_experts: {state_agencies: 0.2, plus_state_media: 1.0}", "no value for rung 'all_cyber'"),
    ("    phases: [official_talks]\n    effects:\n      - {parameter: ru.reservation",
     "    phases: [track15_definitions]\n    effects:\n      - {parameter: ru.reservation", "is a definitions phase"),
    ("    anchoring: 0.0\n    scope:", "    anchoring: 0.0\n    publishes: true\n    scope:", "publishes no plan"),
])
def test_validate_refuses_a_broken_scope(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        load_scenario(write(tmp_path, old, new))


def test_a_definitions_phase_cannot_be_the_last(tmp_path: Path) -> None:
    text = PATH.read_text(encoding="utf-8")
    start = text.index("  - id: official_talks\n")
    end = text.index("# ---------------------------------------------------------------- events")
    body = text[:start] + "\n" + text[end:]
    body = body.replace("    phases: [official_talks]\n", "")
    path = tmp_path / "last.yaml"
    path.write_text(body.replace("parties: [us_experts, ru_experts]", "parties: [us, ru]", 1)
                    .replace("first_mover: us_experts", "first_mover: us", 1), encoding="utf-8")
    with pytest.raises(ScenarioError, match="cannot be the last phase"):
        load_scenario(path)


def test_a_classroom_table_enters_the_agreed_scope_then_the_deal(tmp_path: Path) -> None:
    from game.classroom.folder import SessionError, create_session
    from game.classroom.play import enter_deal, parse_entry
    made = create_session(PATH, 1, tmp_path / "s", seed=3)
    with pytest.raises(SessionError, match="has options 1 to 3"):
        parse_entry(made, ["4,1", "none"])
    entry = parse_entry(made, ["2,1", "none"])
    assert entry == [(1, 0), None]
    said, result = enter_deal(made, 1, None, entry)
    assert result is not None and "recorded" in said


def test_a_misspelt_basket_is_reported_once_not_asked_of_the_next_rung(tmp_path: Path) -> None:
    """The rung after one with a misspelt basket is not told to cover the misspelling too."""
    path = write(tmp_path, "baskets: [hack_and_leak, election_infrastructure, political_financing, channels]\n",
                 "baskets: [hack_and_leak, election_infrastructure, political_finance, channels]\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert [p.message for p in info.value.problems] == [
        "phases[track15_definitions].scope.rungs[state_agencies].baskets[2]: unknown basket 'political_finance'; "
        "did you mean 'political_financing'?"]
