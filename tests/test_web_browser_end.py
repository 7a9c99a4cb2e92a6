"""In a real browser, after the talks end (tests/test_web_browser.py says how to run browser tests):
the dashboard's timer stops and says so, the controls that act on the talks are disabled with a
line saying why, and a reload shows the timer that was set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.classroom.folder import create_session
from tests.conftest import SCENARIOS
from tests.test_web_browser import CHROMIUM, HOW, Serving, codes, join

try:
    from playwright.sync_api import sync_playwright
except ImportError:                                     # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]
pytestmark = pytest.mark.skipif(CHROMIUM is None or sync_playwright is None, reason=HOW)

CONTROLS = ("#pause-btn", "#resume-btn", "#minutes", "#timer-btn", "#end-btn", "#inject-btn")


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def test_the_dashboard_after_the_end(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", 1, root, seed=2)
    server = Serving(root)
    try:
        dashboard = browser.new_context().new_page()
        dashboard.goto(server.dashboard)
        join(browser, server.join, "Ann", codes(root, 1)["us"])
        dashboard.click("#start-btn")
        dashboard.wait_for_selector("#table-1 >> text=playing")
        dashboard.fill("#minutes", "1")
        dashboard.click("#timer-btn")
        dashboard.wait_for_function("document.getElementById('timer').textContent.includes('last minute')")
        assert not any(dashboard.is_disabled(c) for c in CONTROLS)
        dashboard.on("dialog", lambda d: d.accept())
        dashboard.click("#end-btn")
        dashboard.wait_for_selector("#ended-note", state="visible")
        dashboard.wait_for_timeout(1200)                            # a tick later it still says so
        assert dashboard.inner_text("#timer") == "The talks have ended: the timer has stopped."
        assert all(dashboard.is_disabled(c) for c in CONTROLS)
        assert "no longer apply" in dashboard.inner_text("#ended-note")
        assert "final response" in dashboard.inner_text("#table-1")  # the table gives its last answer
        dashboard.reload()
        dashboard.wait_for_selector("#ended-note", state="visible")
        assert dashboard.input_value("#minutes") == "1"             # the timer that was set, not 30
        assert dashboard.inner_text("#timer") == "The talks have ended: the timer has stopped."
        dashboard.screenshot(path=str(tmp_path / "dashboard-ended.png"), full_page=True)
    finally:
        assert server.stop() == 0
