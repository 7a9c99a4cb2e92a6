"""What a newcomer found playing the terminal game at 100 columns (issue: term13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.terminal import _Table
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from tests.conftest import SCENARIOS


def first_move(tmp_path: Path, name: str, side: str) -> GameSession:
    session = GameSession.new(load_scenario(SCENARIOS / name), side, 1, log_path=tmp_path / "g.jsonl")
    session.close()
    return session


def test_lock_before_any_offer_says_there_is_no_offer(tmp_path: Path) -> None:
    session = first_move(tmp_path, "code_of_conduct_2019.yaml", "us_experts")
    state = session.state
    assert state.protocol.lanes and session.to_move == "us_experts" and state.standing is None
    table = _Table("us_experts")
    table.draft = [0] * (len(state.scenario.baskets) + 1)
    with pytest.raises(ValueError, match="no offer from the other side yet") as err:
        table.command(state, "us_experts", "lock 1")
    assert "usage" not in str(err.value)
    with pytest.raises(ValueError, match="usage: lock BASKET"):
        table.command(state, "us_experts", "lock")


def test_brief_says_on_paper_and_lists_every_form_with_its_worth() -> None:
    from game.cli import render
    from game.cli.play_cmd import COMMANDS
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    for side in ("us", "ru"):
        text = render.brief(scenario, side)
        assert "best on paper: " in text and "best for you" not in text
        party = scenario.party(side)
        for form in scenario.forms:
            assert f"{form.label} {party.form_values[form.id]:.2f}" in text
    best = COMMANDS.split("    best ", 1)[1].split("\n    messages", 1)[0]
    assert "at\n" in best and "expected value" in best


def test_window_and_web_briefs_agree_with_the_terminal() -> None:
    from game.web.seatview import brief_payload
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    payload = brief_payload(scenario, "us")
    assert len(payload["forms_preferred"]) == len(payload["form_worth"]) == len(scenario.forms)
    js = (Path(__file__).parents[1] / "game" / "web" / "static" / "play.js").read_text(encoding="utf-8")
    assert "best on paper" in js and "best for you" not in js


def test_a_table_row_wraps_its_last_column_within_the_row() -> None:
    from game.cli import render, wrap
    text = render.brief(load_scenario(SCENARIOS / "ict_guarantees_2020.yaml"), "us")
    row = next(line for line in text.split("\n") if "state-directed proxies" in line)
    assert len(row) > 99
    out = wrap.fit(row, 99).split("\n")
    assert len(out) == 2 and all(len(line) <= 99 for line in out)
    column = out[0].index("best on paper")
    assert out[1].startswith(" " * (column + 2)) and row.endswith(" " + out[1].strip())  # hanging indent
    assert " ".join(line.strip() for line in out).split() == row.split()               # no word cut or lost


def test_commands_and_paths_are_never_wrapped() -> None:
    from game.cli import wrap
    resume = ("Game saved. Resume with: python main.py play --resume "
              "/root/.local/share/backchannel/logs/narrow_deal_2020-20261129-045302-1.jsonl")
    logged = "(seed 1; move log: /root/.local/share/backchannel/logs/narrow_deal_2020-1.jsonl; type 'help' for commands)"
    for line in (resume, logged, "Result (signed): results/table-1-us-result-for-the-teacher-signed.json"):
        assert wrap.fit(line, 60) == line
    assert wrap.fit("word " * 30, 60) != "word " * 30                                   # prose still wraps
    rungs = ("  Year 2 of one simulated history: the congress meets. (Detection on agitation (each rung): "
             "50%/50%/50%/60% → 90%/90%/90%/90%; attribution 50% → 90%)")
    assert all(len(line) <= 60 for line in wrap.fit(rungs, 60).split("\n"))           # figures are not a path


def test_talks_frozen_after_a_round_say_so_truthfully(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "main.py", "play", str(SCENARIOS / "narrow_deal_2020.yaml"), "--side", "us",
                          "--seed", "1044848855"], input="offer\n", capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=120, check=False).stdout
    assert "the talks are frozen after round 1" in out and "The talks are frozen after round 1" in out
    assert "no deal (the talks were frozen after round 1)" in out
    for untrue in ("no round will be played", "10 → 0", "at the deadline"):
        assert untrue not in out


def test_player_text_has_no_jargon_or_doc_references() -> None:
    import inspect

    from game.cli import render, terminal
    from game.session import effects, names, views
    from game.strategies import base
    from game.ui.scenes import table_news
    said = names.anchoring("Official talks", 0.4)
    assert "bar for approval at home" in said and "40%" in said and "anchor" not in said
    for module in (render, terminal, views, effects, table_news):
        code = inspect.getsource(module)
        assert "anchors '" not in code and "plan anchors" not in code
    assert "believe it final" not in inspect.getsource(base)
    assert "(docs/model.md" not in inspect.getsource(render.debrief).replace('"""', "").split("\n", 2)[2]
    assert '" -> ' not in inspect.getsource(render) and "IN FORCE" not in inspect.getsource(render)


