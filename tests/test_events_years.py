"""Events of the compliance years (issue 12, item 1; docs/model.md, rule 11) and the ``trust_below``
condition: each kind happens exactly when it should, its effects hold from its year on, the
expected value includes them exactly (the Monte Carlo agrees within 4 standard errors), the
closed form is untouched when a scenario has none, and misplaced or out-of-range effects are
refused at their line."""

from __future__ import annotations

import dataclasses
import gc
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from game.engine.compliance import policy_breaches, simulate_compliance
from game.engine.pact import deal_terms, pact_terms
from game.engine.valuation import expected_in_force, value_all, value_deals
from game.errors import ScenarioError
from game.model.scenario import Effect, Party, ResponseRule, Scenario, YearEvent
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS
from tests.test_compliance import DEAL, IDS, NARROW, closed_form, run, tuned
from tests.test_events import NARROW as NARROW_FILE
from tests.test_events import event, fired_rounds, with_events
from tests.test_events import run as play

FIXTURE = Path(__file__).parent / "fixtures" / "year_events.yaml"


def year_event(ident: str, year: int, effects: list[dict[str, Any]], probability: float = 1.0,
               **keys: Any) -> dict[str, Any]:
    return {"id": ident, "text": f"Year event {ident}.", "probability": probability, "year": year,
            "effects": effects, **keys}


def plain(scenario: Scenario, **keys: Any) -> Scenario:
    """The narrow deal, nobody freelancing or falsely accused, detection ``detection`` everywhere."""
    return tuned(scenario, freelancing=0.0, accusation=0.0, **keys)


def with_years(scenario: Scenario, *events: YearEvent) -> Scenario:
    return dataclasses.replace(scenario, year_events=tuple(events))


# ---------------------------------------------------------------- trust_below (a talk condition)

def test_trust_below_reads_the_live_trust(tmp_path: Path) -> None:
    """Narrow's trust is 0.2: ``trust_below: 0.25`` holds from the start; ``trust_below: 0.2`` only after
    an event has lowered it (as round 3 opens, the conditions read the state before that round's events)."""
    scenario = with_events(tmp_path, [
        event("lower", at_round=2, effects=[{"parameter": "compliance.trust", "set": 0.1}]),
        event("low_now", when={"trust_below": 0.2}),
        event("always", when={"trust_below": 0.25})])
    state = play(scenario, 5)
    assert fired_rounds(state, "lower") == [2]
    assert fired_rounds(state, "low_now") == [3, 4, 5]
    assert fired_rounds(state, "always") == [1, 2, 3, 4, 5]
    assert state.scenario.compliance.trust == pytest.approx(0.1)


# ---------------------------------------------------------------- loading and the talks

def test_the_fixture_loads_its_year_events_apart_from_the_talk_events() -> None:
    scenario = load_scenario(FIXTURE)
    assert [e.id for e in scenario.year_events] == ["new_administration", "attribution_report", "scandal"]
    assert [e.year for e in scenario.year_events] == [3, 2, 4]
    assert not any(e.id in {"new_administration", "attribution_report", "scandal"} for e in scenario.events)


def test_year_events_never_fire_in_the_talks_nor_change_their_stream(tmp_path: Path) -> None:
    talks = [event("every_round")]
    without = with_events(tmp_path, talks)
    years = [year_event("admin", 2, [{"parameter": "compliance.trust", "set": 0.0}])]
    with_years_ = with_events(tmp_path, talks + years)
    a, b = play(without, 4, seed=3), play(with_years_, 4, seed=3)
    assert a.fired == b.fired and a.deltas == b.deltas
    assert not any(e == "admin" for _, _, e in b.fired)


# ---------------------------------------------------------------- each kind happens when it should

def test_a_new_administration_redraws_the_types_from_its_year_on() -> None:
    """Everyone complies (trust 1) and nothing can be seen: no breach in years 1-2; a new government at
    year 3 with trust 0 is strategic for sure, so from year 3 on every commitment it pays for is breached."""
    base = plain(NARROW, trust=1.0, detection=0.0)
    admin = YearEvent("admin", "A new administration.", 1.0, 3, (Effect("compliance.trust", "set", 0.0),))
    result = run(with_years(base, admin), simulations=400)
    assert result.missed_by_year[:2] == (0.0, 0.0)
    assert all(m > 0 for m in result.missed_by_year[2:])
    assert result.happened == (("admin", 1.0),)
    assert result.year_events == ((3, "admin", "A new administration."),)
    assert result.year_deltas == (("admin", "compliance.trust", 1.0, 0.0),)
    never = run(with_years(base, dataclasses.replace(admin, probability=0.0)), simulations=400)
    assert never.year_events == () and never.happened == (("admin", 0.0),) and sum(never.missed_by_year) == 0


