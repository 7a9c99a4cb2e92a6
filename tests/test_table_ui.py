"""The window's negotiating table (issue 13, defects 1, 2, 4, 8): figures from the live state, the
message that goes out with an offer, the other side's offer readable at the smallest size, and
option ladders that stop at their ends."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest
from pygame.typing import ColorLike, Point
from pygame_gui.elements import UIButton

from game.engine.chance import Schedule
from game.scenario.loader import load_scenario
from game.session.game import GameSession
from game.session.views import home_odds
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.scripted import Driver
from game.ui.textpanel import TextPanel
from tests.conftest import SCENARIOS
from tests.test_player_text import rendered  # noqa: F401  (a fixture: every string the window renders)
from tests.test_ui import OPEN, data_home, make_app  # noqa: F401

ICT = SCENARIOS / "ict_guarantees_2020.yaml"
NARROW = SCENARIOS / "narrow_deal_2020.yaml"
LADDER = SCENARIOS / "ryabkov_2017.yaml"


def table_for(app: App, scenario_path: Path, side: str, seed: int, schedule: Schedule = (),
              opponent: str = "boulware") -> TableScene:
    session = GameSession.new(load_scenario(scenario_path), side, seed, opponent, schedule=schedule)
    OPEN.append(session)
    table = TableScene(app, session)
    app.reset(table)
    Driver(app).frames(2)
    return table


def test_an_event_moves_the_meter_the_tick_the_offer_panel_and_the_tooltips(
        data_home: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Defect 1: an event that raises Washington's no-deal value and the attribution of a basket shows
    at once, everywhere the window shows them."""
    ticks: list[int] = []
    line = pygame.draw.line

    def recording_line(surface: pygame.Surface, colour: ColorLike, start: Point, end: Point, width: int = 1) -> pygame.Rect:
        if start[0] == end[0]:
            ticks.append(int(start[0]))
        return line(surface, colour, start, end, width)

    monkeypatch.setattr(pygame.draw, "line", recording_line)
    app = make_app(data_home)
    table = table_for(app, ICT, "us", 5, schedule=(("indictment", 1), ("attribution_report", 1)))
    live, file = table.session.state.scenario, table.session.scenario
    assert live.party("us").reservation != file.party("us").reservation          # the event fired
    rendered.clear()
    ticks.clear()
    app.draw()
    reservation = live.party("us").reservation
    assert any(f"no deal {reservation:.2f}" in text for text in rendered), [t for t in rendered if "no deal" in t]
    bar = table.meter_rect.inflate(-20, 0)
    assert bar.left + int(bar.width * reservation) in ticks
    assert bar.left + int(bar.width * file.party("us").reservation) not in ticks
    offer = " ".join(line.text for line in table.theirs.lines)
    assert f"(no deal {reservation:.2f})" in offer, offer
    index = [b.id for b in live.baskets].index("covert_social_media")
    basket = live.baskets[index]
    option = basket.options[table.draft[index]]
    tip = table.option_buttons[index].tool_tip_text
    assert tip is not None
    assert f"detected {option.detection * basket.attribution:.0%}" in tip
    pygame.quit()


def logged_offers(session: GameSession, party: str) -> list[dict[str, object]]:
    records = [json.loads(line) for line in session.log.path.read_text(encoding="utf-8").splitlines()]
    return [r["action"] for r in records if r.get("type") == "action" and r["action"].get("kind") == "offer"
            and r["action"].get("party") == party]


def test_the_message_shown_is_the_message_sent(data_home: Path) -> None:
    """Defect 2: after Propose the message button showed the last message while the next offer went out
    with none; what the button shows is what goes out, offer after offer."""
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12)
    driver = Driver(app)
    propose = next(b for b in table.elements if isinstance(b, UIButton) and b.text == "Propose")
    driver.tab_to(table.message_button)
    driver.key(pygame.K_RIGHT)
    assert table.message_button.text == "Final offer"
    for _ in range(3):
        shown = table.message_button.text
        driver.press(propose)
        sent = logged_offers(table.session, "us")[-1]["message"]
        assert (sent is None) == (shown == "No message"), (shown, sent)
        if sent is not None:
            assert isinstance(sent, dict)
            assert sent["kind"] == "final"
    first = logged_offers(table.session, "us")[0]["message"]
    assert isinstance(first, dict)
    assert first["kind"] == "final"
    pygame.quit()


def test_option_ladders_stop_at_their_ends(data_home: Path) -> None:
    """Defect 8: Right at the strongest rung stayed there instead of wrapping to "No commitment",
    by key and by the arrows (which are disabled at the ends)."""
    app = make_app(data_home)
    table = table_for(app, NARROW, "us", 12)
    driver = Driver(app)
    size = len(table.session.state.scenario.baskets[0].options)
    driver.tab_to(table.option_buttons[0])
    for _ in range(size + 1):
        driver.key(pygame.K_RIGHT)
    assert table.draft[0] == size - 1 and table.option_buttons[0].text.startswith(f"{size}.")
    driver.key(pygame.K_RETURN)                                   # Enter steps up too: no further
    assert table.draft[0] == size - 1
    for _ in range(size + 1):
        driver.key(pygame.K_LEFT)
    assert table.draft[0] == 0 and table.option_buttons[0].text.startswith("1.")
    row = table.option_buttons[0].rect.centery
    left = next(b for b in table.elements if isinstance(b, UIButton) and b.text == "◀" and abs(b.rect.centery - row) < 4)
    assert not left.is_enabled
    driver.click(left)
    assert table.draft[0] == 0
    pygame.quit()


