"""Every string a player reads uses display names and agrees in grammar (issue 13, defect 9): no raw
party, principal, basket, phase or persona id, no lower-case country, no truncated delegation name,
"Roosevelt's negotiators offer". The window's text is recorded where it is rendered, on every
screen of scripted games; the terminal's is its whole output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import matplotlib.text
import pygame
import pytest
from matplotlib.figure import Figure
from pygame.typing import ColorLike
from pygame_gui.core import gui_font_pygame

from game.scenario.loader import load_scenario
from game.session.names import is_plural, persona_name, principal_name, says
from game.strategies.registry import STRATEGIES
from game.ui import app as app_module
from game.ui.scenes import debrief as debrief_module
from game.ui.scenes.picker import SideScene
from game.ui.screenshots import play_scripted
from game.ui.scripted import Driver
from tests.conftest import ROOT, SCENARIOS, shipped_scenarios
from tests.test_ui import data_home, make_app  # noqa: F401  (a fixture, and the window's factory)

ROOSEVELT = SCENARIOS / "roosevelt_litvinov_1933.yaml"
NARROW = SCENARIOS / "narrow_deal_2020.yaml"


@cache
def raw_ids() -> tuple[re.Pattern[str], ...]:
    """Patterns of ids that must never reach a player, from every shipped scenario and AI."""
    words: set[str] = {"boulware"} | {name for name in STRATEGIES if "_" in name}
    for path in shipped_scenarios():
        s = load_scenario(path)
        words |= {p.principal for p in s.parties} | {principal_name(p.principal).lower() for p in s.parties}
        words |= {p.id for p in s.parties if p.id != "us"}          # "us" is also an English word
        words |= {b.id for b in s.baskets if "_" in b.id} | {ph.id for ph in s.phases}
    patterns = [re.compile(rf"(?<![\w/.-]){re.escape(w)}(?![\w/.-])") for w in sorted(words)]
    patterns.append(re.compile(r"\bus (offers|accepts|walks|locks|walked)\b|\[us\]"))
    return tuple(patterns)


@cache
def bad_grammar() -> tuple[re.Pattern[str], ...]:
    """A plural delegation or phase with a singular verb ("Roosevelt's negotiators offers")."""
    names: set[str] = set()
    for path in shipped_scenarios():
        s = load_scenario(path)
        names |= {p.name for p in s.parties if is_plural(p.name)} | {ph.name for ph in s.phases if is_plural(ph.name)}
    return tuple(re.compile(rf"{re.escape(n)} (offers|accepts|walks|locks|ends)\b") for n in sorted(names))


def offending(texts: list[str]) -> list[tuple[str, str]]:
    found = []
    for text in dict.fromkeys(texts):
        for pattern in raw_ids() + bad_grammar():
            match = pattern.search(text)
            if match:
                found.append((match.group(0), text))
    return found


def test_display_names() -> None:
    assert principal_name("united_states") == "United States"
    assert principal_name("united_states", article=True) == "the United States"
    assert principal_name("soviet_union", article=True) == "the Soviet Union"
    assert principal_name("russia", article=True) == "Russia"
    assert persona_name("boulware") == "Boulware" and persona_name("tit_for_tat") == "Tit for tat"
    assert says("Roosevelt's negotiators", "offers", "offer") == "Roosevelt's negotiators offer"
    assert says("Russian delegation (Foreign Ministry)", "offers", "offer").endswith("delegation (Foreign Ministry) offers")
    assert says("Former US officials and scholars", "walks away", "walk away").endswith("scholars walk away")
    assert says("Official talks (Track 1)", "ends", "end").endswith("end")
    assert says("American members of the working group", "accepts", "accept").endswith("group accept")
    assert says("Government of the Soviet Union", "offers", "offer").endswith("Union offers")


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every string the window renders: its own drawing (meters, panels, charts' labels) through a
    recording font, and each visible element's text, HTML and tooltip whenever a frame is drawn."""
    seen: list[str] = []

    class RecordingFont(pygame.font.Font):
        def render(self, text: str | bytes | None, antialias: bool, color: ColorLike,
                   bgcolor: ColorLike | None = None, wraplength: int = 0) -> pygame.Surface:
            seen.append(str(text))
            return super().render(text, antialias, color, bgcolor, wraplength)

    monkeypatch.setattr(pygame.font, "Font", RecordingFont)
    monkeypatch.setattr(gui_font_pygame, "Font", RecordingFont)
    draw = app_module.App.draw

    def recording_draw(self: app_module.App) -> None:
        for scene in self.shown():
            for element in scene.elements:
                if element.visible:
                    seen.extend(str(getattr(element, key)) for key in ("text", "html_text", "tool_tip_text")
                                if getattr(element, key, None))
        draw(self)

    monkeypatch.setattr(app_module.App, "draw", recording_draw)
    figure_surface = debrief_module.figure_surface

    def recording_figure(fig: Figure) -> pygame.Surface:
        seen.extend(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text())
        return figure_surface(fig)

    monkeypatch.setattr(debrief_module, "figure_surface", recording_figure)
    yield seen


