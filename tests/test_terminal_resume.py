"""Saving and resuming a terminal game loses nothing and says where the talks stand (newcomer trial of
2026-11-29: an unsent draft was lost on resume, the resumed game opened on a bare prompt, and the
standing offer's figures were stale after an event changed them)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from game.session import drafts
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, SCENARIOS

SWEEPING = SCENARIOS / "ryabkov_2017.yaml"


def play(tmp_path: Path, *args: str, typed: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data"), "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "main.py", "play", *args], input=typed, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


def test_an_unsent_draft_survives_quitting_and_resuming(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    out = play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(log), typed="set f 2\nset 7 2\n")
    assert f"Resume with:\n  python main.py play --resume {log}" in out
    saved = json.loads(drafts.path_of(log).read_text())["drafts"]["ru"]
    assert saved[6] == 1 and saved[-1] == 1                      # basket 7 at rung 2, the form at 2 (0-based 1)
    out = play(tmp_path, "--resume", str(log), typed="show\n")
    assert "round 1 of 6" in out.split("(resuming")[1]            # where the talks stand, before any command
    assert "(your unsent draft is restored; 'show' prints it)" in out
    draft = out.split("Your draft:")[1]
    assert "7. Official verdicts on elections             2. No verdict before observers report" in draft
    assert "f. Agreement form                             2. Executive agreement" in draft


def test_a_draft_file_that_does_not_fit_is_ignored_and_says_why(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(log), typed="quit\n")
    for bad, why in (("{", "draft.json: not JSON"), ('{"drafts": {"us": [0]}}', "drafts.us: not a player of this game"),
                     ('{"drafts": {"ru": [0, 0, 0, 0, 0, 0, 0, 0, 0, 9]}}', "drafts.ru: expected 10 option numbers")):
        drafts.path_of(log).write_text(bad)
        out = play(tmp_path, "--resume", str(log), typed="show\n")
        assert "(your unsent draft was not restored:" in out and why in out
        assert "1. Hack-and-leak by state agencies            1. Statement of principle" in out   # the best package


def test_drafts_load_keeps_only_what_fits_the_scenario(tmp_path: Path) -> None:
    scenario = load_scenario(SWEEPING)
    log = tmp_path / "g.jsonl"
    drafts.save(log, {"ru": [1] * 10})
    assert drafts.load(log, scenario, ("ru",)) == ({"ru": [1] * 10}, None)
    drafts.path_of(log).write_text('{"drafts": {"ru": [1, 1, 1, 1, 1, 1, 1, 1, 1, true]}}')
    kept, why = drafts.load(log, scenario, ("ru",))
    assert kept == {} and why is not None and "drafts.ru" in why          # a boolean is not an option number
    drafts.discard(log)
    assert drafts.load(log, scenario, ("ru",)) == ({}, None)


def test_an_event_that_changes_your_values_shows_the_standing_offer_again(tmp_path: Path) -> None:
    out = play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(tmp_path / "g.jsonl"),
               typed="best\noffer\n")
    before = out.split("EVENT: ")[0].rsplit("Worth ", 1)[1]
    after = out.split("EVENT: ")[1]
    assert "weight on Government grants to NGOs: 24% → 26% of the terms' value" in after   # as the brief reads
    now = after.split("Their offer on the table, now: Worth ")[1].split("\n")[0]
    assert now.split(" expected")[0] != before.split(" expected")[0]     # the figure moved with the weights


def test_paths_under_the_home_folder_are_shown_from_tilde() -> None:
    """A resume command that names a log in the user's data folder is shorter, and a shell expands ``~``."""
    from game.cli.wrap import short
    log = Path.home() / ".local" / "share" / "backchannel" / "logs" / "narrow_deal_2020-20261129-1.jsonl"
    assert short(log) == "~/.local/share/backchannel/logs/narrow_deal_2020-20261129-1.jsonl"
    assert short(Path("/tmp/g.jsonl")) == "/tmp/g.jsonl"
    assert short(Path(str(Path.home()) + "-other/g.jsonl")).startswith(str(Path.home()))     # not a prefix match