def test_a_detection_change_rederives_the_breaches_for_the_years_after() -> None:
    """All strategic (trust 0); the strategic type breaches what it cannot be caught at. Blinding every
    basket at year 4 makes it breach from then on, and the closed form agrees."""
    seen = plain(NARROW, trust=0.0, detection=1.0, response=ResponseRule.COLLAPSE, revocation=0.0)
    assert not policy_breaches(seen, IDS, DEAL).any()
    blind = tuple(YearEvent(f"blind_{b.id}", "A leak blinds the monitors.", 1.0, 4,
                            (Effect(f"baskets.{b.id}.detection", "set", 0.0),)) for b in NARROW.baskets[:3])
    result = run(with_years(seen, *blind), simulations=400)
    assert sum(result.missed_by_year[:3]) == 0 and sum(result.caught_by_year[:3]) == 0
    assert all(m > 0 for m in result.missed_by_year[3:])
    assert [d[1] for d in result.year_deltas][:len(NARROW.baskets[0].options)] == [
        f"baskets.{NARROW.baskets[0].id}.options.{o.id}.detection" for o in NARROW.baskets[0].options]
    expected = closed_form(with_years(seen, *blind))
    assert np.all(np.abs(expected - np.array(result.mean)) < 4 * np.array(result.sem) + 1e-9)


def test_an_attribution_report_lowers_what_is_answered() -> None:
    """Every breach seen and answered under suspend_basket ends commitments; attribution set to 0 at year 2
    means nothing is caught from year 2 on."""
    seen = plain(NARROW, trust=0.0, detection=1.0, audience=0.0)
    report = tuple(YearEvent(f"report_{b.id}", "An attribution report is discredited.", 1.0, 2,
                             (Effect(f"baskets.{b.id}.attribution", "set", 0.0),)) for b in NARROW.baskets)
    result = run(with_years(seen, *report), simulations=200)
    assert all(c == 0 for c in result.caught_by_year[1:])


def test_a_scandal_raises_the_forms_revocation_from_its_year() -> None:
    """No revocation until a scandal at year 3 sets it to 1: every history is revoked at the end of year 3,
    and none without it."""
    base = plain(NARROW, trust=1.0, revocation=0.0)
    form = NARROW.forms[DEAL[-1]].id
    scandal = YearEvent("scandal", "A scandal.", 1.0, 3, (Effect(f"forms.{form}.revocation", "set", 1.0),))
    assert run(base, simulations=200).revoked == 0.0
    result = run(with_years(base, scandal), simulations=200)
    assert result.revoked == 1.0
    assert result.year_deltas == (("scandal", f"forms.{form}.revocation", 0.0, 1.0),)
    r = float(NARROW.party("us").reservation)
    paper = closed_form(base)[0]              # trust 1, nothing breached: the paper value every year in force
    assert closed_form(with_years(base, scandal))[0] == pytest.approx((3 * paper + 3 * r) / 6)


def test_an_event_happens_in_its_share_of_histories() -> None:
    half = YearEvent("coin", "A coin.", 0.3, 2, (Effect("compliance.trust", "set", 0.5),))
    result = run(with_years(NARROW, half), simulations=4000)
    share = dict(result.happened)["coin"]
    assert abs(share - 0.3) < 4 * np.sqrt(0.3 * 0.7 / 4000)


# ---------------------------------------------------------------- the expectation

def test_events_that_change_nothing_give_the_closed_form_exactly() -> None:
    model = tuned(NARROW, trust=0.4, audience=0.05, revocation=0.1, accusation=0.03)
    base = closed_form(model)
    for ev in (YearEvent("never", "", 0.0, 2, (Effect("compliance.trust", "set", 0.0),)),
               YearEvent("same", "", 0.7, 3, (Effect(f"baskets.{NARROW.baskets[0].id}.detection", "multiply", 1.0),)),
               YearEvent("form", "", 1.0, 1, (Effect(f"forms.{NARROW.forms[2].id}.revocation", "set", 0.9),))):
        assert np.allclose(closed_form(with_years(model, ev)), base, atol=1e-12)


