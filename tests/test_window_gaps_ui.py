"""Five gaps of the window: a Track 1.5 deal the other player struck, the official talks told to the experts'
player, Save on a finished game, the side picker's focus after 'Play again', and the offer trace's legend
at large text."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.engine.result import game_result
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import SideScene
from game.ui.scripted import Driver
from tests.conftest import SCENARIOS
from tests.test_screens_ui import finished_game
from tests.test_ui import OPEN, data_home, drawn_legends, make_app  # noqa: F401  (a fixture)


def button(driver: Driver, text: str) -> UIButton:
    """The button on the current screen whose text starts with ``text``."""
    return next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text.startswith(text))


def test_play_again_focuses_the_side_just_played(data_home: Path) -> None:  # noqa: F811
    """After 'Play again' the side picker marked the side just played but focused the first side: one Enter
    there changed the player's side. The focus opens on the side chosen."""
    app = make_app(data_home)
    session = finished_game(SCENARIOS / "roosevelt_litvinov_1933.yaml", "ussr", 4)
    OPEN.append(session)
    assert session.scenario.parties[0].id != "ussr"
    app.reset(DebriefScene(app, session.state, game_result(session.state), "ussr"))
    driver = Driver(app)
    driver.press(button(driver, "Play again"))
    side = app.top
    assert isinstance(side, SideScene) and side.side == "ussr"
    current = side.focus.current
    assert current is not None and current.element is side.side_buttons["ussr"]
    driver.key(pygame.K_RETURN)                    # Enter on the focused side keeps it
    assert side.side == "ussr"
    pygame.quit()


def test_the_pause_menu_offers_save_only_while_a_game_is_in_progress(data_home: Path) -> None:  # noqa: F811
    """The pause menu of a finished game (the debrief) offered Save, which answered that there was no game
    to save. Save is offered at the table of a game in progress, and not once the game is over."""
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.menus import PauseScene
    from game.ui.scenes.table import TableScene
    from tests.test_ui import NARROW
    app = make_app(data_home)
    driver = Driver(app)
    session = GameSession.new(load_scenario(NARROW), "us", 3, "boulware")
    OPEN.append(session)
    app.reset(TableScene(app, session))
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    assert [b.text for b in app.top.elements if isinstance(b, UIButton)][:3] == ["Resume", "Save", "Load a saved game"]
    playing = below_quit(app.top)
    finished = finished_game(NARROW, "us", 4)
    OPEN.append(finished)
    app.reset(DebriefScene(app, finished.state, game_result(finished.state), "us"))
    driver.frames(2)
    driver.key(pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    texts = [b.text for b in pause.elements if isinstance(b, UIButton)]
    assert "Save" not in texts and texts[:2] == ["Resume", "Load a saved game"], texts
    current = pause.focus.current
    assert current is not None and getattr(current.element, "text", "") == "Resume"
    assert abs(below_quit(pause) - playing) <= 2                   # the panel as tall as its entries: no gap
    pygame.quit()


def below_quit(pause: Scene) -> int:
    """The room in the pause menu's panel below its last entry."""
    from game.ui.scenes.menus import PauseScene
    assert isinstance(pause, PauseScene)
    last = next(b for b in pause.elements if isinstance(b, UIButton) and b.text.startswith("Quit"))
    return int(pause.panel.rect.bottom - last.rect.bottom)


def test_at_large_text_the_charts_legends_are_below_their_plots_and_no_wider(data_home: Path) -> None:  # noqa: F811
    """At large text in a 1024x640 window the offer trace's legend of a Track 1.5 game ("Former US officials
    and scholars' offers at Track 1.5 meeting in New York") was almost three times as wide as its plot, and
    the debrief chart's legends wider than theirs; fitted beside them, they took half the plots' width. Each
    legend is now below its plot (the debrief's two plots share one), within the figure, no wider than its plot
    (or the figure, for the shared one), its text no smaller than at normal text size -- or, where below would
    leave the plots too short (window trial: about 95 px), beside them in one column taking at most a third of
    the figure's width (game.ui.chart_legend), the plots kept as tall as MIN_PLOT."""
    from game.ui.chart_legend import BESIDE_SHARES, MIN_PLOT
    from game.engine.actions import Accept, Offer
    from game.scenario.loader import load_scenario
    from game.session.diagnosis import offer_trace
    from game.session.game import GameSession
    from game.ui.chart import debrief_figure, offer_trace_figure
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "ru", 2, "conceder")
    OPEN.append(session)
    moments = []
    while not session.over:
        state = session.state
        assert state.tables is not None
        if state.standing is not None and state.standing.party != "ru" and state.round >= 2:
            session.submit(Accept("ru"))
        else:
            session.submit(Offer("ru", state.tables.problem.outcome_at(int(state.tables.of("ru").order[0]))))
        moments += session.take_moments()
    trace = offer_trace((m.before, m.action, m.after) for m in moments)
    assert len({t.phase for t in trace}) == 2                       # both tables' offers: the long names
    app = make_app(data_home, (1024, 640), "large")
    debrief = DebriefScene(app, session.state, game_result(session.state), "ru", trace)
    app.reset(debrief)
    Driver(app).frames(1)
    size, scale, p = debrief.chart_size, app.text_scale, app.palette
    for fig in (offer_trace_figure(session.state, trace, "ru", p, size, scale),
                debrief_figure(session.state, game_result(session.state), "ru", p, size, scale)):
        for ax, legend, renderer in drawn_legends(fig):
            box, plot = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
            assert box.width <= (plot.width if legend in ax.get_children() else fig.bbox.width), (box, plot)
            assert 0 <= box.x0 and 0 <= box.y0 and box.y1 <= fig.bbox.height and box.x1 <= fig.bbox.width
            if box.y1 <= plot.y0:                                       # below the plot, which keeps its width
                assert plot.width > fig.bbox.width * 0.4, (box, plot)
            else:                                                       # beside: narrow, the plot tall enough
                assert box.x0 >= plot.x1 and box.width <= fig.bbox.width * max(BESIDE_SHARES) + 8, (box, plot)
                assert plot.height >= MIN_PLOT, (box, plot)
            assert min(float(t.get_fontsize()) for t in legend.get_texts()) * fig.dpi / 72 >= 13 - 0.01
    pygame.quit()