def test_classroom_new_names_the_seats_by_display_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from game.cli.classroom_cmd import run_new
    args = argparse.Namespace(scenario=str(SCENARIOS / "narrow_deal_2020.yaml"), tables=2, out=tmp_path / "s",
                              seed=1, inject=[], at_round=[], opponent=None)
    assert run_new(args) == 0
    out = capsys.readouterr().out
    assert "US delegation (State Department)" in out and "Russian delegation (Foreign Ministry)" in out
    assert "(us, ru at each)" not in out


def test_a_track15_delegation_sees_its_own_stake_as_the_window_does(tmp_path: Path) -> None:
    """Newcomer trial: 'show' gave only the government's worth; the window's meter also shows
    "Your delegation: +0.356 vs no deal". Both come from game.session.stake."""
    from game.cli import render
    from game.session.stake import delegation_stake
    session = first_move(tmp_path, "track15_trap.yaml", "us_experts")
    state = session.state
    assert state.standing is not None
    for outcome in (state.standing.outcome, tuple([0] * (len(state.scenario.baskets) + 1))):
        stake = delegation_stake(state, "us_experts", outcome)
        assert f"Your delegation: {stake:+.3f} vs no deal." in render.worth(state, "us_experts", outcome)
    official = first_move(tmp_path / "official", "narrow_deal_2020.yaml", "us").state
    outcome = tuple([0] * (len(official.scenario.baskets) + 1))
    assert "Your delegation" not in render.worth(official, "us", outcome)      # no stake of its own: none shown


def test_lock_says_what_it_locked_and_when_a_basket_is_already_locked(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Newcomer trial: 'lock 1' printed nothing, and locking it again gave a vague refusal."""
    from game.session.drafts import starting_draft as best_draft
    from game.engine.actions import Lock, Offer
    session = GameSession.new(load_scenario(SCENARIOS / "code_of_conduct_2019.yaml"), "us_experts", 1,
                              log_path=tmp_path / "g.jsonl")
    session.take_moments()
    session.submit(Offer("us_experts", tuple(best_draft(session.state, "us_experts"))))
    state = session.state
    assert state.standing is not None and state.standing.party != "us_experts" and session.to_move == "us_experts"
    table = _Table("us_experts")
    table.draft = best_draft(state, "us_experts")
    action = table.command(state, "us_experts", "lock 1")
    assert isinstance(action, Lock)
    session.submit(action)
    moment = next(m for m in session.take_moments() if isinstance(m.action, Lock))
    capsys.readouterr()
    table.show(moment.before, moment.action, moment.after)
    basket = state.scenario.baskets[0]
    option = basket.options[state.standing.outcome[0]].label
    assert f"Locked {basket.name} at '{option}'." in capsys.readouterr().out
    with pytest.raises(ValueError, match=f"{basket.name} at '{option}' is already locked"):
        table.command(moment.after, "us_experts", "lock 1")
    with pytest.raises(ValueError, match="the agreement form cannot be locked"):
        table.command(moment.after, "us_experts", "lock form")
    session.close()


def test_a_resumed_draft_is_said_restored_even_with_their_offer_on_the_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Newcomer trial: with an offer of theirs on the table, 'play --resume' never said the draft was back."""
    from game.cli.handover import where
    session = first_move(tmp_path, "track15_trap.yaml", "us_experts")
    assert session.state.standing is not None and session.state.standing.party == "ru"
    where(session.state, "us_experts", True)
    out = capsys.readouterr().out
    assert "Russian Foreign Minister's team offers:" in out
    assert "(your unsent draft is restored; 'show' prints it)" in out
    where(session.state, "us_experts", False)
    assert "unsent draft" not in capsys.readouterr().out


def test_ctrl_c_at_the_prompt_saves_the_game_and_exits_130_as_simulate_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Newcomer trial: 'play' exited 0 after Ctrl-C where 'simulate' exits 130; 'quit' still exits 0."""
    import builtins

    from game.about import program
    from game.cli.app import main
    typed = iter(["set 1 2"])

    def ctrl_c(prompt: str = "") -> str:
        line = next(typed, None)
        if line is None:
            raise KeyboardInterrupt
        return line
    monkeypatch.setattr(builtins, "input", ctrl_c)
    log = tmp_path / "g.jsonl"
    assert main(["play", str(SCENARIOS / "narrow_deal_2020.yaml"), "--side", "us", "--seed", "1",
                 "--log", str(log)]) == 130
    out = capsys.readouterr().out
    assert f"Game saved. Resume with:\n  {program()} play --resume {log}" in out and "Traceback" not in out
    from game.session import drafts
    assert drafts.path_of(log).exists()                       # the unsent draft is kept, as a quit keeps it
    monkeypatch.setattr(builtins, "input", lambda prompt="": "quit")
    assert main(["play", "--resume", str(log)]) == 0
