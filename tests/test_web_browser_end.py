"""In a real browser, after the talks end (tests/test_web_browser.py says how to run browser tests):
the dashboard's timer stops and says so, the controls that act on the talks are disabled with a
line saying why, and a reload shows the timer that was set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_web_browser import (  # noqa: F401  (browser: a fixture)
    CHROMIUM,
    HOW,
    PLAYWRIGHT,
    browser,
    codes,
    join,
    served_class,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None or not PLAYWRIGHT, reason=HOW)

CONTROLS = ("#pause-btn", "#resume-btn", "#minutes", "#timer-btn", "#end-btn", "#inject-btn")


def test_the_dashboard_after_the_end(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        ann = join(browser, server.join, "Ann", codes(root, 1)["us"])
        dashboard.click("#start-btn")
        dashboard.wait_for_selector("#table-1 >> text=playing")
        ann.wait_for_selector("#offer-btn:not([hidden])")
        ann.click("#offer-btn")                                     # the AI answers: Ann faces its offer
        ann.wait_for_selector("#accept-btn:not([hidden])")
        dashboard.fill("#minutes", "1")
        dashboard.click("#timer-btn")
        dashboard.wait_for_function("document.getElementById('timer').textContent.includes('last minute')")
        assert not any(dashboard.is_disabled(c) for c in CONTROLS)
        dashboard.on("dialog", lambda d: d.accept())
        dashboard.click("#end-btn")
        dashboard.wait_for_selector("#ended-note", state="visible")
        dashboard.wait_for_timeout(1200)                            # a tick later it still says so
        assert dashboard.inner_text("#timer") == "The timer has stopped."     # the flags line says the talks ended
        assert all(dashboard.is_disabled(c) for c in CONTROLS)
        assert "no longer apply" in dashboard.inner_text("#ended-note")
        assert "final response" in dashboard.inner_text("#table-1")  # the table gives its last answer
        dashboard.reload()
        dashboard.wait_for_selector("#ended-note", state="visible")
        assert dashboard.input_value("#minutes") == "1"             # the timer that was set, not 30
        assert dashboard.inner_text("#timer") == "The timer has stopped."     # the flags line says the talks ended
        dashboard.screenshot(path=str(tmp_path / "dashboard-ended.png"), full_page=True)


def test_a_finished_games_page_shows_the_deal_once_and_says_no_deal_plainly(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 3) as (root, server, dashboard):
        one, two = codes(root, 1), codes(root, 2)              # table 3: nobody joins
        us, ru = join(browser, server.join, "Ann", one["us"]), join(browser, server.join, "Bo", one["ru"])
        alone = join(browser, server.join, "Cy", two["us"])         # table 2: against the AI
        dashboard.click("#start-btn")
        alone.wait_for_selector("#walk-btn:not([hidden])")
        alone.click("#walk-btn")                                     # walking away asks first, on the page
        alone.wait_for_selector("#risk-confirm:not([hidden])")
        assert "Walking away ends these talks" in alone.inner_text("#risk-confirm")
        alone.click("#risk-yes")
        alone.wait_for_selector("#aftermath-section:not([hidden])")
        text = alone.inner_text("#aftermath")
        assert text.startswith("No deal: the talks ended without an agreement (you walked away).")
        assert "Your government keeps what no deal is worth to it: 0." in text
        assert "as kept" not in text.lower() and "on paper" not in text.lower()
        alone.screenshot(path=str(tmp_path / "no-deal.png"), full_page=True)
        us.wait_for_selector("#offer-btn:not([hidden]), #accept-btn:not([hidden])")
        mover, other = (us, ru) if us.is_visible("#offer-btn") else (ru, us)
        mover.wait_for_selector("#offer-btn:not([hidden])")
        mover.select_option("#message-kind", "movement")
        mover.click("#offer-btn")
        mover.wait_for_function("document.getElementById('message-kind').value === ''")   # the next offer
        assert mover.is_hidden("#message-basket")                                         # starts with none
        other.wait_for_selector("#accept-btn:not([hidden])")
        other.click("#accept-btn")
        other.click("#accept-yes")
        other.wait_for_selector("#aftermath-section:not([hidden])")
        assert "Agreement form" not in other.inner_text("#table-section")     # the deal once, in the aftermath
        assert other.inner_text("#aftermath").count("Agreement form") == 1
        terms = other.inner_text("#aftermath .measures")
        assert "As kept" in terms and "average yearly value" in terms and "On paper" in terms
        other.screenshot(path=str(tmp_path / "deal.png"), full_page=True)
        row = dashboard.inner_text("#table-3")                  # nobody joined: not "AI · AI"
        assert "not played" in row and "AI" not in row and row.count("not joined") == 2
        dashboard.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