Seen = list[tuple[str, ...]]


def hot_seat_to_the_end(app: App, scenario: str, humans: tuple[str, str], acceptor: str,
                        seed: int) -> tuple[Seen, list[Scene]]:
    """A hot-seat game played from the keyboard to the last player's debrief: at the first table ``acceptor``
    accepts the other's offer and the other proposes; at a later table the player accepts any offer. Every
    screen a player was shown, in order: ("curtain", party), ("deal", its first line), ("plan", party),
    ("aftermath", party), ("debrief", party); and those screens."""
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.aftermath import AftermathScene
    from game.ui.scenes.cards import DealScene
    from game.ui.scenes.handoff import HandoffScene
    from game.ui.scenes.menus import ConfirmScene, CurtainScene
    from game.ui.scenes.table import TableScene
    session = GameSession.new(load_scenario(SCENARIOS / f"{scenario}.yaml"), humans[0], seed, humans=humans)
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    driver = Driver(app)
    driver.frames(2)
    seen: Seen = []
    screens: list[Scene] = []

    def shown(scene: Scene, *what: str) -> None:
        seen.append(what)
        screens.append(scene)
    for _ in range(120):
        top = app.top
        if isinstance(top, CurtainScene):
            shown(top, "curtain", top.party)
            driver.press(button(driver, "Show"))           # my table, or how it ended
        elif isinstance(top, DealScene):
            shown(top, "deal", top.lines[0])
            driver.press(button(driver, "Continue"))
        elif isinstance(top, HandoffScene):
            shown(top, "plan", top.side)
            driver.press(button(driver, "To the" if top.then is None or isinstance(top.then, AftermathScene)
                                else "Hand over"))
        elif isinstance(top, ConfirmScene):
            driver.press(button(driver, "Yes"))
        elif isinstance(top, AftermathScene):
            shown(top, "aftermath", top.side)
            driver.press(button(driver, "Debrief"))
        elif isinstance(top, DebriefScene):
            shown(top, "debrief", top.side)
            if not top.others:
                return seen, screens
            driver.press(button(driver, "Next player"))
        else:
            assert isinstance(top, TableScene), top
            state = session.state
            facing = state.standing is not None and state.standing.party != table.side
            accept = facing and (state.phase > 0 or table.side == acceptor)
            driver.press(button(driver, "Accept" if accept else "Propose"))
    raise AssertionError(f"the game did not end: {seen}")


def test_hot_seat_the_experts_are_told_the_deal_moscow_struck_and_the_plan(data_home: Path) -> None:  # noqa: F811
    """Hot seat in the Track 1.5 trap: when Moscow accepted at the Track 1.5 table the experts' player never saw
    'Deal struck' nor the published plan (only Moscow did). Now, after Moscow's own view, the screen is handed
    to the experts, who are told the deal and shown the plan, and then handed back to Moscow, who moves next."""
    app = make_app(data_home, (1280, 800))
    seen, _ = hot_seat_to_the_end(app, "track15_trap", ("us_experts", "ru"), "ru", 2)
    first = "Track 1.5 meeting in New York"
    mine = seen.index(("deal", f"{first} — you accept their offer."))          # Moscow accepts
    told = ("deal", f"{first} — Russian Foreign Minister's team accepts the offer.")
    assert seen[mine + 1:mine + 6] == [("plan", "ru"), ("curtain", "us_experts"), told, ("plan", "us_experts"),
                                       ("curtain", "ru")], seen
    pygame.quit()