@pytest.mark.parametrize("title,side", [("Recognition for restraint", "Litvinov's delegation"),
                                        ("A narrow deal", "Russian delegation"),
                                        ("A narrow deal", "US delegation")])
def test_every_screen_of_a_scripted_game_uses_display_names(data_home: Path, rendered: list[str],  # noqa: F811
                                                            title: str, side: str) -> None:
    app = make_app(data_home)
    play_scripted(app, data_home, scenario_title=title, side_name=side, seed=3)
    assert len(rendered) > 200 and any("Debrief" in t for t in rendered)
    assert not offending(rendered), offending(rendered)[:5]
    if side.startswith("Litvinov"):
        assert any("You speak for <b>the Soviet Union</b>" in t for t in rendered)
        assert any("Roosevelt's negotiators offer a package" in t for t in rendered)
    pygame.quit()


def test_the_opponent_picker_names_each_ai(data_home: Path, rendered: list[str]) -> None:  # noqa: F811
    app = make_app(data_home)
    scene = SideScene(app, load_scenario(ROOSEVELT))
    app.reset(scene)
    driver = Driver(app)
    driver.tab_to(scene.opp)
    for _ in range(len(STRATEGIES) + 1):
        driver.key(pygame.K_RIGHT)
    assert {f"Opponent: {persona_name(n)}" for n in STRATEGIES} <= set(rendered)
    assert not offending(rendered), offending(rendered)[:5]
    pygame.quit()