def test_a_review_that_sets_back_what_a_new_administration_changed_shares_its_terms() -> None:
    """A later event that sets back what an earlier one changed (2017's review after a new President) leaves
    terms equal to the file's: those histories share one regime (computed once), and every value is what
    the plan without sharing gives, on the grid and by rows."""
    form = NARROW.forms[0].id
    model = with_years(tuned(NARROW, trust=0.4, accusation=0.03, revocation=0.1),
                       YearEvent("admin", "", 0.5, 2, (Effect(f"forms.{form}.revocation", "multiply", 2.5),)),
                       YearEvent("review", "", 1.0, 3, (Effect(f"forms.{form}.revocation", "set", 0.1),)),
                       YearEvent("trust", "", 0.3, 4, (Effect("compliance.trust", "set", 0.1),)))
    parties = (model.party("us"), model.party("ru"))
    terms = pact_terms(model, parties)
    assert terms.later is not None
    assert [terms.later.deal_key(m) for m in range(8)] == [0, 1, 0, 0, 0, 1, 0, 0]
    unshared = dataclasses.replace(terms, later=dataclasses.replace(terms.later, same_as=()))
    rng = np.random.default_rng(3)
    digits = np.array([[int(rng.integers(0, len(b.options))) for b in NARROW.baskets] + [f]
                       for f in range(len(NARROW.forms)) for _ in range(4)], dtype=np.int64)
    assert np.allclose(expected_in_force(terms, deal_terms(terms, digits)),
                       expected_in_force(unshared, deal_terms(unshared, digits)), atol=1e-15)


RULE_PAIRS = [(r, r) for r in ResponseRule] + [(ResponseRule.TIT_FOR_TAT, ResponseRule.COLLAPSE)]


@pytest.mark.parametrize("rules", RULE_PAIRS, ids=lambda r: f"{r[0].value}-{r[1].value}")
@pytest.mark.parametrize("name", ["roosevelt_litvinov_1933", "ryabkov_2017"])
def test_the_expectation_with_year_events_matches_the_monte_carlo(rules: tuple[ResponseRule, ResponseRule],
                                                                  name: str) -> None:
    """A new administration (trust), an attribution report and a blinded basket (detection), a scandal
    (revocation), two of them in the same year; linked groups, false accusations and audience costs on."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    ids = [b.id for b in scenario.baskets]
    linked = dataclasses.replace(scenario, baskets=tuple(
        dataclasses.replace(b, linked_to=(ids[(i + 1) % len(ids)],) if i % 3 == 0 else (), false_accusation=0.04)
        for i, b in enumerate(scenario.baskets)))
    seats = tuple(p.id for p in scenario.table_parties())
    model = tuned(linked, trust=0.4, audience=0.05, revocation=0.1)
    model = dataclasses.replace(model, compliance=dataclasses.replace(
        model.compliance, response_by={seats[0]: rules[0], seats[1]: rules[1]}))
    rng = np.random.default_rng(11)
    deal = tuple(int(rng.integers(1, len(b.options))) for b in scenario.baskets) + (0,)
    model = with_years(model,
                       YearEvent("admin", "", 0.6, 2, (Effect("compliance.trust", "set", 0.05),)),
                       YearEvent("report", "", 0.5, 3, (Effect(f"baskets.{ids[0]}.attribution", "multiply", 0.2),
                                                        Effect(f"baskets.{ids[1]}.detection", "set", 0.0))),
                       YearEvent("scandal", "", 0.7, 2, (Effect(f"forms.{model.forms[0].id}.revocation", "set", 0.4),)))
    result = simulate_compliance(model, seats, deal, np.random.default_rng(5), 20000)
    expected = closed_form(model, deal, (seats[0], seats[1]))
    for s in range(2):
        assert abs(expected[s] - result.mean[s]) < 4 * result.sem[s] + 1e-9


def _small_with_events() -> tuple[Scenario, tuple[Party, Party], tuple[int, ...]]:
    """The narrow deal's first three baskets with two year events: (scenario, parties, outcome shape)."""
    ids = [b.id for b in NARROW.baskets]
    model = with_years(tuned(NARROW, trust=0.4, accusation=0.03),
                       YearEvent("admin", "", 0.6, 2, (Effect("compliance.trust", "add", -0.3),)),
                       YearEvent("report", "", 0.5, 4, (Effect(f"baskets.{ids[2]}.detection", "multiply", 0.5),)))
    small = dataclasses.replace(model, baskets=model.baskets[:3], parties=tuple(
        dataclasses.replace(p, weights={b: w for b, w in p.weights.items() if b in ids[:3]}) for p in model.parties))
    shape = tuple(len(b.options) for b in small.baskets) + (len(small.forms),)
    return small, (small.party("us"), small.party("ru")), shape


