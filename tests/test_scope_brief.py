"""A definitions table's ladder is in the brief of every delegation that sits there (instructor trial: the
experts of narrow_deal_2020_definitions sit only at the scope table, yet their printed brief and their
class page listed the official talks' baskets and never the rungs they were to agree, nor their worth)."""

from __future__ import annotations

from pathlib import Path

from game.classroom.briefs import role_brief
from game.classroom.folder import create_session
from game.cli import render
from game.scenario.loader import load_scenario
from game.session.brief import brief_facts
from game.web.seatview import brief_payload
from tests.conftest import SCENARIOS

DEFS = load_scenario(SCENARIOS / "narrow_deal_2020_definitions.yaml")
PLAIN = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
SCOPE = next(p for p in DEFS.phases if p.scope is not None)


def test_each_seated_delegation_gets_every_rung_with_its_own_worth() -> None:
    scope = SCOPE.scope
    assert scope is not None
    for side in SCOPE.parties:
        (table,) = brief_facts(DEFS, side).scopes
        assert table.phase == SCOPE.name
        assert [r.label for r in table.rungs] == [r.label for r in scope.rungs]
        assert [r.value for r in table.rungs] == [scope.values[side][r.id] for r in scope.rungs]
        assert [r.default for r in table.rungs].count(True) == 1
        assert table.rungs[scope.rung_index(scope.default)].default
        for rung, declared in zip(table.rungs, scope.rungs):
            assert rung.covers == tuple(DEFS.basket(b).name for b in declared.baskets)
            assert rung.disputes == declared.disputes
    # the two experts' groups value the ladder differently, so the brief is each side's own
    us, ru = (brief_facts(DEFS, side).scopes[0] for side in SCOPE.parties)
    assert [r.value for r in us.rungs] != [r.value for r in ru.rungs]


def test_officials_who_do_not_sit_there_and_plain_scenarios_have_no_ladder() -> None:
    outside = [p.id for p in DEFS.parties if p.id not in SCOPE.parties]
    assert outside
    for side in outside:
        assert brief_facts(DEFS, side).scopes == ()
    for party in PLAIN.parties:
        assert brief_facts(PLAIN, party.id).scopes == ()


def test_every_front_end_shows_the_rungs_and_their_worth(tmp_path: Path) -> None:
    from game.session.game import GameSession
    from game.ui.scenes.brief import brief_html
    side = SCOPE.parties[0]
    table = brief_facts(DEFS, side).scopes[0]
    text = render.brief(DEFS, side)
    session = GameSession.new(DEFS, side, 1, None, tmp_path / "g.jsonl")
    window = brief_html(session)
    session.close()
    assert f"<b>{table.heading()}</b>" in window
    page = brief_payload(DEFS, side)["scopes"][0]
    assert page["phase"] == SCOPE.name and len(page["rungs"]) == len(table.rungs)
    for rung, line in zip(table.rungs, page["rungs"]):
        assert rung.label in text and f"worth {rung.value:.2f}" in text
        assert f"{rung.label}" in window and f"worth {rung.value:.2f}" in window
        assert rung.label in line and f"{100 * rung.value:.1f} points" in line


def test_the_printed_brief_scores_the_ladder_and_says_the_experts_do_not_sit_at_the_official_talks(
        tmp_path: Path) -> None:
    made = create_session(SCENARIOS / "narrow_deal_2020_definitions.yaml", 1, tmp_path / "d", seed=2)
    side = SCOPE.parties[0]
    markdown, html = role_brief(made, 1, side)
    assert f"## Your scoring table at {SCOPE.name}" in markdown
    for rung in brief_facts(DEFS, side).scopes[0].rungs:
        assert f"| {rung.number}. {rung.label}" in markdown and f"| {100 * rung.value:.1f} |" in markdown
        assert rung.label in html
    assert "You do not sit at the official talks" in markdown
    official = next(p.id for p in DEFS.parties if p.id not in SCOPE.parties)
    theirs = role_brief(made, 1, official)[0]
    assert "You do not sit at the official talks" not in theirs and "## Your scoring table\n" in theirs
    assert f"## Your scoring table at {SCOPE.name}" not in theirs