def test_a_draft_shows_what_the_bodies_at_home_judge_it_by(tmp_path: Path) -> None:
    """Newcomer trial: the brief's bar was compared with nothing the player could see (it applies to the deal's
    value once in force, not on paper). Each draft in binding talks now shows that figure and the chance
    that both capitals approve, from the same valuation as the debrief."""
    from game.cli import render
    from game.session.game import GameSession
    from game.session.views import deal_value
    session = GameSession.new(load_scenario(SWEEPING), "us", 7, log_path=tmp_path / "g.jsonl")
    session.close()
    state = session.state
    assert state.tables is not None
    outcome = state.tables.problem.outcome_at(int(state.tables.of("us").order[0]))
    value = deal_value(state, outcome)
    line = render.worth(state, "us", outcome)
    assert state.scenario.forms[outcome[-1]].signed                   # a joint statement: its leader signs it
    assert (f"Once in force {value.in_force[0]:.3f}; the United States signs it with a chance of "
            f"{value.principal_entry(0):.0%}, and both capitals with a chance of {value.entry:.0%}.") in line
    brief = render.brief(state.scenario, "us")
    assert ("worth once in force (trust, verification and the form's durability counted): at 0.70 with the chance the "
            "form gives it") in brief
    # each form's bodies and their chance at the bar (newcomer trial: "its usual chance" was given nowhere)
    assert "Executive agreement (exchange of letters): President 60%, Congress (CAATSA review) 35%" in brief
    assert "Leaders' joint statement: 50%" in brief and "Treaty: 3%" in brief


def test_options_show_descriptions_and_ids_match_in_any_case(tmp_path: Path) -> None:
    """Newcomer trial: 'set form treaty' worked but 'set form Treaty' did not, and the options' descriptions
    (what each rung means) were never shown. Labels, not raw ids, are what a player reads."""
    out = play(tmp_path, str(SWEEPING), "--side", "us", "--seed", "7", "--log", str(tmp_path / "g.jsonl"),
               typed="options 3\noptions f\nset form Treaty\nset COVERT_SOCIAL_MEDIA pledge\nshow\n")
    assert "Covert social-media influence:\n" in out and "pledge_verify" not in out
    listed = out.split("Covert social-media influence:\n", 1)[1]
    assert listed.startswith("  1. Statement of principle")
    assert re.search(r"  4\. Pledge covering state-directed proxies( +<- your draft)?\n"
                     r"       Names state-directed proxies in the text, wording Moscow rejects\.", listed)
    assert "  1. Treaty\n       Needs 67 votes in the Senate" in out
    assert "no option" not in out and "no basket" not in out
    draft = out.rsplit("Your draft:", 1)[1]
    assert "f. Agreement form                             1. Treaty" in draft
    assert "3. Covert social-media influence              2. Specific pledge" in draft


def test_the_compliance_lines_name_governments_and_read_as_sentences() -> None:
    """Newcomer trial: "Roosevelt's negotiators (you): ... its own violations answered 0.0 times"."""
    from game.cli import render
    from game.engine.result import game_result
    from game.strategies.registry import make
    from game.strategies.runner import play as run
    scenario = load_scenario(SCENARIOS / "roosevelt_litvinov_1933.yaml")
    for seed in range(20):
        state = run(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
        if state.compliance is not None:
            break
    text = render.debrief(state, game_result(state), "us")
    lines = [line for line in text.split("\n") if "honoured by the other side in" in line]
    assert len(lines) == 2 and sorted(line.split(":")[0] for line in lines) == ["The Soviet Union", "The United States (you)"]
    assert all("times on average" in line or "it was never accused and answered" in line
               for line in lines)
    assert "0.0 times" not in text


def test_walking_away_is_weighed_against_the_offer_left_on_the_table(tmp_path: Path) -> None:
    """Newcomer trial: the debrief after a walk-out said only 'no deal'."""
    out = play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(tmp_path / "g.jsonl"),
               typed="best\noffer\nwalk\ny\n")
    shown = out.split("Their offer on the table, now: Worth ")[1].split(" expected")[0]
    line = next(x for x in out.split("\n") if x.startswith("You walked away from their last offer"))
    assert f"worth {shown} expected to your government against 0.550 with no deal" in line
    assert ("cost it" in line) == (float(shown) > 0.55)


