"""In a real browser (tests/test_web_browser.py says how to run browser tests), findings of an instructor trial:
a seat page whose last script loads slowly still renders without an error (the socket opens once every script
has run); the dashboard says that a student handed to the AI is back, watching; its answers to the instructor's
own actions are stamped and cleared when the class's state changes; and its note after the end says that an
away seat waits until *Hand to the AI*."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.test_web_browser import (  # noqa: F401  (browser: a fixture)
    CHROMIUM,
    HOW,
    PHONE,
    PLAYWRIGHT,
    browser,
    codes,
    join,
    served_class,
    to_move,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None or not PLAYWRIGHT, reason=HOW)


def test_a_seat_page_whose_last_script_is_slow_renders_without_an_error(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        context = browser.new_context(viewport=PHONE)

        def slow(route: Any) -> None:             # facetoface.js comes 1.5 s after play.js (a slow phone network)
            time.sleep(1.5)
            route.continue_()
        context.route("**/static/facetoface.js", slow)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.join)
        page.fill("#name", "Ann")
        page.fill("#code", codes(root, 1)["us"])
        page.keyboard.press("Enter")
        page.wait_for_url("**/play")
        dashboard.click("#start-btn")
        page.wait_for_selector("#table-section:not([hidden])")
        page.reload()                                                  # the rejoin of the trial
        page.wait_for_selector("#table-section:not([hidden])")
        page.wait_for_timeout(300)
        assert errors == []


def test_the_dashboard_after_a_hand_over_and_the_end(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        seat = codes(root, 1)
        us, ru = join(browser, server.join, "Ann", seat["us"]), join(browser, server.join, "Bo", seat["ru"])
        dashboard.click("#start-btn")
        dashboard.wait_for_selector("#table-1 >> text=playing")
        mover, _ = to_move(us, ru)
        name, code = ("Ann", seat["us"]) if mover is us else ("Bo", seat["ru"])
        mover.context.close()
        dashboard.wait_for_selector("#table-1 .away")
        dashboard.on("dialog", lambda d: d.accept())
        dashboard.click("#table-1 button.handover")
        dashboard.wait_for_selector("#table-1 .ai-seat")
        said = dashboard.inner_text("#handover-result")
        assert "The AI plays" in said and said[2] == ":" and " — " in said     # stamped with the time it came
        assert "(student left)" in dashboard.inner_text("#table-1 .ai-seat")
        back = join(browser, server.join, name, code)                           # the student comes back
        back.wait_for_function("document.getElementById('status').textContent.includes('handed your seat to the AI')")
        dashboard.wait_for_function("document.querySelector('#table-1 .ai-seat').textContent.includes('back now, watching')")
        dashboard.click("#end-btn")
        dashboard.wait_for_selector("#ended-note", state="visible")
        assert dashboard.inner_text("#handover-result") == ""                  # not news of the ended class
        note = dashboard.inner_text("#ended-note")
        assert "away" in note and "Hand to the AI" in note and "finish on their own;" not in note
