"""Benchmark of the game window, headless (dummy video and audio drivers).

* ``first_frame_s``: wall time from a fresh interpreter's start to the title
  screen's first frame on screen (imports, window, theme, fonts, sounds).
* ``frame_p50_ms``, ``frame_p99_ms``: time of one frame at the negotiating
  table of the largest shipped scenario (ryabkov_2017: ten baskets) while a
  scripted player works: every frame carries input (moving the focus, changing
  options) and every 20th proposes a package, so the AI answers within the
  frame. Every frame is drawn. Each game has events that change weights at rounds
  2-4 (so the 3.1M-outcome tables are rebuilt) and the meters' animations run in
  the frames after them. A move (the AI's answer, events, tables) plays in the table's
  worker thread, off the frame; ``frame_max_ms`` is the slowest frame.

Usage: ``python benchmarks/bench_ui.py [--json] [--frames N]``; the last line of
``--json`` output is one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

FIRST_FRAME = """
import time, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from game.ui.app import App
from game.ui.settings import Settings
from game.ui.scenes.title import TitleScene
app = App(Settings(), size=(1280, 800), settings_file=Path({settings!r}))
app.push(TitleScene(app))
app.frame(0.016)
print(time.time())
"""


def first_frame_s() -> float:
    with tempfile.TemporaryDirectory() as scratch:
        code = FIRST_FRAME.format(root=str(ROOT), settings=str(Path(scratch) / "settings.json"))
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "XDG_DATA_HOME": scratch})
        return float(out.stdout.strip().splitlines()[-1]) - start


EVENTS = (("interference_complaint", 2), ("hack_and_leak_scandal", 3), ("interference_complaint", 4))
"""Events that change weights (the tables are rebuilt), at rounds 2-4 of every game."""


def frame_times(frames: int) -> list[float]:
    import pygame

    from game.engine.actions import Offer
    from game.scenario.loader import SCENARIO_DIR, load_scenario
    from game.session.game import GameSession
    from game.ui.app import App
    from game.ui.scenes.table import TableScene
    from game.ui.settings import Settings

    times = []
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_DATA_HOME"] = scratch
        app = App(Settings(), size=(1280, 800), settings_file=Path(scratch) / "settings.json")
        scenario = load_scenario(SCENARIO_DIR / "ryabkov_2017.yaml")
        seed = 0
        session = GameSession.new(scenario, "us", seed, "modeller", schedule=EVENTS)
        table = TableScene(app, session)
        app.reset(table)
        app.frame(0.016)
        keys = [pygame.K_TAB, pygame.K_RIGHT, pygame.K_TAB, pygame.K_LEFT, pygame.K_DOWN]
        for n in range(frames):
            if session.over:
                seed += 1
                table.worker.join()
                session = GameSession.new(scenario, "us", seed, "modeller", schedule=EVENTS)
                table = TableScene(app, session)
                app.reset(table)
            key = keys[n % len(keys)]
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(200 + n % 400, 300), rel=(1, 0),
                                                 buttons=(0, 0, 0), touch=False))
            start = time.perf_counter()
            if n % 20 == 19 and not table.worker.busy and session.to_move == "us" and app.top is table:
                table.submit(Offer("us", tuple(table.draft)))
            drawn = app.frames_drawn
            app.frame(1 / 60)                # input arrived, so the frame is drawn
            times.append(time.perf_counter() - start)
            assert app.frames_drawn == drawn + 1
        table.worker.join()
        app.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON object of figures")
    parser.add_argument("--frames", type=int, default=600, help="frames timed at the table")
    args = parser.parse_args()
    import numpy as np

    figures: dict[str, object] = {"first_frame_s": first_frame_s()}
    times = np.array(frame_times(args.frames)) * 1000
    figures.update({"frame_p50_ms": float(np.percentile(times, 50)), "frame_p99_ms": float(np.percentile(times, 99)),
                    "frame_max_ms": float(times.max()), "frames": len(times)})
    print(f"first frame after {figures['first_frame_s']:.2f} s; frames at the table: p50 "
          f"{figures['frame_p50_ms']:.1f} ms, p99 {figures['frame_p99_ms']:.1f} ms, max {figures['frame_max_ms']:.1f} ms",
          file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
