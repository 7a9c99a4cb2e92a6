"""In a real browser at phone width (tests/test_web_browser.py says how to run browser tests), what an
instructor trial found on the student page: a double tap sent an offer twice and showed "It is not your
turn."; an offer across the seat's own red lines went without a word; "Locked for this phase" stayed
after the game; the face-to-face form split "No deal" from its box and cut the form's name off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.classroom.folder import create_session
from tests.conftest import SCENARIOS
from tests.test_web_browser import (  # noqa: F401  (browser: a fixture)
    CHROMIUM,
    HOW,
    PHONE,
    PLAYWRIGHT,
    Serving,
    browser,
    codes,
    join,
    served_class,
    start_table_one,
    to_move,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None or not PLAYWRIGHT, reason=HOW)

OFFERS = "document.querySelectorAll('#log li.log-offer').length"
# a move sent as a second tap would send it, past the page's own guard
REPEAT = "conn.send({type: 'move', id: 999, action: 'offer', outcome: composed()})"


def offers(page: Any) -> int:
    count = page.evaluate(OFFERS)
    assert isinstance(count, int)
    return count


def test_a_double_tap_makes_one_offer_and_a_repeat_refused_after_it_is_no_error(browser: Any,  # noqa: F811
                                                                                tmp_path: Path) -> None:
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        mover, other = start_table_one(browser, server, root, dashboard)
        other.evaluate(REPEAT)                            # out of turn, before any move of its own: told
        other.wait_for_selector("#error:not([hidden])")
        assert other.inner_text("#error") == "It is not your turn."
        mover.dblclick("#offer-btn")
        other.wait_for_selector("#accept-btn:not([hidden])")
        mover.wait_for_selector("#compose", state="hidden")
        mover.wait_for_timeout(1000)                      # a second offer's refusal would have come by now
        assert mover.is_hidden("#error"), mover.inner_text("#error")
        assert mover.is_hidden("#risk-confirm")
        assert offers(mover) == offers(other) == 1
        assert not mover.is_disabled("#walk-btn")         # the guard lets go once the news is in
        mover.evaluate(REPEAT)                            # the server still says "not your turn": not an error
        mover.wait_for_timeout(1000)
        assert mover.is_hidden("#error"), mover.inner_text("#error")


def test_an_offer_across_the_seats_own_red_lines_asks_first(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        mover, other = start_table_one(browser, server, root, dashboard)
        for select in mover.query_selector_all("#choices select")[:-1]:   # the baskets, not the form
            select.select_option(index=4)                 # "pledge + verification": a red line of each government
        mover.click("#offer-btn")
        mover.wait_for_selector("#risk-confirm:not([hidden])")
        text = mover.inner_text("#risk-confirm")
        assert "crosses your government's red line on" in text and "Send this offer anyway?" in text
        assert mover.evaluate("document.activeElement.id") == "risk-yes"
        mover.screenshot(path=str(tmp_path / "risk-phone.png"), full_page=True)
        mover.keyboard.press("Escape")                    # the keyboard cancels: nothing was sent
        assert mover.is_hidden("#risk-confirm") and mover.evaluate("document.activeElement.id") == "offer-btn"
        mover.wait_for_timeout(500)
        assert offers(mover) == offers(other) == 0 and other.is_hidden("#accept-btn")
        mover.click("#offer-btn")
        mover.click("#risk-yes")                          # ... and yes sends it
        other.wait_for_selector("#accept-btn:not([hidden])")
        assert offers(other) == 1 and mover.is_hidden("#risk-confirm") and mover.is_hidden("#error")
        for select in other.query_selector_all("#choices select"):   # a safe offer goes at once
            select.select_option("1")
        other.click("#offer-btn")
        mover.wait_for_selector("#accept-btn:not([hidden])")
        assert other.is_hidden("#risk-confirm") and offers(mover) == 2
        for select in mover.query_selector_all("#choices select")[:-1]:
            select.select_option(index=4)
        mover.click("#offer-btn")
        mover.wait_for_selector("#risk-confirm:not([hidden])")
        dashboard.once("dialog", lambda d: d.accept())
        dashboard.click("#end-btn")                       # no new offer now: the step asking about one goes
        mover.wait_for_selector("#risk-confirm", state="hidden")
        assert mover.is_hidden("#compose") and mover.is_visible("#accept-btn")


def test_the_face_to_face_form_keeps_no_deal_beside_its_box_and_shows_the_whole_form(browser: Any,  # noqa: F811
                                                                                      tmp_path: Path) -> None:
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        page = join(browser, server.join, "Ann", codes(root, 1)["us"])
        dashboard.select_option("#mode", "face-to-face")
        dashboard.click("#start-btn")
        page.wait_for_selector("#f2f-section:not([hidden])")
        box, words = page.locator("#f2f-none-0").bounding_box(), page.locator("label.check").bounding_box()
        assert box is not None and words is not None
        assert words["height"] < 2 * box["height"] + 16, words        # one line: the box and "No deal"
        assert page.inner_text("label.check").strip() == "No deal"
        form = page.locator("#f2f-phases select").last
        form.select_option(index=1)
        note = page.inner_text("#" + str(form.get_attribute("id")) + "-full")
        assert note == "2. Politically binding code of conduct"      # whole, under the select
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(tmp_path / "f2f-phone.png"), full_page=True)


def test_locked_baskets_are_not_shown_once_the_game_is_over(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """The experts agree the narrowest scope, which locks baskets for the official talks; one official walks
    away; 'Locked for this phase' goes with the game (instructor trial: it stayed after the aftermath)."""
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020_definitions.yaml", 1, root, seed=2)
    server = Serving(root)
    try:
        dashboard = browser.new_context().new_page()
        dashboard.goto(server.dashboard)
        seat = codes(root, 1)
        pages = {role: join(browser, server.join, role, code) for role, code in seat.items()}
        dashboard.click("#start-btn")
        experts = (pages["us_experts"], pages["ru_experts"])
        mover, other = to_move(*experts)
        mover.select_option("#choice-0", index=0)                 # the narrowest rung of the scope ladder
        mover.click("#offer-btn")
        other.wait_for_selector("#accept-btn:not([hidden])")
        other.click("#accept-btn")
        other.click("#accept-yes")
        official = pages["us"]
        official.wait_for_selector("#locked-box:not([hidden])")   # the official talks, with baskets locked
        walker, _ = to_move(pages["us"], pages["ru"])
        walker.click("#walk-btn")
        walker.click("#risk-yes")
        official.wait_for_selector("#aftermath-section:not([hidden])")
        assert official.is_hidden("#locked-box") and "Locked for this phase" not in official.inner_text("body")
    finally:
        assert server.stop() == 0
