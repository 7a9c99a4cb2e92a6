"""Newcomer trial (track15_trap as the Russian minister: 'offer', 'show'): "Your delegation: -0.982 vs no deal"
was never explained during play; only the final debrief said "- 0.528 for conceding below its best in
non-binding talks". The brief of an official at a non-binding table now says that conceding there costs its
delegation (the reveal cost, with its number), and the first 'Your delegation' figure that counts it is
explained once, in the same session-level words in the terminal and the window (game.session.stake)."""

from __future__ import annotations

from pathlib import Path

from game.classroom.briefs import role_brief
from game.classroom.folder import create_session
from game.cli import render
from game.engine.actions import Offer
from game.scenario.loader import load_scenario
from game.session.brief import brief_facts
from game.session.drafts import starting_draft
from game.session.game import GameSession
from game.session.stake import delegation_stake, reveal_words
from game.web.seatview import brief_payload
from tests.conftest import SCENARIOS
from tests.test_ui import data_home, make_app, open_table  # noqa: F401  (a fixture)

TRAP = SCENARIOS / "track15_trap.yaml"


def test_the_ministers_brief_says_what_conceding_costs_its_delegation_and_only_its(tmp_path: Path) -> None:
    scenario = load_scenario(TRAP)
    line = brief_facts(scenario, "ru").reveal_line()
    cost = scenario.party("ru").incentives.reveal_cost
    assert line.startswith("Nothing binds at the table 'Track 1.5 meeting in New York', so conceding there costs your "
                           "delegation itself") and f"counts {cost:.2f} times" in line and "reveal cost" in line
    assert line.count(". ") == 0 and line.endswith(".")                          # one sentence
    assert line in render.brief(scenario, "ru")                                  # the terminal's brief
    assert brief_payload(scenario, "ru")["reveal"] == line                       # the class page's
    made = create_session(TRAP, 1, tmp_path / "class", seed=1)
    assert line in " ".join(role_brief(made, 1, "ru")[0].split())               # the printed brief
    assert brief_facts(scenario, "us_experts").reveal_line() == ""               # unofficial: no reveal cost
    assert brief_facts(scenario, "us").reveal_line() == ""                       # only at the binding table
    assert brief_facts(load_scenario(SCENARIOS / "roosevelt_litvinov_1933.yaml"), "ussr").reveal_line() == ""


def theirs_after_my_offer(tmp_path: Path) -> tuple[GameSession, tuple[int, ...]]:
    game = GameSession.new(load_scenario(TRAP), "ru", 1, log_path=tmp_path / "g.jsonl")
    game.take_moments()
    game.submit(Offer("ru", tuple(starting_draft(game.state, "ru"))))
    assert game.state.standing is not None and game.state.standing.party != "ru"
    return game, game.state.standing.outcome


def test_the_words_give_the_figure_and_its_terms(tmp_path: Path) -> None:
    game, theirs = theirs_after_my_offer(tmp_path)
    state = game.state
    said = reveal_words(state, "ru", theirs)
    stake = delegation_stake(state, "ru", theirs)
    assert said.startswith(f"Your delegation's {stake:+.3f} is ") and "for conceding below its best in " \
        "non-binding talks (the reveal cost: 2.33 × the" in said, said
    assert reveal_words(state, "ru", tuple(starting_draft(state, "ru"))) == ""   # its best concedes nothing
    game.log.close()


def test_the_terminal_explains_the_first_such_figure_once(tmp_path: Path) -> None:
    from tests.test_terminal_resume import play
    out = play(tmp_path, str(TRAP), "--side", "ru", "--seed", "1", "--log", str(tmp_path / "g.jsonl"),
               typed="offer\nshow\nquit\n")
    lines = out.splitlines()
    told = [i for i, line in enumerate(lines) if "for conceding below its best in non-binding talks" in line]
    first = next(i for i, line in enumerate(lines) if "Your delegation: -" in line)
    assert len(told) == 1 and first < told[0] <= first + 2, (told, first)     # below it (and its red lines)


def test_the_window_says_it_once_in_its_log(tmp_path: Path, data_home: Path) -> None:  # noqa: F811
    game = GameSession.new(load_scenario(TRAP), "ru", 1, log_path=tmp_path / "g.jsonl")
    table, _ = open_table(make_app(data_home), game)
    from html import unescape

    from game.ui.scenes.brief import brief_html
    assert brief_facts(game.scenario, "ru").reveal_line() in unescape(brief_html(game, "ru", opening=True))
    game.submit(Offer("ru", tuple(table.draft)))
    table.consume()
    table.refresh()
    assert game.state.standing is not None
    said = [line for line in table.log if "for conceding below its best in non-binding talks" in line]
    assert said == [reveal_words(table.view, "ru", game.state.standing.outcome)], table.log[-5:]
    table.refresh()
    assert len([line for line in table.log if "for conceding below its best" in line]) == 1
