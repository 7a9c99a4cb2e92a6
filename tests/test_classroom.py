"""Classroom sessions: private briefs, signed results, the rejections the debrief makes, and its numbers."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.classroom.briefs import role_brief
from game.classroom.checks import read_results
from game.classroom.folder import (
    Session,
    SessionError,
    create_session,
    open_session,
    session_key,
)
from game.classroom.play import enter_deal, simulate_pair, simulate_session
from game.classroom.report import write_debrief
from game.classroom.results import FORMAT, write_result
from game.engine.result import game_result
from game.model.scenario import Party, frozen_map
from tests.conftest import ROOT, SCENARIOS, shipped_scenarios

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return create_session(NARROW, 4, tmp_path / "class", seed=3)


def scrambled(party: Party) -> Party:
    """A party with other weights, values, red lines, reservation and threshold."""
    values = frozen_map({b: frozen_map({o: 1.0 - v for o, v in opts.items()}) for b, opts in party.values.items()})
    weights = frozen_map({b: w * 1.7 + 0.013 for b, w in party.weights.items()})
    return dataclasses.replace(party, values=values, weights=weights, red_lines=frozen_map({}),
                               reservation=0.123, domestic_threshold=0.777)


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_a_role_brief_shows_nothing_of_the_other_side(tmp_path: Path, path: Path) -> None:
    """Changing everything the other sides value leaves every role's brief unchanged, byte for byte."""
    made = create_session(path, 1, tmp_path / "s", seed=1)
    for party in made.scenario.parties:
        before = role_brief(made, 1, party.id)
        others = tuple(p if p.principal == party.principal else scrambled(p) for p in made.scenario.parties)
        changed = dataclasses.replace(made, scenario=dataclasses.replace(made.scenario, parties=others))
        assert role_brief(changed, 1, party.id) == before, party.id


def test_a_session_folder_holds_what_the_class_needs(session: Session) -> None:
    root = session.root
    assert (root / "instructor" / "sheet.html").is_file() and (root / "instructor" / "session.key").is_file()
    seeds = list(csv.DictReader((root / "seeds.csv").read_text().splitlines()))
    assert [int(r["table"]) for r in seeds] == [1, 2, 3, 4] and len({r["seed"] for r in seeds}) == 4
    for k in range(1, 5):
        table = root / "tables" / f"table-{k:02d}"
        assert {p.name for p in table.iterdir()} == {"table.json", "scenario.yaml", "us", "ru"}
        for role in ("us", "ru"):
            seat = table / role
            assert {p.name for p in seat.iterdir()} == {"seat.json", "seat.key", "scenario.yaml", f"brief-{role}.md",
                                                        f"brief-{role}.html"}
            assert open_session(seat).seed_of(k) == open_session(root).seed_of(k)    # a seat folder stands alone
            # the face-to-face hand-out is the role's brief and nothing else
            assert (root / "briefs" / f"table-{k:02d}-{role}.html").read_bytes() == \
                (seat / f"brief-{role}.html").read_bytes()
        assert open_session(table).seed_of(k) == open_session(root).seed_of(k)
    assert sorted(p.name for p in (root / "briefs").iterdir()) == sorted(
        f"table-{k:02d}-{r}.{ext}" for k in range(1, 5) for r in ("us", "ru") for ext in ("md", "html"))
    sheet = (root / "instructor" / "sheet.md").read_text()
    assert "Nash" in sheet and "zone of agreement" in sheet and "Questions for the debrief" in sheet
    with pytest.raises(SessionError, match="already holds a session"):
        create_session(NARROW, 2, root)


def test_valid_results_are_kept_and_bad_ones_rejected_with_their_reason(session: Session, tmp_path: Path) -> None:
    good = simulate_session(session)
    other = create_session(NARROW, 4, tmp_path / "other", seed=9)
    foreign = simulate_session(other)[0]
    tampered = tmp_path / "tampered.json"
    record = json.loads(good[1].read_text())
    record["principals"]["united_states"]["paper"] = 0.999
    tampered.write_text(json.dumps(record))
    truncated = tmp_path / "truncated.json"
    truncated.write_text(good[2].read_text()[:200])
    duplicate = tmp_path / "copy.json"
    duplicate.write_text(good[0].read_text())
    accepted, rejected, duplicates = read_results(session, session_key(session),
                                                  [*good, foreign, tampered, truncated, duplicate])
    assert sorted(a.table for a in accepted) == [1, 2, 3, 4]            # no valid result is dropped
    reasons = {r.path.name: r.reason for r in rejected}
    assert reasons[foreign.name].startswith("belongs to another session")
    assert reasons["tampered.json"].startswith("no valid signature of the us seat")
    assert reasons["truncated.json"].startswith("malformed: not JSON")
    assert duplicates == [duplicate]