@pytest.mark.parametrize("path,side", [(ROOSEVELT, "ussr"), (NARROW, "ru")])
def test_the_terminal_game_uses_display_names(tmp_path: Path, path: Path, side: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    script = "help\nshow\n" + "offer\n" * 3 + "counter\noffer\n" * 4 + "accept\ny\nwalk\ny\n"
    result = subprocess.run([sys.executable, "main.py", "play", str(path), "--side", side, "--seed", "5"], input=script,
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    commands = out.index("Commands (one per line")            # the help's examples quote ids on purpose
    lines = out[:commands].splitlines() + out[out.index("The end of the input saves"):].splitlines()
    assert "DEBRIEF" in out
    assert not offending(lines), offending(lines)[:5]
    scenario = load_scenario(path)
    debrief = out[out.index("DEBRIEF"):]
    for party in scenario.parties:                             # full names, never cut to a column
        assert party.name in debrief, party.name
    assert f"You speak for: {principal_name(scenario.party(side).principal, article=True)}" in out


def test_the_debrief_says_where_the_delay_cost_went() -> None:
    """Newcomer trial: the heading said 'delay costs each delegation 4% a round', and no figure of the
    debrief ever showed it. A deal struck after round 1 says what delay took from the delegations' stake
    and that the governments' values are not discounted."""
    from game.cli.render import debrief
    from game.engine.result import game_result
    from game.scenario.loader import load_scenario
    from game.strategies.registry import make
    from game.strategies.runner import play
    from tests.conftest import SCENARIOS
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    state = play(scenario, 1, {p.id: make("modeller") for p in scenario.parties})
    binding = state.binding_result
    assert binding is not None and binding.agreement is not None and binding.round > 0
    kept = scenario.protocol.discount ** binding.round
    text = debrief(state, game_result(state), "us")
    assert (f"Struck in round {binding.round + 1}: by then delay had cost each delegation {1 - kept:.0%} of its own "
            "stake") in text.replace("\n", " ")


def test_a_felt_score_is_shown_with_the_terms_that_make_it() -> None:
    """Newcomer trial: 'felt -0.049 (thought its government got 0.799; it gets 0.799)' left a student
    asking why it was negative when no deal was 0.45. The line now gives N's terms (docs/model.md,
    Incentives), and they add up to the score."""
    from game.cli.render import debrief
    from game.engine.result import game_result
    from game.scenario.loader import load_scenario
    from game.strategies.registry import make
    from game.strategies.runner import play
    from tests.conftest import SCENARIOS
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    state = play(scenario, 1, {p.id: make("modeller") for p in scenario.parties})
    result = game_result(state)
    dealt = [d for d in result.delegations if d.parts]
    assert dealt
    for d in dealt:
        stake, prestige, reveal, kept = d.parts
        assert abs((stake + prestige - reveal) * kept - d.negotiating_utility) < 1e-9
    text = debrief(state, game_result(state), "us_experts").replace("\n", " ")
    assert "for conceding below its best in non-binding talks" in text and "for coming home with a deal" in text


def test_a_plans_felt_line_says_what_the_government_really_gets() -> None:
    """Window trial: the experts' line said 'thought its government got 0.379; it gets 0.513' where the
    official talks had failed and the government kept 0.55. A plan gives nothing by itself: the line says
    what the official talks gave."""
    from game.engine.result import game_result
    from game.scenario.loader import load_scenario
    from game.session.felt import felt_line, felt_shown
    from game.strategies.registry import make
    from game.strategies.runner import play
    from tests.conftest import SCENARIOS
    scenario = load_scenario(SCENARIOS / "track15_trap.yaml")
    for seed in range(20):
        state = play(scenario, seed, {p.id: make("modeller") for p in scenario.parties})
        result = game_result(state)
        if result.agreement is None and state.results[0].agreement is not None:
            break
    else:
        raise AssertionError("no game with a plan and no official deal in 20")
    experts = next(d for d in felt_shown(state, result) if d.party == "us_experts")
    line = felt_line(state, result, experts)
    assert line.startswith("thought its plan worth") and "the official talks reached no deal" in line
    kept = next(p.reservation for p in result.principals if p.principal == "united_states")   # as events left it
    assert f"keeps its no-deal value {kept:.3f}" in line


def test_never_moved_means_in_every_offer() -> None:
    """Window trial: the debrief said a side 'never' moved on a basket its fourth offer had moved on (and then
    moved back): only the first and the last offers were compared."""
    from game.scenario.loader import load_scenario
    from game.session.diagnosis import TracePoint, _moved
    from game.engine.rules import new_game
    from tests.conftest import SCENARIOS
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    state = new_game(scenario)
    n = len(scenario.baskets)
    base = (0,) * n + (0,)
    moved_back = base[:0] + (1,) + base[1:]
    other = base[:1] + (2,) + base[2:]

    def point(outcome: tuple[int, ...]) -> TracePoint:
        return TracePoint(0, 0, "ru", outcome, ("us", "ru"), (0.5, 0.5), 0.5)
    said = _moved(state, [point(base), point(moved_back), point(other)], "Moscow")
    assert said is not None and f"never on {scenario.baskets[0].name}" not in said
    assert _moved(state, [point(base), point(moved_back), point(base)], "Moscow") is None
