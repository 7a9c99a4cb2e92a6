"""What a newcomer found playing track15_trap by keyboard in the window (helper h65): the side picker put the
player's own government across the table, the brief gave the home bar after the plan, the message picker
offered red lines the draft crosses, and the table's header kept an old event."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.strategies.registry import DEFAULT
from game.ui.app import App
from game.ui.scenes.brief import BriefScene
from game.ui.scenes.picker import SideScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401  (a fixture, the open sessions, the factory)

TRAP = SCENARIOS / "track15_trap.yaml"


def start_from(app: App, side: SideScene) -> GameSession:
    """Start the game the side picker ``side`` shows and open its brief: the new game's session (closed at the
    end of the test run)."""
    driver = Driver(app)
    driver.frames(1)
    side.start()
    driver.settle()
    assert isinstance(app.top, BriefScene)
    session = app.top.session
    OPEN.append(session)
    return session

def test_across_the_table_lists_only_the_other_governments_delegations_and_the_opponent_plays_only_them(
        data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640))
    side = SideScene(app, load_scenario(TRAP), "us_experts")
    app.reset(side)
    side.cycle(1)                                                 # the first persona by name
    persona = side.opponent
    assert persona is not None
    across = side.note.html_text.split("<b>Across the table</b>")[1].split("<br><br>")[0]
    assert "Russian" in across and "US delegation" not in across, across
    side.pick("us")
    across = side.note.html_text.split("<b>Across the table</b>")[1].split("<br><br>")[0]
    assert "Former US officials" not in across and "Russian" in across, across
    side.pick("us_experts")
    side.seed = 3
    session = start_from(app, side)
    assert session.overrides == {"ru": persona}                   # not the US delegation's AI too
    assert session.personas["us"].strategy == (load_scenario(TRAP).party("us").strategy or DEFAULT)
    pygame.quit()


def test_a_new_games_brief_gives_the_bar_at_home_before_the_published_plan_moved_it(
        data_home: Path) -> None:  # noqa: F811
    """The US delegation's bar is 0.60 in the file; the experts' plan, published before the player's first move,
    moves it (0.60 → 0.49, told by the next screen). The brief, read first, gives 0.60, as the terminal's does."""
    from game.cli import render
    from game.session.brief import seen_scenario
    app = make_app(data_home, (1024, 640))
    side = SideScene(app, load_scenario(TRAP), "us")
    side.seed = 1
    app.reset(side)
    session = start_from(app, side)
    before = session.scenario.party("us").domestic_threshold
    after = session.state.scenario.party("us").domestic_threshold
    assert f"{before:.2f}" != f"{after:.2f}"                      # the plan did move it before the brief
    brief = app.top
    assert isinstance(brief, BriefScene)
    shown = brief.reading.html_text if brief.reading is not None else ""
    assert f"at {before:.2f} with the chance" in shown and f"at {after:.2f} with" not in shown
    terminal = render.brief(seen_scenario(session.state, "us", session.scenario), "us")
    assert f"at {before:.2f} with the chance" in terminal
    pygame.quit()


def test_the_message_picker_greys_out_red_lines_on_the_drafts_own_options_and_a_refusal_says_what_to_change(
        data_home: Path) -> None:  # noqa: F811
    from game.engine.actions import MessageKind
    from game.ui.scenes.dialogs import MessageScene
    from game.ui.scenes.message_picker import MessagePickerScene
    from tests.test_table_ui import table_for
    app = make_app(data_home, (1024, 640))
    table = table_for(app, TRAP, "us_experts", 4)
    scenario, draft = table.view.scenario, tuple(table.draft)
    messages = table.messages()
    own = {i for i, m in enumerate(messages) if m is not None and m.kind is MessageKind.RED_LINE and m.basket
           is not None and scenario.basket(m.basket).options[draft[[b.id for b in scenario.baskets].index(m.basket)]].id
           == m.option}
    assert own                                                     # one a basket: the option the draft offers
    table.pick_message()
    driver = Driver(app)
    driver.frames(1)
    picker = app.top
    assert isinstance(picker, MessagePickerScene)
    assert all(not picker.rows[i].is_enabled for i in own)
    assert all(row.is_enabled for i, row in enumerate(picker.rows) if i not in own)
    app.pop()
    seen = set()
    for _ in range(len(messages)):                                 # Left/Right on the button pass them too
        table.cycle_message(1)
        seen.add(table.message_index)
    assert not seen & own and len(seen) == len(messages) - len(own)
    table.set_message(min(own))                                     # chosen before the draft came to contain it
    table.propose()
    driver.settle()
    refused = app.top
    assert isinstance(refused, MessageScene)
    assert "rule 10" not in refused.message and refused.message.startswith("This offer contains"), refused.message
    assert "choose another message" in refused.message
    pygame.quit()


def test_the_tables_headline_names_the_round_of_its_event_and_the_published_plan_is_not_no_events(
        data_home: Path) -> None:  # noqa: F811
    from game.engine.actions import Offer
    from game.session.game import GameSession
    from game.ui.scenes.table import TableScene
    app = make_app(data_home, (1024, 640))
    session = GameSession.new(load_scenario(TRAP), "us", 1, schedule=(("hack_and_leak_scandal", 2),))
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    while app.top is not table:                                            # the hand-over to the official talks
        driver.key(pygame.K_RETURN)
    assert session.state.anchor is not None and table.card                 # the plan's card beside the headline
    assert "no events" not in table.ticker_label.text.lower()
    assert table.ticker_label.text == "Round 1: The published plan shapes Official talks.", table.ticker_label.text
    shown = []
    while session.state.round < 2 and not session.over:
        tables = session.state.tables
        assert tables is not None
        table.submit(Offer("us", tables.problem.outcome_at(int(tables.of("us").order[0]))))
        driver.settle()
        shown.append((session.state.round, table.ticker_label.text))
    event = "A hack-and-leak operation is traced to a state agency."
    assert (1, f"Round 2: {event}") in shown, shown                        # when it fires
    # a round later, under "round 3 of 10": named as the last event, of round 2 (player trial: "Round 2: ..." under
    # the header's round 3 read as this round's news)
    assert (2, f"Last event (round 2): {event}") in shown, shown
    assert not any(r == 2 and text.startswith("Round 2") for r, text in shown), shown
    assert not any(text.startswith("EVENT") for _, text in shown)
    pygame.quit()


def test_play_opponent_changes_only_the_delegations_across_the_table(tmp_path: Path) -> None:
    """As the window's side picker: 'play track15_trap --side us_experts --opponent boulware' gave the experts' own
    government's delegation the boulware too; the opponent is the other government's delegations only."""
    import argparse

    from game.cli.play_cmd import make_session
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    args = argparse.Namespace(scenario=str(SCENARIOS / "track15_trap.yaml"), side="us_experts", opponent="boulware",
                              seed=1, log=tmp_path / "g.jsonl", hot_seat=False, session=None, resume=None, table=None,
                              out=None, text=True, window=False, parser=argparse.ArgumentParser())
    session = make_session(args)
    try:
        across = {p.id for p in scenario.across("us_experts")}
        for p in scenario.parties:
            if p.id == "us_experts":
                continue
            chosen = session.personas[p.id].strategy
            assert (chosen == "boulware") == (p.id in across), (p.id, chosen)
    finally:
        session.close()