def shown(panel: TextPanel) -> list[int]:
    """Indices of a top-down text panel's lines drawn in full at its scroll position."""
    inner = panel.rect.inflate(-16, -12)
    y, out = inner.top - panel.scroll, []
    for i, line in enumerate(panel.lines):
        height = panel._surface(line).get_height()
        if y >= inner.top and y + height <= inner.bottom:
            out.append(i)
        y += height + 2
    return out


@pytest.mark.parametrize("path,side", [(ICT, "us"), (LADDER, "us")], ids=["six baskets", "ten baskets"])
def test_their_offer_shows_its_form_first_and_scrolls_by_keyboard(data_home: Path, path: Path, side: str) -> None:
    """Defect 4: at 1024x640 with large text the other side's offer lost its last lines, the agreement
    form among them, with no sign of more and no way to reach them from the keyboard."""
    app = make_app(data_home, (1024, 640), "large")
    table = table_for(app, path, side, 5)
    assert table.session.state.standing is not None and table.session.state.standing.party != side
    panel = table.theirs
    texts = [line.text for line in panel.lines]
    form = next(i for i, text in enumerate(texts) if text.startswith("Form: "))
    s = table.session.state.scenario
    assert texts[form + 1].startswith(f"{s.baskets[0].name}: ") and not any(t[:2] in ("f.", "1.") for t in texts)
    state = table.session.state
    assert state.standing is not None
    odds = home_odds(state, side, state.standing.outcome)                 # the same figure the vote uses
    assert texts[1].startswith("Their offer: worth ") and f"; {odds:.0%} approval at home" in texts[1], texts[1]
    assert form in shown(panel), (texts, shown(panel))
    assert panel.content_height() > panel.rect.height - 12     # it does overflow here, so it must scroll
    driver = Driver(app)
    driver.tab_to(panel)
    driver.key(pygame.K_END)
    assert len(texts) - 1 in shown(panel)
    driver.key(pygame.K_HOME)
    assert 0 in shown(panel)
    for _ in range(200):                                        # arrows scroll the focused panel, a line at a time
        before = panel.scroll                                   # (a wrapped line takes several presses)
        driver.key(pygame.K_DOWN)
        if panel.scroll == before:
            break
    assert len(texts) - 1 in shown(panel)
    pygame.quit()


DEFINITIONS = SCENARIOS / "narrow_deal_2020_definitions.yaml"


def test_the_window_plays_a_definitions_phase_then_shows_its_scope(data_home: Path, rendered: list[str]) -> None:  # noqa: F811
    """Issue 12, item 2: the experts' table is the scope ladder as one basket; the officials' table
    opens with the baskets the scope left out locked at no commitment, and the news says so."""
    app = make_app(data_home)
    table = table_for(app, DEFINITIONS, "us_experts", 3)
    assert table.session.state.phase_def.id == "track15_definitions"
    assert [b.id for b in table.session.state.scenario.baskets] == ["scope"]
    rendered.clear()
    app.draw()
    assert any("What counts as interference" in text for text in rendered)
    driver = Driver(app)
    for _ in range(15):
        if table.session.state.results or table.session.to_move is None:
            break
        if driver.scene is not table:                                 # "Accept their offer?": yes
            driver.press(next(b for b in driver.scene.elements if isinstance(b, UIButton) and b.text == "Yes"))
            driver.frames(5)
            continue
        wanted = "Accept" if table.session.state.final_response else "Propose"   # the last round: accept
        driver.press(next(b for b in table.elements if isinstance(b, UIButton) and b.text == wanted))
        driver.frames(5)
    assert table.session.state.results and table.session.state.results[0].phase == "track15_definitions"
    app.draw()
    pygame.quit()

    app = make_app(data_home)
    table = table_for(app, DEFINITIONS, "us", 3)                  # the experts' table runs between the AIs
    state = table.session.state
    assert state.phase_def.id == "official_talks"
    out = [i for i, b in enumerate(state.scenario.baskets) if not b.in_scope]
    assert out and all(state.locks[i] == 0 for i in out)
    rendered.clear()
    app.draw()
    assert any("[locked]" in text or "No commitment" in text for text in rendered), rendered
    scope = next(c for c in table.cards_drawn if c.title.startswith("The scope agreed"))  # the card, before -> after
    assert any("outside the agreed scope" in x.text for x in scope.lines)
    assert "The scope of the pact: '" in table.phase_news(0)
    pygame.quit()
