"""Terminal views: the debrief explains what happened to the deal."""

from __future__ import annotations

from game.cli.render import brief, debrief
from game.engine.actions import Accept, Offer, Perceive, Ratify, RoundStart
from game.engine.result import game_result
from game.engine.rules import apply, new_game
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")


def test_debrief_says_why_a_deal_never_entered_into_force() -> None:
    state = apply(new_game(NARROW), Perceive(tuple((p.id, ()) for p in NARROW.parties)))
    state = apply(state, RoundStart(()))
    crossing = (3, 4, 3, 3, 3, 3, 0)                      # inspection of election systems: a US red line
    state = apply(apply(state, Offer("us", crossing)), Accept("ru"))
    state = apply(state, Ratify((("united_states", False), ("russia", True))))
    text = debrief(state, game_result(state), "us")
    assert "did not enter into force" in text
    assert "crosses the United States' red line on Election infrastructure: it can never be ratified there" in text
    assert "What each delegation felt it won" not in text   # officials without own stakes: nothing to add


def test_brief_of_an_official_has_no_track15_section() -> None:
    assert "Track 1.5" not in brief(NARROW, "us")
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    assert "You feel only 40% of what you concede" in brief(trap, "us_experts")


def test_the_terminal_debrief_of_the_trap_ends_with_the_trap_in_one_sentence() -> None:
    """The terminal, like the window's hand-off scene, states what the experts felt they won, what
    Washington got and what the absent parties lost (issue 10, item 14); with no deal, the absent
    stakeholder simply keeps its no-deal value."""
    from game.strategies.registry import make
    from game.strategies.runner import play
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    state = play(trap, 3, {p.id: make("modeller") for p in trap.parties})
    text = debrief(state, game_result(state), "us")
    assert "felt they won" in " ".join(text.split())
    assert "Russian civil society and independent media, absent from both tables" in " ".join(text.split())
    if state.results[-1].agreement is None:
        assert "no deal, so it keeps its" in text



def test_the_debrief_lists_the_experts_delegation_and_marks_the_players_row() -> None:
    """Newcomer trial: the experts' debrief listed only the two governments' delegations, none marked
    "(you)", and never said why the brief's no deal (0.45, as they saw it) was 0.550 there."""
    from game.session.stake import delegation_rows
    from game.strategies.registry import make
    from game.strategies.runner import play
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    for seed in (1, 3):                          # seed 1: the truth is 0.550; seed 3: an event made it 0.450
        state = play(trap, seed, {p.id: make("modeller") for p in trap.parties})
        result = game_result(state)
        text = debrief(state, result, "us_experts")
        rows = [line for line in text.split("\n") if "(you)" in line]
        assert len(rows) == 1 and rows[0].startswith("Former US officials and scholars (you)")
        row = delegation_rows(state, result)[0]
        assert rows[0] == (f"Former US officials and scholars (you): worth {row.felt:+.3f} to itself; its government, "
                           f"the United States, got {row.gave:.3f}.")   # player trial: it ran under "no deal"
        told = "Your brief gave your government's no deal as 0.45, its true value when the talks began; an event"
        assert (told in text) == (seed == 1)
        official = debrief(state, result, "us")
        assert [line for line in official.split("\n") if "(you)" in line][0].startswith(
            "US delegation (State Department) (you)")
        assert "as you saw it" not in official
