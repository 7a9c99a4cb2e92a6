"""The terminal game asks before a risky move and lists only the messages that still mean something
(issue 13, terminal defects 1 and 2)."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli.handover import QuitGame
from game.cli.terminal import _Table
from game.engine.actions import Accept, Offer, Walk
from game.engine.state import State
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from tests.conftest import ROOT, SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


@pytest.fixture
def state(tmp_path: Path) -> State:
    """The narrow deal at the US delegation's first move."""
    session = GameSession.new(load_scenario(NARROW), "us", 1, log_path=tmp_path / "g.jsonl")
    session.close()
    assert session.to_move == "us"
    return session.state


def typed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    """Feed ``lines`` to input(), then end the input."""
    feed: Iterator[str] = iter(lines)

    def fake(prompt: str = "") -> str:
        print(prompt, end="")
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None
    monkeypatch.setattr(builtins, "input", fake)


def worst_for(state: State, party: str) -> tuple[int, ...]:
    """The package worth least to ``party``'s government."""
    assert state.tables is not None
    order = state.tables.of(party).order
    return state.tables.problem.outcome_at(int(order[-1]))


def test_walk_asks_a_wrong_key_is_answered_and_no_keeps_talking(state: State, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    typed(monkeypatch, ["walk", "x", "n", "walk", "", "walk", "yes"])
    action = _Table("us").choose(state, "us")
    out = capsys.readouterr().out
    assert isinstance(action, Walk)
    assert out.count("Walk away? [y/N]") == 4                     # x asks again; n and Enter say no
    assert "Please answer y (yes) or n (no): 'x' is neither" in out
    assert out.count("You stay at the table: the talks go on, and your draft is as it was.") == 2
    assert "Not sent" not in out


def test_accepting_less_than_no_deal_asks_and_the_end_of_input_sends_nothing(
        state: State, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    bad = state.evolve(standing=Offer("ru", worst_for(state, "us")))
    typed(monkeypatch, ["accept"])
    with pytest.raises(QuitGame):                                  # the input ends at the question: nothing sent
        _Table("us").choose(bad, "us")
    out = capsys.readouterr().out
    assert "less than no deal" in out and "Accept it anyway? [y/N]" in out
    typed(monkeypatch, ["accept", "y"])
    assert isinstance(_Table("us").choose(bad, "us"), Accept)


def test_an_offer_that_crosses_your_own_red_lines_asks(state: State, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    s = state.scenario
    basket = s.baskets[0]
    table = _Table("us")
    table.draft = [0] * (len(s.baskets) + 1)
    declared = state.evolve(declared=(("us", basket.id, basket.options[0].id),))   # a red line 'us' declared
    typed(monkeypatch, ["offer", "n", "quit"])
    with pytest.raises(QuitGame):
        table.choose(declared, "us")
    out = capsys.readouterr().out
    assert f"{basket.name}: '{basket.options[0].label}'" in out and "halves your credibility" in out
    assert "Send this offer anyway? [y/N]" in out
    government = next((i, b) for i, b in enumerate(s.baskets) if s.party("us").red_lines.get(b.id))
    table.draft = list(worst_for(state, "us"))
    option = next(j for j, o in enumerate(government[1].options) if o.id in s.party("us").red_lines[government[1].id])
    table.draft[government[0]] = option
    typed(monkeypatch, ["offer", "y"])
    action = table.choose(state, "us")
    assert isinstance(action, Offer) and "can never be ratified at home" in capsys.readouterr().out


def test_changing_an_offer_called_final_asks_and_says_what_it_costs(
        state: State, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Helper trial 2026-11-29: 'offer final', then a changed draft went out without a word; the credibility
    was halved and the player learnt it from the AI afterwards."""
    assert state.tables is not None
    table = _Table("us")
    table.draft = list(state.tables.problem.outcome_at(int(state.tables.of("us").order[0])))
    said = state.evolve(finals=(("us", tuple(table.draft)),))
    typed(monkeypatch, ["offer"])                                  # the same package again: nothing to ask
    assert isinstance(table.choose(said, "us"), Offer) and "[y/N]" not in capsys.readouterr().out
    table.draft[0] = 1 - table.draft[0] if table.draft[0] in (0, 1) else 0
    typed(monkeypatch, ["offer", "n", "offer", "y"])
    action = table.choose(said, "us")
    out = capsys.readouterr().out
    assert isinstance(action, Offer) and out.count("Send this offer anyway? [y/N]") == 2
    trust = state.scenario.compliance.trust
    assert "You said your last offer was final" in out and f"({trust:.0%} → {trust / 2:.0%})" in out


def test_a_safe_offer_asks_nothing(state: State, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    typed(monkeypatch, ["offer"])
    assert isinstance(_Table("us").choose(state, "us"), Offer)
    assert "[y/N]" not in capsys.readouterr().out


def test_messages_leave_out_locked_baskets_and_keep_their_numbers(state: State, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    s = state.scenario
    locked = state.evolve(locks=tuple(0 if i == 0 else -1 for i in range(len(s.baskets))))
    table = _Table("us")
    first_open = 2 + len(s.baskets[0].options)            # 1 is the final offer, then basket 1's red lines
    typed(monkeypatch, ["messages", "offer redline 1 2", "offer 2", f"offer {first_open}"])
    action = table.choose(locked, "us")
    out = capsys.readouterr().out
    listed, note = out.split("'offer N' sends your draft with message N):")[1].split("(Numbers ", 1)
    assert s.baskets[0].name not in listed and s.baskets[1].name in listed
    assert f"about locked baskets, left out: {s.baskets[0].name} (settled in its lane)" in note   # the gap said
    assert f"{first_open:>2}. Red line: {s.baskets[1].name}" in listed    # its number as in every round
    assert "basket 1 is locked" in out
    assert "message 2 is about basket 1, which is locked" in out
    assert isinstance(action, Offer) and action.message is not None
    assert action.message.basket == s.baskets[1].id


def test_a_piped_game_answers_the_question_on_the_next_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "main.py", "play", str(NARROW), "--side", "us", "--seed", "1",
                             "--log", str(tmp_path / "g.jsonl")], input="walk\nmaybe\nn\nshow\nwalk\ny\n",
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "'maybe' is neither" in result.stdout and "You stay at the table" in result.stdout
    assert "DEBRIEF" in result.stdout and "(you walked away)" in result.stdout