def test_the_grid_and_the_rows_agree_with_year_events() -> None:
    """The AI's tables (the factored grid) and the per-deal valuation give the same values with events."""
    small, parties, shape = _small_with_events()
    grid = value_all(small, parties, shape)
    digits = np.stack(np.unravel_index(np.arange(int(np.prod(shape))), shape), axis=1).astype(np.int64)
    rows = value_deals(small, parties, digits)
    assert np.allclose(grid.in_force, rows.in_force, atol=1e-12) and np.allclose(grid.value, rows.value, atol=1e-12)
    terms = pact_terms(small, parties)
    assert np.allclose(expected_in_force(terms, deal_terms(terms, digits[:5])), rows.in_force[:5], atol=1e-12)


def test_the_grid_done_one_first_option_at_a_time_is_the_grid_done_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above ``SPLIT`` outcomes the grid is valued one option of the first basket at a time (to bound peak
    memory); the pieces, put together, are the whole grid's values, with and without year events."""
    import game.engine.factored_value as factored

    small, parties, shape = _small_with_events()
    for scenario in (small, dataclasses.replace(small, year_events=())):
        whole = value_all(scenario, parties, shape)
        monkeypatch.setattr(factored, "SPLIT", 2)
        pieces = value_all(scenario, parties, shape)
        monkeypatch.undo()
        for a, b in ((whole.paper, pieces.paper), (whole.in_force, pieces.in_force), (whole.entry, pieces.entry),
                     (whole.value, pieces.value)):
            assert a.shape == b.shape and np.allclose(a, b, atol=1e-12)


def test_valuing_with_year_events_leaves_no_reference_cycle() -> None:
    """The history tree's walk holds its memo of outcome-grid sums only while it runs: nothing it made is
    left in a reference cycle, which would keep those arrays (hundreds of MB on a large space) until the
    cyclic collector happened to run (simulate's peak memory grew with the number of games)."""
    small, parties, shape = _small_with_events()
    digits = np.stack(np.unravel_index(np.arange(int(np.prod(shape))), shape), axis=1).astype(np.int64)
    gc.collect()
    gc.disable()
    try:
        value_all(small, parties, shape)
        value_deals(small, parties, digits)
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0


# ---------------------------------------------------------------- validation at the line

def _refused(tmp_path: Path, events: list[dict[str, Any]], message: str, at: str,
             compliance: dict[str, Any] | None = None) -> None:
    data = yaml.safe_load(NARROW_FILE.read_text(encoding="utf-8"))
    data["events"] = events
    if compliance is not None:
        data["compliance"] = compliance
    path = tmp_path / "years_bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    text = str(info.value)
    assert message in text, text
    assert re.search(rf"years_bad\.yaml:\d+:\d+: {re.escape(at)}", text), text


TRUST = [{"parameter": "compliance.trust", "set": 0.1}]


