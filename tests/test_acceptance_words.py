"""How "the timing" (rule 10's acceptance below 1, the 2017 election window) reads wherever a deal's approval at
home is shown (newcomer trial after the window got its brief's effect): it lets a deal go ahead or holds it
back, it weighs no terms and has no trend; a refusal names it apart from the bodies that voted; the meter's
trend compares each veto player with itself, and its lines share one wording."""

from __future__ import annotations

import json

import pygame
import pytest

from game.cli.app import main
from game.cli.render import debrief
from game.engine.actions import Ratify
from game.engine.result import GameResult, game_result
from game.engine.rules import apply
from game.engine.state import State
from game.engine.valuation import TIMING
from game.session.audience import VetoPlayer, refusal_clause, veto_players
from game.ui.meter import Meter, player_line
from game.ui.theme import PALETTES
from tests.conftest import SCENARIOS
from tests.test_acceptance import at_vote, game

HALVED = at_vote(game(1))          # the 2017 game of seed 1 at its vote, after the window
assert HALVED.binding_result is not None and HALVED.binding_result.agreement is not None
DEAL: tuple[int, ...] = tuple(int(x) for x in HALVED.binding_result.agreement)


def voted(entered_us: bool, refused: tuple[tuple[str, str], ...]) -> tuple[State, GameResult]:
    state = apply(HALVED, Ratify((("russia", True), ("united_states", entered_us)), refused))
    return state, game_result(state)


def test_a_deal_held_back_by_the_timing_alone_says_so_and_names_no_vote() -> None:
    state, result = voted(False, (("united_states", TIMING),))
    assert refusal_clause(state, result) == "the timing held the United States back"
    text = debrief(state, result, "us")
    assert "Held back by the timing (an event of these talks): United States" in text
    assert "Not signed by" not in text and "Refused by" not in text          # no body refused


def test_a_refusal_by_a_body_and_the_timing_names_both_apart() -> None:
    state, result = voted(False, (("united_states", "united_states"), ("united_states", TIMING)))
    words = refusal_clause(state, result)
    assert words.startswith("the United States ") and words.endswith(", and the timing held the United States back")
    assert "timing" not in words.split(",")[0]


def test_the_timing_lets_it_go_ahead_and_has_no_trend_in_the_meter() -> None:
    pygame.font.init()
    font = pygame.font.Font(None, 24)
    [_, timing] = veto_players(HALVED, "us", DEAL)
    assert timing.timing and timing.name == "the timing (United States)" and timing.chance == 0.5
    assert "lets it go ahead: 50%" in player_line(font, timing, 0.5, None, 2000)
    assert "approves" not in player_line(font, timing, 0.5, None, 2000)
    for width in (400, 200):                       # shorter and shorter, cut last: never "Approval" for it
        line = player_line(font, timing, 0.5, None, width)
        assert line.startswith(("Going ahead", "At home", "Your draft")) and font.size(line)[0] <= width, line


class Recording:
    """A font that records what it renders."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font, self.said = font, []  # type: ignore[var-annotated]

    def render(self, text: str, *args: object) -> pygame.Surface:
        self.said.append(text)
        return self.font.render(text, True, (0, 0, 0))

    def size(self, text: str) -> tuple[int, int]:
        return self.font.size(text)

    def get_linesize(self) -> int:
        return self.font.get_linesize()


def test_the_meters_trend_compares_each_veto_player_with_itself() -> None:
    """After a change of form the players differ: the trend was by position (the timing's 50% against
    Congress's 41%); it is by name, and a player not in the last offer has none."""
    pygame.font.init()
    font = Recording(pygame.font.Font(None, 20))
    meter = Meter()
    meter.aim(HALVED, "us", DEAL, False)
    names = [p.name for p in meter.players]
    meter.last_offer = {"President (United States)": 0.64, "Congress (CAATSA review) (United States)": 0.41}
    surface = pygame.Surface((900, 400))
    meter.draw(surface, pygame.Rect(0, 0, 900, 300), HALVED, "us", font, PALETTES["standard"])  # type: ignore[arg-type]
    lines = [t for t in font.said if any(n in t for n in names)]
    assert len(lines) == len(names) and not any("▲" in t or "▼" in t for t in lines), lines
    meter.last_offer = {names[0]: 0.9, names[1]: 0.9}
    font.said.clear()
    meter.draw(surface, pygame.Rect(0, 0, 900, 300), HALVED, "us", font, PALETTES["standard"])  # type: ignore[arg-type]
    lines = [t for t in font.said if any(n in t for n in names)]
    assert "▼" in lines[0] and "▲" not in lines[1] and "▼" not in lines[1], lines        # the timing never moves
    shapes = {t.split(":")[0].replace(names[0], "X").replace(names[1], "X").replace("lets it go ahead", "approves")
              for t in lines}
    assert len(shapes) == 1, lines                                            # one wording for both lines


def test_analyze_says_no_event_is_applied_and_names_the_certain_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """Newcomer trial: analyze gave ICT 2020's figures before its election window, which fires as round 1 opens,
    without a word; a player never meets those figures."""
    assert main(["analyze", str(SCENARIOS / "ict_guarantees_2020.yaml")]) == 0
    out = capsys.readouterr().out
    assert ("Events of the talks are not applied: this is the table before any of the file's 4 events; certain to "
            "fire: election_window at round 1 (us.acceptance ×0.5, ru.reservation -0.05)") in out
    assert main(["analyze", str(SCENARIOS / "ryabkov_2017.yaml"), "--json"]) == 0
    [window] = json.loads(capsys.readouterr().out)["scheduled_events"]
    assert window == {"id": "election_window", "at_round": 4,
                      "effects": [{"parameter": "ru.reservation", "add": -0.05}, {"parameter": "us.acceptance",
                                                                                  "multiply": 0.5}]}
    assert main(["analyze", str(SCENARIOS / "narrow_deal_2020.yaml")]) == 0
    assert "certain to fire" not in capsys.readouterr().out          # its events are draws, none scheduled


def test_the_brief_read_after_the_window_says_the_chance_of_going_ahead() -> None:
    """Newcomer trial: after the 2017 window the brief still gave the file's chances at the bar, with no word of
    the halving; read again (the terminal's `brief`, the window's brief screen), it says it."""
    from game.cli.render import brief
    from game.scenario.loader import load_scenario
    from game.session.brief import seen_scenario
    after = brief(seen_scenario(HALVED, "us"), "us")
    assert "left your government a chance of 50% of going ahead with any deal at all" in after
    assert "going ahead" not in brief(load_scenario(SCENARIOS / "ryabkov_2017.yaml"), "us")      # before it: none