def test_a_signed_result_whose_moves_were_changed_does_not_replay(session: Session, tmp_path: Path) -> None:
    from game.classroom.results import signed
    path = simulate_session(session)[0]
    record = json.loads(path.read_text())
    record["moves"] = record["moves"][:-3]          # re-signed by someone holding the seat keys: still caught
    record = signed(session, {k: v for k, v in record.items() if k not in ("signatures", "seal")})
    path.write_text(json.dumps(record))
    _, rejected, _ = read_results(session, session_key(session), [path])
    assert rejected and "do not" in rejected[0].reason


def test_the_debrief_numbers_are_the_engines(session: Session) -> None:
    simulate_session(session)
    accepted, rejected, duplicates = read_results(session, session_key(session),
                                                  sorted(session.results_dir().glob("*.json")))
    out = session.root / "debrief"
    written = write_debrief(session, accepted, rejected, duplicates, out)
    assert [p.name for p in written] == ["debrief.html", "checks.html", "slides.html", "debrief.csv", "debrief.png",
                                       "debrief.svg"]
    rows = {(int(r["table"]), r["role"]): r for r in csv.DictReader((out / "debrief.csv").read_text().splitlines())}
    assert len(rows) == 8                                         # one row per table and role
    for table, _ in session.tables:
        result = game_result(simulate_pair(session, table))
        by_party = {p.party: p for p in result.principals}
        for role in ("us", "ru"):
            for pid in ("us", "ru"):
                expected = by_party[pid].paper if pid in by_party else session.scenario.party(pid).reservation
                assert abs(float(rows[table, role][f"paper_{pid}"]) - expected) < 1e-6
                # the score is the expected value V = P(entry) E + (1 - P(entry)) r (docs/model.md, rule 7)
                expected = by_party[pid].expected if pid in by_party else session.scenario.party(pid).reservation
                assert abs(float(rows[table, role][f"score_{pid}"]) - expected) < 1e-6
            assert bool(int(rows[table, role]["in_force"])) == result.in_force
    html = (out / "debrief.html").read_text()
    assert "data:image/png;base64," in html and "Deals by basket" in html
    assert html.count("class='page'") == 1                        # two printed pages


def test_face_to_face_scores_the_deal_only_when_both_entries_match(session: Session) -> None:
    deal = (3, 3, 4, 3, 4, 3, 0)
    message, result = enter_deal(session, 2, "us", [deal])
    assert result is None and "Waiting" in message
    message, result = enter_deal(session, 2, "ru", [deal[:-1] + (1,)])
    assert result is None and "agreement form" in message
    message, result = enter_deal(session, 2, "ru", [deal])
    assert result is not None
    accepted, rejected, _ = read_results(session, session_key(session), [result])
    assert not rejected and accepted[0].mode == "face-to-face" and accepted[0].result.agreement == deal
    assert accepted[0].seats == ("us", "ru")                      # one entry speaks for the whole table


def test_a_scheduled_event_fires_for_every_pair(tmp_path: Path) -> None:
    made = create_session(NARROW, 3, tmp_path / "s", seed=2, injects=[("hack_and_leak_scandal", 2)])
    reached = 0
    for table, _ in made.tables:
        state = simulate_pair(made, table)
        if any(r >= 1 for _, r, _ in state.fired) or state.results[-1].round >= 1:   # the game saw round 2
            reached += 1
            # a once-a-game event may have fired by chance already; the schedule makes sure of it by round 2
            assert "hack_and_leak_scandal" in {e for _, r, e in state.fired if r <= 1}
    assert reached >= 2
    with pytest.raises(SessionError, match="no event"):
        create_session(NARROW, 1, tmp_path / "t", injects=[("no_such_event", 1)])