def test_a_refused_move_reads_as_a_reason_not_a_rule_number(tmp_path: Path) -> None:
    """Newcomer trial: 'rule 10: this offer contains ...' (the rule's number is for the log and the docs)."""
    out = play(tmp_path, str(SWEEPING), "--side", "us", "--seed", "7", "--log", str(tmp_path / "g.jsonl"),
               typed="offer redline 2 3\n")
    assert "  This offer contains 'Pledge + consultations' on Election infrastructure" in out
    assert "rule 10" not in out


def test_the_opening_brief_is_the_files_and_round_one_events_follow_as_cards(tmp_path: Path) -> None:
    """Newcomer trial: the brief already showed a bar an event of round 1 had raised, and the card below it
    said 0.70 → 0.75. The opening brief is the file's; the cards say what changed. (Seed 25 is one whose
    sanctions bill passes in round 1; the test checks that it does.)"""
    bar = load_scenario(SWEEPING).party("us").domestic_threshold
    out = play(tmp_path, str(SWEEPING), "--side", "us", "--seed", "25", "--log", str(tmp_path / "g.jsonl"),
               typed="quit\n")
    brief, first_round = out.split("round 1 of 6", 1)
    assert "bar for approval at home" in first_round.split("[US delegation")[0]
    assert f"at {bar:.2f} with the chance the form gives it" in brief
    assert f"{bar:.2f} → " in first_round


def test_a_misspelt_command_gets_a_suggestion_and_the_first_mover_a_hint(tmp_path: Path) -> None:
    out = play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(tmp_path / "g.jsonl"),
               typed="opitons 2\nwlak\nxyzzy\noptions hack\n")
    assert "unknown command 'opitons' (did you mean 'options'?)" in out
    assert "unknown command 'wlak' (did you mean 'walk'?)" in out
    assert "unknown command 'xyzzy'; type 'help'" in out
    assert "a basket's id or 'form' (did you mean 'hack_and_leak'?)" in out                # newcomer trial
    assert "You make the first offer. Your draft starts at" in out       # Moscow opens in 2017


def test_play_without_a_scenario_lists_the_shipped_ones(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "main.py", "play"], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    for path in sorted(SCENARIOS.glob("*.yaml")):
        assert f"  {load_scenario(path).id} " in done.stderr


def test_words_after_a_bare_command_are_refused_not_ignored(tmp_path: Path) -> None:
    """'accept 3' is not an accept (of basket 3 or anything): it is refused with the reason, and the game goes on;
    'walk away' reads as 'walk' (and asks first, as a walk does)."""
    out = play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(tmp_path / "g.jsonl"),
               typed="show me\nbest please\nwalk away\nn\n")
    assert "'show' takes nothing after it (you typed 'me'): type 'show' alone" in out
    assert "'best' takes nothing after it (you typed 'please')" in out
    assert "Your draft:" not in out.split("takes nothing")[1].split("'best' takes")[0]   # the refused 'show' did nothing
    assert "takes nothing after it (you typed 'away')" not in out


def test_the_heading_says_whose_value_a_round_of_delay_costs(tmp_path: Path) -> None:
    """The discount applies to the delegations' stakes, not to what their governments get (docs/model.md): the
    heading says so instead of 'a deal loses N% a round'."""
    from game.session.names import delay_cost
    out = play(tmp_path, str(SWEEPING), "--side", "ru", "--seed", "7", "--log", str(tmp_path / "g.jsonl"), typed="quit\n")
    assert "| delay costs each delegation 5% a round |" in out
    assert "a deal loses" not in out
    assert delay_cost(1.0) == "" and delay_cost(0.97) == "delay costs each delegation 3% a round"


def test_an_official_reads_the_published_plan_its_talks_are_anchored_on(tmp_path: Path) -> None:
    """Author trial h7: the officials were told only the plan's weight ('pulls the sense of a fair deal toward
    it (weight 0.40)'), never its terms; now its terms and their worth to the player's government are printed
    when it is published, and again by 'show'."""
    out = play(tmp_path, str(SCENARIOS / "track15_trap.yaml"), "--side", "us", "--seed", "2",
               "--log", str(tmp_path / "g.jsonl"), typed="show\n")
    published, shown = out.split("The plan is published")[1].split("[")[0], out.split("> ")[1]
    for text in (published, shown):
        plan = text.split("The published plan:")[1]
        assert "f. Agreement form" in plan and "Worth " in plan and "to your government" in plan