def test_hot_seat_a_definitions_deal_that_ends_the_game_is_told_to_the_other_expert(data_home: Path) -> None:  # noqa: F811
    """narrow_deal_2020_definitions in hot seat: both experts' groups sit only at the definitions table, so
    the game runs to its end when one of them accepts; the other was never told the deal nor the scope it
    settled, nor shown the official talks. Now their turn at the end opens on the deal, over the scope and
    the official talks move by move, then the vote at home and their debrief."""
    app = make_app(data_home, (1280, 800))
    seen, _ = hot_seat_to_the_end(app, "narrow_deal_2020_definitions", ("us_experts", "ru_experts"), "ru_experts", 2)
    handed = seen.index(("debrief", "ru_experts")) + 1
    first = "Track 1.5: what counts as interference"
    assert seen[handed:] == [("deal", f"{first} — Russian experts' group (Track 1.5) accepts the offer."),
                             ("plan", "us_experts"), ("aftermath", "us_experts"), ("debrief", "us_experts")], seen
    pygame.quit()


def test_the_experts_player_is_told_how_the_official_talks_they_did_not_sit_at_ended(data_home: Path) -> None:  # noqa: F811
    """Hot seat in the Track 1.5 trap: at the end the experts' player went straight to a debrief that never said
    how the official talks ended (the player alone at the screen, the experts against the AI, watches them).
    Now their turn opens on those talks move by move, then the vote at home, and their debrief says how each
    table ended in the terminal's words, and the agreement's terms."""
    from game.cli.render import debrief as terminal_debrief
    from game.ui.scenes.aftermath import AftermathScene
    from game.ui.scenes.handoff import HandoffScene
    app = make_app(data_home, (1280, 800))
    seen, screens = hot_seat_to_the_end(app, "track15_trap", ("us_experts", "ru"), "us_experts", 2)
    handed = seen.index(("debrief", "ru")) + 1
    assert seen[handed:] == [("plan", "us_experts"), ("aftermath", "us_experts"), ("debrief", "us_experts")], seen
    story, after, debrief = screens[handed:]
    assert isinstance(story, HandoffScene) and story.steps                     # the official talks, move by move
    told = " ".join(line.text for step in story.steps for line in step)
    assert "US delegation (State Department)" in told and "Official talks end" in told, told
    state = story.state
    ended = [line for line in terminal_debrief(state, game_result(state), "us_experts").splitlines()
             if line.startswith("Official talks: ")]
    assert len(ended) == 1                                                     # what the terminal says ...
    assert isinstance(after, AftermathScene) and ended[0] in after.summary_html()
    assert isinstance(debrief, DebriefScene)
    text = debrief.text()
    assert ended[0] in text                                                    # ... the window says too
    agreement = game_result(state).agreement
    assert agreement is not None
    basket = state.scenario.baskets[0]
    assert f"<b>The agreement</b> — {basket.name}: {basket.options[agreement[0]].label}" in text
    pygame.quit()


def test_after_the_talks_the_experts_read_their_own_governments_vote_as_theirs(data_home: Path) -> None:  # noqa: F811
    """After the talks, the experts of a Track 1.5 table read their government's officials' vote at home in
    the other side's colour and without '(your government)': it was marked only for the player's own
    delegation, which never votes. Their government's veto players are now theirs."""
    from game.engine.actions import Accept, Offer
    from game.scenario.loader import load_scenario
    from game.session.game import GameSession
    from game.ui.scenes.aftermath import AftermathScene
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    for seed in range(20):                             # a game whose official talks strike a deal: a vote
        session = GameSession.new(trap, "us_experts", seed, "conceder")
        OPEN.append(session)
        while not session.over:
            state = session.state
            assert state.tables is not None
            best = state.tables.problem.outcome_at(int(state.tables.of("us_experts").order[0]))
            facing = state.standing is not None and state.standing.party != "us_experts"
            session.submit(Accept("us_experts") if facing else Offer("us_experts", best))
        if game_result(session.state).agreement is not None:
            break
    app = make_app(data_home, (1280, 800))
    scene = AftermathScene(app, session.state, game_result(session.state), "us_experts")
    app.reset(scene)
    Driver(app).frames(1)
    heads = [(vote.player.party, scene.vote_text(vote)[0]) for vote in scene.votes]
    assert {party for party, _ in heads} == {"us", "ru"}, heads
    assert all(("(your government)" in head) == (party == "us") for party, head in heads), heads
    assert scene.ours("us") and not scene.ours("ru")
    pygame.quit()
