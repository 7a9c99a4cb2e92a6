"""End to end in a real browser (issue 15): the class server started as the instructor starts it, and
headless Chromium pages at phone width playing as students.

These tests drive the system's Chromium through Playwright (no browser is downloaded). Without it
they skip and say how to run them: ``apt-get install -y chromium`` (``.ci/run`` does it), then
``.venv/bin/python -m pytest tests/test_web_browser.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from game.classroom.folder import create_session, open_session, session_key
from game.classroom.signing import seat_key
from game.web.codes import join_code
from tests.conftest import ROOT, SCENARIOS

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
HOW = ("browser tests need the system's Chromium and the playwright package: apt-get install -y chromium "
       "(.ci/run installs it), then .venv/bin/python -m pytest tests/test_web_browser.py")
try:
    from playwright.sync_api import Page, ViewportSize, sync_playwright
except ImportError:                                     # pragma: no cover - the test extra installs it
    PLAYWRIGHT = False
else:
    PLAYWRIGHT = True
pytestmark = pytest.mark.skipif(CHROMIUM is None or not PLAYWRIGHT, reason=HOW)

PHONE: ViewportSize = {"width": 360, "height": 740}
SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror="window.__xss=2">'


def hostile_scenario(tmp_path: Path) -> Path:
    """narrow_deal_2020 with markup in its title, a delegation's name, a basket and an option."""
    text = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
    text = text.replace('title: "A narrow deal: governments only"', f'title: "A narrow deal {SCRIPT}"')
    text = text.replace("name: Russian delegation (Foreign Ministry)", f"name: 'Russian {IMG} delegation'")
    text = text.replace("name: Hack-and-leak by state agencies", f"name: 'Hack-and-leak {IMG}'")
    text = text.replace("label: No commitment, detection: 0.8}", f"label: 'No commitment {SCRIPT}', detection: 0.8}}", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class Serving:
    """``classroom serve DIR --host 127.0.0.1 --port 0`` as a subprocess, with its three printed lines."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "main.py", "classroom", "serve", str(root), "--host",
                                         "127.0.0.1", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        stdout, stderr = self.process.stdout, self.process.stderr
        assert stdout is not None and stderr is not None        # both are pipes
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(stdout.readline() for _ in range(3)), daemon=True)
        reader.start()
        reader.join(60)
        assert len(lines) == 3, stderr.read() if self.process.poll() is not None else "no output"
        self.lines = [line.rstrip("\n") for line in lines]
        self.join = self.lines[0].split(" ", 1)[1]
        self.dashboard = self.lines[1].split(" ", 1)[1]

    def stop(self) -> int:
        import signal
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for pipe in (self.process.stdout, self.process.stderr):
                if pipe is not None:
                    pipe.close()


SHOTS = os.environ.get("BACKCHANNEL_SHOTS")      # a folder: tests leave screenshots there for a person to look at


def shot(page: Any, tmp_path: Path, name: str, part: str | None = None) -> None:
    """The whole page (or the element ``part``) as ``name``, kept in BACKCHANNEL_SHOTS when it is set (else
    in the test's own folder)."""
    path = str(Path(SHOTS or tmp_path) / name)
    if part is None:
        page.screenshot(path=path, full_page=True)
    else:
        page.locator(part).screenshot(path=path)


def codes(root: Path, table: int) -> dict[str, str]:
    session = open_session(root)
    key = session_key(session)
    return {role: join_code(seat_key(key, session.id, table, role)) for role in session.roles}


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@contextmanager
def served_class(browser: Any, tmp_path: Path, tables: int) -> Iterator[tuple[Path, Serving, Page]]:
    """A class of ``tables`` narrow-deal tables (seed 2) served by ``classroom serve``, with the instructor's
    dashboard open: (the class folder, the server, the dashboard page); the server must stop cleanly."""
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", tables, root, seed=2)
    server = Serving(root)
    try:
        dashboard = browser.new_context().new_page()
        dashboard.goto(server.dashboard)
        yield root, server, dashboard
    finally:
        assert server.stop() == 0


def join(browser: Any, url: str, name: str, code: str) -> Page:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(url)
    page.fill("#name", name)
    page.fill("#code", code)
    page.keyboard.press("Enter")                       # the form works from the keyboard
    page.wait_for_url("**/play")
    return page


def to_move(us: Page, ru: Page) -> tuple[Page, Page]:
    """(the page whose seat may offer now, the other), waiting up to 10 s for one to get the turn."""
    for _ in range(100):
        mover = next((p for p in (us, ru) if p.is_visible("#offer-btn")), None)
        if mover is not None:
            return mover, (ru if mover is us else us)
        us.wait_for_timeout(100)
    raise AssertionError("nobody could make an offer")


def start_table_one(browser: Any, server: Serving, root: Path, dashboard: Page) -> tuple[Page, Page]:
    """Ann and Bo take the two seats of table 1 on phone pages and the instructor starts the class:
    (the page whose seat may offer first, the other)."""
    seat = codes(root, 1)
    us, ru = join(browser, server.join, "Ann", seat["us"]), join(browser, server.join, "Bo", seat["ru"])
    dashboard.click("#start-btn")
    return to_move(us, ru)


def play_a_table(browser: Any, server: Serving, root: Path) -> tuple[Page, Page, Page]:
    """Two phone pages take the two seats of table 1, the instructor starts, one offers, the other accepts."""
    dashboard = browser.new_context().new_page()
    dashboard.goto(server.dashboard)
    assert dashboard.url.endswith("/dashboard")        # the token left the address bar
    seat = codes(root, 1)
    us, ru = join(browser, server.join, "Ann", seat["us"]), join(browser, server.join, "Bo", seat["ru"])
    assert dashboard.inner_text("#flags").startswith("The class has not started: press Start the class when ready")
    # the controls that act on the tables wait for the start (instructor trial: Inject said "No table could take
    # this event: ." and Pause did nothing)
    assert all(dashboard.is_disabled(f"#{b}") for b in ("pause-btn", "resume-btn", "inject-btn", "end-btn"))
    dashboard.click("#start-btn")
    dashboard.wait_for_selector("#start-btn", state="hidden")   # a started class cannot be started again
    us.wait_for_selector("#table-section:not([hidden])")
    ru.wait_for_selector("#table-section:not([hidden])")
    mover, other = to_move(us, ru)
    form = "Array.from(document.querySelectorAll('#choices select')).map((s) => s.value)"
    assert set(mover.evaluate(form)) != {"0"}          # the form starts at the seat's best, not at the worst options
    assert mover.is_hidden("#message-basket")          # no message: no basket to name
    mover.select_option("#message-kind", "movement")
    assert mover.is_visible("#message-basket")
    mover.select_option("#message-kind", "")
    for select in mover.query_selector_all("#choices select"):
        select.select_option("1")
    label = mover.evaluate("document.getElementById('choice-0').selectedOptions[0].textContent")
    # the whole chosen label, readable on a phone, then the option's own words and detection odds
    assert mover.inner_text("#choice-0-full").startswith(label + " · ")
    assert "Violations detected" in mover.inner_text("#choice-0-full")
    mover.click("#offer-btn")
    other.wait_for_selector("#accept-btn:not([hidden])")
    other.click("#copy-offer")                          # "Start from their offer" copies it into the form
    assert set(other.evaluate(form)) == {"1"}
    other.click("#accept-btn")                          # one tap is not final: a second step asks
    assert other.is_visible("#accept-yes") and other.is_hidden("#accept-btn")
    other.keyboard.press("Escape")                      # the keyboard cancels ...
    assert other.is_hidden("#accept-confirm") and other.is_visible("#accept-btn")
    other.click("#accept-btn")
    assert other.evaluate("document.activeElement.id") == "accept-yes"
    assert other.is_hidden("#aftermath-section")
    other.keyboard.press("Enter")                       # ... and confirms
    for page in (us, ru):
        page.wait_for_selector("#aftermath-section:not([hidden])")
        assert "No offer on the table yet" not in page.inner_text("#standing")
        assert "The game is over: see the aftermath below." in page.inner_text("#standing")
        assert "Agreement form" not in page.inner_text("#standing")      # the deal is shown once, in the aftermath
    dashboard.wait_for_function("document.querySelector('#table-1 .outcome') && "
                                "document.querySelector('#table-1 .outcome').textContent.startsWith('deal (')")
    return us, ru, dashboard


def test_two_phone_pages_play_a_table_to_the_end_and_the_dashboard_shows_the_deal(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", 2, root, seed=2)
    server = Serving(root)
    try:
        us, ru, dashboard = play_a_table(browser, server, root)
        assert "agreement" in us.inner_text("#aftermath") and "agreement" in ru.inner_text("#aftermath")
        if "did not enter into force" in us.inner_text("#aftermath"):
            assert "never bound anyone" in us.inner_text("#aftermath") and "honoured by the other side in" not in us.inner_text("#aftermath")
            # who refused, in the debrief's words (the payload's 'refusal' clause), never an undefined field
            assert re.search(r"did not enter into force: \S.* (refused it|declined to sign it|held .+ back)\.",
                             us.inner_text("#aftermath")), us.inner_text("#aftermath")
        n = len(open_session(root).scenario.baskets) + 1
        force = "not in force" if "did not enter into force" in us.inner_text("#aftermath") else "in force"
        assert dashboard.inner_text("#table-1 .outcome") == f"deal ({force}): " + ",".join(["2"] * n)
        assert us.is_hidden("#debrief-section")                      # not before the talks end
        dashboard.once("dialog", lambda d: d.accept())
        dashboard.click("#end-btn")
        us.wait_for_selector("#debrief-section:not([hidden])")
        assert "Your score" in us.inner_text("#debrief")
        dashboard.wait_for_selector("#debrief-links:not([hidden])")
        scroll = us.evaluate("document.documentElement.scrollWidth")
        assert scroll <= PHONE["width"], f"the page is {scroll} px wide on a {PHONE['width']}-px phone"
        dashboard.set_viewport_size(PHONE)                           # the instructor's pages on a phone too
        for path in ("/dashboard", "/debrief/debrief.html", "/debrief/checks.html"):
            dashboard.goto(server.join.rstrip("/") + path)
            scroll = dashboard.evaluate("document.documentElement.scrollWidth")
            assert scroll <= PHONE["width"], f"{path} is {scroll} px wide on a {PHONE['width']}-px phone"
    finally:
        assert server.stop() == 0
    assert list((root / "results").glob("table-01-*.json"))


def test_markup_in_a_scenario_is_shown_as_text(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "class"
    create_session(hostile_scenario(tmp_path), 1, root, seed=2)
    server = Serving(root)
    try:
        us, ru, dashboard = play_a_table(browser, server, root)
        projector = browser.new_page()
        projector.goto(server.join + "projector")
        for page in (us, ru, dashboard, projector):
            assert page.evaluate("window.__xss") is None, page.url
            assert page.query_selector("img[src=x]") is None, page.url
        assert SCRIPT in us.title() or "A narrow deal <script>" in us.title() or "A narrow deal" in projector.title()
        assert "Hack-and-leak " + IMG in us.inner_text("#brief")
        assert "Russian " + IMG + " delegation" in us.inner_text("#brief")     # across the table
        assert "No commitment " + SCRIPT in us.inner_text("#brief") or "No commitment " + SCRIPT in us.inner_text(
            "#choices")
        assert SCRIPT in projector.inner_text("h1")
    finally:
        assert server.stop() == 0


def test_after_the_talks_end_the_seat_to_move_is_told_and_may_only_accept_or_let_them_end(browser: Any,
                                                                                         tmp_path: Path) -> None:
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        mover, other = start_table_one(browser, server, root, dashboard)
        mover.click("#offer-btn")
        other.wait_for_selector("#accept-btn:not([hidden])")
        dashboard.once("dialog", lambda d: d.accept())
        dashboard.click("#end-btn")
        other.wait_for_function("document.getElementById('status').textContent.includes('ended the talks')")
        status = other.inner_text("#status")
        assert "this is your last answer" in status and "Your move." not in status
        assert other.is_hidden("#compose") and other.is_visible("#accept-btn")       # no new offer now
        assert other.inner_text("#walk-btn") == "Let the talks end (no deal)"
        mover.wait_for_function("document.getElementById('status').textContent.includes('last answer')")
        scroll = other.evaluate("document.documentElement.scrollWidth")
        assert scroll <= PHONE["width"], f"the page is {scroll} px wide on a {PHONE['width']}-px phone"
        other.click("#walk-btn")
        for page in (mover, other):                            # both seats
            page.wait_for_selector("#aftermath-section:not([hidden])")
            page.wait_for_selector("#debrief-section:not([hidden])")
        assert "No deal: the talks ended without an agreement (you let the talks end after the instructor ended " \
            "them)." in other.inner_text("#aftermath")
        assert other.inner_text("#status") == "The instructor ended the talks: your game is over."


def test_stale_notices_go_and_a_seat_taken_elsewhere_is_told_how_to_take_it_back(browser: Any,
                                                                                tmp_path: Path) -> None:
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", 1, root, seed=2)
    server = Serving(root)
    try:
        dashboard = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        dashboard.goto(server.dashboard)
        seat = codes(root, 1)
        us, ru = join(browser, server.join, "Ann", seat["us"]), join(browser, server.join, "Bo", seat["ru"])
        dashboard.click("#start-btn")
        mover, other = to_move(us, ru)
        dashboard.click("#pause-btn")
        mover.wait_for_function("document.getElementById('status').textContent.startsWith('Paused')")
        assert mover.is_disabled("#offer-btn") and mover.is_visible("#paused-note")   # the move waits, said so
        assert "paused" in mover.inner_text("#paused-note")
        dashboard.click("#resume-btn")
        mover.wait_for_function("!document.getElementById('status').textContent.startsWith('Paused')")
        assert mover.is_hidden("#paused-note") and mover.is_enabled("#offer-btn")   # the pause's note went with it
        assert mover.is_hidden("#error")
        # the dashboard's columns break between words, never inside one ("playin|g"), even on a tablet
        dashboard.set_viewport_size({"width": 640, "height": 900})
        dashboard.wait_for_function("document.querySelector('#table-1') !== null")
        lines = dashboard.evaluate("""Array.from(document.querySelectorAll('#tables th, #table-1 td')).map((c) => {
            const r = document.createRange(); r.selectNodeContents(c);
            return [c.textContent, c.textContent.includes(' ') ? 1 : r.getClientRects().length]; })""")
        assert all(n <= 1 for _, n in lines), [x for x in lines if x[1] > 1]
        join(browser, server.join, "Ann again", seat["us"])   # the seat taken on another device
        us.wait_for_function("document.getElementById('status').textContent.includes('another device')")
        assert "join again with your seat code" in us.inner_text("#status")   # reloading alone does not
        us.click("#status a")                                 # instructor trial: no way to the join page
        us.wait_for_url(server.join.rstrip("/") + "/")
    finally:
        assert server.stop() == 0


@pytest.mark.slow
def test_a_class_of_24_phone_pages_plays_to_its_debrief(browser: Any, tmp_path: Path) -> None:
    """Issue 15's 'done': 24 headless pages at phone width on loopback play a 12-table class to its
    debrief, and no page is sent another seat's state (about two minutes on two cores)."""
    import json
    root = tmp_path / "class"
    create_session(SCENARIOS / "narrow_deal_2020.yaml", 12, root, seed=11)
    server = Serving(root)
    frames: dict[tuple[int, str], list[str]] = {}
    try:
        dashboard = browser.new_context().new_page()
        dashboard.goto(server.dashboard)
        pages: dict[tuple[int, str], Page] = {}
        for k in range(1, 13):
            seat = codes(root, k)
            for role in ("us", "ru"):
                page = browser.new_context(viewport=PHONE).new_page()
                frames[(k, role)] = []
                page.on("websocket", lambda ws, key=(k, role): ws.on(
                    "framereceived", lambda f, key=key: frames[key].append(f)))
                pages[(k, role)] = page
                page.goto(server.join)
                page.fill("#name", f"Student {k} {role}")
                page.fill("#code", seat[role])
                page.keyboard.press("Enter")
                page.wait_for_url("**/play")
        dashboard.click("#start-btn")
        for k in range(1, 13):
            us, ru = pages[(k, "us")], pages[(k, "ru")]
            us.wait_for_selector("#table-section:not([hidden]), #aftermath-section:not([hidden])")
            if us.is_visible("#aftermath-section"):
                continue                                   # an event froze this table's talks at once
            mover = None
            for _ in range(200):
                mover = next((p for p in (us, ru) if p.is_visible("#offer-btn")), None)
                if mover is not None:
                    break
                us.wait_for_timeout(100)
            assert mover is not None, f"table {k}: nobody could make an offer"
            other = ru if mover is us else us
            for select in mover.query_selector_all("#choices select"):
                select.select_option("1")
            mover.click("#offer-btn")
            other.wait_for_selector("#accept-btn:not([hidden])")
            other.click("#accept-btn")
            other.click("#accept-yes")
        for page in pages.values():
            page.wait_for_selector("#aftermath-section:not([hidden])", timeout=60000)
        dashboard.once("dialog", lambda d: d.accept())
        dashboard.click("#end-btn")
        for page in pages.values():
            page.wait_for_selector("#debrief-section:not([hidden])", timeout=60000)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        dashboard.wait_for_selector("#debrief-links:not([hidden])")
        for (k, role), received in frames.items():
            states = [json.loads(f) for f in received if '"type": "state"' in f]
            assert states and all(s["seat"] == {**s["seat"], "table": k, "role": role} for s in states)
    finally:
        assert server.stop() == 0
    grades = (root / "debrief" / "grades.csv").read_text().splitlines()
    assert len(grades) == 1 + 24


def test_a_refusal_is_seen_where_the_student_is_and_the_timer_speaks_plainly(browser: Any, tmp_path: Path) -> None:
    """Instructor trial: at 360 px, 'Make this offer' during a pause showed its refusal in the header, about
    940 px above the button, so nothing seemed to happen; a 2-minute timer said 'five minutes left' and ran
    on during the pause without a word."""
    with served_class(browser, tmp_path, 1) as (root, server, dashboard):
        mover, _ = start_table_one(browser, server, root, dashboard)
        dashboard.fill("#minutes", "2")
        dashboard.click("#timer-btn")
        dashboard.click("#pause-btn")
        mover.wait_for_function("document.getElementById('status').textContent.includes('Paused')")
        assert mover.is_disabled("#offer-btn")                     # the move waits for the resume, said beside it
        mover.locator("#offer-btn").scroll_into_view_if_needed()
        mover.wait_for_selector("#paused-note", state="visible")
        box, view = mover.locator("#paused-note").bounding_box(), mover.viewport_size
        assert box is not None and view is not None
        assert 0 <= box["y"] and box["y"] + box["height"] <= view["height"], (box, view)
        timer = mover.inner_text("#timer")
        assert "less than five minutes" in timer and "runs on during the pause" in timer, timer