@pytest.mark.parametrize("events,message,at", [
    ([year_event("late", 7, TRUST)], "after the pact's last compliance year (6)", "events[late].year"),
    ([year_event("x", 2, TRUST, phases=["main"])], "phases belongs to events of the talks", "events[x].phases"),
    ([year_event("x", 2, TRUST, at_round=3)], "at_round belongs to events of the talks", "events[x].at_round"),
    ([year_event("x", 2, TRUST, once=True)], "once belongs to events of the talks", "events[x].once"),
    ([year_event("x", 2, TRUST, when={"round_at_least": 2})], "when belongs to events of the talks", "events[x].when"),
    ([year_event("x", 2, [{"parameter": "us.reservation", "add": 0.1}])],
     "'us.reservation' is read during the talks", "events[x].effects[0].parameter"),
    ([year_event("x", 2, [{"parameter": "forms.treatyy.revocation", "set": 0.1}])],
     "did you mean 'forms.treaty.revocation'", "events[x].effects[0].parameter"),
    ([event("talk", effects=[{"parameter": "forms.treaty.revocation", "set": 0.1}])],
     "a form's revocation changes only in the years after signing", "events[talk].effects[0].parameter"),
    ([year_event("x", 2, [{"parameter": "compliance.trust", "add": 0.9}])],
     "takes compliance.trust from 0.2 to 1.1", "events[x].effects[0].add"),
    ([year_event("x", 2, [{"parameter": "forms.treaty.revocation", "set": 1.5}])],
     "forms.treaty.revocation must stay within [0, 1]", "events[x].effects[0].set"),
    ([year_event("x", 2, [{"parameter": "forms.treaty.revocation", "multiply": 40}])],
     "(form 'treaty')", "events[x].effects[0].multiply"),
    ([event("before"), year_event("x", 2, TRUST), event("after", when={"after_event": "x"})], "'x' is a year event",
     "events[after].when.after_event"),
    ([year_event("x", 2, TRUST), event("talk")], "expected the events of the talks first", "events[talk]"),
])
def test_misplaced_or_out_of_range_year_events_are_refused_at_their_line(
        tmp_path: Path, events: list[dict[str, Any]], message: str, at: str) -> None:
    _refused(tmp_path, events, message, at)


def test_at_most_six_year_events(tmp_path: Path) -> None:
    _refused(tmp_path, [year_event(f"e{i}", 1 + i % 6, TRUST) for i in range(7)], "expected at most 6",
             "events[e6].year")


def test_the_story_tells_the_year_events_with_before_and_after() -> None:
    """The told history says which year events happened and what each changed, for the window and the terminal."""
    from game.session.effects import year_cards
    scenario = tuned(load_scenario(FIXTURE), revocation=0.0)     # the told history lasts all six years
    sure = dataclasses.replace(scenario, year_events=tuple(dataclasses.replace(e, probability=1.0)
                                                           for e in scenario.year_events))
    result = simulate_compliance(sure, IDS, DEAL, np.random.default_rng(0), 100)
    assert [(y, e) for y, e, _ in result.year_events] == [(2, "attribution_report"), (3, "new_administration"),
                                                         (4, "scandal")]
    told = [(y, card.title, [line.text for line in card.lines]) for y, card in year_cards(sure, result.year_events,
                                                                                         result.year_deltas)]
    assert told[1] == (3, "A new administration takes office and reviews the pact.",
                       ["Trust (the prior that the other government complies): 0.20 → 0.10"])
    assert told[2][2] == ["Yearly chance that a successor revokes the executive agreement (exchange of letters): "
                          "0% → 40%"]
    assert "70% → 80%" in told[0][2][0]


def test_a_year_event_that_changed_nothing_is_not_told() -> None:
    """An event whose effects leave every parameter as it was (the review ending where no new President came)
    is no news: the told history leaves it out, and keeps the events that changed something."""
    from game.session.effects import year_cards
    scenario = load_scenario(FIXTURE)
    happened = ((2, "attribution_report", ""), (3, "new_administration", ""))
    changes = (("attribution_report", "compliance.trust", 0.2, 0.2), ("new_administration", "compliance.trust", 0.2, 0.1))
    told = year_cards(scenario, happened, changes)
    assert [year for year, _ in told] == [3]
    assert [line.text for line in told[0][1].lines] == ["Trust (the prior that the other government complies): 0.20 → 0.10"]


def test_the_terminal_debrief_tells_the_year_events_of_the_game() -> None:
    """A game of the fixture that enters into force: the debrief names the year events of the told history."""
    from game.cli.render import debrief
    from game.engine.actions import Accept, Comply, Offer, Perceive, Ratify, RoundStart
    from game.engine.result import game_result
    from game.engine.rules import apply, new_game
    scenario = tuned(load_scenario(FIXTURE), revocation=0.0)     # the told history lasts all six years
    sure = dataclasses.replace(scenario, year_events=tuple(dataclasses.replace(e, probability=1.0)
                                                           for e in scenario.year_events))
    state = apply(new_game(sure), Perceive(tuple((p.id, ()) for p in sure.parties)))
    state = apply(state, RoundStart(()))
    state = apply(apply(state, Offer("us", DEAL)), Accept("ru"))
    state = apply(state, Ratify((("united_states", True), ("russia", True))))
    state = apply(state, Comply(0))
    assert state.compliance is not None
    text = debrief(state, game_result(state), "us")
    assert ("Year 3 of one simulated history: A new administration takes office and reviews the pact. (Trust (the "
            "prior that the other government complies): 0.20 → 0.10)") in text
    assert "Year 4 of one simulated history: A scandal at home" in text
    shares = text.split("Events of the compliance years, over every simulated history: ")[1].split("\n")[0]
    for e in sure.year_events:          # each one, with its year and its share (all came: probability 1)
        assert f"\"{e.text.rstrip('.')}\" (year {e.year}): 100% of the histories" in shares


