"""In a real browser at phone width (tests/test_web_browser.py says how to run browser tests): the face-to-face
form of a definitions table (the scope rung, then only the baskets that scope leaves in play); the dashboard
without "Inject an event now" face to face; accepting an offer worth less than no deal gives the terminal's
reasons in the one step before accepting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.classroom.folder import create_session, open_session
from game.engine.rules import new_game
from game.engine.state import State
from game.strategies.runner import advance
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
    shot,
    to_move,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None or not PLAYWRIGHT, reason=HOW)


def test_the_face_to_face_form_of_a_definitions_table_asks_for_the_rung_then_the_baskets_in_play(
        browser: Any, tmp_path: Path) -> None:  # noqa: F811
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020_definitions.yaml", 1, root, seed=2)
    server = Serving(root)
    try:
        dashboard = browser.new_context().new_page()
        dashboard.goto(server.dashboard)
        pages = {role: join(browser, server.join, role, code) for role, code in codes(root, 1).items()}
        dashboard.select_option("#mode", "face-to-face")
        dashboard.click("#start-btn")
        page = pages["us"]
        page.wait_for_selector("#f2f-section:not([hidden])")
        scope = page.locator("#f2f-phases fieldset").first
        assert scope.locator("select").count() == 2                       # the rung, and the terms
        assert "Covert acts of state agencies" in scope.locator("select").first.inner_text()
        official = page.locator("#f2f-phases fieldset").nth(1)
        assert official.locator("select:visible").count() == 4 + 1        # the narrowest rung leaves two out
        page.check("#f2f-none-0")                                        # no deal: the default, every basket
        assert official.locator("select:visible").count() == 6 + 1 and page.is_hidden("#f2f-out-1")
        page.uncheck("#f2f-none-0")
        page.select_option("#f2f-0-0", index=1)                          # state media too: one left out
        assert official.locator("select:visible").count() == 5 + 1
        page.select_option("#f2f-0-0", index=0)
        assert official.locator("select:visible").count() == 4 + 1
        note = page.inner_text("#f2f-out-1")
        assert "Outside the agreed scope" in note and "critical infrastructure" in note
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, tmp_path, "f2f-definitions.png", "#f2f-section")
        for p in pages.values():
            p.select_option("#f2f-0-0", index=0)
            for select in p.locator("#f2f-phases fieldset").nth(1).locator("select:visible").all()[:-1]:
                select.select_option(index=1)
            p.click("#f2f-btn")
            p.wait_for_function("document.getElementById('f2f-message').textContent !== ''")
        page.wait_for_function("document.getElementById('f2f-message').textContent.startsWith('Recorded')")
        assert page.is_hidden("#error")
    finally:
        assert server.stop() == 0


def test_the_dashboard_hides_inject_an_event_face_to_face(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """Face to face no game is played on the server: an event cannot happen, so the dashboard does not offer one
    (chosen in Mode before the start, and once the class has started in that mode, a reload included)."""
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        dashboard.set_viewport_size(PHONE)
        dashboard.wait_for_selector("#flags:has-text('has not started')")
        assert dashboard.is_visible("#inject-section") and dashboard.is_visible("#handover-hint")
        assert "AI plays empty seats" in dashboard.inner_text("#start-btn")
        dashboard.select_option("#mode", "face-to-face")
        assert dashboard.is_hidden("#inject-section") and dashboard.is_hidden("#inject-btn")
        assert dashboard.is_hidden("#handover-hint") and "AI" not in dashboard.inner_text("#start-btn")
        dashboard.select_option("#mode", "online")
        assert dashboard.is_visible("#inject-section")
        dashboard.select_option("#mode", "face-to-face")
        dashboard.click("#start-btn")
        dashboard.wait_for_selector("#start-btn", state="hidden")
        assert dashboard.is_hidden("#inject-section")
        dashboard.reload()
        dashboard.wait_for_selector("#start-btn", state="hidden")
        assert dashboard.is_hidden("#inject-section") and dashboard.is_visible("#end-btn")
        assert dashboard.is_hidden("#handover-hint")
        shot(dashboard, tmp_path, "dashboard-f2f.png")


def opening(root: Path, table: int) -> State:
    """The table's game at its first move, as the class server starts it (its seed and scheduled events):
    what each delegation perceives there."""
    session = open_session(root)
    return advance(new_game(session.scenario), np.random.default_rng(session.seed_of(table)), {},
                   frozenset(session.roles), schedule=session.injects)


def test_accepting_an_offer_worth_less_than_no_deal_gives_the_reasons_in_one_step(
        browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        seat = codes(root, 1)
        pages = {role: join(browser, server.join, role, code) for role, code in seat.items()}
        dashboard.click("#start-btn")
        mover, other = to_move(pages["us"], pages["ru"])
        receiver = "ru" if mover is pages["us"] else "us"
        state = opening(root, 1)
        assert state.tables is not None
        worst = state.tables.problem.outcome_at(int(np.argmin(state.tables.of(receiver).perceived)))
        for i, option in enumerate(worst):
            mover.select_option(f"#choice-{i}", str(option))
        mover.click("#offer-btn")
        mover.wait_for_selector("#risk-confirm:not([hidden]), #log li.log-offer")
        if mover.is_visible("#risk-confirm"):
            mover.click("#risk-yes")                     # across the mover's own red lines: it said yes
        other.wait_for_selector("#accept-btn:not([hidden])")
        other.click("#accept-btn")                       # one step: the reasons, in place of the plain question
        assert other.is_visible("#accept-confirm") and other.is_visible("#accept-reasons")
        reasons = other.inner_text("#accept-reasons")
        assert "less than no deal" in reasons and other.inner_text("#accept-question") == "Accept it anyway?"
        assert other.is_hidden("#risk-confirm")
        assert other.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(other, tmp_path, "accept-risk.png", "#table-section")
        other.click("#accept-yes")                       # ... and yes makes it: no second question
        other.wait_for_selector("#aftermath-section:not([hidden])")
        assert other.is_hidden("#risk-confirm")
        assert "The talks ended with an agreement." in other.inner_text("#aftermath")
