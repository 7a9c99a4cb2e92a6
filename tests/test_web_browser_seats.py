"""In a real browser (tests/test_web_browser.py says how to run browser tests): a student closes their tab
while it is their move; the dashboard says since when they are away, the instructor hands the seat to the AI
(after a confirmation), the table plays on, and the student who comes back reads that the AI took the seat."""

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
    shot,
    to_move,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None or not PLAYWRIGHT, reason=HOW)


def test_a_student_who_leaves_is_seen_away_and_their_seat_handed_to_the_ai(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 2) as (root, server, dashboard):
        seat = codes(root, 1)
        us, ru = join(browser, server.join, "Ann", seat["us"]), join(browser, server.join, "Bo", seat["ru"])
        dashboard.click("#start-btn")
        dashboard.wait_for_selector("#table-1 >> text=playing")
        mover, other = to_move(us, ru)
        dashboard.wait_for_function("document.querySelectorAll('#table-1 .present').length === 2")
        assert dashboard.query_selector("#table-1 button.handover") is None      # nobody is away
        name, code = ("Ann", seat["us"]) if mover is us else ("Bo", seat["ru"])
        mover.context.close()                                                    # the tab is closed on their move
        dashboard.wait_for_selector("#table-1 .away")
        away = dashboard.inner_text("#table-1 .away")
        assert away.startswith(" · away since ") or away.startswith("· away since "), away
        assert len(away.rsplit(" ", 1)[-1].split(":")) == 3                      # HH:MM:SS
        shot(dashboard, tmp_path, "dashboard-away.png")
        asked: list[str] = []

        def answer(dialog: Any) -> None:
            asked.append(dialog.message)
            dialog.accept()
        dashboard.on("dialog", answer)
        dashboard.click("#table-1 button.handover")
        dashboard.wait_for_selector("#table-1 .ai-seat")
        assert asked and "to the AI for the rest of the game" in asked[0]
        assert "AI since move" in dashboard.inner_text("#table-1 .ai-seat")
        assert "The AI plays" in dashboard.inner_text("#handover-result")
        other.wait_for_selector("#offer-btn:not([hidden]), #accept-btn:not([hidden])")  # the table plays on
        back = join(browser, server.join, name, code)                            # the student comes back
        back.wait_for_function("document.getElementById('status').textContent.includes('handed your seat to the AI')")
        assert back.is_hidden("#offer-btn") and back.is_hidden("#accept-btn")
        shot(dashboard, tmp_path, "dashboard-handed.png")
        shot(back, tmp_path, "student-back.png")