def test_lint_warns_of_a_year_event_that_never_happens(tmp_path: Path) -> None:
    from game.authoring.lint import lint_file
    scenario = with_events(tmp_path, [event("talk"), year_event("never", 2, TRUST, probability=0.0)])
    warnings = [str(w) for w in lint_file(Path(scenario.path)) if "event-never-fires" in str(w)]
    assert len(warnings) == 1 and "year event 'never' has probability 0" in warnings[0]
    assert "events[never].probability" in warnings[0]


def test_the_story_leaves_out_year_events_after_the_pact_has_ended() -> None:
    """Revoked for sure at the end of year 1, the pact is gone when a year-3 event happens: the story
    does not tell it, though it happened (its share is 1)."""
    base = plain(NARROW, trust=1.0, revocation=1.0)
    admin = YearEvent("admin", "A new administration.", 1.0, 3, (Effect("compliance.trust", "set", 0.5),))
    result = run(with_years(base, admin), simulations=50)
    assert result.revoked == 1.0 and result.happened == (("admin", 1.0),)
    assert result.year_events == () and result.year_deltas == ()


def test_the_told_history_gives_only_the_agreed_forms_revocation() -> None:
    """Newcomer trial: the year a new President came, the history listed the revocation chance of every form,
    where the pact in force has one form; with the agreed form, only its own line is told."""
    from game.session.effects import agreed_form, year_cards
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    happened = ((1, "new_administration", ""),)
    changes = tuple(("new_administration", f"forms.{f.id}.revocation", 0.15, 0.4) for f in scenario.forms)
    every = year_cards(scenario, happened, changes)
    assert len(every[0][1].lines) == len(scenario.forms)
    deal = (0,) * len(scenario.baskets) + (1,)
    form = agreed_form(scenario, deal)
    assert form == scenario.forms[1].id
    [(_, card)] = year_cards(scenario, happened, changes, form)
    [line] = [line.text for line in card.lines]
    assert scenario.forms[1].label[1:] in line and "15% → 40%" in line
    assert agreed_form(scenario, None) is None


def test_an_event_that_changes_nothing_in_a_history_did_not_come_there() -> None:
    """Newcomer trial: "The new administration's review ... is over" was reported in 100% of the histories,
    also where no new administration came. An event whose effects change nothing in a history (here a set back
    to the file's value with nothing changed before) is neither counted nor told there; where the change it
    undoes happened, it comes as before."""
    form = "executive_agreement"
    rho = next(f.revocation for f in NARROW.forms if f.id == form)
    review = YearEvent("review", "A new administration reviews it.", 0.4, 1,
                       (Effect(f"forms.{form}.revocation", "multiply", 2.5),))
    over = YearEvent("over", "The review is over.", 1.0, 2, (Effect(f"forms.{form}.revocation", "set", rho),))
    result = run(with_years(NARROW, review, over), simulations=4000)
    shares = dict(result.happened)
    assert abs(shares["over"] - shares["review"]) < 1e-12          # it comes exactly where the review came
    assert abs(shares["review"] - 0.4) < 4 * np.sqrt(0.4 * 0.6 / 4000)
    told = [e for _, e, _ in result.year_events]
    assert ("over" in told) == ("review" in told)
    alone = run(with_years(NARROW, dataclasses.replace(over, probability=1.0)), simulations=400)
    assert dict(alone.happened)["over"] == 0.0 and alone.year_events == ()
    moved = dataclasses.replace(over, effects=(Effect(f"forms.{form}.revocation", "set", rho / 2),))
    assert dict(run(with_years(NARROW, moved), simulations=400).happened)["over"] == 1.0   # a real change comes