def run_main(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(home)}
    return subprocess.run([sys.executable, "main.py", *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=180, check=False)


def test_students_play_from_the_session_and_the_instructor_debriefs(session: Session, tmp_path: Path) -> None:
    root = str(session.root)
    seat = str(session.root / "tables" / "table-01" / "us")
    played = run_main("play", "--session", seat, stdin="offer\nwalk\ny\n", home=tmp_path)
    assert played.returncode == 0, played.stderr
    assert "Result (signed):" in played.stdout
    handed_in = tmp_path / "handed-in.json"
    table = str(session.root / "tables" / "table-02")
    hot = run_main("play", "--session", table, "--side", "us", "--hot-seat", "--out", str(handed_in),
                   stdin="offer\n\noffer\n\nwalk\ny\n", home=tmp_path)
    assert hot.returncode == 0, hot.stderr
    assert "Hand over to Russian delegation" in hot.stdout and handed_in.is_file()
    debrief = run_main("classroom", "debrief", root, "--results", seat + "/results", str(handed_in), home=tmp_path)
    assert debrief.returncode == 0, debrief.stderr
    assert debrief.stdout.startswith("2 results accepted, 0 rejected")
    us, ru = "US delegation (State Department)", "Russian delegation (Foreign Ministry)"   # display names, not ids
    assert f"no result yet for: table 1: {ru}; table 3: {us} and {ru}; table 4: {us} and {ru}." in debrief.stdout
    assert " ru," not in debrief.stdout and "table 3 us" not in debrief.stdout
    page = (Path(root) / "debrief" / "debrief.html").read_text(encoding="utf-8")   # every game, in words
    assert f"{us} against the AI" in page and ">us against the AI" not in page
    accepted, _, _ = read_results(session, session_key(session), [handed_in])
    assert accepted[0].mode == "hot-seat" and accepted[0].seats == ("us", "ru")


def test_a_result_written_twice_is_the_same_file(session: Session) -> None:
    from game.classroom.play import preview_personas
    state = simulate_pair(session, 3)
    first = write_result(session, 3, "us", "simulated", state, (), preview_personas(session))
    again = write_result(session, 3, "us", "simulated", state, (), preview_personas(session))
    assert first == again and set(json.loads(first.read_text())["signatures"]) == {"us", "ru"}


def legacy_record(session: Session, record: dict[str, Any]) -> dict[str, Any]:
    """A format-3 result as a format-2 one: a pair instead of a table, one signature with the pair's key."""
    from game.classroom.signing import pair_key, sign
    old = {k: v for k, v in record.items() if k not in ("signatures", "seats", "humans", "personas", "game_version",
                                                        "started", "table", "seal")}
    old["pair"], old["format"] = record["table"], 2
    old["signature"] = sign(old, pair_key(session_key(session), session.id, old["pair"]))
    return old


def test_a_format_1_result_is_still_read_and_its_numbers_recomputed(session: Session, tmp_path: Path) -> None:
    """Format 2 renamed 'honoured' (the mean yearly value) and 'survival' and changed the compliance
    figures behind the end hash; a signed format-1 result from an older version still counts, and so
    does a format-2 one (pairs, one shared key), flagged as such."""
    from game.classroom.signing import pair_key, sign
    path = simulate_session(session)[0]
    record = legacy_record(session, json.loads(path.read_text()))
    two = tmp_path / "two.json"
    two.write_text(json.dumps(record))
    accepted, rejected, _ = read_results(session, session_key(session), [two])
    assert not rejected and accepted[0].legacy and accepted[0].table == 1
    for entry in record["principals"].values():
        entry["honoured"] = entry.pop("yearly_value")
        del entry["honoured_by_other"], entry["answered"]
    record["survival"] = record.pop("intact")
    record["format"], record["end_hash"] = 1, "0" * 64           # the old model's hash
    del record["signature"]
    record["signature"] = sign(record, pair_key(session_key(session), session.id, record["pair"]))
    old = tmp_path / "old.json"
    old.write_text(json.dumps(record))
    accepted, rejected, _ = read_results(session, session_key(session), [old])
    honoured = accepted[0].result.principals[0].honoured_by_other        # recomputed (None: no pact in force)
    assert not rejected and (honoured is None or 0.0 <= honoured <= 1.0)
    record["format"] = FORMAT + 1                                  # a format this version does not know
    record["signature"] = sign({k: v for k, v in record.items() if k != "signature"},
                               pair_key(session_key(session), session.id, record["pair"]))
    old.write_text(json.dumps(record))
    assert read_results(session, session_key(session), [old])[1][0].reason.startswith("malformed")


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_a_brief_scores_every_option_as_enter_numbers_it(tmp_path: Path, path: Path) -> None:
    """Item 14: a row with points for every option of every basket and every form, numbered as
    'classroom enter --deal' expects; no-deal points and the bar at home; points add up to 100 x U."""
    from game.classroom.briefs import scoring_table
    from game.model.utility import bargaining_problem
    made = create_session(path, 1, tmp_path / "s", seed=1)
    s = made.scenario
    for party in s.parties:
        markdown, html = role_brief(made, 1, party.id)
        groups, no_deal, bar = scoring_table(s, party.id)
        assert [len(g.rows) for g in groups] == [len(b.options) for b in s.baskets] + [len(s.forms)]
        for basket, group in zip([*s.baskets, None], groups):
            labels = [o.label for o in basket.options] if basket else [f.label for f in s.forms]
            for number, label in enumerate(labels, start=1):
                assert f"| {number}. {label} |" in markdown
        assert f"No deal is worth {no_deal:.1f} points" in markdown and f"at {bar:.1f} points with the chance the form gives it" in markdown
        problem = bargaining_problem(s, [party])
        deal = tuple(len(b.options) // 2 for b in s.baskets) + (0,)
        total = sum(g.rows[d].points for g, d in zip(groups, deal))
        assert abs(total - 100 * problem.utilities_of(np.array(deal))[0]) < 1e-9
        assert "<pre><code>backchannel classroom enter" in html        # commands in monospace
        heading = ("Your scoring table" if any(ph.scope is None for ph in s.phases if party.id in ph.parties)
                   or not s.phases else "What the official talks' terms are worth to your government")
        assert f"<div class='section'><h2>{escape(heading)}</h2>" in html   # never an orphan heading


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_shipped_scenario_teaches_a_90_minute_class_from_its_sources(tmp_path: Path, path: Path) -> None:
    made = create_session(path, 2, tmp_path / "s", seed=1)
    teaching = made.scenario.teaching
    assert teaching is not None and teaching.minutes == 90 and teaching.staffing
    sheet = (made.root / "instructor" / "sheet.md").read_text()
    assert "## Lesson plan (90 minutes)" in sheet and "## Staffing a table" in sheet
    for q in teaching.questions:
        source = made.scenario.sources[q.source]
        assert f"{q.question} ({source.author}, {source.title} ({source.year}): {q.argument})" in sheet
    simulate_session(made)
    accepted, rejected, duplicates = read_results(made, session_key(made), sorted(made.results_dir().glob("*.json")))
    write_debrief(made, accepted, rejected, duplicates, made.root / "debrief")
    slides = (made.root / "debrief" / "slides.html").read_text()
    published = any(ph.publishes for ph in made.scenario.phases)      # a definitions phase publishes no plan
    assert slides.count("<section class=\"slide\">") == 5 + len(teaching.questions) + published
    assert "page-break-after: always" in slides and "@page { size: A4 landscape" in slides
    if published:
        assert "The Track 1.5 lesson" in slides and "The Track 1.5 lesson" in (made.root / "debrief" /
                                                                             "debrief.html").read_text()


def test_scenario_text_is_escaped_everywhere_and_never_mathtext(tmp_path: Path) -> None:
    """A title with <script> and dollar signs: escaped in every HTML file, literal on the chart."""
    text = NARROW.read_text().replace('title: "A narrow deal: governments only"',
                                      'title: "Costs $5 and $\\\\foo{x}$ <script>alert(1)</script>"')
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text)
    made = create_session(hostile, 1, tmp_path / "s", seed=1)
    simulate_session(made)
    accepted, rejected, duplicates = read_results(made, session_key(made), sorted(made.results_dir().glob("*.json")))
    write_debrief(made, accepted, rejected, duplicates, made.root / "debrief")
    for page in [*(made.root / "debrief").glob("*.html"), made.root / "instructor" / "sheet.html",
                 *(made.root / "briefs").glob("*.html")]:
        html = page.read_text()
        assert "<script>" not in html and "&lt;script&gt;" in html, page.name
    svg = (made.root / "debrief" / "debrief.svg").read_text()
    assert "Costs $5 and $\\foo{x}$" in svg


def test_a_definitions_brief_gives_one_deal_per_table_and_no_zero_noise(tmp_path: Path) -> None:
    """Instructor trial: the experts' printed brief at a definitions table said '--deal N,N,N,N,N,N,F', which
    'classroom enter' refuses (it takes one deal per table), and 'noise of about 0 points'."""
    from game.classroom.briefs import role_brief
    made = create_session(SCENARIOS / "narrow_deal_2020_definitions.yaml", 1, tmp_path / "d", seed=2)
    markdown, _ = role_brief(made, 1, "us_experts")
    command = next(line for line in markdown.splitlines() if "classroom enter" in line)
    assert command.count("--deal") == len(made.scenario.phases) and "--deal S,1" in command
    assert "noise of about 0 points" not in markdown


def test_the_class_debrief_says_which_scope_each_definitions_table_settled_on(tmp_path: Path) -> None:
    """Instructor trial: the slides ask 'Which scope did your experts agree?' and no page of the debrief said."""
    import csv
    import io

    from game.classroom.lesson import scope_settled
    from game.classroom.play import simulate_session
    from game.cli.app import main
    made = create_session(SCENARIOS / "narrow_deal_2020_definitions.yaml", 2, tmp_path / "d", seed=2)
    paths = simulate_session(made)
    assert main(["classroom", "debrief", str(made.root), "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "debrief.html").read_text()
    assert "The scope each table settled on" in page
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "debrief.csv").read_text())))
    labels = {r.label for r in made.scenario.phases[0].scope.rungs} if made.scenario.phases[0].scope else set()
    played = [r for r in rows if r["deal"] or r["scope"]]
    assert played and all(r["scope"].removesuffix(" (default)") in labels for r in played)
    from game.classroom.checks import read_results
    from game.classroom.folder import session_key
    accepted, _, _ = read_results(made, session_key(made), paths)
    assert {scope_settled(made.scenario, a.state) for a in accepted} == {r["scope"] for r in played}
